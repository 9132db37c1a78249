"""The forum's composition as the charter sets it: every municipality with a seat covering the required
areas, the hospital side (psychiatry or the somatic hospital), general practice and the region represented
when the charter names them, the composition fitting the forum's kind, the chair and the secretariat shared
as agreed."""

from __future__ import annotations

from driftsforum_cli.domain.kinds import KINDS, REGION_MUNICIPALITIES
from driftsforum_cli.domain.rules.registry import (
    ERROR,
    WARNING,
    Findings,
    ForumContext,
    RuleList,
    or_list,
    suggestion,
)
from driftsforum_cli.domain.seats import holder_on
from driftsforum_cli.models import Forum, Seat
from driftsforum_cli.models.common import ROLE_LABELS, SECTOR_LABELS, Sector
from driftsforum_cli.models.forum import SeatRequirement

RULES = RuleList()


def _seats(forum: ForumContext) -> tuple[Forum, list[tuple[int, Seat]]]:
    """The charter and the seats that exist today: the composition is checked when both forum.yaml and
    members.yaml could be read."""
    return forum.charter, forum.current_seats


def _source(forum: ForumContext, key: str) -> str:
    """'(kommissoriet, forum.yaml linje 12)': where the charter says it."""
    return f"(kommissoriet, forum.yaml linje {forum.files.forum.key_at(('composition', key)).line})"


@RULES.rule("vacant-seat", WARNING, "hver plads har en person (ellers er den ledig)")
def vacant_seat(forum: ForumContext, out: Findings) -> None:
    _, seats = _seats(forum)
    for index, seat in seats:
        if holder_on(seat, forum.today) is None:
            out.warning(
                forum.files.members,
                ("seats", index),
                f"pladsen '{seat.id}' ({seat.organisation}) er ledig; tilføj 'person', "
                "eller sæt 'valid_to', hvis pladsen er nedlagt",
            )


@RULES.rule(
    "unknown-area",
    WARNING,
    "pladsernes fagområder er skrevet som i kommissoriet (ved en stavefejl foreslås det nærmeste)",
)
def unknown_area(forum: ForumContext, out: Findings) -> None:
    charter, seats = _seats(forum)
    required_areas = charter.composition.required_areas
    for index, seat in seats:
        for n, area in enumerate(seat.areas):
            if area in required_areas:
                continue
            guess = suggestion(area, required_areas)
            if guess:
                out.warning(
                    forum.files.members,
                    ("seats", index, "areas", n),
                    f"'{area}' er ikke et af kommissoriets fagområder{guess}; skriv det, som kommissoriet gør",
                )


@RULES.rule("unknown-municipality", WARNING, "hver kommunal plads' kommune er en af kommissoriets (ellers med forslag)")
def unknown_municipality(forum: ForumContext, out: Findings) -> None:
    charter, seats = _seats(forum)
    municipalities = charter.composition.municipalities
    for index, seat in seats:
        if seat.sector == "kommune" and seat.municipality not in municipalities:
            out.warning(
                forum.files.members,
                ("seats", index, "municipality"),
                f"'{seat.municipality}' er ikke en af kommissoriets kommuner "
                f"({', '.join(municipalities)}){suggestion(str(seat.municipality), municipalities)}",
            )


@RULES.rule("municipality-seat", ERROR, "hver kommune i kommissoriet har en plads")
def municipality_seat(forum: ForumContext, out: Findings) -> None:
    charter, seats = _seats(forum)
    seated = {seat.municipality for _, seat in seats if seat.sector == "kommune"}
    for municipality in charter.composition.municipalities:
        if municipality not in seated:
            out.error(
                forum.files.members,
                ("seats",),
                f"{municipality} Kommune har ingen plads, men deltager fast {_source(forum, 'municipalities')}; "
                f"tilføj en plads med 'sector: kommune' og 'municipality: {municipality}'",
                key=True,
            )


@RULES.rule(
    "area-coverage",
    ERROR,
    "hver kommunes pladser dækker kommissoriets fagområder (social-, beskæftigelses- og misbrugsområdet)",
)
def area_coverage(forum: ForumContext, out: Findings) -> None:
    charter, seats = _seats(forum)
    composition = charter.composition
    covered: dict[str, set[str]] = {}
    for _, seat in seats:
        if seat.sector == "kommune" and seat.municipality is not None:
            covered.setdefault(seat.municipality, set()).update(seat.areas)
    for municipality in composition.municipalities:
        if municipality not in covered:
            continue  # municipality-seat
        missing = [area for area in composition.required_areas if area not in covered[municipality]]
        if missing:
            out.error(
                forum.files.members,
                ("seats",),
                f"{municipality} Kommunes pladser dækker ikke {or_list(missing)} {_source(forum, 'required_areas')}; "
                f"tilføj området under 'areas' på en af kommunens pladser",
                key=True,
            )


#: The parties besides the municipalities, as data: composition key, sector of their seats.
PARTIES: dict[str, Sector] = {
    "psychiatry": "psykiatri",
    "hospital": "hospital",
    "general_practice": "almen praksis",
    "region": "region",
}


