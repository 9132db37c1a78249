"""JSON Schemas of the file kinds, with Danish titles, for editors (yaml-language-server) and CI."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from driftsforum_cli.models.agreements import Agreements
from driftsforum_cli.models.config import RepoConfig
from driftsforum_cli.models.forum import Forum
from driftsforum_cli.models.groups import WorkingGroups
from driftsforum_cli.models.indicators import CasesFile, IndicatorsFile
from driftsforum_cli.models.meeting import Meeting
from driftsforum_cli.models.members import Members

# file name → (model, Danish title, Danish description)
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "driftsforum.schema.json": (
        RepoConfig,
        "Driftsforum-samling (driftsforum.yaml)",
        "Fælles indstillinger for samlingen af driftsfora: lukkedage og mapper.",
    ),
    "forum.schema.json": (
        Forum,
        "Kommissorium (forum.yaml)",
        "Driftsforummets kommissorium: formål, opgaver, sammensætning, formandskab, sekretariat og møderegler.",
    ),
    "members.schema.json": (
        Members,
        "Medlemmer (members.yaml)",
        "Pladserne i driftsforummet og de personer, der har dem. En plads uden person er ledig.",
    ),
    "agreements.schema.json": (
        Agreements,
        "Samarbejdsaftaler (agreements.yaml)",
        "Samarbejdsaftaler under Sundhedsaftalen, som forummet følger op på i årshjulet.",
    ),
    "groups.schema.json": (
        WorkingGroups,
        "Underarbejdsgrupper (groups.yaml)",
        "Forummets ad hoc-underarbejdsgrupper: mandat, medlemmer, tilbagemelding og slutdato.",
    ),
    "meeting.schema.json": (
        Meeting,
        "Møde (meetings/ÅÅÅÅ-MM-DD.yaml)",
        "Et møde: tid og sted, dagsorden, fremmøde, beslutninger, handlinger og referatets forløb.",
    ),
    "indicators.schema.json": (
        IndicatorsFile,
        "Indikatorer (indicators.yaml)",
        "Forummets indikatorer: titel, enhed, kilde med hentedato og forbehold, og datafilen fra udtrækket.",
    ),
    "cases.schema.json": (
        CasesFile,
        "Cases og audits (cases.yaml)",
        "Registret over afidentificerede cases og audits: tema, sektorer, overgange, fund og samtykke.",
    ),
}


def json_schemas() -> dict[str, str]:
    """file name → schema text (deterministic)."""
    result: dict[str, str] = {}
    for name, (model, title, description) in SCHEMAS.items():
        schema: dict[str, Any] = model.model_json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": name,
            **schema,
            "title": title,
            "description": description,
        }
        result[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return result
