"""The agenda as Danish agendas are laid out: a time plan per item, a warning when it does not fit, the
presenter's organisation, no agreement taken up twice, and actions closed at the meeting shown as closed."""

from __future__ import annotations

from datetime import date, time
from itertools import pairwise
from pathlib import Path

from driftsforum_cli.domain.documents import build_document, pick_meeting
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.render.documents import render_document
from driftsforum_cli.workspace import load_repository
from tests.helpers.cli import RunCli
from tests.helpers.repos import copy_of_bundled

TODAY = date(2026, 11, 22)
NOVEMBER = "forums/nord/meetings/2026-11-24.yaml"


def _forum(root: Path, forum_id: str = "nord") -> tuple[ForumFiles, WorkCalendar]:
    repo = load_repository(root)
    return next(f for f in repo.forums if f.id == forum_id), repo.calendar


def test_every_item_has_a_slot_that_follows_the_one_before(tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path)
    files, calendar = _forum(root)
    doc = build_document("agenda", files, pick_meeting(files, date(2026, 11, 24), TODAY), calendar, TODAY)
    slots = [(item.number, item.starts, item.ends) for item in doc.items]
    assert slots[0] == (1, time(13, 0), time(13, 5))
    for (_, _, ends), (number, starts, _) in pairwise(slots):
        assert starts == ends, f"item {number} does not start where the one before ends"
    own = next(item for item in doc.items if item.title.startswith("Opfølgning på samarbejdsaftale"))
    assert (own.starts, own.ends) == (time(13, 20), time(13, 50))  # 30 minutes, after three fixed items
    assert doc.overrun_minutes == 0
    md = render_document(doc, "md", root).decode("utf-8")
    assert "*Drøftelse* · kl. 13.20–13.50 · Oplæg ved Helle Eksempel (Psykiatrien, Klinik Psykiatri Nord)" in md


def test_the_fixed_agreements_item_points_to_the_own_item_instead_of_repeating_it(tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path)
    files, calendar = _forum(root)
    doc = build_document("agenda", files, pick_meeting(files, date(2026, 11, 24), TODAY), calendar, TODAY)
    fixed = next(item for item in doc.items if item.standard == "agreements_due")
    own = next(item for item in doc.items if item.standard is None and item.agreements)
    assert fixed.own_items == {"SA-04": own.number}
    assert fixed.duration_minutes == 0  # it takes no time of its own
    html = render_document(doc, "html", root).decode("utf-8")
    assert f"SA-04: Medicinhåndtering på tværs af sektorer – behandles under punkt {own.number}</li>" in html


def test_an_action_closed_at_the_meeting_is_shown_as_closed(tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path)
    files, calendar = _forum(root)
    september = pick_meeting(files, date(2026, 9, 8), TODAY)  # closes_actions: [nord-2026-2-a1]
    doc = build_document("minutes", files, september, calendar, TODAY)
    md = render_document(doc, "md", root).decode("utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| Kortlægge kontaktveje"))
    assert "**(lukket på mødet)**" in row and "overskredet" not in row


def test_items_that_do_not_fit_are_a_warning(cli: RunCli, tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path)
    meeting = root / NOVEMBER
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("duration_minutes: 30", "duration_minutes: 90"), encoding="utf-8")
    files, calendar = _forum(root)
    doc = build_document("agenda", files, pick_meeting(files, date(2026, 11, 24), TODAY), calendar, TODAY)
    assert doc.overrun_minutes == 10  # 150 minutes of meeting: 35 for the fixed items (0 for the pointer), 125 own
    result = cli("--repo", str(root), "validate", "--today", "2026-11-22")
    assert (
        f"{NOVEMBER}:9:3: advarsel [agenda-overrun] punkterne når ikke at blive behandlet: tidsplanen slutter "
        "kl. 15.40, 10 minutter efter mødets slut kl. 15.30" in result.stdout
    ), result.output
    # a meeting that is over is history: no warning about it
    later = cli("--repo", str(root), "validate", "--today", "2026-11-25")
    assert "agenda-overrun" not in later.stdout


def test_a_fixed_item_can_have_its_own_duration(tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path)
    forum = root / "forums/nord/forum.yaml"
    text = forum.read_text(encoding="utf-8")
    old = "    - id: approve_agenda\n      title: Godkendelse af dagsorden\n      kind: beslutning\n"
    assert old in text
    forum.write_text(text.replace(old, old + "      duration_minutes: 2\n"), encoding="utf-8")
    files, calendar = _forum(root)
    doc = build_document("agenda", files, pick_meeting(files, date(2026, 11, 24), TODAY), calendar, TODAY)
    assert (doc.items[0].starts, doc.items[0].ends, doc.items[1].starts) == (time(13, 0), time(13, 2), time(13, 2))
