"""YAML → Python data that remembers where every value came from → Pydantic models.

PyYAML's C parser composes the node graph; we construct the values ourselves so that plain scalars
stay text (the model decides their type), every key and value keeps its line and column, duplicate
keys and object-constructing tags are refused, and alias expansion is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from driftsforum_cli.diagnostics import Diagnostic, error
from driftsforum_cli.errors import UserError
from driftsforum_cli.messages import model_at, suggest, validation_message, yaml_problem

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

# A file may expand to at most this many values (anchors and aliases included): a meeting file has a
# few hundred; a "billion laughs" file has billions and is refused as soon as it passes the limit.
MAX_VALUES = 20_000
MAX_DEPTH = 64

_YAML = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_YAML + name for name in ("str", "seq", "map", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file starts."""

    file: str
    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)

    def value(self, loc: Loc) -> Mark:
        """The position of the value at loc, or of its nearest enclosing value."""
        for end in range(len(loc), -1, -1):
            mark = self.values.get(loc[:end])
            if mark is not None:
                return mark
        return Mark(1, 1)

    def key(self, loc: Loc) -> Mark:
        """The position of the key that names loc (falls back to its value)."""
        return self.keys.get(loc) or self.value(loc)


@dataclass
class YamlDocument:
    data: dict[str, Any]
    source: SourceMap


