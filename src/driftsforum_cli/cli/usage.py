"""Typer's usage errors (its bundled Click), told in Danish.

Typer keeps its copy of Click private, so the errors are recognised by class name and attributes.
"""

from __future__ import annotations

import re
from typing import Any

import typer


def danish_usage_error(exc: typer.TyperException) -> str:
    if type(exc).__name__ == "NoArgsIsHelpError":  # a bare `driftsforum` or `driftsforum agenda`: the help
        return exc.format_message()
    lines: list[str] = []
    ctx: Any = getattr(exc, "ctx", None)
    if ctx is not None and exc.exit_code == 2:
        lines.append(ctx.get_usage())
        lines.append(f"Se '{ctx.command_path} --help' for hjælp.")
        lines.append("")
    lines.append(f"Fejl: {_message(exc)}")
    return "\n".join(lines)


def _hint(exc: typer.TyperException) -> str:
    param: Any = getattr(exc, "param", None)
    if param is not None:
        if getattr(param, "param_type_name", "") == "argument":
            return str(getattr(param, "metavar", None) or param.name).upper()
        return "/".join(getattr(param, "opts", None) or [str(param.name)])
    hint = getattr(exc, "param_hint", None)
    if isinstance(hint, list | tuple):
        return "/".join(hint)
    return str(hint or "")


def _message(exc: typer.TyperException) -> str:
    kind = type(exc).__name__
    if kind == "NoSuchOption" and getattr(exc, "option_name", "") == "--repo":
        return "--repo skal stå før kommandoen, fx: driftsforum --repo MAPPE validate"
    ctx: Any = getattr(exc, "ctx", None)
    if kind == "NoSuchOption" and ctx is not None and ctx.parent is None:
        option = getattr(exc, "option_name", "")
        return f"ukendt tilvalg '{option}'; tilvalg til en kommando skal stå efter den, fx: driftsforum validate {option} …"
    if kind == "NoSuchOption":
        text = f"ukendt tilvalg '{getattr(exc, 'option_name', '')}'"
        possibilities = sorted(getattr(exc, "possibilities", None) or [])
        if possibilities:
            text += f" – mente du {' eller '.join(repr(p) for p in possibilities)}?"
        return text
    if kind == "BadOptionUsage":
        return f"tilvalget '{getattr(exc, 'option_name', '')}' mangler en værdi"
    if kind == "MissingParameter":
        hint = _hint(exc)
        return f"mangler {'tilvalget' if hint.startswith('-') else 'argumentet'} {hint}"
    if kind == "BadParameter":
        param: Any = getattr(exc, "param", None)
        choices = getattr(getattr(param, "type", None), "choices", None)
        if choices:
            return f"ugyldig værdi for {_hint(exc)}; vælg en af: {', '.join(str(c) for c in choices)}"
        choice = re.search(r"'(.*)' is not one of (.*?)\.?$", exc.message)
        if choice:
            allowed = ", ".join(part.strip(" '") for part in choice.group(2).split(","))
            return f"ugyldig værdi for {_hint(exc)}: '{choice.group(1)}' er ikke en af: {allowed}"
        return (
            f"ugyldig værdi for {_hint(exc)}: {_pydantic_text(_path_text(exc.message.removeprefix('Value error, ')))}"
        )
    message = exc.format_message()
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        return f"ukendt kommando '{name}'{_command_guess(exc, name)}; se 'driftsforum --help' for kommandoerne"
    if message.startswith("Got unexpected extra argument"):
        return f"for mange argumenter ({message.split('(')[-1].rstrip(')')})"
    if message.startswith("Missing argument"):
        return f"mangler argumentet {message.split()[-1].strip(chr(39)).upper()}"
    return message


_PYDANTIC_TEXTS = (
    (r"^Input should be a valid integer.*$", "skriv et helt tal"),
    (r"^Input should be greater than or equal to (\S+)$", r"skal være mindst \1"),
    (r"^Input should be less than or equal to (\S+)$", r"må højst være \1"),
    (r"^Input should be a valid boolean.*$", "skriv ja eller nej"),
)


#: Click's checks of a path option (`{name} {filename!r} is a file.`), as Danish.
_PATH_TEXTS = (
    (r"is a file", "er en fil; angiv en mappe"),
    (r"is a directory", "er en mappe; angiv en fil"),
    (r"does not exist", "findes ikke"),
    (r"is not readable", "kan ikke læses (ingen adgang)"),
    (r"is not writable", "kan ikke skrives (ingen adgang)"),
    (r"is not executable", "kan ikke køres"),
)


def _path_text(message: str) -> str:
    for english, danish in _PATH_TEXTS:
        found = re.match(rf"^\w+ (['\"])(.*)\1 {english}\.$", message)
        if found:
            return f"{found.group(2)} {danish}"
    return message


def _pydantic_text(message: str) -> str:
    """Typer checks option values with Pydantic, whose messages are English."""
    for pattern, danish in _PYDANTIC_TEXTS:
        if re.match(pattern, message):
            return re.sub(pattern, danish, message)
    return message


def _command_guess(exc: typer.TyperException, name: str) -> str:
    """ " – mente du 'validate'?" for a misspelt command."""
    from difflib import get_close_matches

    ctx: Any = getattr(exc, "ctx", None)
    commands = sorted(getattr(getattr(ctx, "command", None), "commands", {}) or {})
    match = get_close_matches(name, commands, n=1, cutoff=0.6)
    return f" (mente du '{match[0]}'?)" if match else ""
