"""Bulk generation is fast; the CLI sub-app works; the case reads as a ledger."""

from __future__ import annotations

import time

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from receivables.datasets import generate
from receivables.datasets.cli import app


def test_about_50000_invoices_in_seconds():
    started = time.perf_counter()
    d = generate(seed=11, customers=900, months=36)
    elapsed = time.perf_counter() - started
    inv = d["invoices"]
    assert 40_000 <= len(inv) <= 70_000
    assert elapsed < 10
    assert inv["invoice_id"].is_unique
    assert d["payments"]["invoice_id"].isin(inv["invoice_id"]).all()
    assert len(d["customers"]) == 900 and d["customers"]["customer_id"].iloc[-1] == "C0900"


def test_cli_generate_writes_the_folder(tmp_path):
    out = tmp_path / "new" / "case"
    result = CliRunner().invoke(
        app, ["generate", "--seed", "5", "--customers", "12", "--months", "18", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    for name in (
        "invoices.csv",
        "payments.csv",
        "customers.csv",
        "financials.csv",
        "promises.csv",
        "activities.csv",
        "mapping.yml",
        "manifest.json",
    ):
        assert (out / name).is_file()
        assert name in result.output
    n = len(pd.read_csv(out / "invoices.csv", dtype=str))
    assert f"{n:,}" in result.output


def test_cli_refuses_bad_arguments(tmp_path):
    result = CliRunner().invoke(app, ["generate", "--months", "3", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "months" in result.output


def test_every_option_has_help():
    group = typer.main.get_command(app)
    for name in ("generate", "verify"):
        cmd = group.commands[name]
        assert cmd.help
        for param in cmd.params:
            assert getattr(param, "help", None), (name, param.name)


def test_verify_finds_a_changed_file(tmp_path):
    runner = CliRunner()
    assert (
        runner.invoke(app, ["generate", "--customers", "10", "--months", "18", "--out", str(tmp_path)]).exit_code == 0
    )
    assert runner.invoke(app, ["verify", str(tmp_path)]).exit_code == 0
    path = tmp_path / "payments.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(".00", ".01", 1), encoding="utf-8")
    result = runner.invoke(app, ["verify", str(tmp_path)])
    assert result.exit_code == 1
    assert "payments.csv" in result.output


def test_the_case_reads_cleanly_as_a_ledger(frozen_dir):
    reader = pytest.importorskip("receivables.ledger.reader")
    ledger = reader.read_ledger(frozen_dir / "invoices.csv", mapping=frozen_dir / "mapping.yml")
    invoices = pd.read_csv(frozen_dir / "invoices.csv", dtype=str)
    payments = pd.read_csv(frozen_dir / "payments.csv", dtype=str)
    assert ledger.rows_rejected == 0 and ledger.rows_used == len(invoices)
    assert len(ledger.payments) == len(payments) and ledger.payments_rows_rejected == 0
    assert ledger.invoices["invoice_id"].tolist() == invoices["invoice_id"].tolist()
