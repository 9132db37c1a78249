"""Editing a person's YAML file in place: only the changed lines change.

ruamel.yaml applies the edit to the file's structure and renders the new lines in the file's own style; the
lines it would render differently from the file (a `%YAML 1.1` directive's `NO` as `false`, `+12` as `12`,
trailing spaces, `...`) are never taken from it: the change between ruamel's rendering before and after the
edit is applied to the file's own text. The result is read back with our loader and must be exactly the
file's data with the edit applied, and valid for the model, before it replaces the file atomically with the
file's byte-order mark and line endings.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher, unified_diff
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from driftsforum_cli.diagnostics import Diagnostic
from driftsforum_cli.domain.lifecycle import AppendItem, DeleteValue, Edit, MoveItem, MoveToList, SetValue, Value
from driftsforum_cli.errors import UserError
from driftsforum_cli.files import atomic_write
from driftsforum_cli.loader import LoadError, parse_yaml, validate_document
from driftsforum_cli.models.common import without_word_marks

BOM = b"\xef\xbb\xbf"


class EditError(UserError):
    """An edit that would leave the file invalid (or that cannot be made on its own lines); the message names
    the file and the problems."""

    def __init__(self, display: str, diagnostics: Sequence[Diagnostic] = (), reason: str = "") -> None:
        details = "; ".join(f"{d.line}:{d.column}: {d.message}" for d in diagnostics)
        problem = reason or "ændringen ville gøre filen ugyldig"
        super().__init__(
            f"{display}: {problem}; intet er skrevet" + (f" ({details})" if details else ""),
            diagnostics=diagnostics,
        )


@dataclass(frozen=True)
class FileChange:
    """One file before and after a command's change (None: the file does not exist before / after)."""

    path: Path
    display: str
    before: bytes | None
    after: bytes | None

    def diff(self) -> str:
        """The change as a unified diff of the file's text (line endings and byte-order mark aside)."""

        def lines(data: bytes | None) -> list[str]:
            return [] if data is None else data.decode("utf-8-sig").replace("\r\n", "\n").splitlines(keepends=True)

        before = "/dev/null" if self.before is None else f"a/{self.display}"
        after = "/dev/null" if self.after is None else f"b/{self.display}"
        return "".join(unified_diff(lines(self.before), lines(self.after), before, after))


def write_changes(changes: Sequence[FileChange]) -> None:
    """Put every change in place: new contents atomically, removed files removed."""
    for change in changes:
        if change.after is not None:
            atomic_write(change.path, change.after)
    for change in changes:
        if change.after is None:
            change.path.unlink(missing_ok=True)


def undo_changes(changes: Sequence[FileChange]) -> None:
    """Put every file back as it was before `write_changes`."""
    for change in changes:
        if change.before is not None:
            atomic_write(change.path, change.before)
        else:
            change.path.unlink(missing_ok=True)


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _indentation(text: str) -> tuple[int, int, int]:
    """The file's own indentation style, as ruamel.yaml's (mapping, sequence, offset): how far a key's
    values are indented, and where a list's dash and its item stand under their key – two, three or four
    spaces, lists at column 0 or indented. The first block of each kind decides; (2, 4, 2) when the file has
    none."""
    mapping: int | None = None
    sequence: tuple[int, int] | None = None
    key_column: int | None = None  # the column of the previous line's key when that line opened a block
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        indent = len(line) - len(content)
        if key_column is not None:
            if content.startswith("- ") and sequence is None and indent >= key_column:
                dash = len(content) - len(content[1:].lstrip(" "))
                sequence = (indent - key_column + dash, indent - key_column)
            elif not content.startswith("- ") and mapping is None and indent > key_column:
                mapping = indent - key_column
        if mapping is not None and sequence is not None:
            break
        bare = content.split(" #", 1)[0].rstrip()
        opens = bare.endswith(":") and not bare.startswith(("'", '"'))
        column = indent
        while content.startswith("- "):  # a key inside a list item stands after its dash
            rest = content[1:].lstrip(" ")
            column += len(content) - len(rest)
            content = rest
        key_column = column if opens else None
    sequence_indent, offset = sequence if sequence is not None else ((mapping or 2) + 2, mapping or 2)
    return mapping or 2, max(sequence_indent, offset + 2), offset


