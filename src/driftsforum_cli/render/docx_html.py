"""A small tree of the documents' own HTML, for the Word writer (render/docx_writer.py).

The HTML comes from our templates (autoescaped Jinja), so a forgiving parser of the standard library is
enough: void elements (`<br>`, `<meta>`, `<img>`) close themselves, an end tag closes what is open up to
its element, and text keeps its entities decoded. Comments, `<head>`, `<style>`, `<script>` are dropped;
an inline `<svg>` drawing becomes a node with only its `<title>` and `<desc>` and its markup as written (for
the writer to draw it as a picture: the parser lowercases names, and SVG's `viewBox` must keep its case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_SKIPPED = frozenset({"head", "style", "script", "svg", "template"})


@dataclass
class Node:
    """An element: its tag, attributes and children (text is a `str` child)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    markup: str = ""  # an <svg>: its source text, <svg …> to </svg>

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").split())

    def elements(self, *tags: str) -> list[Node]:
        """The child elements (with one of `tags`, if given)."""
        return [child for child in self.children if isinstance(child, Node) and (not tags or child.tag in tags)]

    def find(self, tag: str) -> Node | None:
        """The first element called `tag` at any depth, in document order."""
        for child in self.elements():
            if child.tag == tag:
                return child
            found = child.find(tag)
            if found is not None:
                return found
        return None

    def text(self) -> str:
        """All the text inside, as it stands (whitespace not collapsed)."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)


class _Builder(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts: list[int] = []  # where each line starts in `source`, counted when a drawing needs it
        self.drawing_start = 0
        self.root = Node("document")
        self.stack = [self.root]
        self.skipping = 0  # depth inside a dropped element
        self.drawing: Node | None = None  # an inline <svg>: kept as a node with only its <title> and <desc>
        self.caption: Node | None = None  # the drawing's <title> or <desc> being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if self.drawing is not None and self.skipping == 1 and tag in ("title", "desc"):
                self.caption = Node(tag)
                self.drawing.children.append(self.caption)
            if tag not in _VOID:
                self.skipping += 1
            return
        if tag in _SKIPPED:
            self.skipping = 1
            if tag == "svg":  # what the drawing shows is in its title and description (its text alternative)
                self.drawing = Node(tag, {name: value or "" for name, value in attrs})
                self.stack[-1].children.append(self.drawing)
                self.drawing_start = self.offset_now()
            return
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            if self.caption is not None and tag == self.caption.tag:
                self.caption = None
            if not self.skipping:
                if self.drawing is not None and tag == "svg":
                    end = self.source.find(">", self.offset_now())
                    self.drawing.markup = self.source[self.drawing_start : end + 1]
                self.drawing = None
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def offset_now(self) -> int:
        """Where the tag being handled starts in the source."""
        if not self.line_starts:
            self.line_starts = [0, *(found.end() for found in re.finditer("\n", self.source))]
        line, column = self.getpos()  # lines counted from 1
        return self.line_starts[line - 1] + column

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)
        elif self.caption is not None:
            self.caption.children.append(data)


def parse_html(html: str) -> Node:
    """The document's tree; its `<body>` (or the whole document, when it has none) is what is shown."""
    builder = _Builder(html)
    builder.feed(html)
    builder.close()
    return builder.root.find("body") or builder.root
