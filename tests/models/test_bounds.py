"""Bounded numbers: every offset, count, duration and year in the models has a limit with a Danish message,
and no integer in a file makes a command crash (exit 3) – it validates clean or is reported (exit 0 or 1)."""

from __future__ import annotations

import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from driftsforum_cli.cli import main
from driftsforum_cli.workspace import load_repository
from tests.helpers.repos import copy_of_bundled

TODAY = "2026-11-22"

#: (file, the text in the bundled Nord forum, the same with {n} for the number, the bounds)
FIELDS: list[tuple[str, str, str, tuple[int, int]]] = [
    ("forum.yaml", "      offset_days: -14\n", "      offset_days: {n}\n", (-365, 365)),
    ("forum.yaml", "      offset_days: 7\n", "      offset_days: {n}\n", (-365, 365)),
    ("forum.yaml", "  per_year: 4\n", "  per_year: {n}\n", (1, 52)),
    ("forum.yaml", "  planned_years: [2026, 2027]\n", "  planned_years: [2026, {n}]\n", (1900, 2100)),
    ("forum.yaml", "  within_months: 12\n", "  within_months: {n}\n", (1, 120)),
    (
        "forum.yaml",
        "    comments:\n",
        "    agenda_earliest_days: {n}\n    comments:\n",
        (1, 365),
    ),
    ("forum.yaml", "    meeting: 2\n", "    meeting: {n}\n", (1, 52)),
    ("agreements.yaml", "      meeting: 1\n", "      month: {n}\n", (1, 12)),
    ("meetings/2026-11-24.yaml", "    duration_minutes: 30\n", "    duration_minutes: {n}\n", (1, 600)),
]


def put(root: Path, field: int, number: int) -> Path:
    name, old, new, _ = FIELDS[field]
    path = root / "forums/nord" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {name}"
    path.write_text(text.replace(old, new.format(n=number), 1), encoding="utf-8")
    return path


def codes_at(root: Path) -> list[tuple[str, str]]:
    """(code, message without the field's path) of each problem the model finds."""
    repo = load_repository(root)
    return [(d.code, d.message.split(": ", 1)[-1]) for d in repo.diagnostics()]


@pytest.mark.parametrize("field", range(len(FIELDS)), ids=[f"{f[0]}:{f[1].strip()}" for f in FIELDS])
def test_each_number_has_bounds_with_a_danish_message(tmp_path: Path, field: int) -> None:
    low, high = FIELDS[field][3]
    for inside in (low, high):
        root = copy_of_bundled(tmp_path / f"in{inside}")
        put(root, field, inside)
        assert [code for code, _ in codes_at(root)] == [], inside
    below = copy_of_bundled(tmp_path / "below")
    put(below, field, low - 1)
    assert codes_at(below) == [("out-of-range", f"'{low - 1}' er for lille; skal være mindst {low}")]
    above = copy_of_bundled(tmp_path / "above")
    put(above, field, high + 1)
    assert codes_at(above) == [("out-of-range", f"'{high + 1}' er for stor; må højst være {high}")]


def test_the_documented_example_offset_no_longer_validates_clean(tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path)
    put(root, 0, -99999999)
    assert codes_at(root) == [("out-of-range", "'-99999999' er for lille; skal være mindst -365")]


def run(root: Path, *args: str) -> int:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return main(["--repo", str(root), *args])


EDGES = [-(10**18), -366, -365, -1, 0, 1, 12, 13, 52, 53, 120, 121, 365, 366, 600, 601, 1899, 1900, 2100, 2101, 10**18]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.integers(0, len(FIELDS) - 1),
    number=st.one_of(st.sampled_from(EDGES), st.integers(-(10**12), 10**12)),
)
def test_no_integer_in_a_file_crashes_a_command(field: int, number: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = copy_of_bundled(Path(folder))
        put(root, field, number)
        for args in (
            ("calendar", "--today", TODAY),
            ("due", "--today", TODAY),
            ("agenda", "nord", "--today", TODAY),
        ):
            assert run(root, *args) in (0, 1), (FIELDS[field][2].format(n=number), args)
