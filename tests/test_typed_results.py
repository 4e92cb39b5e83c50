"""The typed results (TypedDicts) the notebooks read by key: on the bundled case, every
function returns exactly the keys its type declares, each value of the declared type."""

from __future__ import annotations

import types
import typing

import pandas as pd
import pytest

from receivables.cases import SUMMARY_KEYS, CaseRunSummary, CaseSummary, LedgerFacts, case_summary, load_case
from receivables.cases.figures import RoundedFigures, case_figures
from receivables.cases.limits import ledger_facts
from receivables.cases.profit import CaseProfitImpact
from receivables.cases.profit import profit_impact as case_profit_impact
from receivables.collection.brief import AccountBrief, account_brief
from receivables.collection.debtor_types import DebtorTypeResult, debtor_type_result
from receivables.collection.followup import ClaimFacts, claim_facts
from receivables.collection.key_accounts import AccountWeight, PaymentHabits, account_weight, payment_habits
from receivables.collection.promises import KeptRate, promise_kept_rate
from receivables.collection.protection import DemandWhatIf, LimitationOverview, demand_what_if, limitation_overview
from receivables.collection.role_play import CASES, Feedback, feedback
from receivables.collection.scripts import slots
from receivables.collection.tiers import TiersResult, tiers_result
from receivables.datasets import case_dir, read_dataset
from receivables.ledger import suggest_mapping, write_mapping
from receivables.metrics import (
    CHINESE_AGE_BUCKETS,
    AgingAllowanceDict,
    AsOfSummary,
    PreparedLedger,
    ProvisionMatrixDict,
    allowance_aging_method,
    open_items,
    provision_matrix,
    summary,
)
from receivables.metrics.explorer import ExplorerResult, explore
from receivables.profit.impact import OverdueImpact, ProfitImpact, overdue_profit_impact, profit_impact
from receivables.reports.case_story import CaseFacts, case_facts
from receivables.reports.playbook import PlaybookFiles, export_playbook
from receivables.risk.assessment import LimitReview, limit_review
from receivables.risk.limits import LimitOptions, credit_limit_options
from receivables.risk.payment_behaviour import BehaviourSummary, behaviour_summary
from receivables.risk.scorecard import DEFAULT_WEIGHTS
from receivables.widgets.credit_limit import LimitResult, limit_result
from receivables.widgets.limitation import ClaimClock, claim_clock
from receivables.widgets.payment_plan import PlanResult, plan_result
from receivables.widgets.role_play import RolePlayView, RolePlayWidget
from receivables.widgets.scorecard import ScorecardResult, scorecard_result

from .cases.erp_files import quickbooks_open_items

AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def case():
    tables = read_dataset(case_dir())
    return tables, open_items(tables["invoices"], tables["payments"], AS_OF)


def conforms(value, hint) -> bool:
    """Whether ``value`` is of the type ``hint`` (the forms the typed results use)."""
    if hint is typing.Any:
        return True
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.NotRequired:
        return conforms(value, args[0])
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, a) for a in args)
    if hint is type(None):
        return value is None
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):  # e.g. None for ``SomeResult | None``
            return False
        check(value, hint)
        return True
    if origin is dict:
        return isinstance(value, dict) and all(conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items())
    if origin in (list, set):
        return isinstance(value, origin) and all(conforms(v, args[0]) for v in value)
    if hint is float:
        return isinstance(value, float | int) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, typing.get_origin(hint) or hint)


def check(result: dict, typed: type) -> None:
    hints = typing.get_type_hints(typed, include_extras=True)
    assert typed.__required_keys__ <= set(result) <= set(hints)
    wrong = {k: (type(v).__name__, hints[k]) for k, v in result.items() if not conforms(v, hints[k])}
    assert not wrong, f"{typed.__name__}: values not of their declared type: {wrong}"


def test_the_checker_finds_a_wrong_value_and_a_missing_key():
    facts = {"payments": 3, "partial_payments": 1, "first_payment": None, "last_payment": None}
    facts |= {"days_late_first": None, "days_late_last": None, "drift": None}
    check(facts, BehaviourSummary)
    with pytest.raises(AssertionError, match="payments"):
        check({**facts, "payments": "3"}, BehaviourSummary)
    with pytest.raises(AssertionError):
        check({k: v for k, v in facts.items() if k != "drift"}, BehaviourSummary)


def test_metrics_results(case):
    tables, _ = case
    prepared = PreparedLedger(tables["invoices"], tables["payments"])
    head = prepared.summary(AS_OF)
    check(head, AsOfSummary)
    assert list(head) == list(AsOfSummary.__annotations__)
    assert head == summary(tables["invoices"], tables["payments"], AS_OF)
    before = prepared.summary("1990-01-31")  # nothing issued yet: every ratio undefined
    check(before, AsOfSummary)
    assert before["dso"] is None and before["pct_current"] is None
    history = prepared.monthly_history(end=AS_OF, months=3)
    whole = explore(prepared, history, AS_OF, "30, 60, 90")
    check(whole, ExplorerResult)
    assert list(whole) == list(ExplorerResult.__annotations__)
    customer = str(tables["invoices"]["customer_id"].iloc[0])
    check(explore(prepared, history, AS_OF, [30, 60], customer=customer, sort_by="total"), ExplorerResult)
    aging = prepared.aging(AS_OF, CHINESE_AGE_BUCKETS)
    check(allowance_aging_method(aging, booked=1_000.0).to_dict(), AgingAllowanceDict)
    rates = [0.3, 0.4, 0.5, 0.6, 0.7][: len(aging) - 1]
    check(provision_matrix(aging, rates, outlook=1.1).to_dict(), ProvisionMatrixDict)


