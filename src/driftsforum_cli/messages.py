"""Danish wording for the problems that YAML parsing and model validation report."""

from __future__ import annotations

import difflib
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from driftsforum_cli.danish import plural

# libyaml's problem texts, in Danish, with what to do.
_YAML_PROBLEMS: dict[str, str] = {
    "mapping values are not allowed here": (
        "et kolon efterfulgt af mellemrum er ikke tilladt her; tjek indrykningen, eller sæt hele værdien i "
        'almindelige anførselstegn ("…")'
    ),
    "mapping values are not allowed in this context": (
        "et kolon efterfulgt af mellemrum er ikke tilladt her; tjek indrykningen, eller sæt hele værdien i "
        'almindelige anførselstegn ("…")'
    ),
    "could not find expected ':'": (
        "der mangler et kolon og et mellemrum efter nøglen (fx 'place: Thisted'), eller '- ' foran et listeelement"
    ),
    "did not find expected key": "forventede en nøgle; tjek indrykningen",
    "did not find expected '-' indicator": "forventede et listeelement ('- '); tjek indrykningen",
    "did not find expected node content": "forventede en værdi her",
    "found character that cannot start any token": (
        "et tegn, der ikke kan stå først i en værdi (fx tabulator, @ eller `); "
        "sæt værdien i anførselstegn, og indryk med mellemrum"
    ),
    "found unexpected end of stream": "filen slutter midt i en værdi; mangler der et afsluttende anførselstegn?",
    "quoted scalar never closed": (
        "anførselstegnet her lukkes aldrig; sæt det samme anførselstegn (\" eller ') efter værdien"
    ),
    "found undefined alias": "alias (*navn) henviser til et anker (&navn), der ikke findes",
    "found unknown escape character": "ukendt escape-tegn efter \\ i en tekst i dobbelte anførselstegn",
    "found a tab character that violates indentation": "tabulator i indrykningen; brug mellemrum",
    "found a tab character where an indentation space is expected": ("tabulator i indrykningen; brug mellemrum"),
    "found unexpected ':'": "uventet kolon; sæt værdien i anførselstegn",
    "block sequence entries are not allowed in this context": (
        "et listeelement ('- ') er ikke tilladt her; tjek indrykningen"
    ),
    "expected <document start>, but found '<block mapping start>'": "uventet indhold; tjek indrykningen",
    "but found another document": "filen må kun indeholde ét YAML-dokument (fjern '---')",
    "control characters are not allowed": "filen indeholder et kontroltegn, der ikke er tilladt",
}


