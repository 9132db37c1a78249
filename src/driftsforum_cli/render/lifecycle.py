"""What a recorded life-cycle step tells the secretary, in Danish."""

from __future__ import annotations

from driftsforum_cli.danish import long_date
from driftsforum_cli.services.lifecycle import StepOutcome


def describe_step(done: StepOutcome) -> list[str]:
    state = done.minutes
    lines = [f"Opdaterede {done.display}."]
    if done.step == "agenda-sent":
        lines.append(
            f"Dagsordenen er registreret som udsendt {long_date(done.on)} (frist: {long_date(done.agenda_due)})."
        )
    elif done.step == "agenda-update":
        update = done.meeting.agenda_updates[-1]
        lines.append(
            f"Den rettede dagsorden er registreret som udsendt {long_date(done.on)} (rettelse nr. "
            f"{len(done.meeting.agenda_updates)}: {update.note})."
        )
    elif done.step == "comment":
        lines.append(
            f"Bemærkningen fra {done.comment_by} er registreret ({long_date(done.on)}). Når fristen for bemærkninger "
            f"({long_date(state.comments_due)}) er udløbet, udsendes et revideret referat (minutes mark-revised)."
        )
    elif state.status == "godkendt" and state.approved is not None:
        lines.append(f"Referatet er godkendt den {long_date(state.approved)}.")
        open_comments = [n for n, (_, comment) in enumerate(state.comments, start=1) if not comment.response]
        if open_comments:
            numbers = " og ".join(", ".join(str(n) for n in open_comments).rsplit(", ", 1))
            which = f"bemærkning{'' if len(open_comments) == 1 else 'erne'} nr. {numbers} har"
            it = "den" if len(open_comments) == 1 else "de"
            lines.append(
                f"Bemærk: {which} ingen behandling, så det godkendte referat siger ikke, hvordan {it} er indarbejdet. "
                "Skriv behandlingen med 'driftsforum minutes respond', før referatet registreres som revideret."
            )
    elif state.status == "sendt":
        lines.append(f"Referatet er udsendt; frist for bemærkninger: {long_date(state.comments_due)}.")
        from driftsforum_cli.domain.lifecycle import minutes_gaps

        # recorded as it happened, but the secretary should know what the minutes that went out lack
        lines.extend(f"Bemærk: {gap}." for gap in minutes_gaps(done.meeting))
    else:
        lines.append(f"Referatets status: {state.status}; frist for bemærkninger: {long_date(state.comments_due)}.")
    return lines