def _ruamel_value(value: Value) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((key, _ruamel_value(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_ruamel_value(item) for item in value)
    # a text pasted from Word into a command is written as typed (its invisible marks would break search)
    return without_word_marks(value) if isinstance(value, str) else value


def _plain_value(value: Value) -> Any:
    """The value as our loader reads it back: text for every scalar."""
    if isinstance(value, dict):
        return {key: _plain_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return None if value is None else without_word_marks(str(value))


def _container(root: Any, path: Sequence[str | int], new_map: Callable[[], Any]) -> Any:
    node = root
    for key in path:
        if isinstance(key, int):
            node = node[key]
            continue
        if node.get(key) is None:
            node[key] = new_map()
        node = node[key]
    return node


def _apply_to(root: Any, edits: Sequence[Edit], convert: Callable[[Value], Any]) -> None:
    """Apply `edits` to a loaded document: ruamel.yaml's (convert=_ruamel_value) or our loader's plain data."""
    new_map: Callable[[], Any] = lambda: convert({})  # noqa: E731
    for edit in edits:
        if isinstance(edit, SetValue):
            _container(root, edit.path[:-1], new_map)[edit.path[-1]] = convert(edit.value)
        elif isinstance(edit, AppendItem):
            parent = _container(root, edit.path[:-1], new_map)
            if parent.get(edit.path[-1]) is None:
                parent[edit.path[-1]] = convert([])
            parent[edit.path[-1]].append(convert(edit.item))
        elif isinstance(edit, DeleteValue):
            parent = _container(root, edit.path[:-1], new_map)
            if isinstance(edit.path[-1], int) or edit.path[-1] in parent:
                del parent[edit.path[-1]]
        elif isinstance(edit, MoveItem):
            items = _container(root, edit.path, new_map)
            items.insert(edit.target, items.pop(edit.source))
        elif isinstance(edit, MoveToList):
            source = _container(root, edit.source[:-1], new_map)
            moved = copy.deepcopy(source[edit.source[-1]]) if edit.keep else source.pop(edit.source[-1])
            for key, item in edit.extra.items():
                moved[key] = convert(item)
            parent = _container(root, edit.target[:-1], new_map)
            if parent.get(edit.target[-1]) is None:
                parent[edit.target[-1]] = convert([])
            parent[edit.target[-1]].append(moved)


def _dump(yaml: Any, root: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return buffer.getvalue()


def _line_map(original: list[str], base: list[str]) -> list[tuple[int, int]]:
    """For every line of ruamel's rendering of the unedited file, the lines of the file it stands for."""
    mapped: list[tuple[int, int]] = []
    for tag, o1, o2, b1, b2 in SequenceMatcher(None, original, base, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and o2 - o1 == b2 - b1):
            mapped.extend((o1 + k, o1 + k + 1) for k in range(b2 - b1))
        elif tag == "replace":
            mapped.extend((o1, o2) for _ in range(b2 - b1))
        elif tag == "insert":
            mapped.extend((o1, o1) for _ in range(b2 - b1))
    return mapped


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _before_outer_comments(lines: list[str], at: int, added: list[str]) -> int:
    """ruamel.yaml keeps a comment (and the blank lines) above the next, less indented block with the value
    before it, and adds new lines after them; they belong above that block, so the new lines go before them."""
    content = [line for line in added if line.strip()]
    if not content:
        return at
    while at > 0 and (not lines[at - 1].strip() or _is_comment(lines[at - 1], below=_indent(content[0]))):
        at -= 1
    return at


def _is_comment(line: str, below: int) -> bool:
    """A comment line less indented than `below`."""
    return line.lstrip(" ").startswith("#") and _indent(line) < below


def _merge(original: str, base: str, new: str) -> str:
    """`original` with the change from `base` to `new` (ruamel's renderings before and after the edit)."""
    ours, before, after = original.split("\n"), base.split("\n"), new.split("\n")
    where = _line_map(ours, before)
    out: list[str] = []
    cursor = 0
    for tag, b1, b2, n1, n2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if b1 < b2:
            start, end = min(where[i][0] for i in range(b1, b2)), max(where[i][1] for i in range(b1, b2))
        else:  # new lines go right after the line they follow in ruamel's rendering
            b1 = _before_outer_comments(before, b1, after[n1:n2])
            start = end = where[b1 - 1][1] if b1 > 0 else 0
        start = max(start, cursor)
        out.extend(ours[cursor:start])
        out.extend(after[n1:n2])
        cursor = max(end, start)
    out.extend(ours[cursor:])
    return "\n".join(out)


def edit_text(original: str, edits: Sequence[Edit], display: str) -> str:
    """`original` (a YAML file's text, line feeds only) with `edits` applied to its own lines only. Raises
    EditError when the edit cannot be made without changing what another line means."""
    # ruamel.yaml stumbles on a tab after a value, which YAML allows; what it reads has no trailing blanks
    # (the file's own lines are kept, and a key's value is only ever replaced as a whole).
    from ruamel.yaml.error import YAMLError

    try:
        expected = parse_yaml(original, display).data
    except LoadError as exc:
        raise EditError(display, exc.diagnostics, "filen kan ikke læses") from None
    readable = "\n".join(line.rstrip(" \t") for line in original.split("\n"))
    yaml = _yaml(readable)
    try:
        base = _dump(yaml, yaml.load(readable))
        root = yaml.load(readable)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (linje {mark.line + 1})" if mark is not None else ""
        raise EditError(display, reason=f"filen kan ikke ændres af en kommando{where}; ret den i hånden") from None
    _apply_to(root, edits, _ruamel_value)
    text = _merge(original, base, _dump(yaml, root))
    _apply_to(expected, edits, _plain_value)
    try:
        same = parse_yaml(text, display).data == expected
    except LoadError as exc:
        raise EditError(display, exc.diagnostics) from None
    if not same:
        raise EditError(display, reason="ændringen kan ikke laves uden at ændre andre linjer; ret filen i hånden")
    return text


def planned_edit(
    path: Path,
    edits: Sequence[Edit],
    model: type[BaseModel],
    display: str,
    *,
    copy_to: tuple[Path, str] | None = None,
) -> FileChange:
    """The change `edits` make to the file at `path` as it is on disk now, checked against `model`; nothing is
    written. The file keeps its byte-order mark and line endings (Notepad's CRLF). With `copy_to` (a path and
    how the user sees it), the edited text is a new file there and `path` stays as it is."""
    raw = path.read_bytes()
    original = raw.decode("utf-8-sig")
    crlf = "\r\n" in original
    target, shown = copy_to if copy_to is not None else (path, display)
    text = edit_text(original.replace("\r\n", "\n"), edits, shown)
    check_text(text, model, shown)
    stored = text.replace("\n", "\r\n") if crlf else text
    after = (BOM if raw.startswith(BOM) else b"") + stored.encode("utf-8")
    return FileChange(target, shown, None if copy_to is not None else raw, after)


def check_text(text: str, model: type[BaseModel], display: str) -> None:
    """Raise EditError unless `text` is a valid file for `model`."""
    try:
        document = parse_yaml(text, display)
    except LoadError as exc:
        raise EditError(display, exc.diagnostics) from None
    _, problems = validate_document(document, model)
    if problems:
        raise EditError(display, problems)


def apply_edits(path: Path, edits: Sequence[Edit], model: type[BaseModel], display: str, forum: Path) -> str:
    """Apply `edits` to the YAML file at `path` as it is on disk now, holding the lock of the forum whose
    folder is `forum` (re-entrant: a caller that checked the step under the lock keeps it); return the new
    text. Nothing is written if the result would not be a valid file."""
    from driftsforum_cli.locking import forum_lock

    with forum_lock(forum, reenter=True):
        change = planned_edit(path, edits, model, display)
        write_changes([change])
    assert change.after is not None
    return change.after.decode("utf-8-sig").replace("\r\n", "\n")
