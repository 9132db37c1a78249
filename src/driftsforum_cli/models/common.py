"""Shared field types. YAML scalars arrive as text; these types decide what the text means."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from driftsforum_cli.danish import MONTHS

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_INT = re.compile(r"[+-]?\d+")
#: Control characters (C0 but tab and newline, DEL, C1) and the bidi embeddings, overrides and isolates: they
#: are invisible, and in a terminal, an e-mail header or a calendar file they act instead of being shown.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


#: Characters Word and web pages put into text that cannot be seen: soft hyphen, zero-width space/joiners,
#: word joiner, byte-order mark, and the no-break spaces; with the Danish name a message gives them.
WORD_MARKS = {"\u00ad": "blød bindestreg", "\u200b": "nul-bredde-mellemrum", "\u200c": "usynligt tegn",
              "\u200d": "usynligt tegn", "\u2060": "usynligt tegn", "\ufeff": "usynligt tegn",
              "\u00a0": "hårdt mellemrum", "\u202f": "hårdt mellemrum"}  # fmt: skip
#: The marks that hide inside a word (soft hyphen, zero-width characters, a byte-order mark).
HIDDEN_MARKS = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_HARD_SPACE = re.compile("[\u00a0\u202f]")


def without_word_marks(text: str) -> str:
    """`text` as typed, for a value a command writes: the invisible characters pasted from Word removed and
    its no-break spaces made ordinary spaces (curly quotes and dashes are real characters and stay)."""
    return _HARD_SPACE.sub(" ", HIDDEN_MARKS.sub("", text))


def check_no_control(value: str) -> str:
    """`value`, or a Danish ValueError if it holds a control character (named by its code, never echoed)."""
    found = CONTROL_CHARACTERS.search(value)
    if found:
        raise ValueError(
            f"teksten indeholder et usynligt styretegn (U+{ord(found[0]):04X}) som tegn nr. {found.start() + 1}; "
            "det kan ændre terminalen, e-mails og kalenderfiler – fjern det, fx ved at skrive teksten igen"
        )
    return value


class Model(BaseModel):
    """Base of every file model: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        """Every text of every file, alone or in a list, is free of control characters."""
        if isinstance(value, str):
            check_no_control(value)
        elif isinstance(value, list):
            for element in value:
                if isinstance(element, str):
                    check_no_control(element)
        return value


def visible(text: str) -> str:
    """`text` with each control character but the line breaks written as its code (<U+001B>), for a terminal."""
    return CONTROL_CHARACTERS.sub(lambda found: found[0] if found[0] == "\r" else f"<U+{ord(found[0]):04X}>", text)


def parse_iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("skal være en dato skrevet som ÅÅÅÅ-MM-DD, fx 2026-03-10")
    match = _ISO_DATE.match(value.strip())
    if not match:
        raise ValueError(_not_iso(value))
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not 1900 <= year <= 2200:
        raise ValueError(f"'{value}' ligger uden for årene 1900-2200; tjek årstallet")
    if not 1 <= month <= 12:
        raise ValueError(f"'{value}' er ikke en gyldig dato: måned {month} findes ikke")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            f"'{value}' er ikke en gyldig dato: {MONTHS[month - 1]} {year} har ikke en {day}. dag"
        ) from None


#: A date as Danes write it: 5.1.2027, 05-01-2027, 5/1-2027 (day first), or 2027-1-5 (ISO without the zeros).
_DANISH_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_SHORT_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _not_iso(value: str) -> str:
    """Why `value` is refused as a date: for a date written the Danish way, how to write it."""
    text = value.strip()
    found, short = _DANISH_DATE.match(text), _SHORT_ISO.match(text)
    day_month_year = (int(found[1]), int(found[2]), int(found[3])) if found else None
    if short:
        day_month_year = (int(short[3]), int(short[2]), int(short[1]))
    if day_month_year is not None:
        day, month, year = day_month_year
        try:
            meant = date(year, month, day)
        except ValueError:
            pass
        else:
            return (
                f"'{value}' er ikke skrevet som ÅÅÅÅ-MM-DD; skriv {meant.day}. {MONTHS[meant.month - 1]} "
                f"{meant.year} som {meant.isoformat()}"
            )
    return f"'{value}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2026-03-10"


