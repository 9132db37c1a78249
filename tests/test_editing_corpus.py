"""Generated meeting files in many hand-written styles (indentation of two to four spaces, lists indented or
at column 0, quoting, comments on and between lines, blank lines, trailing blanks, CRLF, a byte-order mark,
`---`, a `%YAML 1.1` directive with values YAML 1.1 reads otherwise): every life-cycle step only adds its
own lines, and every value the file had reads as before."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from driftsforum_cli.domain import lifecycle
from driftsforum_cli.domain.lifecycle import Edit
from driftsforum_cli.editing import edit_text
from driftsforum_cli.loader import parse_yaml
from driftsforum_cli.models import Meeting, Seat

SEATS = [Seat(id="plo", organisation="PLO Nordjylland", sector="almen praksis")]
DUE = date(2026, 12, 1)


@dataclass(frozen=True)
class Style:
    indent: int  # a mapping's values under its key
    dash: int  # a list's dash under its key (0: at the key's column)
    quote: str  # "", "'" or '"'
    comment_after: frozenset[int]  # lines with a comment after the value
    comment_before: frozenset[int]  # lines with a whole-line comment above them (at the line's indentation)
    blank_before: frozenset[int]
    trailing: frozenset[int]  # lines ending in blanks
    directive: bool
    start_marker: bool


def _quoted(value: str, quote: str) -> str:
    return f"{quote}{value}{quote}"


def _render(style: Style, places: list[str], minutes: bool) -> str:
    m, q = " " * style.indent, style.quote
    dash = " " * style.dash
    lines = [
        "date: 2026-11-24",
        f"start: {_quoted('13:00', q or chr(39))}",
        "end: 15:30",
        f"place: {'NO' if style.directive else _quoted('Rådhuset', q)}",
        "kind: ordinært",
        "note: +12",
        "agenda:",
    ]
    for number, place in enumerate(places, 1):
        lines.append(f"{dash}- title: {_quoted(f'Punkt {number}', q)}")
        lines.append(f"{dash}  kind: drøftelse")
        lines.append(f"{dash}  background: {_quoted(place, q)}")
    if minutes:
        lines += ["minutes:", f"{m}type: beslutningsreferat"]
    out = ["%YAML 1.1", "---"] if style.directive else ["---"] if style.start_marker else []
    for index, line in enumerate(lines):
        indent = " " * (len(line) - len(line.lstrip(" ")))
        if index in style.blank_before:
            out.append("")
        if index in style.comment_before:
            out.append(f"{indent}# kommentar {index}")
        if index in style.comment_after:
            line += f"  # note {index}"
        if index in style.trailing:
            line += "   "
        out.append(line)
    return "\n".join(out) + "\n"


lines_set = st.frozensets(st.integers(0, 16), max_size=5)
styles = st.builds(
    Style,
    indent=st.integers(2, 4),
    dash=st.sampled_from([0, 2, 4]),
    quote=st.sampled_from(["", "'", '"']),
    comment_after=lines_set,
    comment_before=lines_set,
    blank_before=lines_set,
    trailing=lines_set,
    directive=st.booleans(),
    start_marker=st.booleans(),
)
#: comments that YAML would read otherwise if they were written plain
COMMENTS = ["Enig.", "Punkt 5: enig.", "# ikke en kommentar", "yes", "- en liste?", "'citat'", "12:30", "æøå 😀"]


def _steps(comment: str) -> list[Callable[[Meeting], list[Edit]]]:
    return [
        lambda meeting: lifecycle.agenda_sent(meeting, date(2026, 11, 17)),
        lambda meeting: lifecycle.minutes_sent(meeting, date(2026, 11, 25)),
        lambda meeting: lifecycle.comment_added(meeting, SEATS, "plo", comment, date(2026, 11, 26), DUE),
        lambda meeting: lifecycle.minutes_revised(meeting, date(2026, 12, 2), DUE),
    ]


@settings(max_examples=150, deadline=None)
@given(
    style=styles,
    places=st.lists(st.sampled_from(["Sal 1", "Mødelokale 2, stuen", "yes", "0755"]), min_size=1, max_size=3),
    minutes=st.booleans(),
    comment=st.sampled_from(COMMENTS),
)
def test_every_step_only_adds_lines_in_any_style(style: Style, places: list[str], minutes: bool, comment: str) -> None:
    text = _render(style, places, minutes)
    original = parse_yaml(text, "m.yaml").data
    for step in _steps(comment):
        meeting = Meeting.model_validate(parse_yaml(text, "m.yaml").data)
        edits = step(meeting)
        new = edit_text(text, edits, "m.yaml")
        ops = difflib.SequenceMatcher(None, text.split("\n"), new.split("\n"), autojunk=False).get_opcodes()
        assert [op[0] for op in ops if op[0] != "equal"] == ["insert"], (text, new)
        text = new
    final = parse_yaml(text, "m.yaml").data
    assert {k: v for k, v in final.items() if k not in ("minutes", "agenda_sent")} == {
        k: v for k, v in original.items() if k != "minutes"
    }
    assert final["agenda_sent"] == "2026-11-17"
    assert final["minutes"]["comments"] == [{"by": "plo", "received": "2026-11-26", "text": comment}]