def test_case_run_results(tmp_path):
    ledger, prepared, as_of = load_case()  # the bundled case: a full ledger
    check(case_figures(prepared, as_of).rounded(), RoundedFigures)
    head = case_summary(ledger, prepared, as_of)
    check(head, CaseSummary)
    assert list(head) == list(CaseSummary.__annotations__) == SUMMARY_KEYS
    facts = ledger_facts(ledger, prepared, as_of)
    check(facts, LedgerFacts)
    check({**head, **facts}, CaseRunSummary)
    # A QuickBooks open-items export: a balance ledger with unapplied credits, a warning, a note.
    path, _, date = quickbooks_open_items(tmp_path)
    write_mapping(suggest_mapping(path), tmp_path / "mapping.yml")
    ledger, prepared, as_of = load_case(path, tmp_path / "mapping.yml", date)
    facts = ledger_facts(ledger, prepared, as_of)
    check(facts, LedgerFacts)
    assert facts["unapplied_credits"]["count"] == 2 and facts["warnings"] and facts["reading_notes"]
    written = {**case_summary(ledger, prepared, as_of), **facts}
    check(written, CaseRunSummary)
    assert list(written) == list(CaseRunSummary.__annotations__)


def test_collection_results(case):
    tables, items = case
    brief = account_brief(tables, "C0021", AS_OF)
    check(brief, AccountBrief)
    assert list(brief) == list(AccountBrief.__annotations__)
    limit = float(tables["customers"].set_index("customer_id").at["C0021", "credit_limit"])
    check(account_weight(tables["invoices"], items, "C0021", limit), AccountWeight)
    check(account_weight(tables["invoices"], items, "C0021"), AccountWeight)
    assert "utilisation" not in account_weight(tables["invoices"], items, "C0021")
    check(payment_habits(tables["invoices"], tables["payments"], "C0021", AS_OF), PaymentHabits)
    check(promise_kept_rate(tables["promises"], tables["payments"], tables["invoices"], AS_OF), KeptRate)
    check(tiers_result(items, tables["customers"]), TiersResult)
    for able in (True, False):
        for willing in (True, False):
            check(debtor_type_result(able, willing, "zh"), DebtorTypeResult)
    check(case_facts(tables["invoices"], items), CaseFacts)
    overdue = items[(items["open_amount"] > 0) & (items["days_past_due"] > 0)]
    invoice = str(overdue["invoice_id"].iloc[0])
    check(claim_facts(items, tables["customers"], tables["activities"], invoice), ClaimFacts)
    check(limitation_overview(items, tables["activities"], AS_OF), LimitationOverview)
    check(demand_what_if(items, tables["activities"], invoice, pd.Timestamp(AS_OF)), DemandWhatIf)


def test_risk_results(case):
    tables, _ = case
    check(behaviour_summary(tables["invoices"], tables["payments"], "C0040", as_of=AS_OF), BehaviourSummary)
    check(behaviour_summary(tables["invoices"], tables["payments"], "nobody", as_of=AS_OF), BehaviourSummary)
    check(limit_review(tables, AS_OF), LimitReview)


def test_profit_results(case):
    _, items = case
    widget = profit_impact(50_000, 0.05, 200_000, 0.045, 120)
    check(widget, ProfitImpact)
    assert set(widget) == set(typing.get_type_hints(ProfitImpact))
    check(profit_impact(50_000, 0.0, 200_000, 0.045, 120), ProfitImpact)  # no margin: no sales figures
    check(overdue_profit_impact(200_000, 45, 0.05, 0.045), OverdueImpact)
    check(case_profit_impact(items, 0.05, 0.045), CaseProfitImpact)
    assert case_profit_impact(items, 0.0, 0.045)["sales_to_replace_total"] is None


def test_role_play_results():
    for case in CASES:  # every answer of every case: best, partly and poor, missed moves or none
        for response in case.responses:
            check(feedback(case.code, response.code, "zh"), Feedback)
    widget = RolePlayWidget("en")
    check(widget.result, RolePlayView)
    assert widget.result["feedback"] is None
    check(widget.set(choice="a"), RolePlayView)


def test_playbook_files(tmp_path):
    check(export_playbook({}, tmp_path, "en"), PlaybookFiles)
    files = export_playbook({slots()[0].key: "您好，我是…"}, tmp_path, "zh", learner="王芳")
    check(files, PlaybookFiles)
    assert files["written"] == 1 and files["html"].exists()


def test_widget_results():
    options = credit_limit_options(10_000_000, 3_000_000, 200_000, 60, 0, 100_000_000)
    check(options, LimitOptions)
    check(credit_limit_options(), LimitOptions)  # no inputs: every limit None
    check(limit_result(10_000_000, 3_000_000, 200_000, 60, 0, 100_000_000, 500_000), LimitResult)
    check(claim_clock("2023-02-22", "2024-01-10", "demand", "2025-12-31"), ClaimClock)
    check(claim_clock("2023-02-22", None, "demand", "2025-12-31"), ClaimClock)
    check(plan_result(120_000, 6, 0.04, "2026-01-31"), PlanResult)
    values = {f"weight_{f}": 10.0 for f in DEFAULT_WEIGHTS} | {f"score_{f}": 70.0 for f in DEFAULT_WEIGHTS}
    card = scorecard_result("zh", **values)
    check(card, ScorecardResult)
    assert "grade_counts" not in card
    factors = pd.DataFrame([{f: 50.0 for f in DEFAULT_WEIGHTS}, {f: 90.0 for f in DEFAULT_WEIGHTS}])
    check(scorecard_result("en", factors, "C0001", **values), ScorecardResult)
