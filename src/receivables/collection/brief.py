"""Before the meeting (面谈前:催收准备): the account documents and the customer's people.

Course topics: 账款资料 (account documents) and 摸清人脉 (map the customer's people).
`account_brief` reads one customer's ledger as of a date and writes what a salesperson
takes to the meeting: the open invoices, the last statement and acknowledgement, the
promises and how they went, the collection log, the limitation clock, and a checklist of
the documents with what to do about each. `people_map` lists the customer's people known
from the ledger and the part each plays in getting paid.

*Authored for this kit*: the course names the topics only. The checklist items, the
statuses and the part each role plays (`ROLE_CODE_PARTS`) are the kit's, from common
credit-management practice.

The texts are data: English in texts/collection/brief.yml, Chinese in receivables.po
(`receivables.i18n.texts`); `PRINCIPLES` and `SIX_CHARACTERS` hold `Text` keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypedDict, cast

import numpy as np
import pandas as pd

from receivables.collection.effort import kind_name
from receivables.collection.excuses import excuse_name
from receivables.collection.limitation import limitation_status
from receivables.collection.promises import STATUS_LABELS as PROMISE_LABELS
from receivables.collection.promises import promise_status
from receivables.frames import dates, ids, name_column, require, timestamp
from receivables.i18n import Text, check_lang, keyed, named, pick, t

#: How old (days) the last written acknowledgement may be before the brief asks for a new
#: one. (Authored: a quarterly statement stamped by the customer is common practice.)
STATEMENT_MAX_AGE = 120
#: Days before the limitation period runs out from which the brief warns.
LIMITATION_WARN_DAYS = 180

#: The part a role usually plays in getting an invoice paid, by the role's code: its name
#: is the text ``brief.role_name.<code>`` (English "chief financial officer", Chinese
#: 财务总监), which is how the customers table writes it. (Authored for this kit.)
#: decides = can order the payment; pays = prepares or executes it; influences = cannot
#: pay but can push (the user of our goods, the buyer who placed the order).
ROLE_CODE_PARTS: dict[str, str] = {
    "owner": "decides",
    "general_manager": "decides",
    "cfo": "decides",
    "finance_manager": "pays",
    "cashier": "pays",
    "accountant": "pays",
    "purchasing_manager": "influences",
    "project_manager": "influences",
}


@cache
def role_parts() -> dict[str, str]:
    """The part of each role name, Chinese and English (lower case): 财务总监 and
    "chief financial officer" both decide."""
    names = {}
    for lang in ("zh", "en"):
        names.update({t(f"brief.role_name.{code}", lang).lower(): part for code, part in ROLE_CODE_PARTS.items()})
    return names


PARTS = ("decides", "pays", "influences")

CHECKLIST_ITEMS = ("contract", "invoices", "receipts", "statement", "promises", "history", "limitation")
STATUSES = ("ready", "fetch", "act")


def _customer_row(customers: pd.DataFrame, customer_id: str) -> pd.Series:
    require(customers, ["customer_id"], "customers")
    match = customers[ids(customers["customer_id"]) == str(customer_id)]
    if match.empty:
        raise ValueError(f"no customer {customer_id!r} in the customers table")
    return match.iloc[0]


def part_of(role: Any) -> str:
    """The part a role plays in getting paid (`role_parts`), "unknown" for other roles."""
    if role is None or role is pd.NA or (isinstance(role, float) and np.isnan(role)):
        return "unknown"
    return role_parts().get(str(role).strip().lower(), "unknown")


class PeopleMap(TypedDict):
    """What `people_map` returns (a plain dict)."""

    people: pd.DataFrame
    parts: set[str]
    gaps: list[str]


def _master_contact(row: pd.Series) -> pd.DataFrame:
    """The contact of the customers table, with the part their role plays."""
    role = row.get("contact_role", pd.NA)
    role_en = row.get("contact_role_en", pd.NA)
    person = {
        "person": row.get("contact_name", ""),
        "role": role,
        "role_en": role_en,
        "part": part_of(role) if part_of(role) != "unknown" else part_of(role_en),
        "phone": row.get("phone", ""),
        "source": "master",
    }
    return pd.DataFrame([person])


def _promises_by_person(
    promises: pd.DataFrame,
    customer_id: str,
    payments: pd.DataFrame | None,
    invoices: pd.DataFrame | None,
    as_of: Any,
) -> pd.DataFrame:
    """Per person who promised for the customer: promises made and broken (judged by
    `promise_status` when ``payments`` are given)."""
    mine = promises[ids(promises["customer_id"]) == str(customer_id)]
    if payments is not None and len(mine):
        mine = promise_status(mine, payments, invoices, as_of)
    else:
        mine = mine.assign(status=pd.NA)
    return (
        mine.assign(person=mine["contact"].astype(str), broken=mine["status"].eq("broken").fillna(False))
        .groupby("person", sort=False)
        .agg(promises=("person", "size"), broken=("broken", "sum"))
        .reset_index()
    )


def people_map(
    customers: pd.DataFrame,
    customer_id: str,
    promises: pd.DataFrame | None = None,
    payments: pd.DataFrame | None = None,
    invoices: pd.DataFrame | None = None,
    as_of: Any = None,
) -> PeopleMap:
    """The customer's people known from the ledger, and the gaps. (摸清人脉)

    ``customers``: customer_id, contact_name, contact_role (optional contact_role_en,
    phone). ``promises`` (optional, with ``contact``): everyone who promised to pay is a
    person we know; with ``payments`` (and ``invoices`` if payments lack customer_id) the
    promises are judged by `promise_status` as of ``as_of`` and each person's broken
    promises counted.

    Returns ``people`` (DataFrame: person, role, role_en, part, phone, source ("master" or
    "promises"), promises, broken), ``parts`` (the set of parts covered) and ``gaps`` (the
    parts in `PARTS` nobody known covers, in that order).
    """
    frame = _master_contact(_customer_row(customers, customer_id))
    counts = pd.DataFrame(columns=["person", "promises", "broken"])
    if promises is not None and len(promises) and "contact" in promises.columns:
        counts = _promises_by_person(promises, customer_id, payments, invoices, as_of)
        others = counts.loc[~counts["person"].isin(frame["person"].astype(str)), ["person"]]
        frame = pd.concat(
            [frame, others.assign(role=pd.NA, role_en=pd.NA, part="unknown", phone="", source="promises")],
            ignore_index=True,
        )
    frame["person"] = frame["person"].astype(str)
    frame = frame.merge(counts, on="person", how="left")
    frame["promises"] = frame["promises"].fillna(0).astype(int)
    frame["broken"] = frame["broken"].fillna(0).astype(int)
    parts = set(frame["part"]) & set(PARTS)
    return PeopleMap(people=frame, parts=parts, gaps=[p for p in PARTS if p not in parts])


def _role_in(role: pd.Series, role_en: pd.Series, lang: str) -> pd.Series:
    """Roles as the customers table writes them in ``lang``: the Chinese ``role`` column,
    or ``role_en`` where it is known."""
    return role if check_lang(lang) == "zh" else role_en.fillna(role)


def people_table(people: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """`people_map`'s people for display: role, part and source in ``lang``."""
    check_lang(lang)
    role = _role_in(people["role"], people["role_en"], lang)
    return pd.DataFrame(
        {
            "person": people["person"],
            "role": role.fillna(t("brief.role_unknown", lang)),
            "part": [t(f"brief.part.{p}", lang) for p in people["part"]],
            "phone": people["phone"].fillna(""),
            "source": [t(f"brief.source.{s}", lang) for s in people["source"]],
            "promises": people["promises"],
            "broken": people["broken"],
        }
    )


