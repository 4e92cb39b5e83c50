"""ipywidgets views, each a thin layer over a package function, driven in tests by `.set()`."""

from receivables.widgets.account_brief import AccountBriefWidget
from receivables.widgets.affordability import AffordabilityWidget
from receivables.widgets.aging_explorer import AgingExplorerWidget
from receivables.widgets.altman import AltmanWidget
from receivables.widgets.credit_limit import CreditLimitWidget
from receivables.widgets.debtor_type import DebtorTypeWidget
from receivables.widgets.limitation import LimitationWidget
from receivables.widgets.payment_plan import PaymentPlanWidget
from receivables.widgets.profit_impact import ProfitImpactWidget
from receivables.widgets.role_play import RolePlayWidget
from receivables.widgets.scorecard import ScorecardWidget
from receivables.widgets.script_builder import ScriptBuilderWidget
from receivables.widgets.tiers import TiersWidget

__all__ = [
    "AccountBriefWidget",
    "AffordabilityWidget",
    "AgingExplorerWidget",
    "AltmanWidget",
    "CreditLimitWidget",
    "DebtorTypeWidget",
    "LimitationWidget",
    "PaymentPlanWidget",
    "ProfitImpactWidget",
    "RolePlayWidget",
    "ScorecardWidget",
    "ScriptBuilderWidget",
    "TiersWidget",
]
