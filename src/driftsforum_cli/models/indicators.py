"""Data the forum works with: forums/<id>/indicators.yaml (the indicators and their exported data files) and
forums/<id>/cases.yaml (the register of de-identified cases and audits). No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from driftsforum_cli.models.common import Count, Flag, IsoDate, Model, Slug, Text

Separator = Literal[";", ",", "\t", "|"]
Decimal = Literal[",", "."]
Encoding = Literal["utf-8", "utf-8-sig", "cp1252", "windows-1252", "latin-1", "iso-8859-1"]


class IndicatorColumns(Model):
    """The export's own column headers for the three values an indicator needs."""

    area: Text = Field(title="Område", description="Kolonnen med kommune eller region, fx 'Kommune'.")
    period: Text = Field(title="Periode", description="Kolonnen med år eller periode, fx 'År'.")
    value: Text = Field(title="Værdi", description="Kolonnen med tallet, fx 'Andel (pct.)'.")


class IndicatorSource(Model):
    name: Text = Field(default="eSundhed", title="Kilde")
    url: Text = Field(title="Adresse", description="Hvor udtrækket er hentet, fx https://www.esundhed.dk/…")
    extracted: IsoDate = Field(title="Hentet den")
    caveats: str | None = Field(
        default=None, title="Forbehold ved fortolkning", description="Kildens egne forbehold, skrevet af."
    )


class Indicator(Model):
    id: Slug = Field(title="Id", description="Fx 'genindl-30'; agendapunkter henviser til det.")
    title: Text = Field(title="Titel")
    unit: Text = Field(title="Enhed", description="Fx '%', 'antal' eller 'dage'.")
    definition: str | None = Field(default=None, title="Definition")
    source: IndicatorSource = Field(title="Kilde")
    file: Text = Field(title="Datafil", description="En CSV- eller XLSX-fil under data/, som den er hentet.")
    sheet: str | None = Field(default=None, title="Ark", description="Kun XLSX: arkets navn (standard: det første).")
    columns: IndicatorColumns = Field(title="Kolonner")
    rows: dict[str, Text] = Field(
        default_factory=dict,
        title="Kun rækker med",
        description="Kolonne: værdi, fx {Indikator: Færdigbehandlingsdage (psykiatri)}, når filen har flere indikatorer.",
    )
    separator: Separator | None = Field(default=None, title="Skilletegn", description="Standard: genkendes.")
    decimal: Decimal | None = Field(default=None, title="Decimaltegn", description="Standard: genkendes.")
    encoding: Encoding | None = Field(default=None, title="Tegnsæt", description="Standard: genkendes.")
    counts: Flag = Field(
        default=False,
        title="Antal personer",
        description="true, når værdierne er antal personer: små tal vises som '< 5' (se 'threshold').",
    )
    areas: list[Text] = Field(
        default_factory=list,
        title="Områder i dokumenterne",
        description="De områder, dokumenterne viser, i den rækkefølge (standard: alle i filen).",
    )
    example: Flag = Field(default=False, title="Opdigtede eksempeldata")


class IndicatorsFile(Model):
    threshold: Count = Field(
        default=5, ge=1, le=100, title="Grænse for små tal", description="Antal under grænsen vises som '< 5'."
    )
    max_age_days: Count = Field(
        default=365, ge=1, le=3650, title="Højeste alder (dage)", description="Ældre udtræk vises under 'due'."
    )
    indicators: list[Indicator] = Field(default_factory=list, title="Indikatorer")


@dataclass(frozen=True)
class DataPoint:
    """One value of an exported data file, with where it is (a CSV line and column, or an XLSX cell)."""

    area: str
    period: str
    value: float | None  # None: no value (empty, '..', or already suppressed by the source)
    text: str  # as the file writes it
    line: int
    column: int
    cell: str  # Danish: 'linje 4, kolonne 3' or "arket 'Data', celle C4"
    suppressed: bool = False  # the source itself wrote '<5'
    value_column: int = 0  # the value's column (CSV: character; XLSX: cell number); `column` is the area's


class IndicatorData(BaseModel):
    """One indicator's data file as read: its points in file order."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    indicator: str
    points: tuple[DataPoint, ...] = ()


CaseKind = Literal["case", "audit"]


class Consent(Model):
    given: IsoDate | None = Field(default=None, title="Givet den")
    expires: IsoDate | None = Field(default=None, title="Udløber den")


class CaseRecord(Model):
    """A de-identified case story or an audit record."""

    id: Slug = Field(title="Id")
    kind: CaseKind = Field(title="Type", description="'case' (en borgers forløb, afidentificeret) eller 'audit'.")
    date: IsoDate = Field(title="Dato")
    theme: Text = Field(title="Tema", description="Fx 'udskrivning'.")
    title: Text = Field(title="Titel")
    sectors: list[Text] = Field(default_factory=list, title="Sektorer", description="Fx [kommune, psykiatri].")
    seams: list[Text] = Field(default_factory=list, title="Overgange", description="Fx 'indlæggelse → udskrivning'.")
    agreements: list[Text] = Field(default_factory=list, title="Samarbejdsaftaler")
    findings: str | None = Field(default=None, title="Fund")
    consent: Consent | None = Field(default=None, title="Samtykke")
    public: Flag = Field(default=False, title="Offentlig", description="Standard: nej.")


class CasesFile(Model):
    cases: list[CaseRecord] = Field(default_factory=list, title="Cases og audits")
