"""No CPR number leaves by e-mail: the agenda or minutes about to be sent (with --send or as .eml drafts) are
searched for CPR numbers with the privacy check's own matcher, and the sending is refused before anything goes
out. Ordinary e-mail is not encrypted, and the members are not all entitled to see a citizen's number.

A number that only looks like a CPR number is let through when the meeting file accepts it under
'publication.accepted_findings', as for the website."""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftsforum_cli.errors import UserError

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import MeetingDocument
    from driftsforum_cli.services.sending import Plan


class PersonalDataInMail(UserError):
    """The document holds a CPR number: nothing is sent, nothing is written."""


def check_no_cpr(plan: Plan, doc: MeetingDocument) -> None:
    """Refuse to send `doc`, `plan`'s document as it will be sent, when its text holds a CPR number the meeting
    file does not accept."""
    from driftsforum_cli.domain.privacy import Known, covers, mask, scan_text
    from driftsforum_cli.render.documents import render_document

    text = render_document(doc, "md", plan.repo.root).decode("utf-8")
    accepted = [entry.text for entry in plan.model.publication.accepted_findings]
    hits = [
        hit
        for hit in scan_text(text, Known(), [])
        if hit.kind == "cpr" and not any(covers(entry, text, hit) for entry in accepted)
    ]
    if not hits:
        return
    source = plan.meeting.path.read_bytes().decode("utf-8-sig", errors="replace").splitlines()
    shown = []
    for hit in hits[:3]:
        line = next(
            (
                number
                for number, content in enumerate(source, start=1)
                if any(mask(found) == mask(hit) for found in scan_text(content, Known(), []) if found.kind == "cpr")
            ),
            None,
        )
        where = f"{plan.meeting.display}:{line}: " if line is not None else ""
        shown.append(f"{where}'{mask(hit)}' ligner et CPR-nummer (fødselsdato {hit.detail})")
    what = plan.version.definite
    raise PersonalDataInMail(
        f"{what} sendes ikke: {'; '.join(shown)}. CPR-numre må ikke sendes med almindelig e-mail, som ikke er "
        "krypteret; fjern nummeret fra mødefilen (er det ikke et CPR-nummer, så acceptér det under "
        "'publication.accepted_findings'). Intet er sendt."
    )