def _party_seat(forum: ForumContext, out: Findings, key: str) -> None:
    """The party the charter names under composition.<key> has a seat."""
    charter, seats = _seats(forum)
    party = getattr(charter.composition, key)
    sector = PARTIES[key]
    if party is not None and not any(seat.sector == sector for _, seat in seats):
        out.error(
            forum.files.members,
            ("seats",),
            f"ingen plads fra {SECTOR_LABELS[sector]} ({party.organisation}) {_source(forum, key)}; "
            f"tilføj en plads med 'sector: {sector}'",
            key=True,
        )


@RULES.rule("psychiatry-seat", ERROR, "psykiatrien er repræsenteret, når kommissoriet kræver det")
def psychiatry_seat(forum: ForumContext, out: Findings) -> None:
    _party_seat(forum, out, "psychiatry")


@RULES.rule("hospital-seat", ERROR, "hospitalet (somatikken) er repræsenteret, når kommissoriet kræver det")
def hospital_seat(forum: ForumContext, out: Findings) -> None:
    _party_seat(forum, out, "hospital")


@RULES.rule("plo-seat", ERROR, "almen praksis (PLO) er repræsenteret, når kommissoriet kræver det")
def plo_seat(forum: ForumContext, out: Findings) -> None:
    _party_seat(forum, out, "general_practice")


@RULES.rule("region-seat", ERROR, "regionen er repræsenteret, når kommissoriet giver den en fast plads")
def region_seat(forum: ForumContext, out: Findings) -> None:
    _party_seat(forum, out, "region")


@RULES.rule(
    "forum-kind",
    ERROR,
    "sammensætningen passer til forummets art ('kind'): psykiatrien i et psykiatrisk forum, hospitalet i et somatisk",
)
def forum_kind(forum: ForumContext, out: Findings) -> None:
    charter = forum.charter
    if charter.kind is None:
        return
    kind = KINDS[charter.kind]
    if getattr(charter.composition, kind.hospital_key) is None:
        out.error(
            forum.files.forum,
            ("kind",),
            f"i {kind.forum_title} deltager {SECTOR_LABELS[kind.hospital_sector]}, men kommissoriet har ingen "
            f"'{kind.hospital_key}' under 'composition'; tilføj den med organisationens navn, eller ret 'kind'",
        )


@RULES.rule("region-wide", WARNING, "et regionsdækkende forum (børn og unge) har alle regionens elleve kommuner med")
def region_wide(forum: ForumContext, out: Findings) -> None:
    charter = forum.charter
    kind = KINDS[charter.kind] if charter.kind is not None else None
    if kind is not None and kind.region_wide:
        missing = [name for name in REGION_MUNICIPALITIES if name not in charter.composition.municipalities]
        if missing:
            out.warning(
                forum.files.forum,
                ("composition", "municipalities"),
                f"{kind.forum_title} er regionsdækkende, men {', '.join(missing)} "
                "mangler blandt kommunerne; "
                "tilføj dem, eller ret 'kind', hvis forummet kun dækker en klynge",
            )


@RULES.rule(
    "chair",
    ERROR,
    "formandskabet er, som kommissoriet siger (delt: en kommunal chef og en fra psykiatrien eller hospitalet), og "
    "ingen andre har rollen",
)
def chair(forum: ForumContext, out: Findings) -> None:
    charter, seats = _seats(forum)
    _check_role(forum, out, seats, charter.chair, "formand", "formandskabet", "chair")


@RULES.rule(
    "secretariat",
    ERROR,
    "sekretariatet er, som kommissoriet siger (delt: en fra kommunerne og en fra psykiatrien eller regionen), og "
    "ingen andre har rollen",
)
def secretariat(forum: ForumContext, out: Findings) -> None:
    charter, seats = _seats(forum)
    _check_role(forum, out, seats, charter.secretariat, "sekretariat", "sekretariatet", "secretariat")


def _describe_requirement(requirement: SeatRequirement) -> str:
    text = or_list(SECTOR_LABELS[sector] for sector in requirement.sectors)
    if requirement.levels:
        text += f" (niveau: {or_list(requirement.levels)})"
    return text


def _check_role(
    forum: ForumContext,
    out: Findings,
    seats: list[tuple[int, Seat]],
    requirements: list[SeatRequirement],
    role: str,
    group: str,
    key: str,
) -> None:
    """The seats with `role` fill the charter's requirements one by one; a requirement left short and a
    seat left over are errors."""

    def charter_line() -> int:  # only when something is reported: positions cost a second parse of forum.yaml
        return forum.files.forum.at((key,)).line

    remaining = [(index, seat) for index, seat in seats if role in seat.roles]
    for requirement in requirements:
        fits = [
            (index, seat)
            for index, seat in remaining
            if seat.sector in requirement.sectors and (not requirement.levels or seat.level in requirement.levels)
        ]
        if len(fits) < requirement.count:
            out.error(
                forum.files.members,
                ("seats",),
                f"{group} mangler {requirement.count - len(fits)} fra {_describe_requirement(requirement)} "
                f"(kommissoriet, forum.yaml linje {charter_line()}); giv en plads rollen '{role}'",
                key=True,
            )
        for taken in fits[: requirement.count]:
            remaining.remove(taken)
    for index, seat in remaining:
        out.error(
            forum.files.members,
            ("seats", index, "roles"),
            f"pladsen '{seat.id}' har rollen '{ROLE_LABELS[role]}', men {group} er allerede fuldt besat efter "
            f"kommissoriet (forum.yaml linje {charter_line()}); fjern rollen",
        )