def yaml_problem(problem: str | None) -> str:
    text = (problem or "").strip()
    for english, danish in _YAML_PROBLEMS.items():
        if text.startswith(english) or english in text:
            return f"YAML-syntaksfejl: {danish}"
    return f"YAML-syntaksfejl: {text or 'ukendt fejl'}"


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    """The Pydantic models an annotation can hold (through Optional, list and Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin is None:
        return []
    found: list[type[BaseModel]] = []
    if origin in (list, Union, types.UnionType) or str(origin) == "typing.Annotated":
        for arg in get_args(annotation):
            found.extend(_inner_models(arg))
    return found


def model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class whose fields apply at `loc` (the mapping that contains loc's last key)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        inner = _inner_models(field.annotation)
        current = inner[0] if inner else None
    return current


#: Danish words a secretary writes for a key, where they differ from the fields' own Danish titles.
_DANISH_KEYS: dict[str, str] = {
    "dagsorden": "agenda",
    "punkter": "agenda",
    "tilstede": "present",
    "fremmødte": "present",
    "deltagere": "present",
    "frist": "due",
    "tid": "duration_minutes",
    "varighed": "duration_minutes",
    "minutter": "duration_minutes",
    "titel": "title",
    "type": "kind",
    "emne": "title",
    "ansvarlig": "owner",
    "handling": "what",
    "bemærkninger": "comments",
    "udsendt": "sent",
}


def _plain_word(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def key_hint(root: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    """Words for a key that is unknown where it stands: a Danish name for a key ('sted' hedder 'place'), or a
    key that belongs one level deeper ('ryk den ind under attendance') or one level up."""
    key = loc[-1]
    parent = model_at(root, loc[:-1])
    if parent is None or not isinstance(key, str):
        return None
    if (name := _english(key, parent)) is not None:
        return f"'{key}' hedder '{name}' (nøglerne skrives på engelsk)"
    for outer, field in parent.model_fields.items():
        for inner in _inner_models(field.annotation):
            if key in inner.model_fields:
                return f"'{key}' hører til under '{outer}': ryk den ind under '{outer}'"
            if (name := _english(key, inner)) is not None:
                return f"'{key}' hedder '{name}' og hører til under '{outer}' (nøglerne skrives på engelsk)"
    outer_keys = [index for index, part in enumerate(loc[:-1]) if isinstance(part, str)]
    if outer_keys:
        above = model_at(root, loc[: outer_keys[-1]])
        if above is not None and key in above.model_fields:
            return (
                f"'{key}' hører ikke til under '{loc[outer_keys[-1]]}': ryk den ud, så den står på samme niveau "
                f"som '{loc[outer_keys[-1]]}'"
            )
    return None


def _english(key: str, model: type[BaseModel]) -> str | None:
    """The field of `model` that a Danish `key` names (by the field's Danish title or a common word)."""
    word = _plain_word(key)
    for name, field in model.model_fields.items():
        if word and (word == _plain_word(field.title or "") or _DANISH_KEYS.get(word) == name):
            return name
    return None


def field_title(model: type[BaseModel] | None, key: str) -> str | None:
    if model is None:
        return None
    field = model.model_fields.get(key)
    return field.title if field is not None else None


def suggest(word: str, choices: list[str]) -> str | None:
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "en samling af nøgler"
    if isinstance(value, list):
        return "en liste"
    return f"'{value}'"


def validation_message(err: ErrorDetails, root: type[BaseModel]) -> tuple[str, str]:
    """(code, Danish message) for one Pydantic error."""
    kind = err["type"]
    loc = tuple(err["loc"])
    value = err.get("input")
    ctx = err.get("ctx") or {}
    key = loc[-1] if loc and isinstance(loc[-1], str) else None

    if kind == "extra_forbidden":
        parent = model_at(root, loc[:-1])
        valid = sorted(parent.model_fields) if parent else []
        message = f"ukendt nøgle '{key}'"
        hint = key_hint(root, loc)
        guess = suggest(str(key), valid)
        if hint:
            message += f"; {hint}"
        elif guess:
            message += f" – mente du '{guess}'?"
        elif valid:
            message += f"; gyldige nøgler her: {', '.join(valid)}"
        return "unknown-key", message
    if kind == "missing":
        title = field_title(model_at(root, loc[:-1]), str(key))
        about = f" ({title})" if title else ""
        return "missing-key", f"mangler nøglen '{key}'{about}; tilføj den"
    if value is None and (kind.endswith("_type") or kind.endswith("_parsing")):
        return "missing-value", f"'{key}' mangler en værdi; skriv en værdi efter kolonet" if key else (
            "mangler en værdi"
        )
    if kind == "value_error":
        error = ctx.get("error")
        return "invalid-value", str(error) if error is not None else err["msg"]
    if kind == "literal_error":
        allowed = [part.strip().strip("'") for part in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        allowed = [choice for choice in allowed if choice]
        message = f"{_show(value)} er ikke en gyldig værdi; brug en af: {', '.join(allowed)}"
        guess = suggest(str(value), allowed) if isinstance(value, str) else None
        if guess:
            message += f" (mente du '{guess}'?)"
        return "invalid-value", message
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "wrong-type", f"skal være en samling af nøgler (nøgle: værdi), ikke {_show(value)}"
    if kind == "list_type":
        return "wrong-type", f"skal være en liste (linjer, der begynder med '- '), ikke {_show(value)}"
    if kind == "string_type":
        return "wrong-type", f"skal være tekst, ikke {_show(value)}"
    if kind == "too_short":
        least = int(ctx.get("min_length", 1))
        return "too-short", f"skal have mindst {plural(least, 'element', 'elementer')}"
    if kind == "string_too_short":
        return "missing-value", "må ikke være tom"
    if kind == "greater_than_equal":
        return "out-of-range", f"{_show(value)} er for lille; skal være mindst {ctx.get('ge')}"
    if kind == "less_than_equal":
        return "out-of-range", f"{_show(value)} er for stor; må højst være {ctx.get('le')}"
    return "invalid-value", f"ugyldig værdi {_show(value)} ({err['msg']})"
