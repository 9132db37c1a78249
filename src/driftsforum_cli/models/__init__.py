"""Pydantic models of the forum files. No I/O here."""

from driftsforum_cli.models.agreements import Agreement, Agreements
from driftsforum_cli.models.config import Closure, RepoConfig
from driftsforum_cli.models.forum import Forum
from driftsforum_cli.models.groups import WorkingGroup, WorkingGroups
from driftsforum_cli.models.meeting import Meeting
from driftsforum_cli.models.members import Members, Seat

__all__ = [
    "Agreement",
    "Agreements",
    "Closure",
    "Forum",
    "Meeting",
    "Members",
    "RepoConfig",
    "Seat",
    "WorkingGroup",
    "WorkingGroups",
]
