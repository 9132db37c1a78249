"""The edits that record replies on a meeting's attendance, applied to a meeting file's text as the import does."""

from __future__ import annotations

from driftsforum_cli.editing import edit_text
from driftsforum_cli.loader import parse_yaml
from driftsforum_cli.models import Meeting
from driftsforum_cli.models.meeting import InvitationReply
from driftsforum_cli.services.replies_import import reply_edits

HEAD = "date: 2026-11-24\nstart: 13:00\nend: 15:30\nplace: Hjørring\n"


def _record(text: str, *entries: InvitationReply) -> str:
    meeting = Meeting.model_validate(parse_yaml(text, "m.yaml").data)
    return edit_text(text, reply_edits(meeting.attendance, list(entries)), "m.yaml")


def _reply(seat: str, answer: str, sent: str, substitute: str | None = None) -> InvitationReply:
    return InvitationReply.model_validate({"seat": seat, "answer": answer, "sent": sent, "substitute": substitute})


def test_a_later_yes_takes_back_only_its_own_afbud_and_keeps_an_afbud_added_with_it() -> None:
    text = HEAD + (
        "attendance:\n"
        "  absent:\n    - laesoe\n"
        "  substitutes:\n    - seat: laesoe\n      name: Søren\n"
        "  replies:\n    - seat: laesoe\n      answer: stedfortræder\n      sent: '2026-11-20T09:00:00Z'\n"
        "      substitute: Søren\n"
    )
    after = _record(
        text, _reply("laesoe", "deltager", "2026-11-22T09:00:00Z"), _reply("plo", "afbud", "2026-11-21T09:00:00Z")
    )
    assert after == HEAD + (
        "attendance:\n"
        "  absent:\n    - plo\n"
        "  replies:\n    - seat: laesoe\n      answer: deltager\n      sent: '2026-11-22T09:00:00Z'\n"
        "    - seat: plo\n      answer: afbud\n      sent: '2026-11-21T09:00:00Z'\n"
    )


def test_an_afbud_written_by_hand_is_not_taken_back_by_a_yes() -> None:
    text = HEAD + "attendance:\n  absent:\n    - laesoe  # ringede\n"
    after = _record(text, _reply("laesoe", "deltager", "2026-11-22T09:00:00Z"))
    assert after.startswith(text)
    assert after.endswith(
        "  replies:\n    - seat: laesoe\n      answer: deltager\n      sent: '2026-11-22T09:00:00Z'\n"
    )


def test_a_seat_recorded_present_keeps_its_attendance() -> None:
    text = HEAD + "attendance:\n  present: [plo]\n"
    after = _record(text, _reply("plo", "afbud", "2026-11-22T09:00:00Z"))
    assert "absent" not in after and "present: [plo]" in after


def test_a_maybe_is_neither_afbud_nor_expected_attendance() -> None:
    after = _record(HEAD, _reply("plo", "måske", "2026-11-22T09:00:00Z"))
    assert (
        after
        == HEAD + "attendance:\n  replies:\n    - seat: plo\n      answer: måske\n      sent: '2026-11-22T09:00:00Z'\n"
    )