#: Catalogue keys of `people_table` columns, for `receivables.reports.tables.styled`.
PEOPLE_HEADERS = {
    "person": "brief.person",
    "role": "brief.role",
    "part": "brief.part",
    "phone": "brief.phone",
    "source": "brief.source",
    "promises": "brief.promises_made",
    "broken": "brief.promises_broken",
}
CHECKLIST_HEADERS = {"item": "brief.item", "status": "brief.status", "fact": "brief.fact", "todo": "brief.todo"}
OPEN_ITEM_HEADERS = {
    "invoice_id": "brief.invoice_id",
    "invoice_date": "brief.invoice_date",
    "due_date": "brief.due_date",
    "amount": "brief.amount",
    "open_amount": "brief.open_amount",
    "days_past_due": "brief.days_past_due",
}
ACTIVITY_HEADERS = {"date": "brief.date", "kind": "brief.kind", "excuse": "brief.excuse", "note": "brief.note"}
PROMISE_HEADERS = {
    "made_on": "brief.made_on",
    "promised_date": "brief.promised_date",
    "promised_amount": "brief.promised_amount",
    "contact": "brief.contact",
    "status": "brief.promise_status",
}


class AccountBrief(TypedDict):
    """What `account_brief` returns (a plain dict; notebooks read it by key)."""

    customer_id: str
    name: str
    sales_rep: str
    terms_days: int | None
    credit_limit: float | None
    open_balance: float
    overdue_balance: float
    open_invoices: int
    overdue_invoices: int
    oldest_days_past_due: int
    last_statement: pd.Timestamp | None
    last_acknowledgement: pd.Timestamp | None
    acknowledgement_age: int | None
    promises: int
    promises_kept: int
    promises_partly_kept: int
    promises_broken: int
    promises_open: int
    activities: int
    last_activity: pd.Timestamp | None
    last_activity_kind: str | None
    top_excuse: str | None
    limitation_expires_on: pd.Timestamp | None
    limitation_days_left: int | None
    items: pd.DataFrame
    promise_table: pd.DataFrame
    recent: pd.DataFrame
    people: PeopleMap
    checklist: pd.DataFrame


