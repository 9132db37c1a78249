"""The charter (kommissorium) of one forum: forums/<id>/forum.yaml."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from driftsforum_cli.models.common import Count, CycleSlot, Flag, IsoDate, Level, Model, Sector, Slug, Text

AdjustPolicy = Literal["previous_working_day", "next_working_day", "none"]
StandardItemId = Literal[
    "approve_agenda",
    "approve_previous_minutes",
    "action_followup",
    "agreements_due",
    "meeting_items",
    "announcements",
    "any_other_business",
    "next_meeting",
]
ItemKindName = Literal["beslutning", "drøftelse", "orientering"]
Year = Annotated[Count, Field(ge=1900, le=2100)]
ForumKind = Literal["voksen-somatik", "voksenpsykiatri", "boern-unge-somatik", "boerne-unge-psykiatri"]


class Approval(Model):
    """Hvor og hvornår kommissoriet er godkendt."""

    by: Text = Field(title="Godkendt af", description="Fx 'Klyngestyregruppe Nord'.")
    date: IsoDate = Field(title="Godkendt den", description="Datoen som ÅÅÅÅ-MM-DD.")


class SeatRequirement(Model):
    """Et krav om pladser med en bestemt rolle (fx formandskab eller sekretariat)."""

    sectors: list[Sector] = Field(
        min_length=1, title="Sektorer", description="Pladsen skal komme fra en af disse sektorer."
    )
    count: Count = Field(default=1, ge=1, le=50, title="Antal", description="Præcis så mange pladser.")
    levels: list[Level] = Field(
        default_factory=list,
        title="Niveau",
        description="Hvis udfyldt: pladsens niveau skal være et af disse (fx chef).",
    )
    description: str | None = Field(default=None, title="Beskrivelse", description="Kommissoriets ordlyd.")


class PsychiatryRequirement(Model):
    organisation: Text = Field(title="Organisation", description="Fx 'Psykiatrien, Klinik Psykiatri Nord'.")
    description: str | None = Field(default=None, title="Beskrivelse")


class HospitalRequirement(Model):
    """Hospitalet (den somatiske side) i et somatisk driftsforum."""

    organisation: Text = Field(title="Organisation", description="Fx 'Aalborg Universitetshospital'.")
    description: str | None = Field(default=None, title="Beskrivelse")


class RegionRequirement(Model):
    """Regionen (administrationen), når kommissoriet giver den en fast plads."""

    organisation: Text = Field(default="Region Nordjylland", title="Organisation")
    description: str | None = Field(default=None, title="Beskrivelse")


class GeneralPracticeRequirement(Model):
    organisation: Text = Field(default="PLO", title="Organisation", description="Normalt PLO.")
    description: str | None = Field(default=None, title="Beskrivelse")


class Composition(Model):
    """Sammensætning: hvem der skal deltage fast."""

    municipalities: list[Text] = Field(
        min_length=1,
        title="Kommuner",
        description="Kommuner, der deltager fast. Skriv navnet uden 'Kommune', fx 'Hjørring'.",
    )
    municipal_levels: list[Level] = Field(
        default_factory=list,
        title="Kommunale niveauer",
        description="Niveauer for de kommunale pladser, fx afdelingsleder eller chef.",
    )
    required_areas: list[Text] = Field(
        default_factory=list,
        title="Fagområder",
        description="Fagområder, som hver kommunes pladser tilsammen skal dække.",
    )
    psychiatry: PsychiatryRequirement | None = Field(
        default=None,
        title="Psykiatrien",
        description="Voksen- eller børne- og ungdomspsykiatrien; udelad i et somatisk forum.",
    )
    hospital: HospitalRequirement | None = Field(
        default=None, title="Hospitalet (somatik)", description="Udelad i et psykiatrisk forum."
    )
    region: RegionRequirement | None = Field(
        default=None, title="Regionen", description="Udelad, hvis regionen ikke har en fast plads ud over hospitalet."
    )
    general_practice: GeneralPracticeRequirement | None = Field(
        default=None, title="Almen praksis", description="Udelad, hvis almen praksis ikke deltager."
    )
    ad_hoc_participants: Flag = Field(default=True, title="Ad hoc-deltagere tilladt")
    citizen_perspective: Flag = Field(default=True, title="Borger- og pårørendeperspektiv inddrages ved behov")
    working_groups: Flag = Field(default=True, title="Ad hoc-underarbejdsgrupper tilladt")

    @model_validator(mode="after")
    def _hospital_side(self) -> Composition:
        if self.psychiatry is None and self.hospital is None:
            raise ValueError(
                "et driftsforum har en hospitalsside: angiv 'psychiatry' (psykiatrien) eller 'hospital' (somatik)"
            )
        return self


class DeadlineRule(Model):
    """En frist regnet i kalenderdage fra mødet eller fra en registreret dato."""

    offset_days: Count = Field(
        ge=-365,
        le=365,
        title="Dage",
        description="Antal kalenderdage; negativt tal betyder før mødet (fx -14 for dagsordenen).",
    )
    adjust: AdjustPolicy = Field(
        title="Lukkedage",
        description=(
            "Hvad der sker, når fristen falder på en lukkedag: previous_working_day (sekretariatets egne "
            "frister rykkes frem), next_working_day (frister givet til medlemmerne rykkes til næste "
            "arbejdsdag) eller none."
        ),
    )
    description: str | None = Field(default=None, title="Kommissoriets ordlyd")


class Deadlines(Model):
    agenda: DeadlineRule = Field(title="Dagsorden udsendes")
    minutes: DeadlineRule = Field(title="Referat udsendes")
    comments: DeadlineRule = Field(title="Frist for bemærkninger til referatet")
    agenda_earliest_days: Count = Field(
        default=60,
        ge=1,
        le=365,
        title="Dagsordenen udsendes tidligst (dage før mødet)",
        description="En dagsorden registreret som udsendt tidligere end dette er en fejl (fx en kopieret mødefil).",
    )


class JointMeetingRule(Model):
    """Fællesmøde samme dag og i umiddelbar forlængelse af forummets eget møde."""

    partner: Text = Field(title="Fællesmøde med", description="Fx 'Driftsforum Voksen Somatik'.")
    same_day: Flag = Field(default=True, title="Samme dag")
    right_after: Flag = Field(default=True, title="I umiddelbar forlængelse af forummets møde")
    partner_forum: Slug | None = Field(
        default=None,
        title="Partnerforummets id",
        description="Id på partnerforummet i samme samling, når fællesmødet beskrives i dets mødefiler.",
    )
    description: str | None = Field(default=None, title="Kommissoriets ordlyd")


class MeetingRules(Model):
    per_year: Count = Field(ge=1, le=52, title="Møder om året", description="Antal ordinære møder pr. kalenderår.")
    extra_meetings_allowed: Flag = Field(default=True, title="Ekstra møder efter behov")
    planned_years: list[Year] = Field(
        default_factory=list,
        title="Færdigplanlagte år",
        description="År, hvis mødeplan er færdig: for få møder er her en fejl, ellers en advarsel.",
    )
    deadlines: Deadlines = Field(title="Frister")
    joint_meeting: JointMeetingRule | None = Field(default=None, title="Fællesmøde")
    minutes_public: Flag = Field(default=True, title="Referater offentliggøres på regionens hjemmeside")


class Evaluation(Model):
    within_months: Count = Field(default=12, ge=1, le=120, title="Senest efter (måneder)")
    report_to: Text = Field(title="Afrapporteres til")
    last_done: IsoDate | None = Field(default=None, title="Seneste evaluering")
    outcome: str | None = Field(default=None, title="Resultat af seneste evaluering")
    reported: IsoDate | None = Field(default=None, title="Afrapporteret den")


class StandardItem(Model):
    """Et fast dagsordenspunkt. 'meeting_items' markerer, hvor mødets egne punkter står."""

    id: StandardItemId = Field(title="Id")
    title: Text = Field(title="Overskrift")
    kind: ItemKindName = Field(default="orientering", title="Type")
    duration_minutes: int | None = Field(
        default=None,
        ge=0,
        le=600,
        title="Varighed (minutter)",
        description="Punktets tid i dagsordenens tidsplan; standard: 5 minutter (10 for opfølgning og årshjulet).",
    )


def _default_standard_items() -> list[StandardItem]:
    return [
        StandardItem(id="approve_agenda", title="Godkendelse af dagsorden", kind="beslutning"),
        StandardItem(id="approve_previous_minutes", title="Godkendelse af referat fra forrige møde", kind="beslutning"),
        StandardItem(id="action_followup", title="Opfølgning på aftalte handlinger", kind="orientering"),
        StandardItem(id="agreements_due", title="Samarbejdsaftaler i årshjulet", kind="drøftelse"),
        StandardItem(id="meeting_items", title="Mødets punkter", kind="drøftelse"),
        StandardItem(id="announcements", title="Meddelelser", kind="orientering"),
        StandardItem(id="any_other_business", title="Eventuelt", kind="orientering"),
        StandardItem(id="next_meeting", title="Næste møde", kind="orientering"),
    ]


class Documents(Model):
    """Dagsordener og referater."""

    standard_items: list[StandardItem] = Field(
        default_factory=_default_standard_items,
        title="Faste punkter",
        description="Punkter, der kommer på hver dagsorden i denne rækkefølge, medmindre mødet fravælger dem.",
    )
    author: str | None = Field(
        default=None, title="Forfatter", description="Står som forfatter i PDF'ens metadata; standard: sekretariatet."
    )
    logo: str | None = Field(
        default=None,
        title="Logo",
        description="Sti til regionens eller kommunens logo (PNG, JPEG eller SVG) i forhold til mappen med "
        "driftsforum.yaml, fx 'logo/region.png'. Står øverst på dagsordener og referater.",
    )
    logo_text: str | None = Field(
        default=None, title="Logoets alternative tekst", description="Fx 'Region Nordjylland'. Standard: 'Logo'."
    )


class AnnualTask(CycleSlot):
    """En fast opgave i årshjulet, fx status til Klyngestyregruppen eller mødeplan for næste år."""

    title: Text = Field(title="Opgave")


CaseNumberFormat = Literal["regional", "kle", "year-serial"]


class JournalOrganisation(Model):
    """En organisation, der journaliserer forummets dokumenter i sit eget sagssystem (regionen, en kommune)."""

    id: Slug = Field(title="Id", description="Kort id, der bruges under 'case_numbers', fx 'region' eller 'hjoerring'.")
    name: Text = Field(title="Navn", description="Fx 'Region Nordjylland' eller 'Hjørring Kommune'.")
    format: CaseNumberFormat | None = Field(
        default=None,
        title="Sagsnummerets format",
        description="regional (fx 1-01-72-30-17), kle (fx 29.09.00-A00-1-26) eller year-serial (fx 2026-012345). "
        "Udelad for ikke at kontrollere formatet.",
    )
    pattern: str | None = Field(
        default=None,
        title="Eget mønster",
        description="Et regulært udtryk, som hele sagsnummeret skal passe på, hvis ingen af formaterne passer.",
    )
    required: Flag = Field(
        default=True,
        title="Påkrævet",
        description="true: et udsendt eller godkendt dokument skal have organisationens sagsnummer.",
    )
    required_from: IsoDate | None = Field(
        default=None,
        title="Påkrævet fra",
        description="Kun dokumenter udsendt fra denne dato skal have sagsnummeret (ældre dokumenter er udsendt uden).",
    )
    per_item: Flag = Field(
        default=False,
        title="Sagsnummer på hvert punkt",
        description="true: hvert af mødets egne punkter skal have sit eget sagsnummer fra organisationen.",
    )

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"'{value}' er ikke et gyldigt regulært udtryk ({exc.msg})") from None
        return value


class Journal(Model):
    """Journalisering: de organisationer, der journaliserer forummets dokumenter, og deres sagsnumre."""

    organisations: list[JournalOrganisation] = Field(min_length=1, title="Organisationer")

    @model_validator(mode="after")
    def _unique_ids(self) -> Journal:
        seen: set[str] = set()
        for organisation in self.organisations:
            if organisation.id in seen:
                raise ValueError(f"organisationen '{organisation.id}' står to gange under 'organisations'")
            seen.add(organisation.id)
        return self


CaseNumbers = dict[Slug, Text]


class Reminders(Model):
    """Påmindelser med e-mail (driftsforum remind). Alle er slået til, når 'reminders' udelades; slå en fra med false."""

    actions: Flag = Field(default=True, title="Handlinger", description="Påmind den ansvarlige før fristen.")
    actions_before_days: Count = Field(
        default=5, ge=1, le=60, title="Handlinger: arbejdsdage før fristen", description="Standard: 5."
    )
    overdue: Flag = Field(
        default=True, title="Overskredne handlinger", description="Påmind, når fristen er overskredet."
    )
    overdue_repeat_days: Count = Field(
        default=7,
        ge=0,
        le=365,
        title="Overskredne: gentag efter (dage)",
        description="Påmind igen så mange dage efter, så længe handlingen er åben (standard 7: ugentligt). 0: kun én gang.",
    )
    comments: Flag = Field(
        default=True,
        title="Bemærkninger til referatet",
        description="Påmind medlemmerne arbejdsdagen før fristen for bemærkninger til et udsendt referat.",
    )
    presenters: Flag = Field(
        default=True, title="Oplægsholdere", description="Påmind oplægsholderne om materiale til dagsordenen."
    )
    presenters_before_days: Count = Field(
        default=3,
        ge=1,
        le=60,
        title="Oplægsholdere: arbejdsdage før dagsordenens frist",
        description="Standard: 3.",
    )
    digest: Flag = Field(
        default=True,
        title="Ugeoversigt til sekretariatet",
        description="Sekretariatets opgaver (som 'driftsforum due') én gang om ugen, første arbejdsdag i ugen.",
    )


class Forum(Model):
    """Forummets kommissorium."""

    id: Slug = Field(title="Id", description="Kort id med små bogstaver; skal være mappens navn.")
    name: Text = Field(title="Navn", description="Fx 'Driftsforum Voksenpsykiatri – Klynge Nord'.")
    short_name: Text = Field(title="Kort navn")
    cluster: Text = Field(title="Klynge")
    kind: ForumKind | None = Field(
        default=None,
        title="Art",
        description="voksen-somatik, voksenpsykiatri, boern-unge-somatik eller boerne-unge-psykiatri.",
    )
    reports_to: Text = Field(title="Refererer til", description="Fx 'Klyngestyregruppe Nord'.")
    status_reports_to: list[Text] = Field(
        default_factory=list, title="Afgiver status til", description="Hvem der kan bede om status."
    )
    approved: Approval = Field(title="Godkendelse")
    purpose: Text = Field(title="Formål")
    structure: list[Text] = Field(default_factory=list, title="Driftsfora i klyngen")
    escalation: str | None = Field(default=None, title="Principielle udfordringer adresseres til")
    tasks: list[Text] = Field(min_length=1, title="Opgaver")
    composition: Composition = Field(title="Sammensætning")
    chair: list[SeatRequirement] = Field(min_length=1, title="Formandskab")
    secretariat: list[SeatRequirement] = Field(min_length=1, title="Sekretariat")
    meetings: MeetingRules = Field(title="Møder")
    evaluation: Evaluation = Field(title="Evaluering")
    documents: Documents = Field(default_factory=Documents, title="Dagsordener og referater")
    annual_tasks: list[AnnualTask] = Field(default_factory=list, title="Faste opgaver i årshjulet")
    invitations: Literal["publish", "request"] = Field(
        default="publish",
        title="Mødeindkaldelser",
        description=(
            "publish: dagsordenen har mødet som kalenderfil, der gemmes med ét klik (ingen svar). request: en "
            "mødeindkaldelse (iTIP REQUEST) med alle modtagere som deltagere, der svarer ja/nej til sekretariatet; "
            "rettelser og aflysning opdaterer den. Outlook kan ikke synkronisere den med sekretariatets egen kalender."
        ),
    )
    journal: Journal | None = Field(
        default=None, title="Journalisering", description="Organisationerne, der journaliserer dokumenterne."
    )
    case_numbers: CaseNumbers = Field(
        default_factory=dict,
        title="Sagsnumre",
        description="Forummets sag i hver organisations sagssystem, med organisationens id som nøgle.",
    )
    reminders: Reminders = Field(
        default_factory=Reminders, title="Påmindelser", description="Hvad 'driftsforum remind' sender."
    )

    @model_validator(mode="after")
    def _reports_to_in_status_list(self) -> Forum:
        if not self.status_reports_to:
            self.__dict__["status_reports_to"] = [self.reports_to]
        return self
