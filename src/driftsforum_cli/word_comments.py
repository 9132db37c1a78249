"""Reading a member's comments and tracked changes out of a Word document (.docx).

A .docx is a zip file. The comments are in word/comments.xml (`w:comment` with `w:author`, `w:initials`,
`w:date` and the text in paragraphs); the passage each comment is anchored to lies in word/document.xml
between `w:commentRangeStart` and `w:commentRangeEnd` with the same `w:id`. Tracked changes are `w:ins`
(inserted runs, text in `w:t`) and `w:del` (deleted runs, text in `w:delText`), each with author and date.

Read with zipfile and lxml rather than python-docx: python-docx 1.2 reads a comment's author, initials,
date and text, but neither the passage it is anchored to nor tracked changes, and both need the document's
XML anyway.

Each remark also says which agenda item it is under: the nearest heading "5. Titel" at or before the paragraph
where the comment's anchor starts (or the change is made). A heading is a paragraph whose style is one of
Word's built-in headings (word/styles.xml names it 'heading N' whatever the style id is in the language Word
runs in, e.g. 'Overskrift2'), or that has an outline level; a heading of level 1 or 2 without a number ends
the items ("Aftalte handlinger", "Bemærkninger til referatet").

lxml parses with entities, network access and huge trees turned off (a document is data from
outside), and the zip's members are size-checked before they are read.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from driftsforum_cli.errors import UserError

if TYPE_CHECKING:
    from lxml.etree import _Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
COMMENTS = "word/comments.xml"
STYLES = "word/styles.xml"
#: The largest XML part read (uncompressed): a document of minutes is a few hundred kB.
MAX_PART = 50 * 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc (Word 97-2003) and password-protected .docx
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_BLANKS = re.compile(r"\s+")
_ITEM = re.compile(r"^(\d{1,3})\.\s*(.*)$")
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_HEADING_ID = re.compile(r"^(?:heading|overskrift)([1-9])$", re.IGNORECASE)  # when styles.xml is missing

RemarkKind = Literal["comment", "insertion", "deletion"]


class NotAWordFile(UserError):
    """The file is not a Word document that can be read; the message names it and says what to do."""


@dataclass(frozen=True)
class Remark:
    """A comment or a tracked change in the document."""

    kind: RemarkKind
    author: str
    initials: str | None
    written: date | None  # the date Word recorded (w:date), if any
    text: str  # the comment's text, or the inserted or deleted text
    passage: str | None  # the text the comment is anchored to, or the paragraph a change is made in
    item: int | None = None  # the number of the agenda item the passage is under ("5. Titel"), if any
    item_title: str | None = None  # that item's title as the heading reads ("Titel")


def read_remarks(path: Path, shown: str | None = None) -> list[Remark]:
    """Every comment and tracked change in the .docx at `path`, in document order (comments first)."""
    name = shown or path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            handle.seek(0)
            if head == _OLE2:
                raise NotAWordFile(
                    f"{name} er et ældre Word-dokument (.doc) eller beskyttet med adgangskode og kan ikke læses; "
                    "åbn det i Word, fjern en eventuel adgangskode, og gem det som 'Word-dokument (*.docx)'"
                )
            try:
                with zipfile.ZipFile(handle) as archive:
                    document = _part(archive, DOCUMENT, name)
                    if document is None:
                        raise NotAWordFile(
                            f"{name} er en zip-fil, men ikke et Word-dokument ({DOCUMENT} mangler); "
                            "gem referatet i Word som 'Word-dokument (*.docx)', og prøv igen"
                        )
                    comments = _part(archive, COMMENTS, name)
                    styles = _part(archive, STYLES, name)
            except (zipfile.BadZipFile, EOFError):
                raise NotAWordFile(
                    f"{name} er ikke et Word-dokument (.docx); gem referatet i Word som 'Word-dokument (*.docx)', "
                    "og prøv igen"
                ) from None
    except OSError as exc:
        from driftsforum_cli.files import describe_os_error

        raise NotAWordFile(f"{name} kan ikke læses: {describe_os_error(exc)}") from None
    levels = _heading_styles(_parse(styles, STYLES, name)) if styles is not None else None
    anchors, items, changes = _read_document(_parse(document, DOCUMENT, name), levels)
    remarks = list(_read_comments(_parse(comments, COMMENTS, name), anchors, items)) if comments is not None else []
    return remarks + changes


def _part(archive: zipfile.ZipFile, member: str, name: str) -> bytes | None:
    try:
        info = archive.getinfo(member)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise NotAWordFile(f"{name}: {member} er for stor til at være et referat ({info.file_size} byte)")
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError) as exc:
        raise NotAWordFile(
            f"{name} er beskadiget ({member} kan ikke pakkes ud: {exc}); åbn filen i Word, og gem den igen"
        ) from None


def _parse(data: bytes, member: str, name: str) -> _Element:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise NotAWordFile(
            f"{name} er beskadiget ({member} er ikke gyldig XML: {exc.msg}); åbn filen i Word, og gem den igen"
        ) from None


def _clean(text: str) -> str:
    return _BLANKS.sub(" ", text).strip()


def _written(value: str | None) -> date | None:
    """The date part of Word's w:date ('2026-12-01T10:15:00Z'; Word writes local time with a Z)."""
    match = _DATE.match(value or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _text_of(element: _Element) -> str:
    """The paragraphs of a comment, each one line."""
    lines = []
    for paragraph in element.iter(f"{W}p"):
        lines.append(_clean("".join(_run_text(node) for node in paragraph.iter())))
    return "\n".join(line for line in lines if line)


def _run_text(node: _Element) -> str:
    if node.tag == f"{W}t":
        return node.text or ""
    if node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
        return " "
    return ""


def _heading_styles(root: _Element) -> dict[str, int]:
    """The heading level of each paragraph style id in word/styles.xml (by Word's built-in name 'heading N',
    else by the style's outline level)."""
    levels: dict[str, int] = {}
    for style in root.iter(f"{W}style"):
        ident = style.get(f"{W}styleId")
        if not ident or style.get(f"{W}type") not in (None, "paragraph"):
            continue
        name = style.find(f"{W}name")
        match = _HEADING_NAME.match((name.get(f"{W}val") or "").strip()) if name is not None else None
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        if match is not None:
            levels[ident] = int(match[1])
        elif outline is not None and (outline.get(f"{W}val") or "").isdigit() and int(outline.get(f"{W}val") or 9) < 9:
            levels[ident] = int(outline.get(f"{W}val") or 0) + 1
    return levels


def _heading_level(paragraph: _Element, levels: dict[str, int] | None) -> int | None:
    """The paragraph's heading level (1 for Heading 1), or None when it is not a heading."""
    properties = paragraph.find(f"{W}pPr")
    if properties is None:
        return None
    outline = properties.find(f"{W}outlineLvl")
    value = outline.get(f"{W}val") if outline is not None else None
    if value is not None and value.isdigit() and int(value) < 9:
        return int(value) + 1
    style = properties.find(f"{W}pStyle")
    ident = style.get(f"{W}val") if style is not None else None
    if not ident:
        return None
    if levels is not None and ident in levels:
        return levels[ident]
    match = _HEADING_ID.match(ident)
    return int(match[1]) if match is not None else None


def _paragraph_text(paragraph: _Element) -> str:
    """The text the paragraph shows (tracked insertions in, deletions out)."""
    return _clean("".join(_run_text(node) for node in paragraph.iter() if node.tag != f"{W}delText"))


def _read_comments(
    root: _Element, anchors: dict[str, str], items: dict[str, tuple[int, str] | None]
) -> Iterator[Remark]:
    for comment in root.iter(f"{W}comment"):
        text = _text_of(comment)
        if not text:
            continue
        ident = comment.get(f"{W}id") or ""
        item = items.get(ident)
        yield Remark(
            "comment",
            _clean(comment.get(f"{W}author") or ""),
            _clean(comment.get(f"{W}initials") or "") or None,
            _written(comment.get(f"{W}date")),
            text,
            _clean(anchors.get(ident, "")) or None,
            item[0] if item else None,
            item[1] if item else None,
        )


@dataclass
class _Change:
    kind: RemarkKind
    author: str
    written: date | None
    text: list[str] = field(default_factory=list)


@dataclass
class _Walk:
    """What the walk through document.xml has collected so far."""

    open_anchors: dict[str, list[str]] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)
    changes: list[Remark] = field(default_factory=list)
    levels: dict[str, int] | None = None  # heading level per paragraph style (word/styles.xml), if it is there
    item: tuple[int, str] | None = None  # the agenda item ("5. Titel") the walk is under
    anchor_items: dict[str, tuple[int, str] | None] = field(default_factory=dict)
    waiting: list[str] = field(default_factory=list)  # anchors started between paragraphs: the next one's item
    original: list[str] = field(default_factory=list)  # the paragraph as it read before the changes
    pending: list[_Change] = field(default_factory=list)  # the paragraph's changes
    last: _Change | None = None  # the change the next changed text continues, if nothing came between

    def visible(self, text: str) -> None:
        for parts in self.open_anchors.values():
            parts.append(text)