def _day(value: Any, lang: str) -> str:
    return t("brief.never", lang) if value is None or pd.isna(value) else str(pd.Timestamp(value).date())


def _latest(value: Any) -> pd.Timestamp | None:
    return None if value is None or pd.isna(value) else value


def _activities_of(tables: Mapping[str, pd.DataFrame], customer_id: str, as_of: pd.Timestamp) -> pd.DataFrame:
    """The customer's activities up to ``as_of``, oldest first (an empty table without any)."""
    activities = tables.get("activities")
    if activities is None or not len(activities):
        return pd.DataFrame(columns=["customer_id", "invoice_id", "date", "kind", "excuse_code", "note_en", "note_zh"])
    acts = activities[ids(activities["customer_id"]) == customer_id]
    return acts[dates(acts["date"]) <= as_of].sort_values("date", kind="mergesort")


def _promises_of(tables: Mapping[str, pd.DataFrame], customer_id: str, as_of: pd.Timestamp) -> pd.DataFrame:
    """The customer's promises made up to ``as_of``, with their `promise_status`."""
    promises = tables.get("promises")
    if promises is None or not len(promises):
        return pd.DataFrame(columns=["made_on", "promised_date", "promised_amount", "contact", "status"])
    prom = promises[ids(promises["customer_id"]) == customer_id]
    prom = prom[dates(prom["made_on"]) <= as_of]
    return promise_status(prom, tables["payments"], tables["invoices"], as_of) if len(prom) else prom.assign(status=[])


def _customer_facts(row: pd.Series, customer_id: str, lang: str) -> dict[str, Any]:
    def number(field: str, kind: type) -> Any:
        return kind(row[field]) if field in row and pd.notna(row[field]) else None

    return {
        "customer_id": customer_id,
        "name": row.get(name_column(lang), customer_id),
        "sales_rep": row.get("sales_rep", ""),
        "terms_days": number("terms_days", int),
        "credit_limit": number("credit_limit", float),
    }


