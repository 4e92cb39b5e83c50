"""Collection work: whom to chase first, with which step, promises, time limits, plans.

Course part 二 (面谈催收逾期三部曲, face-to-face collection in three stages) and the
key-account module's tiered collection. Formulas and conventions: course/references.md
§3.5 (late interest), §7 (limitation period) and §8 (dunning ladder, promises, priority,
payment plans, tiers).
"""

from receivables.collection.dunning import (
    DEFAULT_DUNNING_LADDER,
    DunningStep,
    dunning_schedule,
    ladder_frame,
)
from receivables.collection.limitation import (
    INTERRUPTING_KINDS,
    REVIVING_KINDS,
    limitation_status,
)
from receivables.collection.plans import payment_plan
from receivables.collection.promises import (
    STATUSES as PROMISE_STATUSES,
)
from receivables.collection.promises import (
    promise_kept_rate,
    promise_status,
)
from receivables.collection.worklist import worklist

__all__ = [
    "DEFAULT_DUNNING_LADDER",
    "INTERRUPTING_KINDS",
    "PROMISE_STATUSES",
    "REVIVING_KINDS",
    "DunningStep",
    "dunning_schedule",
    "ladder_frame",
    "limitation_status",
    "payment_plan",
    "promise_kept_rate",
    "promise_status",
    "worklist",
]
