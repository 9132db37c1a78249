"""Complete minutes (the texts under the fixed items, 'ikke registreret'), the late agenda and the copy for ad hoc
participants, rendered in every format (PDF read back with pypdf)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pypdf
import pytest

from driftsforum_cli.domain.documents import MeetingDocument, build_document, pick_meeting
from driftsforum_cli.render.documents import render_document
from driftsforum_cli.workspace import load_repository
from tests.helpers import RunCli

FIXED = {
    "approve_agenda": "Dagsordenen blev godkendt uden bemærkninger.",
    "announcements": "Frederikshavn Kommune har ansat en ny afdelingsleder.",
    "any_other_business": "Ingen punkter under eventuelt.",
    "next_meeting": "Næste møde holdes i Hjørring; sekretariatet sender mødeindkaldelse.",
}


def _text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    else:
        text = data.decode("utf-8")
    return " ".join(text.split())


def _document(root: Path, forum_id: str, day: date, kind: str, today: date, *, late: bool = False) -> MeetingDocument:
    repo = load_repository(root)
    files = next(f for f in repo.forums if f.id == forum_id)
    meeting = pick_meeting(files, day, today)
    return build_document("agenda" if kind == "agenda" else "minutes", files, meeting, repo.calendar, today, late=late)


@pytest.fixture
def with_fixed_texts(repo_copy: Path) -> Path:
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8")
    block = "".join(f"    {key}: {value}\n" for key, value in FIXED.items())
    assert "minutes:\n  type: beslutningsreferat\n" in text
    meeting.write_text(
        text.replace(
            "minutes:\n  type: beslutningsreferat\n",
            f"minutes:\n  type: beslutningsreferat\n  standard_items:\n{block}",
        ),
        encoding="utf-8",
    )
    return repo_copy


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_minutes_carry_the_texts_of_the_fixed_items(with_fixed_texts: Path, fmt: str) -> None:
    doc = _document(with_fixed_texts, "nord", date(2026, 9, 8), "minutes", date(2026, 11, 22))
    text = _text(fmt, render_document(doc, fmt, None))
    for value in FIXED.values():
        assert value in text
    # each under its own item, in the charter's order
    positions = [text.index(value) for value in FIXED.values()]
    assert positions == sorted(positions)
    assert text.index("Godkendelse af dagsorden") < positions[0] < text.index("Godkendelse af referat")
    assert text.index("Eventuelt") < positions[2] < text.rindex("Næste møde")
    # the agenda of the same meeting does not show what was said
    agenda = _text(
        fmt,
        render_document(_document(with_fixed_texts, "nord", date(2026, 9, 8), "agenda", date(2026, 8, 20)), fmt, None),
    )
    assert FIXED["announcements"] not in agenda


def test_fixed_item_texts_on_the_site_and_in_the_privacy_check(cli: RunCli, with_fixed_texts: Path) -> None:
    result = cli("publish", "-o", "site", "--no-pdf", "--today", "2026-11-22", cwd=with_fixed_texts)
    assert result.code == 0, result.output
    page = (with_fixed_texts / "site" / "nord" / "2026-09-08.html").read_text(encoding="utf-8")
    for value in FIXED.values():
        assert f'<p class="minutes-note">{value}</p>' in page
    from driftsforum_cli.domain.publish import plan_site

    repo = load_repository(with_fixed_texts)
    exposures = plan_site(repo, repo.calendar, date(2026, 11, 22)).all_exposures()
    found = {exposure.text: exposure for exposure in exposures}
    note = found[FIXED["announcements"]]
    assert note.loc == ("minutes", "standard_items", "announcements")
    assert note.loaded.at(note.loc).line > 1


def test_unknown_fixed_item_key_is_refused(cli: RunCli, repo_copy: Path) -> None:
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(
        text.replace(
            "  type: beslutningsreferat\n", "  type: beslutningsreferat\n  standard_items:\n    meddelelser: x\n"
        ),
        encoding="utf-8",
    )
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    assert "meddelelser" in result.output


# How the line about absence reads in each format, for "not recorded" and for "nobody absent".
ABSENCE = {
    "md": ("**Afbud:** ikke registreret", "**Afbud:** ingen"),
    "html": ("<dt>Afbud</dt> <dd>Ikke registreret</dd>", "<dt>Afbud</dt> <dd>Ingen</dd>"),
    "pdf": ("Afbud Ikke registreret", "Afbud Ingen"),
}


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_absence_not_recorded_is_not_none(repo_copy: Path, fmt: str) -> None:
    not_recorded, none = ABSENCE[fmt]
    # 24 November 2026: no attendance recorded yet
    doc = _document(repo_copy, "nord", date(2026, 11, 24), "minutes", date(2026, 11, 25))
    unrecorded = _text(fmt, render_document(doc, fmt, None))
    assert not_recorded in unrecorded
    assert none not in unrecorded

    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert "  absent:\n    - laesoe-afdelingsleder\n" in text
    meeting.write_text(text.replace("  absent:\n    - laesoe-afdelingsleder\n", ""), encoding="utf-8")
    doc = _document(repo_copy, "nord", date(2026, 9, 8), "minutes", date(2026, 11, 22))
    nobody = _text(fmt, render_document(doc, fmt, None))
    assert none in nobody
    assert not_recorded not in nobody


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_late_agenda_says_so(repo_copy: Path, fmt: str) -> None:
    on_time = _document(repo_copy, "nord", date(2026, 11, 24), "agenda", date(2026, 11, 5))
    assert not on_time.late
    assert "Udsendt efter fristen" not in _text(fmt, render_document(on_time, fmt, None))
    # the sending service sends on 12 November, after the deadline of 10 November
    late = _document(repo_copy, "nord", date(2026, 11, 24), "agenda", date(2026, 11, 12), late=True)
    assert "Udsendt efter fristen (fristen var 10. november 2026)." in _text(fmt, render_document(late, fmt, None))
    assert on_time.sent_late().late


def test_agenda_recorded_as_sent_late_keeps_the_line(cli: RunCli, repo_copy: Path) -> None:
    # Vest's September agenda went out on 28 August; the deadline was 27 August
    late = cli("agenda", "vest", "2026-09-10", "--today", "2026-11-22", cwd=repo_copy)
    assert late.code == 0, late.output
    assert "*Udsendt efter fristen (fristen var 27. august 2026).*" in late.stdout
    on_time = cli("agenda", "nord", "2026-09-08", "--today", "2026-11-22", cwd=repo_copy)
    assert "Udsendt efter fristen" not in on_time.stdout
    # the minutes never carry it
    minutes = cli("minutes", "vest", "2026-09-10", "--today", "2026-11-22", cwd=repo_copy)
    assert "Udsendt efter fristen" not in minutes.stdout


CLOSED_TITLE = "Drøftelse af et konkret, anonymiseret forløb"
CLOSED_TEXT = "Et anonymiseret forløb"
CLOSED_DECISION = "Driftsforum drøftede forløbet"


@pytest.mark.parametrize("kind", ["agenda", "minutes"])
@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_guest_copy_has_no_closed_item(repo_copy: Path, kind: str, fmt: str) -> None:
    doc = _document(repo_copy, "nord", date(2026, 6, 9), kind, date(2026, 11, 22))
    members = _text(fmt, render_document(doc, fmt, None))
    assert CLOSED_TITLE in members and CLOSED_TEXT in members  # the members' copy has it

    guests = doc.guest_copy()
    assert guests.for_guests and not doc.for_guests
    text = _text(fmt, render_document(guests, fmt, None))
    for secret in (CLOSED_TITLE, CLOSED_TEXT, CLOSED_DECISION, "forløb"):
        assert secret not in text
    closed = next(item for item in doc.items if item.closed)
    assert f"{closed.number}. Lukket punkt" in text  # the numbering stays that of the members' copy
    assert "Data fra Dash Board" in text  # open items are all there