def _balance_facts(items: pd.DataFrame) -> dict[str, Any]:
    """Open and overdue (days past due > 0 and something open) balances and invoices."""
    owed = items["open_amount"] > 0
    overdue = owed & (items["days_past_due"] > 0)
    return {
        "open_balance": float(items["open_amount"].sum()),
        "overdue_balance": float(items.loc[overdue, "open_amount"].sum()),
        "open_invoices": int(owed.sum()),
        "overdue_invoices": int(overdue.sum()),
        "oldest_days_past_due": int(items.loc[overdue, "days_past_due"].max()) if overdue.any() else 0,
    }


def _activity_facts(acts: pd.DataFrame, as_of: pd.Timestamp) -> dict[str, Any]:
    """Last statement and acknowledgement, the latest activity and the excuse heard most."""
    kinds = acts["kind"].astype(str).str.lower() if len(acts) else pd.Series(dtype=str)
    last_statement = _latest(dates(acts.loc[kinds == "statement", "date"]).max()) if len(acts) else None
    last_ack = _latest(dates(acts.loc[kinds == "acknowledgement", "date"]).max()) if len(acts) else None
    excuses = acts["excuse_code"].fillna("").astype(str) if "excuse_code" in acts.columns else pd.Series(dtype=str)
    excuses = excuses[excuses != ""]
    return {
        "last_statement": last_statement,
        "last_acknowledgement": last_ack,
        "acknowledgement_age": None if last_ack is None else int((as_of - last_ack).days),
        "activities": int(len(acts)),
        "last_activity": None if acts.empty else pd.Timestamp(acts["date"].iloc[-1]),
        "last_activity_kind": None if acts.empty else str(acts["kind"].iloc[-1]),
        "top_excuse": excuses.value_counts().index[0] if len(excuses) else None,
    }


def _promise_facts(prom: pd.DataFrame) -> dict[str, int]:
    """How many promises, and how many by status (``promises_kept`` ...)."""
    by_status = prom["status"].astype(str).value_counts() if len(prom) else pd.Series(dtype=int)
    counts = {f"promises_{s.replace(' ', '_')}": int(by_status.get(s, 0)) for s in PROMISE_LABELS}
    return {"promises": int(len(prom)), **counts}


def _limitation_facts(items: pd.DataFrame, acts: pd.DataFrame, as_of: pd.Timestamp) -> dict[str, Any]:
    """The open invoice whose limitation period runs out first: when, and days left."""
    owed = items["open_amount"] > 0
    clock = limitation_status(items, acts if len(acts) else None, as_of) if owed.any() else None
    first = clock.iloc[0] if clock is not None and len(clock) else None
    return {
        "limitation_expires_on": None if first is None else first["expires_on"],
        "limitation_days_left": None if first is None else int(first["days_left"]),
    }


