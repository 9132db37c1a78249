"""Cases and audits on the agenda and in the reports: the register's records an item refers to, the public
ones for the site and guests, and the Danish aggregate ("5 audits i 2026, heraf 3 om udskrivning").

Pure: the register is loaded by `driftsforum_cli.datafiles`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.models.indicators import CaseRecord

KIND_NAMES = {"case": ("case", "cases"), "audit": ("audit", "audits")}
KIND_TITLES = {"case": "Case", "audit": "Audit"}


def register(files: ForumFiles) -> dict[str, CaseRecord]:
    """The forum's cases and audits by id (none without a readable cases.yaml)."""
    if files.cases is None or files.cases.model is None:
        return {}
    return {case.id: case for case in files.cases.model.cases}


def cases_for(ids: Iterable[str], known: dict[str, CaseRecord]) -> list[CaseRecord]:
    return [known[ident] for ident in ids if ident in known]


def public_only(cases: list[CaseRecord]) -> list[CaseRecord]:
    """What the site and guests may see: the cases marked public (the privacy check keeps them clean)."""
    return [case for case in cases if case.public]


def aggregate(cases: Iterable[CaseRecord], year: int | None = None) -> list[str]:
    """'5 audits i 2026, heraf 3 om udskrivning' for each kind, the most frequent theme named."""
    chosen = [case for case in cases if year is None or case.date.year == year]
    lines: list[str] = []
    for kind, (one, many) in KIND_NAMES.items():
        of_kind = [case for case in chosen if case.kind == kind]
        if not of_kind:
            continue
        when = f" i {year}" if year is not None else ""
        text = f"{len(of_kind)} {one if len(of_kind) == 1 else many}{when}"
        theme, count = Counter(case.theme for case in of_kind).most_common(1)[0]
        if len(of_kind) > 1 and count > 0:
            text += f", heraf {count} om {theme}" if count < len(of_kind) else f", alle om {theme}"
        elif len(of_kind) == 1:
            text += f" om {theme}"
        lines.append(text)
    return lines