class LoadError(UserError):
    """The project's own user error: a file that cannot be read as our YAML."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(f"{d.file}:{d.line}:{d.column}: {d.message}" for d in diagnostics))
        self.diagnostics = diagnostics


class _AliasBomb(Exception):
    def __init__(self, mark: Mark, reason: str) -> None:
        self.mark = mark
        self.reason = reason


def _plain(node: yaml.ScalarNode) -> bool:
    """Unquoted (plain) scalar: libyaml's C parser says '', the Python parser None."""
    return not node.style


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.source = SourceMap(file)
        self.problems: list[Diagnostic] = []
        self.flagged: list[Loc] = []
        self.count = 0
        self.active: set[int] = set()

    def problem(self, mark: Mark, code: str, message: str, loc: Loc) -> None:
        self.problems.append(error(self.file, mark.line, mark.column, code, message))
        self.flagged.append(loc)

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        mark = _mark(node)
        if self.count > MAX_VALUES:
            raise _AliasBomb(mark, f"filen udfolder sig til over {MAX_VALUES:,} værdier".replace(",", "."))
        if depth > MAX_DEPTH:
            raise _AliasBomb(mark, f"værdierne er indlejret mere end {MAX_DEPTH} niveauer dybt")
        self.source.values.setdefault(loc, mark)
        if node.tag not in _ALLOWED_TAGS:
            self.problem(
                mark,
                "unsafe-tag",
                f"mærket '{node.tag.replace(_YAML, '!!')}' er ikke tilladt; fjern det, så værdien er "
                "almindelig tekst (filer må ikke oprette objekter)",
                loc,
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            value: str = node.value
            if _plain(node) and value in _NULLS:
                return None
            return value
        if id(node) in self.active:
            raise _AliasBomb(mark, "et alias henviser til sig selv")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*loc, index), depth + 1) for index, item in enumerate(node.value)]
            return self.mapping(node, loc, depth)
        finally:
            self.active.discard(id(node))

    def mapping(self, node: yaml.Node, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            key_mark = _mark(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                self.problem(key_mark, "invalid-key", "en nøgle skal være almindelig tekst", loc)
                continue
            key = key_node.value
            if key == "<<" and _plain(key_node):
                self.problem(key_mark, "merge-key", "fletning med '<<' understøttes ikke; skriv nøglerne ud", loc)
                continue
            if key in first_seen:
                first = first_seen[key]
                self.problem(
                    key_mark,
                    "duplicate-key",
                    f"nøglen '{key}' står to gange (første gang i linje {first.line}); fjern den ene",
                    (*loc, key),
                )
                continue
            first_seen[key] = key_mark
            self.source.keys[(*loc, key)] = key_mark
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            [
                error(
                    file,
                    line,
                    column,
                    "encoding",
                    "filen er ikke gemt som UTF-8; gem den igen med tegnsættet UTF-8",
                )
            ]
        ) from None


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document whose top level is a mapping. Raises LoadError with every problem."""
    try:
        root = yaml.compose(text, Loader=yaml.CBaseLoader)
    except yaml.MarkedYAMLError as exc:
        # libyaml notices a missing ': ' only on the next line; the key it was reading is the real place.
        use_context = exc.context == "while scanning a simple key" and exc.context_mark is not None
        mark = exc.context_mark if use_context else (exc.problem_mark or exc.context_mark)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context
        if exc.context and "expected a single document" in exc.context:
            problem = "but found another document"
        message = yaml_problem(problem)
        lines = text.splitlines()
        if 0 < line <= len(lines) and any(quote in lines[line - 1] for quote in "“”„«»"):
            message += "; bemærk: YAML kender kun almindelige anførselstegn (\" eller '), ikke “ ” fra tekstbehandling"
        raise LoadError([error(file, line, column, "yaml-syntax", message)]) from None
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not allow
        position = getattr(exc, "position", 0) or 0
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
        raise LoadError(
            [error(file, line, column, "yaml-syntax", yaml_problem("control characters are not allowed"))]
        ) from None
    except RecursionError:
        raise LoadError(
            [error(file, 1, 1, "yaml-depth", f"værdierne er indlejret mere end {MAX_DEPTH} niveauer dybt")]
        ) from None
    if root is None:
        raise LoadError([error(file, 1, 1, "empty-file", "filen er tom; den skal indeholde nøgler og værdier")])
    builder = _Builder(file)
    try:
        data = builder.build(root, (), 0)
    except _AliasBomb as bomb:
        raise LoadError([error(file, bomb.mark.line, bomb.mark.column, "alias-limit", bomb.reason)]) from None
    if not isinstance(data, dict):
        top = _mark(root)
        builder.problems.append(
            error(
                file,
                top.line,
                top.column,
                "not-a-mapping",
                "filen skal bestå af nøgler og værdier (nøgle: værdi)",
            )
        )
        raise LoadError(builder.problems)
    document = YamlDocument(data, builder.source)
    if builder.problems:
        raise _PartialLoad(document, builder.problems, builder.flagged)
    return document


class _PartialLoad(LoadError):
    """Problems found while building values; the document is still usable for further checks."""

    def __init__(self, document: YamlDocument, diagnostics: list[Diagnostic], flagged: list[Loc]) -> None:
        super().__init__(diagnostics)
        self.document = document
        self.flagged = flagged


def read_yaml(path: Path, display: str) -> YamlDocument:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(
            [error(display, 1, 1, "missing-file", f"filen {path.name} mangler; opret den (se README)")]
        ) from None
    except OSError as exc:
        raise LoadError([error(display, 1, 1, "unreadable", f"filen kan ikke læses: {exc.strerror}")]) from None
    return parse_yaml(_decode(raw, display), display)


@dataclass
class Loaded(Generic[M]):
    """One file: its model when it is valid, its source map when it could be parsed."""

    path: Path
    display: str
    model: M | None = None
    document: YamlDocument | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def at(self, loc: Loc) -> Mark:
        return self.document.source.value(loc) if self.document else Mark(1, 1)

    def key_at(self, loc: Loc) -> Mark:
        return self.document.source.key(loc) if self.document else Mark(1, 1)


def _covered(loc: Loc, flagged: list[Loc]) -> bool:
    return any(loc[: len(prefix)] == prefix for prefix in flagged)


def validate_document(
    document: YamlDocument, model: type[M], flagged: list[Loc] | None = None
) -> tuple[M | None, list[Diagnostic]]:
    source = document.source
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems: list[Diagnostic] = []
        errors = exc.errors(include_url=False)
        # A misspelt key ('strat') is reported once, as unknown with its suggestion, not again as 'start' missing.
        misspelt = {
            (tuple(err["loc"][:-1]), guess)
            for err in errors
            if err["type"] == "extra_forbidden" and (guess := _suggested_key(model, tuple(err["loc"]))) is not None
        }
        for err in errors:
            loc = tuple(err["loc"])
            if flagged and _covered(loc, flagged):
                continue
            if err["type"] == "missing" and (loc[:-1], loc[-1]) in misspelt:
                continue
            code, message = validation_message(err, model)
            if err["type"] == "extra_forbidden":
                mark = source.key(loc)
            elif err["type"] == "missing":
                mark = source.key(loc[:-1]) if loc[:-1] else Mark(1, 1)
            else:
                mark = source.value(loc)
            where = _describe(loc[:-1] if err["type"] in ("extra_forbidden", "missing") else loc)
            problems.append(error(source.file, mark.line, mark.column, code, f"{where}{message}"))
        return None, problems


def _suggested_key(model: type[BaseModel], loc: Loc) -> str | None:
    parent = model_at(model, loc[:-1])
    return suggest(str(loc[-1]), sorted(parent.model_fields)) if parent is not None else None


def _describe(loc: Loc) -> str:
    """'seats[2].person.email: ' — the key path, so a message is clear without the file open."""
    if not loc:
        return ""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"{text}: "


def load_file(path: Path, display: str, model: type[M]) -> Loaded[M]:
    loaded: Loaded[M] = Loaded(path, display)
    flagged: list[Loc] = []
    try:
        loaded.document = read_yaml(path, display)
    except _PartialLoad as partial:
        loaded.document = partial.document
        loaded.diagnostics.extend(partial.diagnostics)
        flagged = partial.flagged
    except LoadError as exc:
        loaded.diagnostics.extend(exc.diagnostics)
        return loaded
    loaded.model, problems = validate_document(loaded.document, model, flagged)
    loaded.diagnostics.extend(problems)
    if loaded.diagnostics:
        loaded.model = None
    return loaded