def account_brief(
    tables: Mapping[str, pd.DataFrame],
    customer_id: str,
    as_of: Any,
    lang: str = "en",
    statement_max_age: int = STATEMENT_MAX_AGE,
    warn_days: int = LIMITATION_WARN_DAYS,
    recent: int = 5,
) -> AccountBrief:
    """Everything to prepare for a collection meeting with one customer, as of a date.

    ``tables``: the case tables (`receivables.datasets.read_dataset`): customers,
    invoices, payments, and optionally promises and activities. Returns an `AccountBrief`
    (a dict) of plain figures (open_balance, overdue_balance, open_invoices,
    overdue_invoices, oldest_days_past_due, last_statement, last_acknowledgement, promise
    counts by status, activities, limitation_expires_on, limitation_days_left, ...) and
    tables: ``items`` (the open invoices), ``promise_table``, ``recent`` (the last
    ``recent`` activities), ``checklist`` (item, code, status, fact, todo in ``lang``) and
    ``people`` (`people_map`).

    Overdue = days past due > 0 and open amount > 0 (credit notes are not overdue). The
    statement line asks for action when the last written acknowledgement (activity kind
    ``acknowledgement``) is older than ``statement_max_age`` days, or missing, while
    something is owed; the limitation line when a claim runs out within ``warn_days``.
    """
    from receivables.metrics import open_items as compute_open_items

    check_lang(lang)
    for name in ("customers", "invoices", "payments"):
        if name not in tables:
            raise ValueError(f"the case tables lack {name!r}")
    as_of = timestamp(as_of)
    customer_id = str(customer_id)
    row = _customer_row(tables["customers"], customer_id)
    invoices = tables["invoices"]
    items = compute_open_items(invoices[ids(invoices["customer_id"]) == customer_id], tables["payments"], as_of)
    acts = _activities_of(tables, customer_id, as_of)
    prom = _promises_of(tables, customer_id, as_of)
    facts = {
        **_customer_facts(row, customer_id, lang),
        **_balance_facts(items),
        **_activity_facts(acts, as_of),
        **_promise_facts(prom),
        **_limitation_facts(items, acts, as_of),
        "items": items,
        "promise_table": prom,
        "recent": acts.tail(recent).iloc[::-1],
        "people": people_map(
            tables["customers"], customer_id, tables.get("promises"), tables["payments"], invoices, as_of
        ),
    }
    facts["checklist"] = _checklist(facts, lang, statement_max_age, warn_days)
    return cast(AccountBrief, {key: facts[key] for key in AccountBrief.__annotations__})


# The checklist, one function per item: (brief, lang, limits) -> (status, fact, todo).
Line = tuple[str, str, str]


def _contract(b: Mapping[str, Any], lang: str) -> Line:
    fact = t("brief.fact.contract", lang).format(terms=b["terms_days"], limit=b["credit_limit"] or 0.0)
    return "fetch", fact, t("brief.do.contract", lang)


def _invoices(b: Mapping[str, Any], lang: str) -> Line:
    if b["overdue_invoices"]:
        fact = t("brief.fact.invoices", lang).format(
            n=b["open_invoices"],
            open=b["open_balance"],
            overdue_n=b["overdue_invoices"],
            overdue=b["overdue_balance"],
            oldest=b["oldest_days_past_due"],
        )
    elif b["open_invoices"] > 0:
        fact = t("brief.fact.invoices_current", lang).format(n=b["open_invoices"], open=b["open_balance"])
    else:
        fact = t("brief.fact.no_invoices", lang)
    return "ready", fact, t("brief.do.invoices", lang)


def _receipts(b: Mapping[str, Any], lang: str) -> Line:
    status = "fetch" if b["open_invoices"] > 0 else "ready"
    return status, t("brief.fact.receipts", lang).format(n=b["open_invoices"]), t("brief.do.receipts", lang)


def _statement(b: Mapping[str, Any], lang: str, max_age: int) -> Line:
    stale = b["acknowledgement_age"] is None or b["acknowledgement_age"] > max_age
    act = b["open_invoices"] > 0 and stale
    fact = t("brief.fact.statement", lang).format(
        sent=_day(b["last_statement"], lang), ack=_day(b["last_acknowledgement"], lang)
    )
    return "act" if act else "ready", fact, t("brief.do.statement_act" if act else "brief.do.statement_ok", lang)


def _promises(b: Mapping[str, Any], lang: str) -> Line:
    if not b["promises"]:
        return "ready", t("brief.fact.no_promises", lang), t("brief.do.promises_none", lang)
    fact = t("brief.fact.promises", lang).format(
        n=b["promises"],
        kept=b["promises_kept"],
        partly=b["promises_partly_kept"],
        broken=b["promises_broken"],
        open=b["promises_open"],
    )
    bad = b["promises_broken"] + b["promises_partly_kept"] > 0
    return "act" if bad else "ready", fact, t("brief.do.promises_act" if bad else "brief.do.promises_ok", lang)


