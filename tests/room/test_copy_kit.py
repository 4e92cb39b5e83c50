"""The room's copy of the kit (what learners' servers read) leaves out what the learner
bundle leaves out: solutions, catalogues of hidden tests, and the trainer's materials."""

from pathlib import Path

from receivables.grading import bundle
from receivables.room.prepare import copy_kit

ROOT = Path(__file__).resolve().parents[2]


def test_the_rooms_kit_has_no_trainer_material(tmp_path):
    dest = copy_kit(ROOT, tmp_path)
    assert (dest / "src/receivables/grading/answers.py").is_file() and (dest / "course").is_dir()
    assert not (dest / "solutions").exists() and not (dest / "locales").exists()
    for trainer_only in bundle.TRAINER_ONLY:
        assert not (dest / trainer_only).exists(), trainer_only
    catalogue = (dest / bundle.CATALOGUE).read_text(encoding="utf-8")
    assert 'msgctxt "trainer.' not in catalogue and 'msgctxt "debtor.customers"' in catalogue
    secrets = bundle.trainer_secrets(ROOT)
    for path in (dest / "src").rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="ignore")
            assert not [s for s in secrets if s in text], path
