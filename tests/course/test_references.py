"""The package's comments and docstrings point to sections the repository has: every
"course/references.md §X.Y" (or a bare "§X.Y" in a file that cites references.md) and every
"references.md#anchor" names a section of course/references.md, whose Chinese twin has the
same sections; and no tag of the kit's former internal reference is left ("[C]", "[D]",
"[?]", "domain reference N"), since learners and maintainers do not have that file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from receivables import paths

KIT = paths.kit_root()
REFERENCES = KIT / "course" / "references.md"
TWIN = KIT / "course" / "zh" / "references.md"
#: Where comments and docstrings are read: the package and the tests.
SOURCES = ("src", "tests")
SUFFIXES = (".py", ".yml")
#: The production-wording check names the old tag as a pattern to find (and tests it).
NAMES_THE_PATTERN = {
    Path("src/receivables/course/shown.py"),
    Path("tests/course/test_wording.py"),
    Path("tests/course/test_references.py"),
}

HEADING = re.compile(r'^#{2,3} <a id="([\w-]+)"></a>(\d+(?:\.\d+)?)\.? ', re.M)
CITES_PAGE = re.compile(r"references\.md")
SECTION = re.compile(r"§\s?(\d+(?:\.\d+)?)")
ANCHOR = re.compile(r"references\.md#([\w-]+)")
OLD_TAG = re.compile(r"[Dd]omain[\s-]+reference|(?<!datetime64)(?<!timedelta64)\[(?:C|D|\?)(?:\]|[ ,])")


def sections(page: Path) -> dict[str, str]:
    """Section number -> anchor of a references page ("8.1" -> "dunning-ladder")."""
    return {number: anchor for anchor, number in HEADING.findall(page.read_text(encoding="utf-8"))}


def source_files() -> list[Path]:
    return sorted(p for folder in SOURCES for p in (KIT / folder).rglob("*") if p.suffix in SUFFIXES and p.is_file())


def citations(text: str) -> tuple[set[str], set[str]]:
    """The section numbers and anchors a text cites (sections only where it names the page)."""
    if not CITES_PAGE.search(text):
        return set(), set()
    return set(SECTION.findall(text)), set(ANCHOR.findall(text))


def test_the_parser_reads_the_page_and_finds_citations():
    found = sections(REFERENCES)
    assert found["2.4"] == "dso" and found["8"] == "8-collection-follow-up" and found["8.1"] == "dunning-ladder"
    assert citations("standard definition (course/references.md §2.1); see also §6.2") == ({"2.1", "6.2"}, set())
    assert citations("see references.md#cei") == (set(), {"cei"})
    assert citations("§9.9 without naming the page") == (set(), set())


def test_the_chinese_twin_has_the_same_sections():
    assert sections(TWIN) == sections(REFERENCES)


def test_every_cited_section_exists():
    known = sections(REFERENCES)
    anchors = set(known.values())
    missing = []
    cited = 0
    for path in source_files():
        rel = path.relative_to(KIT)
        if rel == Path(__file__).relative_to(KIT):  # its own examples
            continue
        numbers, names = citations(path.read_text(encoding="utf-8"))
        cited += len(numbers) + len(names)
        missing += [f"{rel}: §{n}" for n in sorted(numbers - set(known))]
        missing += [f"{rel}: #{a}" for a in sorted(names - anchors)]
    assert cited > 50  # the package does cite the page
    assert missing == []


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("Weighted credit score. [C, illustrative] Domain reference 5.", True),
        ("fixed definition [D]", True),
        ("a figure [?]", True),
        ("the kit's domain\nreference", True),
        ('values.to_numpy(dtype="datetime64[D]")', False),
        ("Convention (course/references.md §5.2).", False),
    ],
)
def test_the_old_tag_pattern(text, tagged):
    assert bool(OLD_TAG.search(text)) is tagged


def test_no_old_tag_is_left():
    left = []
    for path in source_files():
        rel = path.relative_to(KIT)
        if rel in NAMES_THE_PATTERN:
            continue
        text = path.read_text(encoding="utf-8")
        left += [f"{rel}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)!r}" for m in OLD_TAG.finditer(text)]
    assert left == []
