"""What a company's ledger cannot show, and what a sales manager must know before reading
the report: the ledger's kind, the sections it leaves out with the sentence saying why,
its unapplied credits, and the warnings at the top of the report and in the command's
output.

A ledger is one of three kinds (``Ledger.kind``): ``full`` (it says when invoices were
paid), ``balance`` (it says what is still open, or what was paid, but not when: QuickBooks
Open Balance, 金蝶/用友 已收金额 without 收款日期) and ``invoices`` (no payment column at
all). Only a full ledger has a payment history: the DSO/CEI trend, the payment-behaviour
scorecard, warning signals from payments, roll rates and kept promises need it, and are
left out of the other kinds with one sentence (`cannot_show`), never drawn from an
assumption. The open balance, aging and DSO on the sales of the last 90 days need no
payment dates.

Warnings are codes with parameters (`case_warnings`), kept as such in summary.json and
written in either language by `warning_text`.
"""

from __future__ import annotations

from typing import Any, TypedDict

import numpy as np
import pandas as pd

from receivables.i18n import check_lang, t
from receivables.ledger import normalize_name
from receivables.ledger.mapping import _NORMALIZED
from receivables.metrics import PreparedLedger

#: Sections that need payment dates, in the order of the report.
PAYMENT_SECTIONS = ("trend", "promises", "scorecard", "signals", "roll_rates")
#: Warning codes, in the order they are shown.
WARNINGS = (
    "no_payments",
    "open_items_only",
    "as_of_outside",
    "one_customer",
    "several_currencies",
    "currency_column_unmapped",
)
#: A customer holding more than this share of the open balance gets a warning.
CONCENTRATION = 0.5
#: Days after the last entry of a balance-only ledger an as-of date may fall (its export
#: date usually comes after its last invoice) before it is called outside the data.
BALANCE_AS_OF_SLACK = 92


def _money(value: float) -> str:
    return f"{value:,.2f}"


class CodedNote(TypedDict):
    """A warning or reading note as summary.json keeps it: a code and its parameters
    (`warning_text` and `receivables.ledger.notes.note_text` write it in either language)."""

    code: str
    params: dict[str, Any]


class UnappliedCredits(TypedDict):
    """The unapplied credits open as of the date: amount (negative, 2 decimals) and count."""

    amount: float
    count: int


class LedgerFacts(TypedDict):
    """What `ledger_facts` returns: summary.json's keys about the ledger itself."""

    ledger_kind: str
    has_payment_dates: bool
    not_shown: list[str]
    dso_basis: str
    unapplied_credits: UnappliedCredits
    warnings: list[CodedNote]
    reading_notes: list[CodedNote]


def _kind(book) -> str:
    return getattr(book, "kind", "full")


def cannot_show(book, section: str, lang: str = "en") -> str:
    """ "" when the ledger can show ``section`` (one of PAYMENT_SECTIONS), else the one
    sentence saying it is left out and why."""
    check_lang(lang)
    if section not in PAYMENT_SECTIONS:
        raise ValueError(f"section must be one of {', '.join(PAYMENT_SECTIONS)}, not {section!r}")
    kind = _kind(book)
    if kind == "full":
        return ""
    return t(f"limits.left_out.{kind}", lang).format(what=t(f"limits.what.{section}", lang))


def not_shown(book) -> list[str]:
    """The sections the ledger leaves out (summary.json's ``not_shown``)."""
    return [] if _kind(book) == "full" else list(PAYMENT_SECTIONS)


def kind_sentence(book, as_of: str, lang: str = "en") -> str:
    """What this ledger is and what it can show: "" for a full ledger."""
    check_lang(lang)
    kind = _kind(book)
    if kind == "full":
        return ""
    text = t(f"limits.kind.{kind}", lang).format(as_of=as_of)
    dso = "limits.dso_basis" if getattr(book, "has_invoice_amounts", True) else "limits.no_dso"
    return f"{text} {t(dso, lang)}"


