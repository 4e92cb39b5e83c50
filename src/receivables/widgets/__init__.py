"""ipywidgets views, each a thin layer over a package function, driven in tests by `.set()`."""

from receivables.widgets.affordability import AffordabilityWidget

__all__ = ["AffordabilityWidget"]
