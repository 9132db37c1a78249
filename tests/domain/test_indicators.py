"""Indicators as the documents show them: Danish numbers, the one-line summary, small counts hidden, the totals
that would give a hidden count away, and when an extract is stale."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from driftsforum_cli.danish import decimal_number
from driftsforum_cli.domain.indicators import (
    ForumData,
    build_view,
    disclosures,
    hidden_counts,
    parse_number,
    statuses,
    unknown_area,
)
from driftsforum_cli.models.indicators import DataPoint, IndicatorData, IndicatorsFile
from tests.helpers.data import make_indicator

_indicator = make_indicator


def _data(rows: Sequence[tuple[str, str, float | None]]) -> IndicatorData:
    points = tuple(
        DataPoint(area, period, value, decimal_number(value) if value is not None else "..", n + 2, 1, f"linje {n + 2}")
        for n, (area, period, value) in enumerate(rows)
    )
    return IndicatorData(indicator="genindl-30", points=points)


def test_the_summary_says_how_the_value_developed_in_danish() -> None:
    rows = [
        ("Hjørring", "2021", 24.1),
        ("Hjørring", "2022", 23.0),
        ("Hjørring", "2023", 22.4),
        ("Hjørring", "2024", 21.5),
    ]
    view = build_view(_indicator(), _data(rows), 5)
    assert view.summary == "Hjørring: faldet fra 24,1 % i 2021 til 21,5 % i 2024."
    assert [cell.text for cell in view.rows[0].cells] == ["24,1", "23,0", "22,4", "21,5"]
    up = build_view(_indicator(unit="dage"), _data([("Thisted", "2020", 455.0), ("Thisted", "2024", 1610.0)]), 5)
    assert up.summary == "Thisted: steget fra 455,0 dage i 2020 til 1610,0 dage i 2024."
    same = build_view(_indicator(), _data([("Morsø", "2023", 18.0), ("Morsø", "2024", 18.0)]), 5)
    assert same.summary == "Morsø: uændret på 18,0 % fra 2023 til 2024."
    single = build_view(_indicator(), _data([("Morsø", "2024", 18.0)]), 5)
    assert single.summary == "Der er for få perioder med tal til at beskrive en udvikling."


def test_small_counts_are_hidden_and_the_summary_does_not_give_them_away() -> None:
    rows = [("Læsø", "2023", 3.0), ("Læsø", "2024", 0.0), ("Læsø", "2025", 5.0), ("Hjørring", "2025", 49.0)]
    view = build_view(_indicator(counts=True, unit="antal"), _data(rows), 5)
    assert [cell.text for cell in view.rows[0].cells] == ["< 5", "< 5", "5"]
    assert [cell.text for cell in view.rows[1].cells] == ["–", "–", "49"]
    assert view.summary == "Læsø: < 5 i 2023 og 5 i 2025."
    assert [(area, period) for area, period, _ in hidden_counts(view)] == [("Læsø", "2023"), ("Læsø", "2024")]
    assert view.suppressed
    # a percentage is no count: nothing is hidden
    assert not build_view(_indicator(), _data(rows), 5).suppressed
    # the threshold is the forum's
    assert [c.text for c in build_view(_indicator(counts=True), _data(rows), 3).rows[0].cells] == ["3", "< 3", "5"]


def test_a_total_that_gives_a_hidden_count_away() -> None:
    rows = [
        ("Hjørring", "2024", 50.0),
        ("Læsø", "2024", 2.0),
        ("Region Nordjylland", "2024", 52.0),
        ("Hjørring", "2025", 49.0),
        ("Læsø", "2025", 6.0),
        ("Region Nordjylland", "2025", 55.0),
    ]
    view = build_view(_indicator(counts=True, unit="antal"), _data(rows), 5)
    found = disclosures(view)
    assert [(d.period, d.total_area, d.hidden_area) for d in found] == [("2024", "Region Nordjylland", "Læsø")]
    # without the total shown, nothing can be worked out
    shown = _indicator(counts=True, unit="antal", areas=["Hjørring", "Læsø"])
    assert disclosures(build_view(shown, _data(rows), 5)) == []


def test_a_total_over_more_areas_than_shown_gives_nothing_away() -> None:
    rows = [("Hjørring", "2024", 50.0), ("Læsø", "2024", 2.0), ("Region Nordjylland", "2024", 400.0)]
    assert disclosures(build_view(_indicator(counts=True), _data(rows), 5)) == []


def test_stale_from_the_extract_date_and_the_forums_limit() -> None:
    settings = IndicatorsFile.model_validate({"max_age_days": 30, "indicators": [_indicator().model_dump(mode="json")]})
    data = ForumData(settings, {"genindl-30": _data([("Hjørring", "2024", 1.0), ("Hjørring", "2025", 2.0)])})
    (status,) = statuses(data, date(2026, 9, 19))
    assert (status.latest, status.age_days, status.stale_from) == ("2025", 30, date(2026, 9, 19))
    assert status.stale(date(2026, 9, 19)) and not status.stale(date(2026, 9, 18))


def test_unknown_areas_get_the_nearest_name() -> None:
    assert unknown_area("Hjørring") is None
    assert unknown_area("Region Nordjylland") is None
    assert (
        unknown_area("Frederikshvn")
        == "'Frederikshvn' er ikke en dansk kommune eller region; mente du 'Frederikshavn'?"
    )
    assert (unknown_area("Atlantis") or "").endswith("skriv kommunens navn, som Danmarks Statistik skriver det")


def test_numbers_as_exports_write_them() -> None:
    cases = {
        ("24,1", ","): 24.1,
        ("1.234,5", ","): 1234.5,
        ("1 234", ","): 1234.0,
        ("12\u00a0345", ","): 12345.0,
        ("-0,5", ","): -0.5,
        ("24.1", "."): 24.1,
        ("1,234.5", "."): 1234.5,
        ("21,5 %", ","): 21.5,
    }
    for (text, decimal), value in cases.items():
        number = parse_number(text, decimal)
        assert number is not None and number.value == value, text
    for text in ("ca. 5", "24,1,2", "abc", "1.23.4"):
        assert parse_number(text, ",") is None, text
    for text in ("", "..", "-", "n/a"):
        number = parse_number(text, ",")
        assert number is not None and number.value is None and not number.suppressed
    hidden = parse_number("< 5", ",")
    assert hidden is not None and hidden.suppressed


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=2))
def test_danish_numbers_read_back(value: float, decimals: int) -> None:
    text = decimal_number(value, decimals)
    assert "." not in text or "," in text or len(text.replace("-", "").replace(".", "")) > 4
    number = parse_number(text, ",")
    assert number is not None and number.value is not None
    assert abs(number.value - round(value, decimals)) < 10 ** (-decimals) / 2 + 1e-6


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("24,1", ",", (24.1, 1)),
        (" 58 ", ",", (58.0, 0)),
        ("007,50", ",", (7.5, 2)),
        ("24,", ",", None),  # a decimal sign without decimals is no number
        (",5", ",", None),
        ("²", ",", None),  # a digit to str.isdigit, not to float
        ("24.1", ",", None),  # a decimal point where the file uses a comma (three decimals would be thousands)
    ],
)
def test_the_quick_path_for_plain_numbers_reads_as_the_full_rules(
    text: str, decimal: str, expected: tuple[float, int] | None
) -> None:
    """The common cell ('24,1', '58') is read without regular expressions; what it does not take goes on to the
    full rules, so the odd cell is read (or refused) as before."""
    number = parse_number(text, decimal)
    if expected is None:
        assert number is None
    else:
        assert number is not None and (number.value, number.decimals) == expected
