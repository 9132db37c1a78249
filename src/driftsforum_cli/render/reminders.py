"""What `driftsforum remind` prints: the reminders due today (the dry run's listing) and the result, in Danish."""

from __future__ import annotations

from driftsforum_cli.danish import full_date, plural
from driftsforum_cli.domain.reminders import KIND_NAMES
from driftsforum_cli.render.email import readable
from driftsforum_cli.render.table import text_table
from driftsforum_cli.services.reminders import ForumReminders, RemindOutcome, RemindResult


def listing(run: ForumReminders) -> str:
    """Who gets what, and why today: one row per reminder still to send."""
    rows = [
        (
            KIND_NAMES[item.reminder.kind],
            f"{item.reminder.recipient.name} <{readable(item.reminder.recipient.address)}>",
            _shorten(item.reminder.what),
            "–" if item.reminder.kind == "digest" else full_date(item.reminder.due),
            item.reminder.why,
        )
        for item in run.prepared
    ]
    return "\n".join(text_table(("Påmindelse", "Modtager", "Om", "Frist", "Hvorfor i dag"), rows)) + "\n"


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def summary(result: RemindResult) -> str:
    """The listing of each forum and what happened."""
    lines: list[str] = []
    if result.sender is not None and any(run.prepared for run in result.forums):
        sender = result.sender
        note = " (kun et eksempel: driftsforum.yaml har ingen 'email')" if result.example_sender else ""
        lines.append(f"Fra: {sender.name} <{readable(sender.address)}>, svar til {readable(sender.reply_to)}{note}")
    for run in result.forums:
        lines.append(f"{run.forum_name} ({run.forum}), {full_date(result.today)}:")
        if run.closed is not None:
            lines.append(f"  I dag er en lukkedag ({run.closed}); påmindelser sendes kun på arbejdsdage.")
            continue
        if run.already:
            lines.append(f"  {plural(run.already, 'påmindelse', 'påmindelser')} er allerede sendt (ifølge {run.log}).")
        if not run.prepared:
            if not run.already:
                lines.append("  Ingen påmindelser i dag.")
            continue
        if result.outcome is RemindOutcome.SENT:
            lines.append(
                f"  {plural(len(run.delivered), 'påmindelse', 'påmindelser')} sendt og registreret i {run.log}."
            )
        else:
            lines.extend("  " + line for line in listing(run).splitlines())
        if run.written:
            lines.append(f"  {plural(len(run.written), '.eml-fil', '.eml-filer')} skrevet i {run.written[0].parent}.")
    if result.outcome is RemindOutcome.DRY_RUN:
        lines.append("Prøvekørsel: intet er sendt eller registreret. Send med --send.")
    elif result.outcome is RemindOutcome.NOTHING:
        lines.append("Intet at sende i dag.")
    return "\n".join(lines) + "\n"