def parse_time(value: Any) -> Any:
    if isinstance(value, time):
        return value
    if not isinstance(value, str):
        raise ValueError("skal være et klokkeslæt som 13:00 eller 13.00")
    match = _TIME.match(value.strip())
    if not match:
        raise ValueError(f"'{value}' er ikke et klokkeslæt; skriv det som 13:00 eller 13.00")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23:
        raise ValueError(f"'{value}' er ikke et gyldigt klokkeslæt: timen skal være 0–23")
    if minute > 59:
        raise ValueError(f"'{value}' er ikke et gyldigt klokkeslæt: minutterne skal være 00–59")
    return time(hour, minute)


def parse_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in {"true", "ja", "yes", "sand"}:
            return True
        if text in {"false", "nej", "no", "falsk"}:
            return False
    raise ValueError(f"'{value}' er ikke ja/nej; skriv true eller false")


def parse_int(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("skal være et helt tal")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INT.fullmatch(value.strip()):
        return int(value)
    raise ValueError(f"'{value}' er ikke et helt tal")


def check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"'{value}' er ikke en gyldig e-mailadresse")
    return value


def check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"'{value}' er ikke et gyldigt id: brug små bogstaver a-z, tal og bindestreg (fx 'hjoerring-social')"
        )
    return value


def parse_month_day(value: Any) -> Any:
    if not isinstance(value, str) or not _MONTH_DAY.match(value.strip()):
        raise ValueError(f"'{value}' er ikke en årlig dato; skriv den som MM-DD, fx 12-24")
    month, day = (int(part) for part in value.strip().split("-"))
    try:
        date(2024, month, day)  # a leap year, so 02-29 is allowed
    except ValueError:
        raise ValueError(f"'{value}' er ikke en gyldig dag i året") from None
    return value.strip()


IsoDate = Annotated[
    date,
    BeforeValidator(parse_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-03-10"]}),
]
ClockTime = Annotated[
    time,
    BeforeValidator(parse_time),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}[:.]\d{2}$", "examples": ["13:00"]}),
]
Flag = Annotated[bool, BeforeValidator(parse_bool)]
Count = Annotated[int, BeforeValidator(parse_int)]
Email = Annotated[str, AfterValidator(check_email)]
Slug = Annotated[str, AfterValidator(check_slug)]
MonthDay = Annotated[str, BeforeValidator(parse_month_day)]
Text = Annotated[str, Field(min_length=1)]

Sector = Literal["kommune", "psykiatri", "almen praksis", "region", "hospital"]
Role = Literal["formand", "sekretariat", "medlem", "ad hoc"]
Level = Literal["chef", "afdelingsleder", "klinikledelse", "praktiserende læge", "medarbejder"]

SECTOR_LABELS: dict[str, str] = {
    "kommune": "kommune",
    "psykiatri": "psykiatrien",
    "almen praksis": "almen praksis",
    "region": "regionen",
    "hospital": "hospitalet",
}
ROLE_LABELS: dict[str, str] = {
    "formand": "formand",
    "sekretariat": "sekretariat",
    "medlem": "medlem",
    "ad hoc": "ad hoc-deltager",
}


class CycleSlot(Model):
    """En plads i årshjulet: et ordinært mødenummer eller en måned."""

    meeting: Count | None = Field(default=None, ge=1, le=52, title="Ordinært møde nr.")
    month: Count | None = Field(default=None, ge=1, le=12, title="Måned (1-12)")

    @model_validator(mode="after")
    def _exactly_one(self) -> CycleSlot:
        if (self.meeting is None) == (self.month is None):
            raise ValueError("angiv enten 'meeting' (mødenummer) eller 'month' (måned), ikke begge eller ingen")
        return self