def _history(b: Mapping[str, Any], lang: str) -> Line:
    if b["activities"]:
        fact = t("brief.fact.history", lang).format(
            n=b["activities"],
            kind=kind_name(b["last_activity_kind"], lang),
            date=_day(b["last_activity"], lang),
            excuse=excuse_name(b["top_excuse"], lang) if b["top_excuse"] else t("brief.none", lang),
        )
    else:
        fact = t("brief.fact.no_history", lang)
    return "ready", fact, t("brief.do.history", lang)


def _limitation(b: Mapping[str, Any], lang: str, warn_days: int) -> Line:
    days = b["limitation_days_left"]
    if days is None:
        return "ready", t("brief.fact.no_limitation", lang), t("brief.do.limitation_ok", lang)
    date = _day(b["limitation_expires_on"], lang)
    if days >= 0:
        fact = t("brief.fact.limitation", lang).format(date=date, days=days)
    else:
        fact = t("brief.fact.expired", lang).format(date=date, days=-days)
    if days <= warn_days:
        return "act", fact, t("brief.do.limitation_act", lang).format(date=date)
    return "ready", fact, t("brief.do.limitation_ok", lang)


def _checklist(b: Mapping[str, Any], lang: str, statement_max_age: int, warn_days: int) -> pd.DataFrame:
    lines = {
        "contract": _contract(b, lang),
        "invoices": _invoices(b, lang),
        "receipts": _receipts(b, lang),
        "statement": _statement(b, lang, statement_max_age),
        "promises": _promises(b, lang),
        "history": _history(b, lang),
        "limitation": _limitation(b, lang, warn_days),
    }
    rows = [
        {
            "code": code,
            "item": t(f"brief.item.{code}", lang),
            "status_code": status,
            "status": t(f"brief.status.{status}", lang),
            "fact": fact,
            "todo": todo,
        }
        for code, (status, fact, todo) in lines.items()
    ]
    return pd.DataFrame(rows, columns=["code", "item", "status_code", "status", "fact", "todo"])


