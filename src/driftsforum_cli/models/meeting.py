"""One meeting: forums/<id>/meetings/<YYYY-MM-DD>.yaml."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from driftsforum_cli.danish import long_date
from driftsforum_cli.models.common import ClockTime, Count, Email, Flag, IsoDate, Model, Slug, Text
from driftsforum_cli.models.forum import CaseNumbers, StandardItemId

MeetingKind = Literal["ordinært", "ekstra", "fællesmøde"]
ItemKind = Literal["beslutning", "drøftelse", "orientering"]
MinutesType = Literal["beslutningsreferat", "diskussionsreferat"]
ActionStatus = Literal["åben", "lukket"]


def _end_after_start(value: time, info: ValidationInfo) -> time:
    start = info.data.get("start")
    if isinstance(start, time) and value <= start:
        raise ValueError(f"sluttidspunktet kl. {value:%H.%M} skal ligge efter starttidspunktet kl. {start:%H.%M}")
    return value


class Escalation(Model):
    """Et punkt, der sendes videre til Klyngestyregruppen, og svaret, når det kommer."""

    kind: Literal["principiel udfordring", "udviklingsprojekt"] = Field(
        title="Type",
        description="En principiel udfordring, der ikke kan løses på driftsniveau, eller et forslag til et udviklingsprojekt.",
    )
    to: Text = Field(default="Klyngestyregruppen", title="Sendt til")
    sent: IsoDate | None = Field(default=None, title="Sendt den")
    answer: str | None = Field(default=None, title="Svar")
    answered: IsoDate | None = Field(default=None, title="Besvaret den")

    @field_validator("answered")
    @classmethod
    def _after_sent(cls, value: date | None, info: ValidationInfo) -> date | None:
        sent = info.data.get("sent")
        if value is not None and sent is None:
            raise ValueError("et svar kræver, at 'sent' (datoen, punktet blev sendt videre) er udfyldt")
        if value is not None and isinstance(sent, date) and value < sent:
            raise ValueError(f"svaret ({long_date(value)}) kan ikke komme før punktet blev sendt ({long_date(sent)})")
        return value


class AgendaItem(Model):
    title: Text = Field(title="Overskrift")
    kind: ItemKind = Field(default="drøftelse", title="Type")
    presenter: str | None = Field(default=None, title="Oplæg ved", description="Id på en plads i members.yaml.")
    duration_minutes: Count | None = Field(default=None, ge=1, le=600, title="Tid (minutter)")
    agreements: list[Text] = Field(default_factory=list, title="Samarbejdsaftaler", description="Aftalernes id.")
    summary: str | None = Field(default=None, title="Resumé")
    background: str | None = Field(default=None, title="Sagsfremstilling")
    recommendation: str | None = Field(default=None, title="Indstilling", description="'Det indstilles, at …'")
    decision: str | None = Field(default=None, title="Beslutning")
    attachments: list[Text] = Field(default_factory=list, title="Bilag", description="Filer ved siden af mødefilen.")
    closed: Flag = Field(default=False, title="Lukket punkt")
    escalation: Escalation | None = Field(default=None, title="Sendt videre til Klyngestyregruppen")
    not_taking_part: list[Text] = Field(
        default_factory=list,
        title="Deltog ikke i behandlingen",
        description="Pladser, hvis deltager ikke deltog i behandlingen af punktet (fx inhabilitet).",
    )
    public_title: Flag = Field(
        default=False,
        title="Vis overskriften offentligt",
        description="Kun for lukkede punkter: true viser overskriften på hjemmesiden; ellers står der blot 'Lukket punkt'.",
    )
    case_numbers: CaseNumbers = Field(
        default_factory=dict,
        title="Sagsnumre",
        description="Punktets sag i hver organisations sagssystem, med organisationens id som nøgle.",
    )
    indicators: list[Text] = Field(
        default_factory=list, title="Indikatorer", description="Id på indikatorer i indicators.yaml, fx [genindl-30]."
    )
    cases: list[Text] = Field(
        default_factory=list, title="Cases og audits", description="Id på cases og audits i cases.yaml."
    )


class JointSession(Model):
    """Fællesmødet, der holdes samme dag i forlængelse af forummets møde."""

    partner: Text = Field(title="Fællesmøde med")
    start: ClockTime = Field(title="Start")
    end: ClockTime = Field(title="Slut")
    place: str | None = Field(default=None, title="Sted", description="Udelad, hvis det er samme sted.")
    agenda: list[AgendaItem] = Field(default_factory=list, title="Dagsorden for fællesmødet")
    partner_forum: Slug | None = Field(
        default=None,
        title="Partnerforummets id",
        description="Id på partnerforummet i samme samling, fx voksen-somatik-vest: så står fællesmødet også i dets "
        "kalender, dagsorden og referat og skrives kun her.",
    )

    _check_end = field_validator("end")(_end_after_start)


class AdHocParticipant(Model):
    name: Text = Field(title="Navn")
    organisation: str | None = Field(default=None, title="Organisation")
    email: Email | None = Field(default=None, title="E-mail")
    reason: str | None = Field(default=None, title="Deltager i forbindelse med")


class Substitute(Model):
    """En stedfortræder, der deltager for en plads, hvis indehaver har meldt afbud."""

    seat: Text = Field(title="For pladsen", description="Id på pladsen, stedfortræderen deltager for.")
    name: Text = Field(title="Navn")
    title: str | None = Field(default=None, title="Stilling")


class PartTime(Model):
    """En deltager, der kom senere eller gik tidligere end mødet."""

    seat: Text = Field(title="Plads", description="Id på pladsen.")
    arrived: ClockTime | None = Field(default=None, title="Ankom kl.")
    left: ClockTime | None = Field(default=None, title="Gik kl.")


ReplyAnswer = Literal["deltager", "afbud", "måske", "stedfortræder"]
_UTC_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class InvitationReply(Model):
    """Et medlems svar på mødeindkaldelsen (iTIP REPLY), registreret med 'attendance import-replies'."""

    seat: Text = Field(title="Plads", description="Id på pladsen, svaret er fra.")
    answer: ReplyAnswer = Field(
        title="Svar",
        description="deltager (takket ja), afbud (takket nej), måske (foreløbigt svar) eller stedfortræder (pladsen "
        "er givet videre til en anden).",
    )
    sent: Text = Field(
        title="Sendt",
        description="Tidspunktet i svaret (DTSTAMP) i UTC, fx 2026-11-20T09:15:00Z; et senere svar fra samme plads "
        "erstatter et tidligere.",
    )
    sequence: Count = Field(default=0, ge=0, title="Indkaldelsens version", description="SEQUENCE i svaret.")
    substitute: str | None = Field(
        default=None, title="Stedfortræder", description="Navn på den, pladsen er givet til."
    )
    comment: str | None = Field(default=None, title="Bemærkning", description="Bemærkningen i svaret (COMMENT).")

    @field_validator("sent")
    @classmethod
    def _utc_stamp(cls, value: str) -> str:
        try:
            valid = bool(_UTC_STAMP.fullmatch(value)) and date.fromisoformat(value[:10]) is not None
            valid = valid and time.fromisoformat(value[11:19]) is not None
        except ValueError:
            valid = False
        if not valid:
            raise ValueError(f"'{value}' er ikke et tidspunkt i UTC som 2026-11-20T09:15:00Z")
        return value

    @property
    def received(self) -> date:
        """The day the reply was sent (UTC)."""
        return date.fromisoformat(self.sent[:10])


class Attendance(Model):
    present: list[Text] = Field(default_factory=list, title="Til stede", description="Pladsernes id.")
    absent: list[Text] = Field(default_factory=list, title="Afbud", description="Pladsernes id.")
    ad_hoc: list[AdHocParticipant] = Field(default_factory=list, title="Ad hoc-deltagere")
    citizen_perspective: list[Text] = Field(
        default_factory=list, title="Borger- og pårørendeperspektiv", description="Beskrivelse, ikke navne."
    )
    minute_taker: str | None = Field(default=None, title="Referent", description="Id på en plads.")
    substitutes: list[Substitute] = Field(
        default_factory=list,
        title="Stedfortrædere",
        description="Deltog for en plads med afbud; pladsen regnes som repræsenteret.",
    )
    part_time: list[PartTime] = Field(
        default_factory=list, title="Kom senere eller gik tidligere", description="Plads med 'arrived' og/eller 'left'."
    )
    replies: list[InvitationReply] = Field(
        default_factory=list,
        title="Svar på mødeindkaldelsen",
        description="Medlemmernes svar (ja, nej, måske, stedfortræder) før mødet, fra 'attendance import-replies'; "
        "et afbud står også under 'absent', en stedfortræder under 'substitutes'.",
    )
    # a seat twice, or both present and absent: the rule 'attendance-twice' (domain/rules/history.py)


class Action(Model):
    id: Text = Field(title="Id", description="Unikt inden for forummet, fx '2026-03-a1'.")
    what: Text = Field(title="Handling")
    owner: Text = Field(title="Ansvarlig", description="Id på en plads.")
    due: IsoDate | None = Field(default=None, title="Deadline")
    status: ActionStatus = Field(default="åben", title="Status")


class MinutesComment(Model):
    by: Text = Field(title="Fra", description="Id på en plads.")
    received: IsoDate = Field(title="Modtaget")
    text: Text = Field(title="Bemærkning")
    passage: str | None = Field(
        default=None,
        title="Citeret tekst",
        description="Teksten i referatet, bemærkningen er knyttet til (fx fra en kommentar i Word).",
    )
    response: str | None = Field(
        default=None, title="Behandling", description="Hvordan bemærkningen er behandlet i det reviderede referat."
    )
    item: int | None = Field(
        default=None,
        ge=1,
        title="Punkt",
        description="Punktets nummer på dagsordenen, bemærkningen gælder (fx fra overskriften over en kommentar i Word).",
    )


class AgendaUpdate(Model):
    """En rettelse til en udsendt dagsorden (fx nyt mødelokale), sendt med 'send agenda --update'."""

    date: IsoDate = Field(title="Dato")
    note: Text = Field(title="Hvad er ændret")


class StandardItemMinutes(Model):
    """Referatets tekst under de faste punkter (udelad et punkt, der ikke er noget at skrive om)."""

    approve_agenda: str | None = Field(
        default=None, title="Godkendelse af dagsorden", description="Fx 'Dagsordenen blev godkendt.'"
    )
    approve_previous_minutes: str | None = Field(default=None, title="Godkendelse af referat fra forrige møde")
    action_followup: str | None = Field(default=None, title="Opfølgning på aftalte handlinger")
    agreements_due: str | None = Field(default=None, title="Samarbejdsaftaler i årshjulet")
    announcements: str | None = Field(default=None, title="Meddelelser", description="Det, der blev meddelt.")
    any_other_business: str | None = Field(default=None, title="Eventuelt")
    next_meeting: str | None = Field(
        default=None, title="Næste møde", description="Fx 'Næste møde holdes den 9. marts 2027 i Hjørring.'"
    )


class MinutesRecord(Model):
    type: MinutesType = Field(default="beslutningsreferat", title="Referattype")
    sent: IsoDate | None = Field(default=None, title="Referat udsendt")
    standard_items: StandardItemMinutes = Field(
        default_factory=StandardItemMinutes,
        title="Referat af de faste punkter",
        description="Teksten under de faste punkter, med punktets id som nøgle, fx approve_agenda, announcements.",
    )
    comments: list[MinutesComment] = Field(default_factory=list, title="Bemærkninger")
    revised_sent: IsoDate | None = Field(default=None, title="Revideret referat udsendt")


class AcceptedFinding(Model):
    """Et fund fra privacy-check, som en person har vurderet og accepteret til offentliggørelse."""

    text: Text = Field(title="Teksten", description="Den præcise tekst, fundet gælder (fx et telefonnummer).")
    by: Text = Field(title="Accepteret af", description="Id på en plads i members.yaml.")
    reason: Text = Field(title="Begrundelse")
    on: IsoDate | None = Field(default=None, title="Dato")


class Publication(Model):
    """Hvad der må offentliggøres på hjemmesiden ud over det godkendte referat."""

    public_attachments: list[Text] = Field(
        default_factory=list,
        title="Offentlige bilag",
        description="Bilag (stier som under 'attachments'), der må lægges på hjemmesiden.",
    )
    accepted_findings: list[AcceptedFinding] = Field(default_factory=list, title="Accepterede fund")


class Correction(Model):
    """En rettelse af et udsendt eller godkendt dokument, som trykkes på det: "Rettet den …: …"."""

    document: Literal["agenda", "minutes"] = Field(
        default="minutes", title="Dokument", description="'minutes' (referatet, standard) eller 'agenda' (dagsordenen)."
    )
    date: IsoDate = Field(title="Dato", description="Dagen, rettelsen blev foretaget.")
    by: Text = Field(title="Rettet af", description="Navn eller plads-id på den, der rettede.")
    what: Text = Field(title="Hvad er rettet", description="Fx 'Beslutningen under punkt 5 er rettet til …'.")


class Meeting(Model):
    date: IsoDate = Field(title="Dato", description="Skal være det samme som filens navn.")
    start: ClockTime = Field(title="Start")
    end: ClockTime = Field(title="Slut")
    place: Text = Field(title="Sted")
    kind: MeetingKind = Field(default="ordinært", title="Mødetype")
    cancelled: Flag = Field(default=False, title="Aflyst")
    cancelled_reason: str | None = Field(
        default=None, title="Årsag til aflysning", description="Står i aflysningen, fx 'for få deltagere'."
    )
    moved_to: IsoDate | None = Field(
        default=None,
        title="Flyttet til",
        description="For et aflyst møde, der er flyttet: det nye mødes dato. Det nye møde overtager mødets nummer "
        "i årshjulet og dets samarbejdsaftaler og opgaver.",
    )
    joint_meeting: JointSession | None = Field(default=None, title="Fællesmøde")
    agenda_sent: IsoDate | None = Field(default=None, title="Dagsorden udsendt")
    agenda_updates: list[AgendaUpdate] = Field(
        default_factory=list, title="Rettelser til dagsordenen", description="Udsendt med 'send agenda --update'."
    )
    agenda: list[AgendaItem] = Field(default_factory=list, title="Dagsordenspunkter")
    skip_standard_items: list[StandardItemId] = Field(
        default_factory=list,
        title="Fravalgte faste punkter",
        description="Fx [announcements] for at udelade Meddelelser.",
    )
    attendance: Attendance | None = Field(default=None, title="Fremmøde")
    actions: list[Action] = Field(default_factory=list, title="Handlinger")
    agreements_reported: list[Text] = Field(
        default_factory=list,
        title="Aftaler meldt til Klyngestyregruppen",
        description="Samarbejdsaftaler til revision eller ikke længere relevante, som Klyngestyregruppen er gjort opmærksom på.",
    )
    closes_actions: list[Text] = Field(
        default_factory=list, title="Lukker handlinger", description="Id på handlinger fra tidligere møder."
    )
    minutes: MinutesRecord = Field(default_factory=MinutesRecord, title="Referat")
    publication: Publication = Field(default_factory=Publication, title="Offentliggørelse")
    corrections: list[Correction] = Field(
        default_factory=list,
        title="Rettelser",
        description="Ændringer efter udsendelse eller godkendelse; hver trykkes på dokumentet som 'Rettet den …: …'.",
    )
    note: str | None = Field(default=None, title="Note")
    case_numbers: CaseNumbers = Field(
        default_factory=dict,
        title="Sagsnumre",
        description="Mødets sag i hver organisations sagssystem (går forud for forummets), med organisationens id som nøgle.",
    )

    _check_end = field_validator("end")(_end_after_start)
