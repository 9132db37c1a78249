"""Journal (case) numbers: formats, which number a document carries, and what validate says about them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from driftsforum_cli.domain.journal_numbers import (
    format_problem,
    item_case_numbers,
    meeting_case_numbers,
    metadata_keywords,
    missing_numbers,
)
from driftsforum_cli.models import Forum, Meeting
from driftsforum_cli.models.forum import JournalOrganisation
from tests.helpers import RunCli


def _organisation(**fields: object) -> JournalOrganisation:
    return JournalOrganisation.model_validate({"id": "region", "name": "Region Nordjylland", **fields})


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        (
            "regional",
            ["1-01-72-30-17", "1-30-72-260-19", "1-16-02-93-21"],
            ["1-01-72-30", "01.72.30.17", "1-01-72-30-2017"],
        ),
        (
            "kle",
            ["29.09.00-A00-1-26", "27.24.00-G01-12345-24"],
            ["29.09.00-1-26", "29.09-A00-1-26", "29.09.00-a00-1-26"],
        ),
        ("year-serial", ["2026-012345", "2019-1234"], ["26-012345", "2026-12", "2026/012345", "3026-012345"]),
    ],
)
def test_each_format_accepts_its_numbers_and_names_the_format_otherwise(
    fmt: str, good: list[str], bad: list[str]
) -> None:
    organisation = _organisation(format=fmt)
    for number in good:
        assert format_problem(organisation, number) is None, number
    for number in bad:
        problem = format_problem(organisation, number)
        assert problem is not None, number
        assert f"sagsnummeret '{number}' har ikke Region Nordjyllands format ({fmt}, fx " in problem


def test_an_own_pattern_and_no_format() -> None:
    own = _organisation(pattern=r"RN-\d{4}")
    assert format_problem(own, "RN-2026") is None
    assert "passer ikke på Region Nordjyllands mønster 'RN-\\d{4}'" in (format_problem(own, "2026") or "")
    assert format_problem(_organisation(), "hvad som helst") is None


def test_a_pattern_that_is_no_regular_expression_is_a_model_error() -> None:
    with pytest.raises(ValueError, match="er ikke et gyldigt regulært udtryk"):
        _organisation(pattern="RN-(")


NOVEMBER = "forums/nord/meetings/2026-11-24.yaml"


def _own_number(root: Path) -> Path:
    """The November meeting of Nord with its own number in Hjørring's case system (at the end of the file)."""
    meeting = root / NOVEMBER
    with meeting.open("a", encoding="utf-8") as out:
        out.write("case_numbers:\n  hjoerring: 29.09.00-A00-4-26\n")
    return meeting


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _forum_and_meeting(root: Path, meeting_date: str = "2026-11-24") -> tuple[Forum, Meeting]:
    from driftsforum_cli.workspace import load_repository

    files = load_repository(root, {"nord"}).forums[0]
    forum = files.forum.model
    meeting = next(m.model for m in files.meetings if m.model and m.model.date.isoformat() == meeting_date)
    assert forum is not None and meeting is not None
    return forum, meeting


def test_the_meeting_number_wins_over_the_forum_and_items_carry_their_own(repo_copy: Path) -> None:
    _own_number(repo_copy)
    forum, meeting = _forum_and_meeting(repo_copy)
    assert [(n.organisation, n.number) for n in meeting_case_numbers(forum, meeting)] == [
        ("region", "1-01-72-30-17"),  # the forum's
        ("hjoerring", "29.09.00-A00-4-26"),  # the meeting's own, not the forum's 29.09.00-A00-1-26
    ]
    assert [n.label for n in item_case_numbers(forum, meeting.agenda[2])] == ["Region Nordjylland: 1-01-72-46-26"]
    assert item_case_numbers(forum, meeting.agenda[0]) == []
    assert metadata_keywords(forum, meeting) == [
        "Sagsnr. Region Nordjylland: 1-01-72-30-17",
        "Sagsnr. Hjørring Kommune: 29.09.00-A00-4-26",
        "Sagsnr. Region Nordjylland: 1-01-72-46-26 (Evaluering af samarbejdsformen)",
    ]
    assert missing_numbers(forum, meeting) == []


def _validate(cli: RunCli, root: Path) -> list[dict[str, object]]:
    result = cli("validate", "--format", "json", "--today", "2026-11-30", cwd=root)
    diagnostics: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return [d for d in diagnostics if str(d["code"]).startswith("case-number")]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_validate_checks_the_format_per_organisation_at_the_number(cli: RunCli, repo_copy: Path) -> None:
    meeting = _own_number(repo_copy)
    _replace(meeting, "hjoerring: 29.09.00-A00-4-26", "hjoerring: 2026-012345")
    _replace(meeting, "region: 1-01-72-46-26", "region: 1-01-72-46")
    found = _validate(cli, repo_copy)
    assert [(Path(str(d["file"])).name, d["line"], d["column"], d["code"], d["severity"]) for d in found] == [
        ("2026-11-24.yaml", _line_of(meeting, "region: 1-01-72-46"), 15, "case-number-format", "error"),
        ("2026-11-24.yaml", _line_of(meeting, "hjoerring: 2026-012345"), 14, "case-number-format", "error"),
    ]
    assert "sagsnummeret '2026-012345' har ikke Hjørring Kommunes format (kle, fx 29.09.00-A00-1-26)" in str(
        found[1]["message"]
    )


