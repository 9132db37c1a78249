"""Danish help for this app only: Typer's plain formatter with its fixed English words in Danish, set on
this app's own commands (cli.app.click_command), so no other Click or Typer app in the process changes."""

from __future__ import annotations

import re
from typing import Any

import typer

_DANISH = {
    "Usage: ": "Brug: ",
    "Options": "Tilvalg",
    "Arguments": "Argumenter",
    "Commands": "Kommandoer",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    "[default: ": "[standard: ",
    "[required]": "[påkrævet]",
    "[OPTIONS]": "[TILVALG]",
    "COMMAND [ARGS]...": "KOMMANDO [ARGUMENTER]...",
    "[PATHS]...": "[STIER]...",
    "[env var: ": "[miljøvariabel: ",
}


def _da(text: str) -> str:
    for english, danish in _DANISH.items():
        text = text.replace(english, danish)
    text = re.sub(r"x>=(\d+)", r"mindst \1", text)
    return re.sub(r" <(?:str|int|Path|path|text|list\[\w+\])>", "", text)


_ClickContext: Any = typer.Context.__mro__[1]  # the bundled Click's Context, which makes the formatter


class _DanishFormatter(_ClickContext.formatter_class):  # type: ignore[misc]
    """Typer's plain help formatter with its fixed English words in Danish."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, re.sub(r"\{([^{}]+)\}", r"\1", _da(args)), "Brug: ")

    def section(self, name: str) -> Any:
        return super().section(_da(name))

    def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
        super().write_dl([(_da(first), _da(second)) for first, second in rows], *args, **kwargs)


class DanishContext(_ClickContext):  # type: ignore[misc]
    """This app's contexts make Danish help; other Click and Typer apps in the process are not touched."""

    formatter_class = _DanishFormatter
