"""Creating forums: a new collection with its first forum (`init`), or another forum in an existing collection
(`forum add`). The files come from the templates in templates/init/ with the kind's and the cluster's data
(domain/kinds.py); every file is written to a staging folder first and moved into place at once, so a
failure leaves nothing half made."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from driftsforum_cli.domain.kinds import (
    CLUSTERS,
    KINDS,
    PLACEHOLDER,
    STRUCTURE,
    Cluster,
    Kind,
    check_combination,
    forum_name,
    municipalities,
    short_name,
    slug,
)
from driftsforum_cli.errors import UsageError, UserError

#: The cluster of a forum made without --cluster: everything about it is to be filled in.
_UNKNOWN_CLUSTER = Cluster(
    "", f"Klynge {PLACEHOLDER}", f"Klyngestyregruppe {PLACEHOLDER}", ("Eksempelby",), f"Klynge {PLACEHOLDER}"
)
_HOSPITAL_LABELS = {"psykiatri": "psykiatrien", "hospital": "hospitalet"}


@dataclass(frozen=True)
class ForumRequest:
    """What the user asked for: the forum's kind and cluster (ids), and optionally its id and name."""

    kind: str
    cluster: str | None
    forum_id: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class CreatedForum:
    folder: Path
    forum_id: str
    name: str
    meetings: list[date]


def choose(request: ForumRequest) -> tuple[Kind, Cluster, str, str]:
    """The kind, the cluster, the forum's id and its name; a UsageError in Danish for what does not exist or
    does not fit the charters."""
    kind = KINDS.get(request.kind)
    if kind is None:
        raise UsageError(f"'{request.kind}' er ikke en forumtype; brug {_choices(KINDS)}")
    if request.cluster is None:
        cluster = _UNKNOWN_CLUSTER
    else:
        found = CLUSTERS.get(request.cluster)
        if found is None:
            raise UsageError(f"'{request.cluster}' er ikke en klynge; brug {_choices(CLUSTERS)}")
        cluster = found
        if (problem := check_combination(kind, cluster)) is not None:
            raise UsageError(problem)
    forum_id = request.forum_id or (f"{kind.id}-{cluster.id}" if cluster.id else kind.id)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", forum_id):
        raise UsageError(f"'{forum_id}' er ikke et gyldigt id; brug små bogstaver a-z, tal og bindestreg")
    return kind, cluster, forum_id, request.name or forum_name(kind, cluster)


def _choices(table: dict[str, Any]) -> str:
    names = list(table)
    return ", ".join(names[:-1]) + " eller " + names[-1]


def forum_context(kind: Kind, cluster: Cluster, forum_id: str, name: str, today: date) -> dict[str, Any]:
    """The values the templates in templates/init/ are filled with."""
    towns = municipalities(kind, cluster)
    hospital_label = _HOSPITAL_LABELS[kind.hospital_sector]
    return {
        "forum_id": forum_id,
        "forum_name": name,
        "short_name": short_name(kind, cluster) if cluster.id else name,
        "kind": kind.id,
        "cluster_name": cluster.name,
        "reports_to": cluster.reports_to,
        "approved": today.isoformat(),
        "structure": list(STRUCTURE) if cluster.id else [],
        "municipalities": list(towns),
        "towns": [{"name": town, "slug": slug(town)} for town in towns],
        "required_areas": list(kind.required_areas),
        "hospital_key": kind.hospital_key,
        "hospital_sector": kind.hospital_sector,
        "hospital_organisation": kind.organisation_in(cluster),
        "hospital_label": hospital_label,
        "chair_text": kind.chair_text,
        "secretariat_text": f"{hospital_label.capitalize()}s/regionens repræsentant.",
    }


