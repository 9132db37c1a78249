"""Attachments are files beside the meeting file (in meetings/ or a folder below it); a public attachment
is one of the meeting's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from driftsforum_cli.domain.rules.registry import ERROR, Findings, ForumContext, RuleList, suggestion
from driftsforum_cli.loader import Loc
from driftsforum_cli.models import Meeting

RULES = RuleList()


def _attachments(meeting: Meeting) -> Iterator[tuple[Loc, str, PurePosixPath]]:
    """(where, name as written, path) of every attachment of the meeting's items, joint meeting included."""
    parts: list[tuple[Loc, list[str]]] = [(("agenda", n), item.attachments) for n, item in enumerate(meeting.agenda)]
    if meeting.joint_meeting is not None:
        parts += [
            (("joint_meeting", "agenda", n), item.attachments) for n, item in enumerate(meeting.joint_meeting.agenda)
        ]
    for base, names in parts:
        for index, name in enumerate(names):
            yield (*base, "attachments", index), name, PurePosixPath(name.replace("\\", "/"))


def _outside(name: str, path: PurePosixPath) -> bool:
    return path.is_absolute() or ".." in path.parts or ":" in name


@RULES.rule(
    "attachment-missing",
    ERROR,
    "et punkts bilag findes i `meetings/` ved siden af mødefilen, og et offentligt bilag "
    "(`publication.public_attachments`) står på et af mødets punkter",
)
def attachment_missing(forum: ForumContext, out: Findings) -> None:
    present = forum.files.attachments
    for loaded, meeting in forum.meetings:
        listed = {name for _, name, _ in _attachments(meeting)}
        for index, name in enumerate(meeting.publication.public_attachments):
            if name not in listed:
                out.error(
                    loaded,
                    ("publication", "public_attachments", index),
                    f"'{name}' står under public_attachments, men ikke under 'attachments' på noget punkt; "
                    f"tilføj bilaget på punktet, eller ret navnet{suggestion(name, listed)}",
                )
        for loc, name, path in _attachments(meeting):
            if not _outside(name, path) and path.as_posix() not in present:
                out.error(
                    loaded,
                    loc,
                    f"bilaget '{name}' findes ikke i meetings/{suggestion(path.as_posix(), present)}; "
                    "læg filen der, eller ret navnet",
                )


@RULES.rule("attachment-path", ERROR, "et bilags sti peger ikke ud af `meetings/` (ingen `..`, drev eller `/` foran)")
def attachment_path(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        for loc, name, path in _attachments(meeting):
            if _outside(name, path):
                out.error(
                    loaded,
                    loc,
                    f"bilaget '{name}' skal ligge i meetings/ ved siden af mødefilen; skriv stien uden '..' og "
                    "uden drev eller '/' foran, fx bilag/tjekliste.pdf",
                )
