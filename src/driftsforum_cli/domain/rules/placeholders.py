"""Placeholders: `init` and `forum add` mark every value the secretary must replace with "(ret mig)"; one left
in a forum's files is a warning (an error under `validate --strict`), so a new forum is not taken for done."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from driftsforum_cli.domain.kinds import PLACEHOLDER
from driftsforum_cli.domain.rules.registry import WARNING, Findings, ForumContext, RuleList
from driftsforum_cli.loader import Loc

RULES = RuleList()


def placeholder_texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(place in the file, text) of every text in `value` that holds the placeholder; only the values the
    file itself gives (a model's defaults are not in the file)."""
    if isinstance(value, str):
        if PLACEHOLDER in value.lower():
            yield loc, value
    elif isinstance(value, BaseModel):
        fields = type(value).model_fields
        for name in value.model_fields_set:
            info = fields.get(name)
            if info is not None:
                yield from placeholder_texts(getattr(value, name), (*loc, info.alias or name))
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from placeholder_texts(element, (*loc, index))


@RULES.rule("placeholder", WARNING, 'ingen pladsholder "(ret mig)" fra `init` eller `forum add` står tilbage')
def placeholder(forum: ForumContext, out: Findings) -> None:
    for loaded in forum.files.all_files():
        if loaded.model is None:
            continue
        for loc, text in placeholder_texts(loaded.model):
            out.warning(loaded, loc, f"'{text}' er en pladsholder fra skabelonen; skriv den rigtige værdi")
