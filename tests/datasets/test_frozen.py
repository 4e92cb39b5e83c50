"""The frozen case in datasets/electromech is exactly what its recipe makes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pandas as pd
from typer.testing import CliRunner

from receivables.datasets import TABLES, generate, read_dataset, write_dataset
from receivables.datasets.cli import app
from receivables.datasets.writer import verify_dataset

COMMAND = "receivables data generate --seed 2024 --customers 40 --months 24 --end 2025-12-31 --out datasets/electromech"
GENERATED = [f"{t}.csv" for t in TABLES] + ["mapping.yml", "manifest.json"]


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_documented_command_reproduces_every_frozen_file(frozen_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = COMMAND.split()[3:]  # after "receivables data generate"
    result = CliRunner().invoke(app, ["generate", *args])
    assert result.exit_code == 0, result.output
    for name in GENERATED:
        assert _sha(tmp_path / "datasets/electromech" / name) == _sha(frozen_dir / name), name


def test_frozen_folder_holds_the_generated_files_and_a_readme(frozen_dir):
    names = sorted(p.name for p in frozen_dir.iterdir())
    assert names == sorted([*GENERATED, "README.md"])


def test_manifest_records_recipe_counts_and_hashes(frozen_dir):
    manifest = json.loads((frozen_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 2024
    assert manifest["customers"] == 40
    assert manifest["months"] == 24
    assert manifest["end"] == "2025-12-31"
    assert manifest["command"] == COMMAND
    assert verify_dataset(frozen_dir) == []
    for t in TABLES:
        df = pd.read_csv(frozen_dir / f"{t}.csv", dtype=str, keep_default_na=False)
        assert manifest["rows"][f"{t}.csv"] == len(df)


def test_readme_quotes_the_command(frozen_dir):
    assert COMMAND in (frozen_dir / "README.md").read_text(encoding="utf-8")


def test_api_write_gives_the_same_csv_bytes(case, frozen_dir, tmp_path):
    write_dataset(case, tmp_path)
    for t in TABLES:
        assert (tmp_path / f"{t}.csv").read_bytes() == (frozen_dir / f"{t}.csv").read_bytes(), t
    assert (tmp_path / "mapping.yml").read_bytes() == (frozen_dir / "mapping.yml").read_bytes()


def test_read_dataset_gives_back_the_generated_tables(case, frozen_dir):
    back = read_dataset(frozen_dir)
    assert list(back) == TABLES
    for t in TABLES:
        pd.testing.assert_frame_equal(back[t], case[t], check_exact=False, rtol=0, atol=0.005)


def test_same_bytes_in_a_fresh_process_with_another_hash_seed(frozen_dir, tmp_path):
    code = "import sys; from receivables.datasets import generate, write_dataset;write_dataset(generate(), sys.argv[1])"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, env=env)
    for t in TABLES:
        assert _sha(tmp_path / f"{t}.csv") == _sha(frozen_dir / f"{t}.csv"), t


def test_same_seed_same_tables_different_seed_different_data(case):
    again = generate(seed=2024)
    for t in TABLES:
        pd.testing.assert_frame_equal(again[t], case[t])
    other = generate(seed=2025)
    assert not other["invoices"]["amount"].equals(case["invoices"]["amount"])
    assert not other["customers"]["name_zh"].equals(case["customers"]["name_zh"])
    assert not other["payments"]["paid_date"].equals(case["payments"]["paid_date"])


def test_the_frozen_case_is_small(frozen_dir):
    total = sum(p.stat().st_size for p in frozen_dir.iterdir())
    assert total < 1_000_000
    n = len(pd.read_csv(frozen_dir / "invoices.csv", dtype=str))
    assert 1_000 <= n <= 3_000
