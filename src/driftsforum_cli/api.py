"""The public Python API: what the command line does, as functions with typed results, for scripts and CI.

    from datetime import date
    from pathlib import Path
    from driftsforum_cli import api

    result = api.validate_repository(Path("."), date(2026, 11, 22))
    for problem in result.errors:
        print(problem.file, problem.line, problem.message)

    pdf = api.render_document(Path("."), "nord", "agenda", date(2027, 3, 9), "pdf", today=date(2027, 2, 20))

Every function takes the date to work on (`today`); none reads the clock. Problems the user can act on
raise `DriftsforumError` (with a Danish message and `exit_code`); see `driftsforum_cli.errors`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from driftsforum_cli.errors import DriftsforumError, UsageError, UserError
from driftsforum_cli.services.lifecycle import StepOutcome, record_step
from driftsforum_cli.services.reminders import RemindResult
from driftsforum_cli.services.reminders import remind as send_reminders
from driftsforum_cli.services.replies_import import RepliesOutcome, import_replies
from driftsforum_cli.services.sending import SendResult, send_document
from driftsforum_cli.services.site import SiteResult
from driftsforum_cli.services.site import publish as publish_site
from driftsforum_cli.services.validation import Validation, validate_repository, validate_targets

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import DocumentKind

__all__ = [
    "DriftsforumError",
    "RemindResult",
    "RepliesOutcome",
    "SendResult",
    "SiteResult",
    "StepOutcome",
    "UsageError",
    "UserError",
    "Validation",
    "import_replies",
    "publish_site",
    "record_step",
    "render_document",
    "render_report",
    "send_document",
    "send_reminders",
    "validate_repository",
    "validate_targets",
]


def render_document(
    root: Path, forum_id: str, kind: DocumentKind, meeting: date | None, fmt: str, *, today: date
) -> bytes:
    """The agenda or minutes of a meeting (None: the next one) in a registered format (md, html, pdf, …)."""
    from driftsforum_cli.render.formats import get_format
    from driftsforum_cli.services.documents import render_meeting_document

    return render_meeting_document(root, forum_id, kind, meeting, get_format(fmt), today).data


def render_report(
    root: Path, forum_id: str, kind: str, fmt: str, *, today: date, period: tuple[date, date] | None = None
) -> bytes:
    """The status report ("status-report", for `period`) or the evaluation template ("evaluation")."""
    from driftsforum_cli.render.formats import get_format
    from driftsforum_cli.services.reports import make_report

    if kind not in ("status-report", "evaluation"):
        raise UsageError(f"'{kind}' er ikke en rapport; vælg status-report eller evaluation")
    return make_report(
        root, forum_id, "status-report" if kind == "status-report" else "evaluation", get_format(fmt), today, period
    ).data
