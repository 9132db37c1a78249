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


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


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
    yaml = _yaml()
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    original = raw.decode("utf-8-sig")
    crlf = "\r\n" in original
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
