"""Editing a person's YAML file in place: only the changed lines change.

ruamel.yaml round-trips our files byte for byte (comments, key order, quoting, folded text); the result
is checked with our own loader and model before it replaces the file atomically.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from driftsforum_cli.diagnostics import Diagnostic
from driftsforum_cli.domain.lifecycle import AppendItem, Edit, SetValue
from driftsforum_cli.errors import UserError
from driftsforum_cli.files import atomic_write
from driftsforum_cli.loader import LoadError, parse_yaml, validate_document


class EditError(UserError):
    """An edit that would leave the file invalid; the message names the file and the problems."""

    def __init__(self, display: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        details = "; ".join(f"{d.line}:{d.column}: {d.message}" for d in diagnostics)
        super().__init__(
            f"{display}: ændringen ville gøre filen ugyldig; intet er skrevet" + (f" ({details})" if details else ""),
            diagnostics=diagnostics,
        )


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
    values are indented, and where a list's dash and its item stand under their key – two or four spaces,
    lists at column 0 or indented. The first block of each kind decides; (2, 4, 2) when the file has none."""
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


def _container(root: Any, path: tuple[str, ...]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    node = root
    for key in path:
        if node.get(key) is None:
            node[key] = CommentedMap()
        node = node[key]
    return node


def apply_edits(path: Path, edits: Sequence[Edit], model: type[BaseModel], display: str, forum: Path) -> str:
    """Apply `edits` to the YAML file at `path` as it is on disk now, holding the lock of the forum whose
    folder is `forum` (re-entrant: a caller that checked the step under the lock keeps it); return the new
    text. Nothing is written if the result would not be a valid file."""
    from driftsforum_cli.locking import forum_lock

    with forum_lock(forum, reenter=True):
        return _apply(path, edits, model, display)


def _apply(path: Path, edits: Sequence[Edit], model: type[BaseModel], display: str) -> str:
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    original = raw.decode("utf-8-sig")
    crlf = "\r\n" in original
    yaml = _yaml(original.replace("\r\n", "\n"))
    root = yaml.load(original.replace("\r\n", "\n"))
    for edit in edits:
        if isinstance(edit, SetValue):
            _container(root, edit.path[:-1])[edit.path[-1]] = edit.value
        elif isinstance(edit, AppendItem):
            from ruamel.yaml.comments import CommentedMap, CommentedSeq

            parent = _container(root, edit.path[:-1])
            if parent.get(edit.path[-1]) is None:
                parent[edit.path[-1]] = CommentedSeq()
            parent[edit.path[-1]].append(CommentedMap(edit.item))
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    text = buffer.getvalue()
    try:
        document = parse_yaml(text, display)
    except LoadError as exc:
        raise EditError(display, exc.diagnostics) from None
    _, problems = validate_document(document, model)
    if problems:
        raise EditError(display, problems)
    # A file saved by Notepad keeps its byte-order mark and CRLF line endings: only the edited lines change.
    stored = text.replace("\n", "\r\n") if crlf else text
    atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + stored.encode("utf-8"))
    return text
