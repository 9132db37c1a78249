"""Files are named after what they hold: a meeting file after its date, a forum's folder after its id."""

from __future__ import annotations

from driftsforum_cli.domain.rules.registry import ERROR, Findings, ForumContext, RuleList

RULES = RuleList()


@RULES.rule("file-name", ERROR, "mødefilens navn er mødets dato, og den ender på `.yaml`")
def meeting_file_name(forum: ForumContext, out: Findings) -> None:
    # A meeting file ending in .yml is reported when the forum is loaded (workspace.load_forum).
    for loaded, meeting in forum.meetings:
        if loaded.path.stem != meeting.date.isoformat():
            out.error(
                loaded,
                ("date",),
                f"filen hedder '{loaded.path.name}', men mødet er den {meeting.date.isoformat()}; "
                f"omdøb filen til {meeting.date.isoformat()}.yaml",
            )


@RULES.rule("forum-id", ERROR, "forummets id i `forum.yaml` er mappens navn")
def forum_id(forum: ForumContext, out: Findings) -> None:
    charter = forum.charter
    if charter.id != forum.files.id:
        out.error(
            forum.files.forum,
            ("id",),
            f"forummets id '{charter.id}' skal være det samme som mappens navn '{forum.files.id}'; ret 'id', eller "
            "omdøb mappen",
        )
