"""The kinds of driftsforum and the clusters of Region Nordjylland, as the charters describe them: data for
`init` and `forum add` (the charter skeleton) and for the rule that a forum's composition fits its kind.

Sources: the charters of Driftsforum Voksenpsykiatri Nord and Vest ("I Klynge Nord varetages det
tværsektorielle driftsnære samarbejde i 4 driftsfora: Voksen Somatik, Voksenpsykiatri, Børn-Unge Somatik (er
regionsdækkende), Børne-Unge Psykiatri (er regionsdækkende)") and the Sundhedsaftale's clusters (rn.dk). What
the charters do not say (the hospital's name, a region-wide forum's steering group) is left as "(ret mig)".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: What the secretary must replace before the files are true; `validate` warns about it (`--strict`: error).
PLACEHOLDER = "(ret mig)"

PartyKey = Literal["psychiatry", "hospital", "general_practice", "region"]
HospitalSector = Literal["psykiatri", "hospital"]


@dataclass(frozen=True)
class Cluster:
    id: str
    #: 'Klynge Nord' or 'Region Nordjylland' (region-wide).
    name: str
    #: The steering group the forums report to.
    reports_to: str
    municipalities: tuple[str, ...]
    #: The name's suffix: 'Klynge Nord', 'regionsdækkende'.
    label: str


@dataclass(frozen=True)
class Kind:
    id: str
    #: 'Voksen Somatik', as the charters' structure names it.
    title: str
    region_wide: bool
    #: The hospital side: the psychiatry or the (somatic) hospital.
    hospital_key: PartyKey
    hospital_sector: HospitalSector
    #: Name of the hospital side's organisation (by cluster where a charter names it).
    organisation: str
    organisation_by_cluster: tuple[tuple[str, str], ...] = ()
    #: The areas each municipality's seats must cover (only where a charter says so).
    required_areas: tuple[str, ...] = ()
    #: The chair's description from the hospital side.
    chair_text: str = ""

    @property
    def forum_title(self) -> str:
        return f"Driftsforum {self.title}"

    def organisation_in(self, cluster: Cluster) -> str:
        return dict(self.organisation_by_cluster).get(cluster.id, self.organisation)


_NORD = ("Hjørring", "Brønderslev", "Frederikshavn", "Læsø")
_MIDT = ("Aalborg", "Jammerbugt")
_SYD = ("Vesthimmerland", "Rebild", "Mariagerfjord")
_VEST = ("Morsø", "Thisted")

CLUSTERS: dict[str, Cluster] = {
    "nord": Cluster("nord", "Klynge Nord", "Klyngestyregruppe Nord", _NORD, "Klynge Nord"),
    "midt": Cluster("midt", "Klynge Midt", "Klyngestyregruppe Midt", _MIDT, "Klynge Midt"),
    "syd": Cluster("syd", "Klynge Syd", "Klyngestyregruppe Syd", _SYD, "Klynge Syd"),
    "vest": Cluster("vest", "Klynge Vest", "Klyngestyregruppe Vest", _VEST, "Klynge Vest"),
    "region": Cluster(
        "region",
        "Region Nordjylland",
        f"Klyngestyregruppe {PLACEHOLDER}",
        tuple(sorted((*_NORD, *_MIDT, *_SYD, *_VEST), key=lambda name: name.replace("Aa", "Å"))),
        "regionsdækkende",
    ),
}

#: All eleven municipalities of Region Nordjylland.
REGION_MUNICIPALITIES = CLUSTERS["region"].municipalities

#: The adult psychiatry's Nord catchment includes Jammerbugt, and the Nord charter lists it, in this order.
_PSYCHIATRY_NORD = ("Brønderslev", "Hjørring", "Frederikshavn", "Jammerbugt", "Læsø")

KINDS: dict[str, Kind] = {
    "voksen-somatik": Kind(
        "voksen-somatik",
        "Voksen Somatik",
        region_wide=False,
        hospital_key="hospital",
        hospital_sector="hospital",
        organisation=f"Hospitalet {PLACEHOLDER}",
        chair_text="En chef fra hospitalet.",
    ),
    "voksenpsykiatri": Kind(
        "voksenpsykiatri",
        "Voksenpsykiatri",
        region_wide=False,
        hospital_key="psychiatry",
        hospital_sector="psykiatri",
        organisation=f"Psykiatrien {PLACEHOLDER}",
        organisation_by_cluster=(
            ("nord", "Psykiatrien, Klinik Psykiatri Nord"),
            ("vest", "Psykiatrien, Klinik Psykiatri Vest"),
        ),
        required_areas=("socialområdet", "beskæftigelsesområdet", "misbrugsområdet"),
        chair_text="En chef fra behandlingspsykiatrien.",
    ),
    "boern-unge-somatik": Kind(
        "boern-unge-somatik",
        "Børn-Unge Somatik",
        region_wide=True,
        hospital_key="hospital",
        hospital_sector="hospital",
        organisation=f"Hospitalet, børn og unge {PLACEHOLDER}",
        chair_text="En chef fra hospitalet.",
    ),
    "boerne-unge-psykiatri": Kind(
        "boerne-unge-psykiatri",
        "Børne-Unge Psykiatri",
        region_wide=True,
        hospital_key="psychiatry",
        hospital_sector="psykiatri",
        organisation=f"Børne- og ungdomspsykiatrien {PLACEHOLDER}",
        chair_text="En chef fra børne- og ungdomspsykiatrien.",
    ),
}

#: The four driftsfora of every cluster, as the charters' structure lists them.
STRUCTURE = tuple(
    f"{kind.forum_title} (regionsdækkende)" if kind.region_wide else kind.forum_title
    for kind in (
        KINDS["voksen-somatik"],
        KINDS["voksenpsykiatri"],
        KINDS["boern-unge-somatik"],
        KINDS["boerne-unge-psykiatri"],
    )
)


def municipalities(kind: Kind, cluster: Cluster) -> tuple[str, ...]:
    """The municipalities that take part: the cluster's (the Nord psychiatry's catchment as its charter has it)."""
    if kind.id == "voksenpsykiatri" and cluster.id == "nord":
        return _PSYCHIATRY_NORD
    return cluster.municipalities


def forum_name(kind: Kind, cluster: Cluster) -> str:
    """'Driftsforum Voksen Somatik – Klynge Nord', 'Driftsforum Børn-Unge Somatik – Region Nordjylland'."""
    return f"{kind.forum_title} – {cluster.name}"


def short_name(kind: Kind, cluster: Cluster) -> str:
    """'Voksen Somatik Nord', 'Børn-Unge Somatik (regionsdækkende)'."""
    return f"{kind.title} ({cluster.label})" if cluster.id == "region" else f"{kind.title} {cluster.name.split()[-1]}"


def check_combination(kind: Kind, cluster: Cluster) -> str | None:
    """Why the kind cannot be placed in the cluster (a Danish sentence), or None."""
    if kind.region_wide and cluster.id != "region":
        return (
            f"{kind.forum_title} er regionsdækkende efter kommissorierne og hører ikke til én klynge; "
            "brug --cluster region"
        )
    if not kind.region_wide and cluster.id == "region":
        return (
            f"{kind.forum_title} holdes i hver klynge efter kommissorierne; brug --cluster nord, midt, syd eller vest"
        )
    return None


def slug(text: str) -> str:
    """'Brønderslev' -> 'broenderslev', 'Læsø' -> 'laesoe': the Danish letters written as in e-mail addresses."""
    folded = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return "-".join("".join(ch if ch.isascii() and ch.isalnum() else " " for ch in folded).split())