def unapplied_credits(prepared: PreparedLedger, as_of: str) -> UnappliedCredits:
    """{"amount", "count"} of the unapplied credits open as of the date (amount negative)."""
    amount, count = prepared.unapplied_credits(as_of)
    return {"amount": round(amount, 2), "count": int(count)}


def unapplied_sentence(prepared: PreparedLedger, as_of: str, lang: str = "en") -> str:
    """The report's line for unapplied credits: "" when there are none."""
    check_lang(lang)
    amount, count = prepared.unapplied_credits(as_of)
    if not count:
        return ""
    open_balance = prepared.balances(as_of)["open"]
    return t("limits.unapplied", lang).format(
        label=t("limits.unapplied_label", lang),
        amount=_money(amount),
        count=count,
        buckets=_money(open_balance - amount),
        open=_money(open_balance),
    )


# ------------------------------------------------------------------ warnings


def _dates(book) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last date of the data: invoice dates, and payment dates of a full ledger."""
    dates = pd.to_datetime(book.invoices["invoice_date"])
    first, last = dates.min(), dates.max()
    if _kind(book) == "full" and len(book.payments):
        paid = pd.to_datetime(book.payments["paid_date"])
        first, last = min(first, paid.min()), max(last, paid.max())
    return (None if pd.isna(first) else first), (None if pd.isna(last) else last)


def _unmapped_currency(book) -> tuple[str, list[str]] | None:
    """A column that looks like a currency, not mapped, holding several values."""
    if "currency" in book.invoices.columns:
        return None
    names = set(_NORMALIZED["currency"])
    for column in book.invoices.columns:  # a handful of ride-along columns
        if column in ("invoice_id", "customer_id", "customer_name", "row"):
            continue
        if normalize_name(str(column)) in names:
            values = sorted(set(book.invoices[column].astype("str").str.strip().str.upper()) - {""})
            if len(values) > 1:
                return str(column), values
    return None


def case_warnings(book, prepared: PreparedLedger, as_of: str) -> list[CodedNote]:
    """What a manager needs to know before reading the figures, as [{"code", "params"}]."""
    out: list[CodedNote] = []
    kind = _kind(book)
    n = len(book.invoices)
    if n == 0:
        return out
    unapplied = book.unapplied.to_numpy() if hasattr(book, "unapplied") else np.zeros(n, dtype=bool)
    invoices = int((~unapplied).sum())
    if kind == "invoices" or (kind == "full" and len(book.payments) == 0):
        out.append({"code": "no_payments", "params": {"invoices": invoices}})
    else:
        bal = prepared.balances(as_of)
        issued_open = bal["count"] - bal["unapplied_count"]
        issued = int(
            (pd.to_datetime(book.invoices["invoice_date"]) <= pd.Timestamp(as_of)).to_numpy()[~unapplied].sum()
        )
        if issued and issued_open == issued:
            out.append({"code": "open_items_only", "params": {"invoices": issued}})
    first, last = _dates(book)
    day = pd.Timestamp(as_of)
    if first is not None:
        slack = pd.Timedelta(days=0 if kind == "full" else BALANCE_AS_OF_SLACK)
        if day < first or day > last + slack:
            out.append(
                {
                    "code": "as_of_outside",
                    "params": {"as_of": str(day.date()), "first": str(first.date()), "last": str(last.date())},
                }
            )
    items = prepared.open_items(as_of)
    total = float(items["open_amount"].sum())
    if total > 0 and len(items):
        per = items.groupby(items["customer_id"].astype("str"))["open_amount"].sum().sort_values(ascending=False)
        top, amount = str(per.index[0]), float(per.iloc[0])
        if amount > CONCENTRATION * total and len(per) > 1:
            name = top
            if "customer_name" in items.columns:
                names = items.loc[items["customer_id"].astype("str") == top, "customer_name"]
                name = str(names.iloc[0]) if len(names) and str(names.iloc[0]).strip() else top
            out.append(
                {
                    "code": "one_customer",
                    "params": {
                        "customer": name,
                        "share": round(amount / total * 100, 1),
                        "amount": round(amount, 2),
                        "open": round(total, 2),
                    },
                }
            )
    currencies = list(getattr(book, "currencies", []) or [])
    if len(currencies) > 1:
        kept = sorted(set(book.invoices["currency"].astype("str"))) if "currency" in book.invoices.columns else []
        others = [c for c in currencies if c not in kept]
        out.append(
            {
                "code": "several_currencies",
                "params": {
                    "currencies": ", ".join(currencies),
                    "kept": ", ".join(kept),
                    "other": others[0] if others else "",
                },
            }
        )
    unmapped = _unmapped_currency(book)
    if unmapped is not None:
        column, values = unmapped
        out.append(
            {
                "code": "currency_column_unmapped",
                "params": {"column": column, "currencies": ", ".join(values), "first": values[0]},
            }
        )
    return out


def warning_text(warning: CodedNote, lang: str = "en") -> str:
    """One warning as a sentence in ``lang``."""
    check_lang(lang)
    params = dict(warning["params"])
    for key in ("amount", "open"):
        if isinstance(params.get(key), float):
            params[key] = _money(params[key])
    return t(f"limits.warning.{warning['code']}", lang).format(**params)


def warnings_markdown(warnings: list[CodedNote], lang: str = "en") -> str:
    """The warnings as a block for the top of the report: "" when there are none."""
    return _block("limits.warnings_title", [f"⚠️ {warning_text(w, lang)}" for w in warnings], lang)


def _block(title_key: str, items: list[str], lang: str) -> str:
    """A titled list for the top of the report: "" when it has no item."""
    if not items:
        return ""
    return "\n".join([f"**{t(title_key, lang)}**", "", *(f"- {item}" for item in items)])


def ledger_facts(book, prepared: PreparedLedger, as_of: str) -> LedgerFacts:
    """summary.json's keys about the ledger itself: its kind, whether it has payment
    dates, what the report leaves out, the basis of DSO, unapplied credits, warnings."""
    return {
        "ledger_kind": _kind(book),
        "has_payment_dates": _kind(book) == "full",
        "not_shown": not_shown(book),
        "dso_basis": "open balance / sales of the last 90 days x 90"
        if getattr(book, "has_invoice_amounts", True)
        else "open balance / open amounts invoiced in the last 90 days x 90",
        "unapplied_credits": unapplied_credits(prepared, as_of),
        "warnings": case_warnings(book, prepared, as_of),
        "reading_notes": reading_notes(book),
    }


def reading_notes(book) -> list[CodedNote]:
    """How the file was read, as codes with parameters (`receivables.ledger.notes`): the
    export's own total reconciled with the rows used, an encoding or a number format
    chosen without certainty."""
    return [{"code": code, "params": dict(params)} for code, params in getattr(book, "notes", [])]


def notes_markdown(notes: list[CodedNote], lang: str = "en") -> str:
    """The reading notes as a block for the top of the report: "" when there are none."""
    from receivables.ledger.notes import note_text

    return _block("limits.notes_title", [note_text(n["code"], n["params"], lang) for n in notes], lang)


def ledger_notice(book, prepared: PreparedLedger, as_of: str, lang: str = "en") -> str:
    """The block at the top of the report: the warnings, how the file was read (the
    export's own total reconciled), then what kind of ledger this is and what it leaves out
    ("" for a full ledger read without a note or warning)."""
    parts = [
        warnings_markdown(case_warnings(book, prepared, as_of), lang),
        notes_markdown(reading_notes(book), lang),
        kind_sentence(book, as_of, lang),
    ]
    return "\n\n".join(p for p in parts if p)


def no_scorecard() -> tuple[pd.DataFrame, dict[str, float], pd.DataFrame]:
    """(card, weights used, the owing view) of a scorecard left out: empty, same columns
    the case's record reads."""
    return (
        pd.DataFrame({"customer_id": pd.Series([], dtype="str"), "grade": pd.Series([], dtype="str")}),
        {},
        pd.DataFrame({"customer_id": pd.Series([], dtype="str")}),
    )


def no_signals() -> pd.DataFrame:
    """The flagged customers of warning signals left out: none."""
    return pd.DataFrame({"customer_id": pd.Series([], dtype="str")})
