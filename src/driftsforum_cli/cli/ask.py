"""Asking for what a command lacks, when a person is at the keyboard.

questionary (on prompt_toolkit) draws the checklists and lists: it is maintained, typed, works the same in
Windows Terminal, the old Windows console and on Linux/macOS (the secretaries use Windows), and lets every
text – the question, the instructions – be Danish. It is imported only when a question is asked.

A command asks only when both standard input and output are a terminal and neither `CI` nor
`DRIFTSFORUM_NO_PROMPT` is set: scripts, CI jobs and pipes never wait for an answer."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from driftsforum_cli.errors import UsageError, UserError

CHECK_HELP = "(piletaster flytter, mellemrum vælger/fravælger, Enter godkender)"
SELECT_HELP = "(piletaster flytter, Enter vælger)"


def interactive() -> bool:
    """True when a person can answer: a terminal both ways, and not CI or DRIFTSFORUM_NO_PROMPT."""
    if os.environ.get("DRIFTSFORUM_NO_PROMPT") or os.environ.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def missing(what: str) -> UsageError:
    """The error for a value not given where nobody can be asked."""
    return UsageError(f"{what} mangler (der spørges kun, når kommandoen kører i en terminal)")


def _answer(question: Any) -> Any:
    answer = question.ask()
    if answer is None:  # Ctrl-C or Esc
        raise UserError("afbrudt; intet er skrevet")
    return answer


def checklist(message: str, choices: Sequence[tuple[str, str]], checked: Sequence[str]) -> list[str]:
    """The values (of (value, label) pairs) the person ticks; `checked` are ticked to begin with."""
    import questionary

    options = [questionary.Choice(label, value, checked=value in checked) for value, label in choices]
    ticked = list(_answer(questionary.checkbox(message, options, instruction=CHECK_HELP)))
    # questionary sums up a checklist's answer in English ("done (2 selections)"): the line is written again
    # in Danish (a VT sequence, which Windows Terminal and Windows 10's console understand too)
    sys.stdout.write(f"\x1b[1A\x1b[2K? {message} {', '.join(ticked) if ticked else 'ingen'}\n")
    sys.stdout.flush()
    return ticked


def choose(message: str, choices: Sequence[tuple[str, str]], default: str | None = None) -> str:
    """One value of (value, label) pairs; `default` is chosen to begin with."""
    import questionary

    options = [questionary.Choice(label, value) for value, label in choices]
    start = next((option for option in options if option.value == default), None)
    return str(_answer(questionary.select(message, options, default=start, instruction=SELECT_HELP)))


def text(message: str, default: str = "", *, required: bool = True) -> str:
    import questionary

    def check(value: str) -> bool | str:
        return bool(value.strip()) or not required or "skriv en tekst"

    return str(_answer(questionary.text(message, default=default, validate=check))).strip()


def day(
    message: str, closed: Callable[[date], str | None], default: str = "", *, required: bool = False
) -> date | None:
    """A date (ÅÅÅÅ-MM-DD), or None when left empty (unless `required`); a day `closed` gives a reason for is
    refused with it."""
    import questionary

    def check(value: str) -> bool | str:
        if not value.strip():
            return not required or "skriv en dato som ÅÅÅÅ-MM-DD"
        try:
            chosen = date.fromisoformat(value.strip())
        except ValueError:
            return "skriv datoen som ÅÅÅÅ-MM-DD, fx 2027-02-01"
        reason = closed(chosen)
        return True if reason is None else f"{chosen.isoformat()} {reason}"

    answer = str(_answer(questionary.text(message, default=default, validate=check))).strip()
    return date.fromisoformat(answer) if answer else None


def yes(message: str) -> bool:
    """Ja or nej (nej to begin with)."""
    return choose(message, [("nej", "Nej"), ("ja", "Ja")], "nej") == "ja"
