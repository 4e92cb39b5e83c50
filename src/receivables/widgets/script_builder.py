"""Widget: the script builder (催收话术): the learner writes their own lines per slot (the
opening, the four pretexts, the six scenarios, the five communication styles).

Every edit is saved at once to a JSON file in the learner's folder (by default beside the
notebook) and reloaded when the widget starts, so nothing is lost between sessions. The file
handling is `receivables.collection.scripts` (tested): an unreadable file is copied aside,
never overwritten; when saving fails, the text stays in the boxes, the message says so, and
the next edit retries every unsaved line.
"""

from __future__ import annotations

import os
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from receivables.collection.conversation import pick
from receivables.collection.scripts import (
    SECTIONS,
    load_scripts,
    save_lines,
    section_title,
    slots,
    written_count,
)
from receivables.i18n import check_lang, t
from receivables.widgets import errors

DEFAULT_FILE = "my-collection-scripts.json"


def slot_class(key: str) -> str:
    """The CSS class of a slot's text box (a browser test finds the box by it)."""
    return "receivables-script-" + key.replace(".", "-").replace("_", "-")


class ScriptBuilderWidget:
    """One text box per slot of ``sections`` (all four when None), saved to ``path``.

    Like the kit's other widgets: ``.controls`` ({slot key: Textarea}), ``.set(**{key: text})``
    as a learner would type, ``.result`` ({"lines", "written", "saved", "message", "path"}).
    ``.lines`` holds every line of the file, the other sections' included."""

    def __init__(
        self,
        path: str | os.PathLike = DEFAULT_FILE,
        lang: str = "en",
        sections: tuple[str, ...] | list[str] | None = None,
    ):
        self.lang = check_lang(lang)
        self.path = Path(path)
        self.sections = tuple(sections) if sections is not None else SECTIONS
        self.slots = slots(self.sections)
        loaded = load_scripts(self.path, lang)
        self.lines: dict[str, str] = dict(loaded.lines)
        self.backup = loaded.backup
        self._unsaved: set[str] = set()
        #: The error of the last edit that could not be handled (None once one works).
        self.failure: Exception | None = None
        self.status = w.HTML()
        self.controls: dict[str, w.Textarea] = {}
        for slot in self.slots:
            box = w.Textarea(
                value=self.lines.get(slot.key, ""),
                placeholder=t("scripts.placeholder", lang),
                continuous_update=True,
                layout=w.Layout(width="48em", height="5.5em"),
            )
            box.add_class(slot_class(slot.key))
            box.observe(lambda change, key=slot.key: self._observed(key, change["new"]), names="value")
            self.controls[slot.key] = box
        self._show(loaded.ok, loaded.message)

    def _show(self, saved: bool, message: str) -> None:
        colour = "#57606a" if saved else "#b42318"
        count = t("scripts.written", self.lang).format(
            n=written_count(self.lines, self.sections), total=len(self.slots)
        )
        self.status.value = (
            f"<p class='receivables-scripts-status' style='color:{colour}'>{escape(message)} <b>{escape(count)}</b></p>"
        )
        self.result: dict[str, Any] = {
            "lines": {s.key: self.lines.get(s.key, "") for s in self.slots},
            "written": written_count(self.lines, self.sections),
            "saved": saved,
            "message": message,
            "path": str(self.path),
        }

    def _observed(self, key: str, text: str) -> None:
        """A box's change: a failure becomes a short message in the status line and a
        traceback in the log, not a frozen widget (an unwritable file is `_on_edit`'s own)."""
        try:
            self._on_edit(key, text)
        except Exception as error:  # noqa: BLE001 - whatever fails, the learner must be told
            self.failure = error
            self.status.value = errors.report(self, error, self.lang)
        else:
            self.failure = None

    def _on_edit(self, key: str, text: str) -> None:
        self.lines[key] = text
        pending = {k: self.lines[k] for k in self._unsaved | {key}}
        try:
            on_file = save_lines(self.path, pending)
        except OSError as exc:
            self._unsaved |= set(pending)
            self._show(False, t("scripts.not_saved", self.lang).format(reason=exc.strerror or exc))
            return
        self._unsaved.clear()
        # Lines another notebook saved meanwhile (other slots) are kept, ours win for our slots.
        self.lines = {**on_file, **{k: self.lines[k] for k in pending}}
        self._show(True, t("scripts.saved", self.lang).format(path=self.path, time=datetime.now().strftime("%H:%M:%S")))

    def set(self, **values: str) -> dict[str, Any]:
        """Type into slots as a learner would: ``set(**{"scenario.angry": "…"})``."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise KeyError(f"no such script slot here: {', '.join(unknown)}")
        for key, text in values.items():
            if not isinstance(text, str):
                raise TypeError(f"{key}: a script line is text, not {type(text).__name__}")
        self.failure = None
        for key, text in values.items():
            self.controls[key].value = text
            if self.failure is not None:
                raise self.failure
        return self.result

    def view(self) -> w.Widget:
        lang = self.lang
        children: list[w.Widget] = [self.status]
        for section in self.sections:
            children.append(w.HTML(f"<h4 style='margin:1em 0 0.2em'>{escape(section_title(section, lang))}</h4>"))
            for slot in (s for s in self.slots if s.section == section):
                children.append(
                    w.HTML(
                        f"<p style='margin:0.6em 0 0.1em'><b>{escape(slot.label(lang))}</b>: "
                        f"<i>{escape(pick(slot.prompt, lang))}</i></p>"
                        f"<details><summary>{escape(t('scripts.suggestion', lang))}</summary>"
                        f"<p>{escape(pick(slot.suggestion, lang))}</p></details>"
                    )
                )
                children.append(self.controls[slot.key])
        return w.VBox(children)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view())
