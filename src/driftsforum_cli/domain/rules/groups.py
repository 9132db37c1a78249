"""Ad hoc working groups report back before they end."""

from __future__ import annotations

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.rules.registry import WARNING, Findings, ForumContext, RuleList

RULES = RuleList()


@RULES.rule(
    "working-group-overdue",
    WARNING,
    "en udløbet ad hoc-underarbejdsgruppe har meldt tilbage (`reported`)",
)
def working_group_overdue(forum: ForumContext, out: Findings) -> None:
    for index, group in enumerate(forum.groups.groups):
        if group.reported is None and group.ends < forum.today:
            out.warning(
                forum.groups_file,
                ("groups", index, "ends"),
                f"arbejdsgruppen '{group.name}' sluttede {long_date(group.ends)} uden at have meldt tilbage; "
                "udfyld 'reported' og 'outcome', eller forlæng 'ends'",
            )