def test_validate_names_a_number_under_an_unknown_organisation(cli: RunCli, repo_copy: Path) -> None:
    meeting = _own_number(repo_copy)
    _replace(meeting, "hjoerring: 29.09.00-A00-4-26", "hjorring: 29.09.00-A00-4-26")
    found = _validate(cli, repo_copy)
    assert [(d["line"], d["column"], d["code"]) for d in found] == [
        (_line_of(meeting, "hjorring:"), 3, "case-number-organisation")
    ]
    assert "'hjorring' er ikke en organisation under 'journal.organisations' i forum.yaml (mente du 'hjoerring'?)" in (
        str(found[0]["message"])
    )


def test_a_sent_document_without_the_numbers_its_organisations_require(cli: RunCli, repo_copy: Path) -> None:
    forum = repo_copy / "forums/nord/forum.yaml"
    _replace(forum, "  hjoerring: 29.09.00-A00-1-26\n", "")
    _replace(forum, "required_from: 2027-01-01", "required_from: 2026-11-01")
    meeting = repo_copy / NOVEMBER
    found = _validate(cli, repo_copy)
    where = [(Path(str(d["file"])).name, d["line"], d["code"], d["severity"]) for d in found]
    # every meeting whose agenda went out lacks Hjørring's number; only the November meeting (sent after the
    # region's required_from) needs the region's number on each item, and its last item has one
    assert where == [
        ("2026-03-10.yaml", 7, "case-number-missing", "warning"),
        ("2026-06-09.yaml", 7, "case-number-missing", "warning"),
        ("2026-09-08.yaml", 7, "case-number-missing", "warning"),
        ("2026-11-24.yaml", 7, "case-number-missing", "warning"),
        ("2026-11-24.yaml", _line_of(meeting, "title: Opfølgning på"), "case-number-missing", "warning"),
        ("2026-11-24.yaml", _line_of(meeting, "title: Mødeplan og årshjul"), "case-number-missing", "warning"),
    ]
    assert "dagsordenen er udsendt 24. februar 2026 uden Sagsnr. fra Hjørring Kommune" in str(found[0]["message"])
    assert "punktet 'Mødeplan og årshjul for 2027' har intet Sagsnr. fra Region Nordjylland" in str(found[5]["message"])


def test_without_journal_configuration_nothing_is_required(cli: RunCli, repo_copy: Path) -> None:
    forum = repo_copy / "forums/vest/forum.yaml"
    text = forum.read_text(encoding="utf-8")
    forum.write_text(text[: text.index("\n# Journalisering")] + "\n", encoding="utf-8")
    meeting = repo_copy / "forums/vest/meetings/2026-12-03.yaml"
    _replace(meeting, "    case_numbers:\n      region: 1-01-72-47-26\n      thisted: 2026-014502\n", "")
    assert _validate(cli, repo_copy) == []
    with meeting.open("a", encoding="utf-8") as out:
        out.write("case_numbers:\n  thisted: 2026-014502\n")
    found = _validate(cli, repo_copy)
    assert [(d["code"], d["severity"]) for d in found] == [("case-number-organisation", "error")]
    assert "men forum.yaml har ingen 'journal.organisations'" in str(found[0]["message"])


def test_a_number_added_after_sending_does_not_change_the_sent_document(cli: RunCli, repo_copy: Path) -> None:
    """Journalising comes after sending: the number is the case system's registration, not the content."""
    sent = cli(
        "minutes", "mark-sent", "nord", "2026-11-24", "--on", "2026-11-26", "--today", "2026-11-26", cwd=repo_copy
    )
    assert sent.code == 0, sent.output
    assert (repo_copy / "forums/nord/document-log.jsonl").is_file()
    meeting = _own_number(repo_copy)
    _replace(
        meeting, "      region: 1-01-72-46-26\n", "      region: 1-01-72-46-26\n      hjoerring: 29.09.00-A00-6-26\n"
    )
    _replace(repo_copy / "forums/nord/forum.yaml", "region: 1-01-72-30-17", "region: 1-01-72-30-18")
    unchanged = cli("validate", "--today", "2026-11-30", cwd=repo_copy)
    assert unchanged.code == 0 and "changed-after-sending" not in unchanged.output, unchanged.output
    _replace(meeting, "place: Hjørring Rådhus, mødelokale 2 (eksempel)", "place: Hjørring Rådhus, mødelokale 3")
    changed = cli("validate", "--today", "2026-11-30", cwd=repo_copy)
    assert "changed-after-sending" in changed.output, changed.output
