"""A crash log: when driftsforum itself fails (exit 3), everything needed to find the bug is written to a
file at once – versions, platform, the command line and the traceback – and the user is told where it is,
as pre-commit does. Nobody has to make the crash happen a second time."""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import datetime
from importlib import metadata
from pathlib import Path

from driftsforum_cli import __version__

LOG_NAME = "driftsforum-fejl.log"
_LIBRARIES = ("typer", "pydantic", "pyyaml", "ruamel.yaml", "jinja2", "holidays", "weasyprint", "filelock")


def log_folder() -> Path:
    """The platform's folder for a program's logs (Windows: %LOCALAPPDATA%\\driftsforum\\Logs)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("driftsforum", appauthor=False))


def crash_report(exc: BaseException, argv: list[str]) -> str:
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"  {name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"  {name} (ikke installeret)")
    lines = [
        f"# driftsforum {__version__}: uventet programfejl {datetime.now().astimezone().isoformat(timespec='seconds')}",
        "",
        "Kommando:",
        "  " + " ".join(argv),
        "",
        f"Python {sys.version.split()[0]} ({sys.executable})",
        f"Platform: {platform.platform()}",
        "Biblioteker:",
        *versions,
        "",
        "Forløb:",
        "".join(traceback.format_exception(exc)).rstrip(),
        "",
    ]
    return "\n".join(lines)


def write_crash_log(exc: BaseException, argv: list[str], folder: Path | None = None) -> str:
    """Write the report (replacing the last one) and return the Danish text to show the user."""
    report = crash_report(exc, argv)
    summary = f"Uventet programfejl ({type(exc).__name__}: {exc}). Det er en fejl i driftsforum, ikke i dine filer."
    try:
        target = (folder or log_folder()) / LOG_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(report, encoding="utf-8")
    except OSError:
        return f"{summary}\nFejlrapporten kunne ikke gemmes; send denne udskrift til den, der vedligeholder driftsforum:\n\n{report}"
    return f"{summary}\nEn fejlrapport er gemt i {target}; send den til den, der vedligeholder driftsforum."
