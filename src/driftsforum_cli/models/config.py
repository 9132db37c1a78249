"""The repository config: driftsforum.yaml at the root of a forum repository."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from driftsforum_cli.models.common import ClockTime, Count, IsoDate, Model, MonthDay, Text
from driftsforum_cli.models.common import Email as EmailAddress


class Closure(Model):
    """En ekstra lukkedag ud over weekender og helligdage."""

    name: Text = Field(title="Navn", description="Fx 'Juleaftensdag'.")
    every_year: MonthDay | None = Field(default=None, title="Hvert år (MM-DD)")
    date: IsoDate | None = Field(default=None, title="Enkelt dato")
    closed_from: ClockTime | None = Field(
        default=None,
        title="Lukket fra kl.",
        description="Udelad for hele dagen. Fx 12:00: et møde kan holdes, hvis det slutter senest kl. 12.",
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Closure:
        if (self.every_year is None) == (self.date is None):
            raise ValueError("angiv enten 'every_year' (MM-DD) eller 'date' (ÅÅÅÅ-MM-DD)")
        return self


class Publishing(Model):
    """Hjemmesiden med de godkendte referater (driftsforum publish)."""

    site_title: Text = Field(default="Driftsfora – referater", title="Hjemmesidens titel")
    organisation: Text = Field(default="Region Nordjylland", title="Ansvarlig myndighed")
    contact_email: EmailAddress | None = Field(default=None, title="Kontakt om tilgængelighed (e-mail)")
    statement_updated: IsoDate | None = Field(default=None, title="Tilgængelighedserklæringen er senest opdateret")
    statement_url: Text | None = Field(
        default=None,
        title="Myndighedens tilgængelighedserklæring (WAS-Tool)",
        description="Adressen på den erklæring, myndigheden har lavet i Digitaliseringsstyrelsens WAS-Tool, "
        "fx 'https://www.was.digst.dk/…'. Hjemmesidens erklæring linker til den.",
    )
    privacy_markers: list[Text] = Field(
        default_factory=list,
        title="Ord, der tyder på borgersager eller helbredsoplysninger",
        description="Ord eller udtryk (uden forskel på store og små bogstaver), som privacy-check skal standse ved, fx 'diagnose'.",
    )

    @field_validator("statement_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and (not value.startswith("https://") or any(char.isspace() for char in value)):
            raise ValueError(f"'{value}' er ikke en webadresse; skriv hele adressen, der begynder med https://")
        return value


class Email(Model):
    """Afsender og SMTP-server til udsendelse. Adgangskoden står aldrig her, kun i miljøvariablen DRIFTSFORUM_SMTP_PASSWORD."""

    sender: EmailAddress = Field(title="Afsender (e-mail)")
    sender_name: Text = Field(default="Sekretariatet", title="Afsenderens navn")
    reply_to: EmailAddress | None = Field(default=None, title="Svar til (sekretariatet)")
    host: Text = Field(default="localhost", title="SMTP-server")
    port: Count = Field(default=587, ge=1, le=65535, title="Port")
    security: Literal["starttls", "tls", "none"] = Field(default="starttls", title="Kryptering")
    user: str | None = Field(default=None, title="Brugernavn")
    signature: str | None = Field(
        default=None,
        title="Signatur",
        description="Linjerne under 'Med venlig hilsen' i e-mails, fx navne, stillinger, telefon og organisationer. "
        "Standard: sekretariatets medlemmer fra members.yaml med stilling, organisation, telefon og e-mail.",
    )


AttachFormat = Literal["pdf", "docx"]


class Documents(Model):
    """Dokumenternes filer: PDF-varianten og hvad en udsendelse vedhæfter."""

    pdf_variant: Literal["pdf/ua-1", "pdf/a-2a"] = Field(
        default="pdf/ua-1",
        title="PDF-variant",
        description="pdf/ua-1 (tilgængelig PDF, standard) eller pdf/a-2a (til arkivering i sagssystemerne).",
    )
    attach: list[AttachFormat] = Field(
        default_factory=lambda: list[AttachFormat](["pdf"]),
        min_length=1,
        title="Vedhæftes ved udsendelse",
        description="Dagsordenen og referatet vedhæftes i disse formater, fx [pdf, docx].",
    )


class RepoConfig(Model):
    name: Text = Field(title="Navn", description="Navnet på samlingen af driftsfora.")
    forums_dir: Text = Field(default="forums", title="Mappe med fora")
    closures: list[Closure] = Field(default_factory=list, title="Ekstra lukkedage")
    publishing: Publishing = Field(default_factory=Publishing, title="Hjemmeside")
    email: Email | None = Field(default=None, title="E-mail")
    documents: Documents = Field(default_factory=Documents, title="Dokumenter")
