"""What is wrong in a hand-edited YAML file, in words a secretary understands: Danish key names, keys at the
wrong level, a quote that is never closed, tabs in the indentation, and the meetings nearest a wrong date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import RunCli

MEETING = "forums/nord/meetings/2026-11-24.yaml"


def _validate(cli: RunCli, repo: Path) -> list[str]:
    result = cli("validate", MEETING, "--today", "2026-11-20", cwd=repo)
    assert result.code == 1
    return [line for line in result.stdout.splitlines() if line.startswith(MEETING)]


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        (
            "sted: Rådhuset",
            ":1: fejl [unknown-key] ukendt nøgle 'sted'; 'sted' hedder 'place' (nøglerne skrives på engelsk)",
        ),
        ("Dato: 2026-11-24", "'Dato' hedder 'date' (nøglerne skrives på engelsk)"),
        ("dagsorden: []", "'dagsorden' hedder 'agenda' (nøglerne skrives på engelsk)"),
        ("present: [plo]", "'present' hører til under 'attendance': ryk den ind under 'attendance'"),
        ("afbud: [plo]", "'afbud' hedder 'absent' og hører til under 'attendance' (nøglerne skrives på engelsk)"),
        ("referent: plo", "'referent' hedder 'minute_taker' og hører til under 'attendance'"),
        (
            "attendance:\n  present: [plo]\n  closes_actions: []",
            ":3: fejl [unknown-key] attendance: ukendt nøgle 'closes_actions'; 'closes_actions' hører ikke til "
            "under 'attendance': ryk den ud, så den står på samme niveau som 'attendance'",
        ),
        ("plase: Rådhuset", "ukendt nøgle 'plase' – mente du 'place'?"),
    ],
)
def test_a_key_in_words_a_secretary_understands(cli: RunCli, repo_copy: Path, added: str, expected: str) -> None:
    path = repo_copy / MEETING
    path.write_text(path.read_text(encoding="utf-8") + added + "\n", encoding="utf-8")
    found = _validate(cli, repo_copy)
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("\nplace: ", "\n\tplace: ", ":5:1:"),  # a tab first on the line
        ("\nplace: ", "\n  \tplace: ", ":5:3:"),  # a tab after spaces
        ("\nstart: ", "\n \t start: ", ":3:2:"),
        ("    kind: drøftelse\n", "\t  kind: drøftelse\n", None),
    ],
)
def test_a_tab_in_the_indentation_gets_one_clear_message(
    cli: RunCli, repo_copy: Path, old: str, new: str, where: str | None
) -> None:
    path = repo_copy / MEETING
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = _validate(cli, repo_copy)
    assert len(found) == 1 and found[0].endswith("YAML-syntaksfejl: tabulator i indrykningen; brug mellemrum"), found
    if where is not None:
        assert where in found[0]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens(cli: RunCli, repo_copy: Path, quote: str) -> None:
    path = repo_copy / MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nplace: ", f"\nplace: {quote}", 1), encoding="utf-8")
    found = _validate(cli, repo_copy)
    assert found == [
        f"{MEETING}:5:8: fejl [yaml-syntax] YAML-syntaksfejl: anførselstegnet her lukkes aldrig; sæt det samme "
        "anførselstegn (\" eller ') efter værdien"
    ]


def test_a_wrong_meeting_date_shows_the_nearest_meetings(cli: RunCli) -> None:
    result = cli("agenda", "nord", "2026-09-09", "--today", "2026-12-01")
    assert result.code == 1
    assert (
        "Fejl: forummet 'nord' har intet møde den 2026-09-09; de nærmeste møder: 2026-06-09, 2026-09-08, "
        "2026-11-24, 2027-03-09" in result.stderr
    )