def _forum_files(env: Any, context: dict[str, Any], calendar: Any, today: date) -> tuple[dict[str, str], list[date]]:
    """forum.yaml, members.yaml, agreements.yaml and next year's meeting files, relative to the forum's folder."""
    from driftsforum_cli.domain.planning import proposed_meeting_dates

    files = {
        name: env.get_template(f"init/{name}.j2").render(context)
        for name in ("forum.yaml", "members.yaml", "agreements.yaml")
    }
    meeting = env.get_template("meeting.yaml.j2")
    days = proposed_meeting_dates(today.year + 1, 4, calendar)
    for day in days:
        files[f"meetings/{day.isoformat()}.yaml"] = meeting.render(
            date=day.isoformat(),
            start="13:00",
            end="15:00",
            place=f"Mødested {PLACEHOLDER}",
            kind="ordinært",
            joint=None,
        )
    return files, days


def _staged(parent: Path, prefix: str, files: dict[str, str], target: Path) -> None:
    """Write `files` into a new folder next to `target` and rename it to `target` (which must not exist, or be
    an empty folder)."""
    from driftsforum_cli.files import atomic_write, describe_os_error

    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        for relative, text in files.items():
            atomic_write(staging / relative, text.encode("utf-8"))
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UserError(f"{target} kunne ikke oprettes: {describe_os_error(exc)} (intet er ændret)") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def create_collection(folder: Path, request: ForumRequest, when: Callable[[], date]) -> CreatedForum:
    """A new collection in `folder` (absent or empty): driftsforum.yaml, the JSON schemas and one forum.
    `when` gives today's date; it is asked only once the request is known to be good."""
    from driftsforum_cli.loader import load_file
    from driftsforum_cli.models import RepoConfig
    from driftsforum_cli.models.schema import json_schemas
    from driftsforum_cli.render.templates import template_environment
    from driftsforum_cli.workspace import work_calendar

    kind, cluster, forum_id, name = choose(request)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UserError(f"{folder} findes allerede og er ikke tom; vælg en ny mappe (intet er ændret)")
    today = when()
    env = template_environment(None)
    context = forum_context(kind, cluster, forum_id, name, today)
    collection = f"Driftsfora – {cluster.name}" if cluster.id else f"Driftsfora – {name}"
    config_text = env.get_template("init/driftsforum.yaml.j2").render(collection_name=collection)
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch) / "driftsforum.yaml"
        probe.write_text(config_text, encoding="utf-8")
        config = load_file(probe, "driftsforum.yaml", RepoConfig).model
    forum, days = _forum_files(env, context, work_calendar(config), today)
    files = {"driftsforum.yaml": config_text}
    files.update({f"forums/{forum_id}/{relative}": text for relative, text in forum.items()})
    files.update({f"schemas/{schema}": text for schema, text in json_schemas().items()})
    _staged(folder.resolve().parent, f".{folder.name}.", files, folder)
    return CreatedForum(folder, forum_id, name, days)


def add_forum(root: Path, request: ForumRequest, when: Callable[[], date]) -> CreatedForum:
    """Another forum in the collection at `root`, in its forums folder; an existing forum is never touched.
    `when` gives today's date; it is asked only once the request is known to be good."""
    from driftsforum_cli.render.templates import template_environment
    from driftsforum_cli.workspace import load_repository

    kind, cluster, forum_id, name = choose(request)
    repo = load_repository(root, only=set())
    config = repo.config.model
    if config is None:
        raise UserError(f"{repo.config.display} kan ikke læses; kør 'driftsforum validate' og ret fejlene først")
    forums_dir = (root / config.forums_dir).resolve()
    target = forums_dir / forum_id
    if target.exists():
        raise UserError(f"forummet '{forum_id}' findes allerede ({target}); vælg et andet id")
    forums_dir.mkdir(parents=True, exist_ok=True)
    today = when()
    context = forum_context(kind, cluster, forum_id, name, today)
    files, days = _forum_files(template_environment(root), context, repo.calendar, today)
    _staged(forums_dir, f".{forum_id}.", files, target)
    return CreatedForum(target, forum_id, name, days)
