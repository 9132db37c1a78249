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


@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize("closing", ["'Punkt 5: mangler PLO'", '"Punkt 5: mangler PLO"'])
def test_a_quote_left_open_is_reported_where_it_opens_though_a_later_one_closes_it(
    cli: RunCli, repo_copy: Path, quote: str, closing: str
) -> None:
    """From a secretary's trial: a title's quote left open swallowed the file until the next quote of the same
    kind, 16 lines on, and the error was reported there."""
    path = repo_copy / MEETING
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[17] == "  - title: Mødeplan og årshjul for 2027"
    lines[17] = f"  - title: {quote}Mødeplan og årshjul for 2027"
    comment = f"minutes:\n  comments:\n    - by: plo\n      received: 2026-11-27\n      text: {closing}\n"
    path.write_text("\n".join(lines) + "\n" + comment, encoding="utf-8")
    found = _validate(cli, repo_copy)
    if closing[0] != quote:  # the other kind of quote: the open one runs to the end of the file
        assert found == [
            f"{MEETING}:18:12: fejl [yaml-syntax] YAML-syntaksfejl: anførselstegnet her lukkes aldrig; sæt det samme "
            "anførselstegn (\" eller ') efter værdien"
        ]
        return
    assert len(found) == 1 and found[0].startswith(
        f"{MEETING}:18:12: fejl [yaml-syntax] YAML-syntaksfejl: anførselstegnet her lukkes aldrig; sæt det samme "
        "anførselstegn (\" eller ') efter værdien (YAML opdager det først i linje "
    )


def test_a_syntax_error_after_closed_quotes_is_reported_where_it_is(cli: RunCli, repo_copy: Path) -> None:
    path = repo_copy / MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nplace: ", "\nplace: 'Rådhuset'\nend 15:00\nx: ", 1), encoding="utf-8")
    found = _validate(cli, repo_copy)
    assert len(found) == 1 and "lukkes aldrig" not in found[0] and found[0].startswith(f"{MEETING}:6:"), found


def test_a_wrong_meeting_date_shows_the_nearest_meetings(cli: RunCli) -> None:
    result = cli("agenda", "nord", "2026-09-09", "--today", "2026-12-01")
    assert result.code == 1
    assert (
        "Fejl: forummet 'nord' har intet møde den 2026-09-09; de nærmeste møder: 2026-06-09, 2026-09-08, "
        "2026-11-24, 2027-03-09" in result.stderr
    )
