"""Joint meetings between forums of one collection, described once.

The Vest charter holds a joint meeting of Driftsforum Voksenpsykiatri and Driftsforum Voksen Somatik the same day,
right after the forums' meetings. One forum (the host) describes it in its meeting file, with `partner_forum:` the
other forum's id; the other forum's meeting that day then gets the same joint session (times, place, agenda,
decisions), so it appears in both forums' calendars, agendas and minutes without being written twice.

The partner's copy leaves out what belongs to the host's files: the presenters (seats of the host), the agreement
ids (the host's agreements.yaml) and the attachments (below the host's meetings/). Pure: the forums come loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from driftsforum_cli.diagnostics import Diagnostic, error, warning
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.loader import Loaded
from driftsforum_cli.models import Meeting
from driftsforum_cli.models.meeting import JointSession


def _name(forum: ForumFiles) -> str:
    return forum.forum.model.name if forum.forum.model is not None else forum.id


def _copy_for(partner: ForumFiles, host: ForumFiles, meeting: Meeting, joint: JointSession) -> JointSession:
    """The joint session as the partner forum's meeting shows it."""
    rule = partner.forum.model.meetings.joint_meeting if partner.forum.model is not None else None
    agenda = [item.model_copy(update={"presenter": None, "agreements": [], "attachments": []}) for item in joint.agenda]
    return joint.model_copy(
        update={
            "partner": rule.partner if rule is not None else _name(host),
            "partner_forum": host.id,
            "place": joint.place or meeting.place,
            "agenda": agenda,
        }
    )


def share_joint_meetings(loaded: Sequence[ForumFiles], others: Sequence[ForumFiles] = ()) -> list[Diagnostic]:
    """Give the meetings of the `loaded` forums the joint sessions their partners describe (in `loaded` or
    `others`, forums read only for this), and report (for the `loaded` hosts) a partner that does not exist or
    has no meeting that day, and a joint meeting described in both forums."""
    every = {forum.id: forum for forum in (*others, *loaded)}
    chosen = {forum.id for forum in loaded}
    problems: list[Diagnostic] = []
    mirrored: set[int] = set()
    for host in every.values():
        for file in host.meetings:
            meeting = file.model
            if meeting is None or meeting.joint_meeting is None or meeting.joint_meeting.partner_forum is None:
                continue
            joint = meeting.joint_meeting
            if id(joint) in mirrored:
                continue
            partner = every.get(str(joint.partner_forum))
            report = host.id in chosen
            if partner is None or partner.id == host.id:
                if report:
                    mark = file.at(("joint_meeting", "partner_forum"))
                    problems.append(
                        error(
                            file.display,
                            mark.line,
                            mark.column,
                            "joint-partner",
                            f"'{joint.partner_forum}' er ikke et andet forum i samlingen; skriv partnerforummets id "
                            "(navnet på dets mappe under forums/)",
                        )
                    )
                continue
            target = _meeting_on(partner, meeting)
            if target is None or target.model is None:
                if report:
                    mark = file.at(("joint_meeting", "partner_forum"))
                    problems.append(
                        warning(
                            file.display,
                            mark.line,
                            mark.column,
                            "joint-partner",
                            f"forummet '{partner.id}' har intet møde den {meeting.date.isoformat()}, så fællesmødet "
                            f"kommer ikke med i dets kalender og dokumenter; opret mødet med 'driftsforum meeting new "
                            f"{partner.id} {meeting.date.isoformat()}'",
                        )
                    )
                continue
            if partner.id not in chosen:
                continue
            if target.model.joint_meeting is not None:
                mark = target.key_at(("joint_meeting",))
                problems.append(
                    error(
                        target.display,
                        mark.line,
                        mark.column,
                        "joint-twice",
                        f"fællesmødet er allerede beskrevet i {file.display} (forummet '{host.id}'); "
                        "fjern 'joint_meeting' her, så det kun står ét sted",
                    )
                )
                continue
            session = _copy_for(partner, host, meeting, joint)
            mirrored.add(id(session))
            target.model = target.model.model_copy(update={"joint_meeting": session})
    return problems


def _meeting_on(forum: ForumFiles, meeting: Meeting) -> Loaded[Meeting] | None:
    return next(
        (
            file
            for file in forum.meetings
            if file.model is not None and file.model.date == meeting.date and not file.model.cancelled
        ),
        None,
    )