def recent_table(recent: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The brief's latest activities for display: kind, excuse and note in ``lang``."""
    check_lang(lang)
    note = f"note_{lang}"
    excuse = (
        recent["excuse_code"].fillna("").astype(str) if "excuse_code" in recent else pd.Series("", index=recent.index)
    )
    return pd.DataFrame(
        {
            "date": dates(recent["date"]).dt.strftime("%Y-%m-%d") if len(recent) else pd.Series(dtype=str),
            "kind": [kind_name(k, lang) for k in recent["kind"].astype(str)],
            "excuse": [excuse_name(c, lang) if c else "" for c in excuse],
            "note": recent[note].fillna("").astype(str) if note in recent else "",
        }
    )


def promise_table(promises: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The brief's promises for display, status in ``lang``."""
    check_lang(lang)
    status = promises["status"].astype(str) if len(promises) else pd.Series(dtype=str)
    return pd.DataFrame(
        {
            "made_on": dates(promises["made_on"]).dt.strftime("%Y-%m-%d") if len(promises) else pd.Series(dtype=str),
            "promised_date": dates(promises["promised_date"]).dt.strftime("%Y-%m-%d")
            if len(promises)
            else pd.Series(dtype=str),
            "promised_amount": promises["promised_amount"].astype(float),
            "contact": promises["contact"].astype(str) if "contact" in promises else "",
            "status": [pick(PROMISE_LABELS[s], lang) if s in PROMISE_LABELS else s for s in status],
        }
    )


def items_table(items: pd.DataFrame) -> pd.DataFrame:
    """The brief's open invoices for display, dates as text, oldest due first."""
    shown = items.sort_values(["due_date", "invoice_id"], kind="mergesort")
    return shown.assign(
        invoice_date=dates(shown["invoice_date"]).dt.strftime("%Y-%m-%d"),
        due_date=dates(shown["due_date"]).dt.strftime("%Y-%m-%d"),
    )


def contacts_by_part(customers: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """How many customers have their payment contact in each part (decides, pays,
    influences, unknown): where our only known person cannot order the payment, the
    people map has work to do. Columns: ``code``, ``part`` (in ``lang``), ``customers``,
    ``share`` (% of customers), ``roles`` (the roles found, in ``lang``)."""
    check_lang(lang)
    require(customers, ["customer_id", "contact_role"], "customers")
    role_en = customers["contact_role_en"] if "contact_role_en" in customers else customers["contact_role"]
    parts = [
        part_of(r) if part_of(r) != "unknown" else part_of(e)
        for r, e in zip(customers["contact_role"], role_en, strict=True)
    ]
    shown = _role_in(customers["contact_role"], role_en, lang)
    frame = pd.DataFrame({"code": parts, "role": shown.astype(str)})
    rows = []
    for code in (*PARTS, "unknown"):
        mine = frame[frame["code"] == code]
        if code == "unknown" and mine.empty:
            continue
        roles = mine["role"].value_counts()
        rows.append(
            {
                "code": code,
                "part": t(f"brief.part.{code}", lang),
                "customers": len(mine),
                "share": len(mine) / len(frame) * 100 if len(frame) else 0.0,
                "roles": ", ".join(f"{r} ({n})" for r, n in roles.items()),
            }
        )
    return pd.DataFrame(rows, columns=["code", "part", "customers", "share", "roles"])


CONTACTS_HEADERS = {
    "part": "brief.part",
    "customers": "brief.customers",
    "share": "brief.share",
    "roles": "brief.roles",
}


@dataclass(frozen=True)
class Principle:
    """One collection principle (催收原则). (Authored for this kit: the seeds name the topic only.)"""

    code: str
    name: Text
    meaning: Text


@dataclass(frozen=True)
class Character:
    """One character of the six-character mnemonic (催收六字诀): its ``name`` is the
    character in Chinese and a word in English. (Authored: the seeds only name it.)"""

    code: str
    name: Text
    meaning: Text
    example: Text  # in the case company


PRINCIPLES: tuple[Principle, ...] = tuple(
    Principle(code, *keyed(f"brief.principle.{code}", "name", "meaning"))
    for code in ("facts", "firm", "person", "date", "follow_up", "escalate")
)
SIX_CHARACTERS: tuple[Character, ...] = tuple(
    Character(code, *keyed(f"brief.six.{code}", "name", "meaning", "example"))
    for code in ("early", "precise", "regular", "courteous", "fixed", "evidence")
)


def principles_table(lang: str = "en") -> pd.DataFrame:
    """`PRINCIPLES` for display in ``lang``: principle and what it means."""
    check_lang(lang)
    return pd.DataFrame([{"principle": named(p.name, lang), "meaning": pick(p.meaning, lang)} for p in PRINCIPLES])


def six_characters_table(lang: str = "en") -> pd.DataFrame:
    """`SIX_CHARACTERS` for display in ``lang``: character (with its English word in
    English), meaning, the case example."""
    check_lang(lang)
    return pd.DataFrame(
        [
            {
                "character": t("brief.character_label", lang).format(zh=c.name("zh"), en=c.name("en")),
                "meaning": pick(c.meaning, lang),
                "example": pick(c.example, lang),
            }
            for c in SIX_CHARACTERS
        ]
    )


PRINCIPLES_HEADERS = {"principle": "brief.principle", "meaning": "brief.meaning"}
SIX_HEADERS = {"character": "brief.character", "meaning": "brief.meaning", "example": "brief.case_example"}


def appointment_contact(people: pd.DataFrame, lang: str = "en") -> str:
    """Whom to ask for the meeting: the first known person who decides on payment, else the
    first who pays, else the first known at all, as "name, role"."""
    check_lang(lang)
    if people.empty:
        return t("brief.none", lang)
    rank = people["part"].map({p: i for i, p in enumerate(PARTS)}).fillna(len(PARTS))
    best = people.loc[rank.sort_values(kind="mergesort").index[0]]
    role = _role_in(pd.Series([best["role"]]), pd.Series([best["role_en"]]), lang).iloc[0]
    return best["person"] if pd.isna(role) else f"{best['person']}, {role}"
