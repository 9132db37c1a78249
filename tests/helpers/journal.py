"""The journal package's tests: its metadata checked against schemas/journal.schema.json, its e-mails parsed."""

from __future__ import annotations

import json
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import jsonschema

from driftsforum_cli.workspace import bundled_root

SCHEMA = json.loads((bundled_root() / "schemas" / "journal.schema.json").read_text(encoding="utf-8"))


def valid_metadata(metadata: dict[str, Any]) -> None:
    """Raises jsonschema.ValidationError unless `metadata` follows the schema (itself a valid 2020-12 schema)."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(metadata)


def parsed_message(data: bytes) -> EmailMessage:
    parsed = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(parsed, EmailMessage)
    return parsed
