"""Prints how Chinese each notebook of the Chinese edition is, after the test run."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    from tests.course.test_translation import SHARES

    if not SHARES:
        return
    terminalreporter.section("Chinese edition: share of Chinese in each notebook's text")
    for name, (share, cjk, latin) in sorted(SHARES.items()):
        terminalreporter.write_line(f"{share:6.1%}  {name}  ({cjk} Chinese characters, {latin} Latin letters)")
