"""`driftsforum decisions`: the decision register of one forum or all, filtered and searched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from driftsforum_cli.domain.decisions import DecisionQuery, Hit, collect, find
from driftsforum_cli.errors import UsageError


@dataclass(frozen=True)
class DecisionList:
    hits: list[Hit]
    #: Danish: what could not be read and was left out.
    notes: list[str]


def decision_register(root: Path, query: DecisionQuery, today: date) -> DecisionList:
    """The decisions and actions of the collection at `root` that `query` selects; an unknown forum or
    agreement is a usage error (with the known ones)."""
    from driftsforum_cli.domain.rules.registry import suggestion
    from driftsforum_cli.services.gate import load_forums

    repo = load_forums(root, query.forum)
    notes = [
        f"nogle mødefiler i '{files.id}' kan ikke læses og er udeladt; kør 'driftsforum validate'."
        for files in repo.forums
        if any(loaded.model is None for loaded in files.meetings)
    ]
    if query.agreement is not None:
        known = sorted(
            {a.id for files in repo.forums if files.agreements.model for a in files.agreements.model.agreements}
        )
        if query.agreement not in known:
            raise UsageError(
                f"'{query.agreement}' er ikke en samarbejdsaftale i {'forummet' if query.forum else 'samlingen'}"
                f"{suggestion(query.agreement, known)}; kendte aftaler: {', '.join(known) or 'ingen'}"
            )
    return DecisionList(find(collect(repo.forums, today), query), notes)
