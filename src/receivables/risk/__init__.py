"""Customer risk: who may not pay, and how much credit to give them.

Course part 三 (如何避免产生应收逾期: grading customer risk, warning signals, credit
assessment) and the key-account module's 信用评级. Formulas and conventions:
course/references.md §4 (credit limits) and §5 (customer risk).
"""

from receivables.risk.altman import (
    DISTRESS_BELOW,
    SAFE_ABOVE,
    altman_z_double_prime,
    altman_z_frame,
    z_zone,
)
from receivables.risk.limits import credit_limit_options, utilisation
from receivables.risk.scorecard import (
    DEFAULT_WEIGHTS,
    ENTERPRISE_NATURE_SCORES,
    FACTOR_LABELS,
    GRADE_ACTIONS,
    GRADE_THRESHOLDS,
    enterprise_nature_score,
    factor_weights,
    grade,
    score,
    scorecard,
)
from receivables.risk.signals import SIGNAL_RULES, SIGNALS, SignalThresholds, warning_signals

__all__ = [
    "DEFAULT_WEIGHTS",
    "factor_weights",
    "DISTRESS_BELOW",
    "ENTERPRISE_NATURE_SCORES",
    "FACTOR_LABELS",
    "GRADE_ACTIONS",
    "GRADE_THRESHOLDS",
    "SAFE_ABOVE",
    "SIGNALS",
    "SIGNAL_RULES",
    "SignalThresholds",
    "altman_z_double_prime",
    "altman_z_frame",
    "credit_limit_options",
    "enterprise_nature_score",
    "grade",
    "score",
    "scorecard",
    "utilisation",
    "warning_signals",
    "z_zone",
]