def _read_document(
    root: _Element, levels: dict[str, int] | None = None
) -> tuple[dict[str, str], dict[str, tuple[int, str] | None], list[Remark]]:
    """The passage of each comment id, the agenda item each passage starts under, and the tracked changes with
    their paragraphs."""
    walk = _Walk(levels=levels)
    body = root.find(f"{W}body")
    _visit(body if body is not None else root, walk, None)
    for ident, parts in walk.open_anchors.items():  # a range Word never closed: to the end
        walk.anchors.setdefault(ident, "".join(parts))
    for ident in walk.waiting:  # started after the last paragraph
        walk.anchor_items[ident] = walk.item
    return walk.anchors, walk.anchor_items, walk.changes


def _enter_paragraph(paragraph: _Element, walk: _Walk) -> None:
    """A heading "5. Titel" puts the walk under item 5; another heading of level 1 or 2 ends the items."""
    level = _heading_level(paragraph, walk.levels)
    if level is not None:
        match = _ITEM.match(_paragraph_text(paragraph))
        if match is not None:
            walk.item = (int(match[1]), match[2])
        elif level <= 2:
            walk.item = None
    for ident in walk.waiting:
        walk.anchor_items[ident] = walk.item
    walk.waiting.clear()


def _visit(element: _Element, walk: _Walk, change: _Change | None) -> None:
    for node in element:
        tag = node.tag
        if tag == f"{W}p":
            outer_original, outer_pending = walk.original, walk.pending
            walk.original, walk.pending, walk.last = [], [], None
            _enter_paragraph(node, walk)
            item = walk.item
            _visit(node, walk, change)
            passage = _clean("".join(walk.original)) or None
            number, title = item if item else (None, None)
            for done in walk.pending:
                text = _clean("".join(done.text))
                if text:
                    walk.changes.append(
                        Remark(done.kind, done.author, None, done.written, text, passage, number, title)
                    )
            walk.original, walk.pending, walk.last = outer_original, outer_pending, None
            walk.visible(" ")
        elif tag == f"{W}commentRangeStart":
            ident = node.get(f"{W}id") or ""
            walk.open_anchors[ident] = []
            if element.tag == f"{W}body":  # between paragraphs: the passage starts in the next one
                walk.waiting.append(ident)
            else:
                walk.anchor_items[ident] = walk.item
        elif tag == f"{W}commentRangeEnd":
            ident = node.get(f"{W}id") or ""
            walk.anchors[ident] = "".join(walk.open_anchors.pop(ident, []))
        elif tag in (f"{W}ins", f"{W}del") and len(node):
            kind: RemarkKind = "insertion" if tag == f"{W}ins" else "deletion"
            author = _clean(node.get(f"{W}author") or "")
            last = walk.last
            if last is not None and last.kind == kind and last.author == author:
                current = last  # Word splits one change into several elements
            else:
                current = _Change(kind, author, _written(node.get(f"{W}date")))
                walk.pending.append(current)
            _visit(node, walk, current)
            walk.last = current
        elif tag == f"{W}t" or tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            text = _run_text(node)
            walk.visible(text)
            if change is not None and change.kind == "insertion":
                change.text.append(text)
            else:
                walk.original.append(text)
                walk.last = None
        elif tag == f"{W}delText":
            text = node.text or ""
            walk.original.append(text)
            if change is not None:
                change.text.append(text)
        elif tag in (f"{W}rPr", f"{W}pPr", f"{W}instrText"):
            continue  # formatting (and its change marks) and field codes: no text
        else:
            _visit(node, walk, change)
