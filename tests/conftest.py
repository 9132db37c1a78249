"""Fixtures: run the real CLI entry point, copy the bundled repository to play with, a browser; no real clock.
Helpers that tests import live in tests/helpers/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.cli import main
from tests.helpers.browser import AxeViolation, Chromium, format_violations, launch_chromium, missing_requirements
from tests.helpers.cli import REAL_DATE, CliResult, RunCli
from tests.helpers.repos import copy_of_bundled


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the holiday cache and crash logs out of the user's home folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.getbasetemp() / "state"))


def _no_clock() -> date:
    raise AssertionError("the test reads the real clock: pass --today (or a date) to the command under test")


@pytest.fixture(autouse=True)
def _no_real_clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's one reading of the clock (cli.options.parse_today) fails in tests unless the test is
    marked `real_clock` (it checks the default itself); the real date `validate` judges the past by is REAL_DATE."""
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: REAL_DATE)
    if request.node.get_closest_marker("real_clock") is None:
        monkeypatch.setattr(options, "clock", _no_clock)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `driftsforum ARGS…` in-process through the real entry point (exit codes included)."""

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def repo_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the bundled repository (config, forums, schemas)."""
    yield copy_of_bundled(tmp_path / "repo", schemas=True)


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """Headless Chromium with axe-core. Skips locally when Chromium or axe-core is missing; FAILS when CI is set."""
    missing = missing_requirements()
    if missing:
        message = "browser tests need: " + "; ".join(missing) + ". Run `make system-deps`."
        if running_in_ci():
            pytest.fail(f"CI is set, so browser tests may not be skipped: {message}", pytrace=False)
        pytest.skip(message)
    with launch_chromium() as browser:
        yield browser


def pytest_assertrepr_compare(op: str, left: object, right: object) -> list[str] | None:
    """`assert violations == []` prints every violation with its elements and axe's explanation."""
    if op != "==" or not isinstance(left, list) or not isinstance(right, list):
        return None
    for side in (left, right):
        if side and all(isinstance(item, AxeViolation) for item in side):
            return format_violations(side).splitlines()
    return None
