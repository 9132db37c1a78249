"""JSON Schemas of the file kinds, with Danish titles, for editors (yaml-language-server) and CI.

The editor shows a type's `title` and `description` in hovers and error messages, so every model class
gets its Danish title and description here (`DANISH`), not from its class name or (English) docstring.
A model class without an entry is a programming error: `json_schemas()` raises, and the tests say so.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from driftsforum_cli.models import config, forum, groups, indicators, meeting, members
from driftsforum_cli.models.agreements import Agreement, Agreements, AnnualCycleSlot

# model class → (Danish title, Danish description), as the editor shows them
DANISH: dict[type[BaseModel], tuple[str, str]] = {
    # driftsforum.yaml
    config.RepoConfig: (
        "Driftsforum-samling (driftsforum.yaml)",
        "Fælles indstillinger for samlingen af driftsfora: lukkedage og mapper.",
    ),
    config.Closure: ("Lukkedag", "En ekstra lukkedag ud over weekender og helligdage."),
    config.Publishing: ("Hjemmeside", "Hjemmesiden med de godkendte referater (driftsforum publish)."),
    config.Email: (
        "E-mail",
        "Afsender og SMTP-server til udsendelse. Adgangskoden står aldrig her, kun i miljøvariablen "
        "DRIFTSFORUM_SMTP_PASSWORD.",
    ),
    config.Documents: ("Dokumentfiler", "Dokumenternes filer: PDF-varianten og hvad en udsendelse vedhæfter."),
    # forum.yaml
    forum.Forum: (
        "Kommissorium (forum.yaml)",
        "Driftsforummets kommissorium: formål, opgaver, sammensætning, formandskab, sekretariat og møderegler.",
    ),
    forum.Approval: ("Godkendelse", "Hvor og hvornår kommissoriet er godkendt."),
    forum.Composition: ("Sammensætning", "Sammensætning: hvem der skal deltage fast."),
    forum.PsychiatryRequirement: (
        "Psykiatrien",
        "Voksen- eller børne- og ungdomspsykiatrien, når den har en fast plads i forummet.",
    ),
    forum.HospitalRequirement: ("Hospitalet (somatik)", "Hospitalet (den somatiske side) i et somatisk driftsforum."),
    forum.RegionRequirement: (
        "Regionen",
        "Regionen (administrationen), når kommissoriet giver den en fast plads.",
    ),
    forum.GeneralPracticeRequirement: (
        "Almen praksis",
        "Almen praksis (normalt ved PLO), når den har en fast plads i forummet.",
    ),
    forum.SeatRequirement: (
        "Krav om pladser",
        "Et krav om pladser med en bestemt rolle (fx formandskab eller sekretariat).",
    ),
    forum.MeetingRules: (
        "Møderegler",
        "Reglerne for forummets møder: antal om året, frister, fællesmøde og offentliggørelse af referaterne.",
    ),
    forum.Deadlines: ("Frister", "Fristerne for dagsordenen, referatet og bemærkninger til referatet."),
    forum.DeadlineRule: ("Frist", "En frist regnet i kalenderdage fra mødet eller fra en registreret dato."),
    forum.JointMeetingRule: (
        "Fællesmøde",
        "Fællesmøde samme dag og i umiddelbar forlængelse af forummets eget møde.",
    ),
    forum.Evaluation: (
        "Evaluering",
        "Hvornår forummets arbejde og kommissorium skal evalueres, hvem det afrapporteres til, og resultatet.",
    ),
    forum.Documents: (
        "Dagsordener og referater",
        "Dagsordenernes og referaternes faste punkter, forfatter og logo.",
    ),
    forum.StandardItem: (
        "Fast punkt",
        "Et fast dagsordenspunkt. 'meeting_items' markerer, hvor mødets egne punkter står.",
    ),
    forum.AnnualTask: (
        "Fast opgave i årshjulet",
        "En fast opgave i årshjulet, fx status til Klyngestyregruppen eller mødeplan for næste år.",
    ),
    forum.Journal: (
        "Journalisering",
        "Journalisering: de organisationer, der journaliserer forummets dokumenter, og deres sagsnumre.",
    ),
    forum.JournalOrganisation: (
        "Journaliserende organisation",
        "En organisation, der journaliserer forummets dokumenter i sit eget sagssystem (regionen, en kommune).",
    ),
    forum.Reminders: (
        "Påmindelser",
        "Påmindelser med e-mail (driftsforum remind). Alle er slået til, når 'reminders' udelades; slå en fra "
        "med false.",
    ),
    # members.yaml
    members.Members: (
        "Medlemmer (members.yaml)",
        "Pladserne i driftsforummet og de personer, der har dem. En plads uden person er ledig.",
    ),
    members.Seat: ("Plads", "En plads i driftsforummet. Uden 'person' er pladsen ledig."),
    members.Person: (
        "Personen på pladsen",
        "Den, der har pladsen nu: navn, stilling, e-mail, telefon og gerne fra hvilken dag.",
    ),
    members.FormerPerson: (
        "Tidligere indehaver",
        "En tidligere indehaver af pladsen: hvem, og til og med hvilken dag.",
    ),
    # agreements.yaml
    Agreements: (
        "Samarbejdsaftaler (agreements.yaml)",
        "Samarbejdsaftaler under Sundhedsaftalen, som forummet følger op på i årshjulet.",
    ),
    Agreement: (
        "Samarbejdsaftale",
        "En samarbejdsaftale under Sundhedsaftalen: status, plads i årshjulet og seneste opfølgning.",
    ),
    AnnualCycleSlot: (
        "Plads i årshjulet",
        "Hvor aftalen ligger i årshjulet: et ordinært mødenummer eller en måned.",
    ),
    # groups.yaml
    groups.WorkingGroups: (
        "Underarbejdsgrupper (groups.yaml)",
        "Forummets ad hoc-underarbejdsgrupper: mandat, medlemmer, tilbagemelding og slutdato.",
    ),
    groups.WorkingGroup: (
        "Underarbejdsgruppe",
        "En ad hoc-underarbejdsgruppe: mandat, medlemmer, hvornår den melder tilbage, og hvornår den slutter.",
    ),
    # meetings/ÅÅÅÅ-MM-DD.yaml
    meeting.Meeting: (
        "Møde (meetings/ÅÅÅÅ-MM-DD.yaml)",
        "Et møde: tid og sted, dagsorden, fremmøde, beslutninger, handlinger og referatets forløb.",
    ),
    meeting.JointSession: (
        "Fællesmøde",
        "Fællesmødet, der holdes samme dag i forlængelse af forummets møde.",
    ),
    meeting.AgendaItem: (
        "Dagsordenspunkt",
        "Et af mødets egne punkter: overskrift, oplæg, sagsfremstilling, indstilling, beslutning og bilag.",
    ),
    meeting.Escalation: (
        "Sendt videre til Klyngestyregruppen",
        "Et punkt, der sendes videre til Klyngestyregruppen, og svaret, når det kommer.",
    ),
    meeting.AgendaUpdate: (
        "Rettelse til dagsordenen",
        "En rettelse til en udsendt dagsorden (fx nyt mødelokale), sendt med 'send agenda --update'.",
    ),
    meeting.Attendance: (
        "Fremmøde",
        "Hvem der var til stede, meldte afbud eller deltog som stedfortræder eller ad hoc, og hvem der tog referat.",
    ),
    meeting.AdHocParticipant: (
        "Ad hoc-deltager",
        "En deltager uden plads i forummet, som deltager i et enkelt møde på grund af sin funktion.",
    ),
    meeting.Substitute: (
        "Stedfortræder",
        "En stedfortræder, der deltager for en plads, hvis indehaver har meldt afbud.",
    ),
    meeting.PartTime: ("Delvis deltagelse", "En deltager, der kom senere eller gik tidligere end mødet."),
    meeting.InvitationReply: (
        "Svar på mødeindkaldelsen",
        "Et medlems svar på mødeindkaldelsen (iTIP REPLY), registreret med 'attendance import-replies'.",
    ),
    meeting.Action: ("Handling", "En aftalt handling: hvad, hvem der er ansvarlig, fristen og status."),
    meeting.MinutesRecord: (
        "Referatets forløb",
        "Referatet: type, hvornår det er udsendt, teksten under de faste punkter, bemærkninger og det "
        "reviderede referat.",
    ),
    meeting.StandardItemMinutes: (
        "Referat af de faste punkter",
        "Referatets tekst under de faste punkter (udelad et punkt, der ikke er noget at skrive om).",
    ),
    meeting.MinutesComment: (
        "Bemærkning til referatet",
        "En bemærkning til det udsendte referat: fra hvem, hvornår, den citerede tekst og hvordan den er behandlet.",
    ),
    meeting.Publication: (
        "Offentliggørelse",
        "Hvad der må offentliggøres på hjemmesiden ud over det godkendte referat.",
    ),
    meeting.AcceptedFinding: (
        "Accepteret fund",
        "Et fund fra privacy-check, som en person har vurderet og accepteret til offentliggørelse.",
    ),
    meeting.Correction: (
        "Rettelse",
        'En rettelse af et udsendt eller godkendt dokument, som trykkes på det: "Rettet den …: …".',
    ),
    # indicators.yaml
    indicators.IndicatorsFile: (
        "Indikatorer (indicators.yaml)",
        "Forummets indikatorer: titel, enhed, kilde med hentedato og forbehold, og datafilen fra udtrækket.",
    ),
    indicators.Indicator: (
        "Indikator",
        "En indikator: titel, enhed, definition, kilde og datafilen med udtrækket.",
    ),
    indicators.IndicatorSource: (
        "Indikatorens kilde",
        "Hvor tallene kommer fra: kildens navn og adresse, hvornår de er hentet, og kildens egne forbehold.",
    ),
    indicators.IndicatorColumns: (
        "Kolonner i udtrækket",
        "Udtrækkets egne kolonneoverskrifter for de tre værdier, en indikator skal bruge: område, periode og værdi.",
    ),
    # cases.yaml
    indicators.CasesFile: (
        "Cases og audits (cases.yaml)",
        "Registret over afidentificerede cases og audits: tema, sektorer, overgange, fund og samtykke.",
    ),
    indicators.CaseRecord: (
        "Case eller audit",
        "Et afidentificeret borgerforløb (case) eller en audit: tema, sektorer, overgange, fund og samtykke.",
    ),
    indicators.Consent: (
        "Samtykke",
        "Samtykket til at bruge casen: hvornår det er givet, og hvornår det udløber.",
    ),
}

# file name → the model of that file kind
SCHEMAS: dict[str, type[BaseModel]] = {
    "driftsforum.schema.json": config.RepoConfig,
    "forum.schema.json": forum.Forum,
    "members.schema.json": members.Members,
    "agreements.schema.json": Agreements,
    "groups.schema.json": groups.WorkingGroups,
    "meeting.schema.json": meeting.Meeting,
    "indicators.schema.json": indicators.IndicatorsFile,
    "cases.schema.json": indicators.CasesFile,
}


class MissingDanishText(LookupError):
    """A model class in a schema has no entry in `DANISH` (a programming error, caught by the tests)."""


class DanishSchema(GenerateJsonSchema):
    """Pydantic's generator, with every model's title and description taken from `DANISH`."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls = schema["cls"]
        try:
            title, description = DANISH[cls]
        except KeyError:
            raise MissingDanishText(f"{cls.__module__}.{cls.__qualname__} mangler i DANISH") from None
        json_schema["title"] = title
        json_schema["description"] = description
        return json_schema


def json_schemas() -> dict[str, str]:
    """file name → schema text (deterministic)."""
    result: dict[str, str] = {}
    for name, model in SCHEMAS.items():
        schema: dict[str, Any] = model.model_json_schema(schema_generator=DanishSchema)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, **schema}
        result[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return result
