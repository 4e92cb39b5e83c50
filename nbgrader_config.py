"""nbgrader configuration of the kit.

Source assignments live in solutions/, the committed release in exercises/. Everything
nbgrader generates while grading (gradebook, exchange, submitted, autograded, feedback)
stays inside the ignored folder .nbgrader/ of this repository: no absolute paths are
written here, the root is wherever this file is.
"""

from pathlib import Path

c = get_config()  # noqa: F821  (nbgrader injects get_config)

ROOT = Path(__file__).resolve().parent
WORK = ROOT / ".nbgrader"
WORK.mkdir(exist_ok=True)
# No JupyterHub exchange in a workshop (notebooks come back by mail or USB), but the
# formgrader warns without one: keep an empty one inside .nbgrader/.
(WORK / "exchange").mkdir(exist_ok=True)

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "receivables"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = ".nbgrader/submitted"
c.CourseDirectory.autograded_directory = ".nbgrader/autograded"
c.CourseDirectory.feedback_directory = ".nbgrader/feedback"
c.CourseDirectory.db_url = f"sqlite:///{WORK / 'gradebook.db'}"
c.Exchange.root = str(WORK / "exchange")
# Data files inside an assignment folder are released with it.
c.CourseDirectory.include = ["*"]
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]

# Autograde runs every notebook in its own kernel with a time limit per cell. The kernel
# talks over unix sockets of its own (no TCP port race when learners are graded side by
# side), and its client polls in short slices (a long poll can miss a reply and wait out the
# cell's limit): KitExecute, LimitedExecute (receivables.kernels).
c.ExecutePreprocessor.timeout = 120
c.Execute.timeout = 120

# Widget answers: what the learner chose is recorded in the saved notebook's outputs;
# before nbgrader clears them (autograde, validate), the choices become a first cell.
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from receivables.grading.execute import KitExecute, LimitedExecute  # noqa: E402
from receivables.grading.recover import RecoverWidgetAnswers  # noqa: E402

c.Autograde.sanitize_preprocessors = [
    RecoverWidgetAnswers, ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata,
]
# nbgrader's own list, with an Execute that keeps at most a few MB of a notebook's output
# (a learner printing hundreds of MB is reported as such, and nbgrader's memory stays bounded).
c.Autograde.autograde_preprocessors = [
    LimitedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades, AssignLatePenalties,
    CheckCellMetadata,
]
c.Validator.preprocessors = [CheckCellMetadata, RecoverWidgetAnswers, ClearOutput, KitExecute]

# A learner who deletes a test cell does not escape it: autograde puts it back.
c.OverwriteCells.add_missing_cells = True

# Stock nbgrader shows hidden tests in feedback. Remove their tracebacks' source lines
# first (RedactHiddenTracebacks), then the hidden test code itself (ClearHiddenTests).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "receivables.grading.feedback.RedactHiddenTracebacks",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Learners are not programmers: a solution region becomes a one-line placeholder they
# replace, not nbgrader's default `raise NotImplementedError()`.
c.ClearSolutions.code_stub = {"python": "answer = ...", "markdown": "✏️ YOUR ANSWER HERE", "R": "answer <- NA"}
