"""YAML → Python data that remembers where every value came from → Pydantic models.

PyYAML's C parser composes the node graph; we construct the values ourselves so that plain scalars
stay text (the model decides their type), duplicate keys and object-constructing tags are refused, and
alias expansion is bounded. Every key and value keeps its line and column in the file's `SourceMap`,
which is worked out from the text the first time somebody asks: most files are valid, nobody asks, and a
map of every value of a few thousand files costs more than parsing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from driftsforum_cli.diagnostics import Diagnostic, error
from driftsforum_cli.errors import UserError
from driftsforum_cli.files import describe_os_error
from driftsforum_cli.messages import model_at, suggest, validation_message, yaml_problem
from driftsforum_cli.partial_models import usable_models

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

# A file may expand to at most this many values (anchors and aliases included): a meeting file has a
# few hundred; a "billion laughs" file has billions and is refused as soon as it passes the limit.
MAX_VALUES = 20_000
MAX_DEPTH = 64

_YAML = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_YAML + name for name in ("str", "seq", "map", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}


class _Loader(yaml.CBaseLoader):
    """libyaml's parser and composer with PyYAML's base resolver, which has no implicit or path resolvers:
    every node gets its kind's default tag unless the file names one. The C composer asks these three
    methods once per node; answering from a table gives the same nodes in three quarters of the time."""

    _DEFAULT_TAGS: ClassVar[dict[type[yaml.Node], str]] = {
        yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    }

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return self._DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_Loader)


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


class SourceMap:
    """Where each value (and each mapping key) of one file starts, worked out from its text on first use."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self._text = text
        self._maps: tuple[dict[Loc, Mark], dict[Loc, Mark]] | None = None

    def _positions(self) -> tuple[dict[Loc, Mark], dict[Loc, Mark]]:
        if self._maps is None:
            builder = _Builder(self.file, record=True)
            # The text was parsed and built without an error when the map was made, so this cannot fail.
            root = _compose(self._text) if self._text else None
            if root is not None:
                builder.build(root, (), 0)
            self._maps = builder.values, builder.keys
        return self._maps

    @property
    def values(self) -> dict[Loc, Mark]:
        """loc → where its value starts."""
        return self._positions()[0]

    @property
    def keys(self) -> dict[Loc, Mark]:
        """loc → where the key naming it starts."""
        return self._positions()[1]

    @property
    def text(self) -> str:
        """The file's text as read (without a leading byte-order mark)."""
        return self._text

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


_Scalar = yaml.ScalarNode
_Sequence = yaml.SequenceNode


