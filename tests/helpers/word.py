"""Playing the member: the draft minutes as a Word document with comments and tracked changes, written as
Word writes them (python-docx for the document and the comments, lxml for the dates and the changes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class WordComment:
    anchor: str  # the text in the minutes the comment is attached to (must occur in one line)
    text: str
    author: str
    initials: str | None
    written: str  # w:date, e.g. '2026-11-27T10:15:00Z'


@dataclass(frozen=True)
class WordChange:
    kind: str  # 'ins' or 'del'
    at: str  # 'ins': the text the insertion follows; 'del': the text deleted
    text: str  # the inserted text ('ins'), ignored for 'del'
    author: str
    written: str


def _set_date(element: Any, written: str) -> None:
    from docx.oxml.ns import qn

    element.set(qn("w:date"), written)


def _change(kind: str, ident: int, author: str, written: str, text: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(ident))
    wrapper.set(qn("w:author"), author)
    _set_date(wrapper, written)
    run = OxmlElement("w:r")
    node = OxmlElement("w:t" if kind == "ins" else "w:delText")
    node.set(qn("xml:space"), "preserve")
    node.text = text
    run.append(node)
    wrapper.append(run)
    return wrapper


def member_docx(
    target: Path, minutes_markdown: str, comments: Sequence[WordComment], changes: Sequence[WordChange] = ()
) -> Path:
    """The minutes (their Markdown, line by line: '#' lines as headings) as a .docx with `comments` and `changes`."""
    import docx

    document = docx.Document()
    marks: list[tuple[str, object]] = [*((c.anchor, c) for c in comments), *((ch.at, ch) for ch in changes)]
    ident = 100
    used: set[int] = set()  # each mark once, at the first line that has its text
    for raw in minutes_markdown.splitlines():
        line = raw.replace("**", "").replace("\\", "").strip()
        if not line:
            continue
        if line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")), 2)
            line = line.lstrip("#").strip()
            paragraph = document.add_heading("", level=level)
        else:
            paragraph = document.add_paragraph()
        here = sorted(
            (
                (line.index(text), number, text, mark)
                for number, (text, mark) in enumerate(marks)
                if text and text in line and number not in used
            ),
            key=lambda found: found[:2],
        )
        position = 0
        previous: tuple[int, str] | None = None
        for start, number, text, mark in here:
            again = isinstance(mark, WordChange) and mark.kind == "ins" and previous == (start, text)
            if start < position and not again:
                continue
            used.add(number)
            if start > position:
                paragraph.add_run(line[position:start])
            if isinstance(mark, WordComment):
                run = paragraph.add_run(text)
                comment = document.add_comment(run, text=mark.text, author=mark.author, initials=mark.initials)
                _set_date(comment._comment_elm, mark.written)
            elif isinstance(mark, WordChange) and mark.kind == "ins":
                if not again:
                    paragraph.add_run(text)
                ident += 1  # Word often splits one insertion into several w:ins elements
                paragraph._p.append(_change("ins", ident, mark.author, mark.written, mark.text))
            elif isinstance(mark, WordChange):
                ident += 1
                paragraph._p.append(_change("del", ident, mark.author, mark.written, text))
            position = max(position, start + len(text))
            previous = (start, text)
        if position < len(line):
            paragraph.add_run(line[position:])
    document.save(str(target))
    return target
