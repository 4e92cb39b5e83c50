"""ipywidgets views, each a thin layer over a package function, driven in tests by `.set()`."""

from receivables.widgets.affordability import AffordabilityWidget
from receivables.widgets.debtor_type import DebtorTypeWidget
from receivables.widgets.profit_impact import ProfitImpactWidget

__all__ = ["AffordabilityWidget", "DebtorTypeWidget", "ProfitImpactWidget"]
