"""The three ways of installing agree: pyproject ranges admit the pinned versions, and
environment.yml (conda) pins exactly what constraints.txt (pip) pins."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[_norm(name)] = version
    return pins


def test_environment_yml_pins_match_constraints():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = constraints()
    checked = 0
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for line in dep["pip"]:
                if "==" in line:
                    name, version = line.split("==")
                    assert pins[_norm(name)] == version, line
                    checked += 1
            continue
        if "=" not in dep or dep.startswith("python="):
            continue
        name, version = dep.split("=", 1)
        assert pins.get(_norm(name)) == version, f"environment.yml {dep} vs constraints.txt {pins.get(_norm(name))}"
        checked += 1
    assert checked >= 20


def test_pyproject_ranges_admit_the_pins():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"]) + [r for extra in project["optional-dependencies"].values() for r in extra]
    pins = constraints()
    for text in reqs:
        req = Requirement(text)
        pinned = pins.get(_norm(req.name))
        assert pinned is not None, f"{req.name} is not pinned in constraints.txt"
        assert req.specifier.contains(Version(pinned)), f"{text} does not admit the pinned {pinned}"