def _plain(node: yaml.ScalarNode) -> bool:
    """Unquoted (plain) scalar: libyaml's C parser says '', the Python parser None."""
    return not node.style


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Builds a node's value and collects the problems; with `record`, also where every value and key is."""

    def __init__(self, file: str, *, record: bool = False) -> None:
        self.file = file
        self.record = record
        self.values: dict[Loc, Mark] = {}
        self.keys: dict[Loc, Mark] = {}
        self.problems: list[Diagnostic] = []
        self.flagged: list[Loc] = []
        self.count = 0
        self.active: set[int] = set()

    def problem(self, mark: Mark, code: str, message: str, loc: Loc) -> None:
        self.problems.append(error(self.file, mark.line, mark.column, code, message))
        self.flagged.append(loc)

    def too_big(self, node: yaml.Node) -> _AliasBomb:
        if self.count > MAX_VALUES:
            return _AliasBomb(_mark(node), f"filen udfolder sig til over {MAX_VALUES:,} værdier".replace(",", "."))
        return _AliasBomb(_mark(node), f"værdierne er indlejret mere end {MAX_DEPTH} niveauer dybt")

    # build() runs once for every value of every file: the hot path of loading. A plain text value inside a
    # mapping or a list (most values) is built in place by the loops below, exactly as build() would.

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES or depth > MAX_DEPTH:
            raise self.too_big(node)
        if self.record:
            self.values.setdefault(loc, _mark(node))
        if node.tag not in _ALLOWED_TAGS:
            self.problem(
                _mark(node),
                "unsafe-tag",
                f"mærket '{node.tag.replace(_YAML, '!!')}' er ikke tilladt; fjern det, så værdien er "
                "almindelig tekst (filer må ikke oprette objekter)",
                loc,
            )
            return None
        if isinstance(node, _Scalar):
            value: str = node.value
            return None if value in _NULLS and _plain(node) else value
        # An alias is the very node it names: a node met again inside itself is a loop. A problem ends the
        # whole build, so the set needs no clean-up then.
        if id(node) in self.active:
            raise _AliasBomb(_mark(node), "et alias henviser til sig selv")
        self.active.add(id(node))
        built = (
            self.sequence(node, loc, depth + 1) if isinstance(node, _Sequence) else self.mapping(node, loc, depth + 1)
        )
        self.active.discard(id(node))
        return built

    def sequence(self, node: yaml.Node, loc: Loc, depth: int) -> list[Any]:
        """A sequence node's items; `depth` is the items' depth."""
        result: list[Any] = []
        inline = not self.record and depth <= MAX_DEPTH
        for index, item in enumerate(node.value):
            if inline and isinstance(item, _Scalar) and item.tag in _ALLOWED_TAGS:
                self.count += 1
                if self.count > MAX_VALUES:
                    raise self.too_big(item)
                value: str = item.value
                result.append(None if value in _NULLS and _plain(item) else value)
            else:
                result.append(self.build(item, (*loc, index), depth))
        return result

    def mapping(self, node: yaml.Node, loc: Loc, depth: int) -> dict[str, Any]:
        """A mapping node's keys and values; `depth` is the values' depth."""
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        inline = not self.record and depth <= MAX_DEPTH
        for key_node, value_node in node.value:
            if not isinstance(key_node, _Scalar) or key_node.tag not in _ALLOWED_TAGS:
                self.problem(_mark(key_node), "invalid-key", "en nøgle skal være almindelig tekst", loc)
                continue
            key: str = key_node.value
            if key == "<<" and _plain(key_node):
                self.problem(
                    _mark(key_node), "merge-key", "fletning med '<<' understøttes ikke; skriv nøglerne ud", loc
                )
                continue
            if key in first_seen:
                first = _mark(first_seen[key]).line
                self.problem(
                    _mark(key_node),
                    "duplicate-key",
                    f"nøglen '{key}' står to gange (første gang i linje {first}); fjern den ene",
                    (*loc, key),
                )
                continue
            first_seen[key] = key_node
            if inline and isinstance(value_node, _Scalar) and value_node.tag in _ALLOWED_TAGS:
                self.count += 1
                if self.count > MAX_VALUES:
                    raise self.too_big(value_node)
                value: str = value_node.value
                result[key] = None if value in _NULLS and _plain(value_node) else value
                continue
            if self.record:
                self.keys[(*loc, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*loc, key), depth)
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
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        # libyaml notices a missing ': ' only on the next line, and a quote that is never closed only at the
        # end of the file; the key it was reading, or the quote that opens, is the real place.
        unclosed = exc.context == "while scanning a quoted scalar" and exc.problem in (
            "found unexpected end of stream",
            "found unexpected document separator",
        )
        use_context = exc.context_mark is not None and (exc.context == "while scanning a simple key" or unclosed)
        mark = exc.context_mark if use_context else (exc.problem_mark or exc.context_mark)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context
        if exc.context and "expected a single document" in exc.context:
            problem = "but found another document"
        if unclosed:
            problem = "quoted scalar never closed"
        lines = text.splitlines()
        tab = _tab_in_indentation(lines, line)
        opened = None if unclosed or tab is not None else _open_quote_before(lines, line)
        if opened is not None:  # a quote left open swallows the lines after it: libyaml stumbles where it ends
            shown_at = line
            line, column, problem = opened[0], opened[1], "quoted scalar never closed"
            if shown_at != line:
                problem_line = shown_at
                message = yaml_problem(problem) + f" (YAML opdager det først i linje {problem_line})"
                raise LoadError([error(file, line, column, "yaml-syntax", message)]) from None
        if tab is not None:  # a tab among the spaces of an indentation confuses libyaml in many ways
            line, column, problem = (
                tab,
                lines[tab - 1].index("\t") + 1,
                "found a tab character that violates indentation",
            )
        message = yaml_problem(problem)
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
    document = YamlDocument(data, SourceMap(file, text))
    if builder.problems:
        raise _PartialLoad(document, builder.problems, builder.flagged)
    return document


