"""receivables: analytics, widgets and tooling for the receivables course workbook.

Data flows one way: ledger -> metrics -> analyses (profit, risk, collection) -> views
(reports, widgets). Nothing lower imports anything higher.
"""

__version__ = "0.1.0"
