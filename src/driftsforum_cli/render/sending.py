"""What `driftsforum send` prints: the sending workflow's events and result (services.sending) as Danish text."""

from __future__ import annotations

from pathlib import PurePath

from driftsforum_cli.danish import everyone, full_date, long_date, plural, the_count, them
from driftsforum_cli.render.email import readable
from driftsforum_cli.services.sending import (
    Delivered,
    Event,
    NotDelivered,
    Outcome,
    Prepared,
    Ready,
    SendResult,
    Warned,
)


def event_text(event: Event) -> str:
    """One event as it is printed (warnings go to standard error, with 'Advarsel: ')."""
    if isinstance(event, Warned):
        return f"Advarsel: {event.text}\n"
    if isinstance(event, Ready):
        return listing(event.prepared)
    if isinstance(event, Delivered):
        return f"Sendt til {event.recipient.name} <{readable(event.recipient.address)}>\n"
    assert isinstance(event, NotDelivered)
    return f"Ikke sendt til {event.recipient.name} <{readable(event.recipient.address)}>: {event.reason}\n"


def listing(prepared: Prepared) -> str:
    """The document, the sender, and who gets what (the dry run's listing)."""
    from driftsforum_cli.render.email import recipient_table

    sender = prepared.sender
    lines = [
        f"{prepared.version.title} til mødet {full_date(prepared.meeting)} i {prepared.forum_name}",
        f"Emne: {prepared.subject}",
        *([f"Rettelse nr. {prepared.version.update}: {prepared.version.note}"] if prepared.version.update else []),
        f"Fra: {sender.name} <{readable(sender.address)}>, svar til {readable(sender.reply_to)}",
    ]
    if prepared.already:
        left = len(prepared.outgoing)
        rest = the_count(left, "den resterende", "resterende")
        lines.append(
            f"Allerede sendt til {prepared.already} af {prepared.total} (ifølge {prepared.log}); sendes kun til {rest}."
        )
        if prepared.changed:
            lines.append(
                "Bemærk: dokumentet er ikke helt det samme som det, de første modtagere fik (mødefilen eller datoen er "
                "ændret); de får ikke den nye udgave."
            )
    text = "\n".join([*lines, ""]) + "\n" + recipient_table(prepared.outgoing, prepared.attachments) + "\n"
    if prepared.settings is not None:
        text += f"Sender via {prepared.settings.describe()} …\n"
    return text


def summary(result: SendResult) -> str:
    """What the run did, in a sentence or two."""
    version = result.version
    what, it, log = version.definite, version.pronoun, result.log
    all_of_them = everyone(result.total, "modtager", "modtagere")
    lines: list[str] = []
    if result.outcome is Outcome.ALREADY_RECORDED and result.sent_on is not None:
        where = f"registreret som udsendt {long_date(result.sent_on)} i {result.meeting_file}"
        if result.total and result.done_before == result.total:
            lines.append(f"{all_of_them} har allerede fået {what} (ifølge {log}), og {it} er {where}; intet sendes.")
        else:
            others = "alle" if result.done_before == 0 else "de øvrige"
            lines.append(
                f"{what.capitalize()} er {where}; intet sendes ({log} har {result.done_before} af "
                f"{plural(result.total, 'modtager', 'modtagere')}; {others} har fået {it} på anden vis, fx fra Outlook)."
            )
        again = _again(result)
        if again:
            lines.append(again)
    elif result.outcome is Outcome.ALREADY_SENT:
        lines.append(f"{all_of_them} har allerede fået {what} (ifølge {log}); intet sendes.")
        if not result.meeting_updated and result.records_step:
            lines.append("Kør med --send for at registrere udsendelsen i mødefilen.")
    elif result.outcome is Outcome.EML:
        it_them = them(len(result.written))
        folder = result.written[0].parent if result.written else ""
        lines.append(
            f"Skrev {plural(len(result.written), '.eml-fil', '.eml-filer')} i {folder}. Åbn {it_them} i Outlook og send "
            f"{it_them} derfra; intet er sendt, og intet er registreret."
            + (f" Registrér bagefter udsendelsen med '{_mark(result)}'." if _mark(result) else "")
        )
    elif result.outcome is Outcome.DRY_RUN:
        count = result.total - result.done_before  # one message per recipient still to get it
        messages = the_count(count, "beskeden", "beskeder")
        files = f"{them(count)} som {'.eml-fil' if count == 1 else '.eml-filer'}"
        lines.append(
            f"Prøvekørsel: intet er sendt, og intet er registreret. Send {messages} med --send, eller skriv {files} "
            "til Outlook med --eml MAPPE."
        )
    else:
        sent = plural(len(result.delivered), "modtager", "modtagere")
        lines.append(f"{what.capitalize()} er sendt til {sent} og registreret i {log}.")
    if result.meeting_updated and result.sent_on is not None:
        lines.append(
            f"Opdaterede {result.meeting_file}: {what} er registreret som udsendt {long_date(result.sent_on)}."
        )
    elif result.meeting_updated and version.update:
        lines.append(
            f"Opdaterede {result.meeting_file}: rettelse nr. {version.update} er tilføjet under agenda_updates."
        )
    return "".join(f"{line}\n" for line in lines)


def _again(result: SendResult) -> str | None:
    """How to send a new version on purpose, after the document went out."""
    if result.version.name:
        return None
    if result.kind == "agenda":
        return "Er dagsordenen rettet eller mødet flyttet, så send en rettet dagsorden med --update --note TEKST."
    return "Send det reviderede referat med --revised, når bemærkningerne er behandlet."


def _mark(result: SendResult) -> str | None:
    """The command that records a sending made from Outlook, if the meeting file records this version (a
    sending to a few seats with --to never records anything)."""
    version = result.version
    if version.update is not None and version.note:
        meeting = PurePath(result.meeting_file)
        note = version.note.replace('"', "'")
        return f'driftsforum agenda mark-sent {meeting.parent.parent.name} {meeting.stem} --update --note "{note}"'
    if not result.records_step:
        return None
    which = f" {result.forum} {result.meeting}" if result.forum and result.meeting else ""
    if result.version.revised:
        return f"driftsforum minutes mark-revised{which}"
    return None if result.version.name else f"driftsforum {result.kind} mark-sent{which}"