_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s#'\"][^:#]*:\s+)?(['\"])")


def _open_quote_before(lines: list[str], line: int) -> tuple[int, int] | None:
    """The last line before `line` (1-based) whose value opens a quote that the line does not close – a
    multi-line quoted value is rare in these files, and a syntax error after one is most likely its doing."""
    for number in range(min(line, len(lines)) - 1, 0, -1):
        text = lines[number - 1]
        found = _QUOTED_VALUE.match(text)
        if found is None:
            continue
        quote, rest = found.group(1), text[found.end() :]
        closed = rest.replace("''", "").find("'") >= 0 if quote == "'" else re.search(r'(?<!\\)"', rest) is not None
        if not closed:
            return number, found.start(1) + 1
    return None


def _tab_in_indentation(lines: list[str], line: int) -> int | None:
    """The line (1-based) at or just before `line` whose indentation holds a tab, if any."""
    for candidate in (line, line - 1):
        if 0 < candidate <= len(lines):
            text = lines[candidate - 1]
            if "\t" in text[: len(text) - len(text.lstrip(" \t"))]:
                return candidate
    return None


class _PartialLoad(LoadError):
    """Problems found while building values; the document is still usable for further checks."""

    def __init__(self, document: YamlDocument, diagnostics: list[Diagnostic], flagged: list[Loc]) -> None:
        super().__init__(diagnostics)
        self.document = document
        self.flagged = flagged


def read_yaml(path: Path, display: str) -> YamlDocument:
    try:
        _require_regular(path, display)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(
            [error(display, 1, 1, "missing-file", f"filen {path.name} mangler; opret den (se README)")]
        ) from None
    except OSError as exc:
        raise LoadError(
            [error(display, 1, 1, "unreadable", f"filen kan ikke læses: {describe_os_error(exc)}")]
        ) from None
    return parse_yaml(_decode(raw, display), display)


def _require_regular(path: Path, display: str) -> None:
    """Only a regular file is opened: a FIFO would make the read wait for ever, a device would never end."""
    import stat

    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        what = "en mappe" if stat.S_ISDIR(mode) else "en særlig fil (fx en FIFO, en enhed eller en sokkel)"
        raise LoadError(
            [error(display, 1, 1, "special-file", f"{path.name} er {what}, ikke en almindelig fil; den læses ikke")]
        )


@dataclass
class Loaded(Generic[M]):
    """One file: its model when it is valid, its source map when it could be parsed.

    The parsed values themselves are not kept: the model has them, and a repository's worth of them
    would only make the garbage collector's work longer."""

    path: Path
    display: str
    model: M | None = None
    source: SourceMap | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: For a file with errors in some values: the model without those values, so that `validate` can check
    #: the rest of the file (references, charter rules) in the same run. Never used to make documents.
    partial: M | None = field(default=None, repr=False)
    #: The same with other stand-ins for wrong required values (see `partial_models`).
    alternatives: tuple[M, ...] = field(default=(), repr=False)

    def at(self, loc: Loc) -> Mark:
        return self.source.value(loc) if self.source else Mark(1, 1)

    def key_at(self, loc: Loc) -> Mark:
        return self.source.key(loc) if self.source else Mark(1, 1)


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
        document = read_yaml(path, display)
    except _PartialLoad as partial:
        document = partial.document
        loaded.diagnostics.extend(partial.diagnostics)
        flagged = partial.flagged
    except LoadError as exc:
        loaded.diagnostics.extend(exc.diagnostics)
        return loaded
    loaded.source = document.source
    loaded.model, problems = validate_document(document, model, flagged)
    loaded.diagnostics.extend(problems)
    if loaded.diagnostics:
        usable = (loaded.model,) if loaded.model is not None else usable_models(document.data, model)
        loaded.partial = usable[0] if usable else None
        loaded.alternatives = usable[1:]
        loaded.model = None
    return loaded
