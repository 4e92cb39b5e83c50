"""Shared fixtures: the repository root and where generated test files go."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def notebook_runs(request, tmp_path_factory):
    """Every (notebook, lang) the session's tests need, run once up front, two at a time
    (tests/notebook_runs.py): (notebook, lang) -> the executed copy, or why it failed."""
    from .notebook_runs import run_all, wanted

    return run_all(wanted(request.session), tmp_path_factory)


# ------------------------------------------------------------ where the suite's time goes
# Every test's setup, call and teardown time, written to .work/test-durations.json (ignored
# by git) and summed by folder at the end of the run: what to make cheaper comes from here.
_TIMES: dict[str, dict[str, float]] = {}


def pytest_runtest_logreport(report):
    _TIMES.setdefault(report.nodeid, {})[report.when] = report.duration


def _by_folder() -> dict[str, float]:
    folders: dict[str, float] = {}
    for nodeid, phases in _TIMES.items():
        parts = nodeid.split("::")[0].split("/")
        folder = "/".join(parts[:2]) if len(parts) > 2 else parts[0]
        folders[folder] = folders.get(folder, 0.0) + sum(phases.values())
    return dict(sorted(folders.items(), key=lambda kv: -kv[1]))


def pytest_sessionfinish(session):
    if not _TIMES:
        return
    import json

    tests = sorted(
        ((n, sum(p.values()), {k: round(v, 2) for k, v in p.items()}) for n, p in _TIMES.items()),
        key=lambda row: -row[1],
    )
    out = ROOT / ".work" / "test-durations.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "by_folder": {k: round(v, 1) for k, v in _by_folder().items()},
                "tests": [{"test": n, "seconds": round(s, 2), **p} for n, s, p in tests],
            },
            indent=1,
        ),
        encoding="utf-8",
    )


def pytest_terminal_summary(terminalreporter):
    if len(_TIMES) < 50:  # a targeted run: the durations line is enough
        return
    terminalreporter.section("time by test folder (setup + call + teardown)")
    for folder, seconds in _by_folder().items():
        terminalreporter.write_line(f"{seconds:8.0f} s  {folder}")
    terminalreporter.write_line("every test's time: .work/test-durations.json")
