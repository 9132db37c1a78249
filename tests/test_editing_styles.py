"""A life-cycle edit changes only its own lines, whatever the file's style (indentation, lists at column 0,
flow style, comments everywhere, CRLF with a byte-order mark)."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.domain.lifecycle import AppendItem, SetValue
from driftsforum_cli.editing import apply_edits
from driftsforum_cli.models import Meeting

STYLES: dict[str, str] = {
    "two": """date: 2026-11-24
start: '13:00'
end: '15:30'
place: Rådhuset
kind: ordinært
agenda:
  - title: Punkt et
    kind: drøftelse
    agreements: [SA-04]
minutes:
  type: beslutningsreferat
""",
    "four": """date: 2026-11-24
start: '13:00'
end: '15:30'
place: Rådhuset
kind: ordinært
agenda:
    - title: Punkt et
      kind: drøftelse
      agreements:
          - SA-04
minutes:
    type: beslutningsreferat
""",
    "col0": """date: 2026-11-24
start: '13:00'
end: '15:30'
place: Rådhuset
kind: ordinært
agenda:
- title: Punkt et
  kind: drøftelse
minutes:
  type: beslutningsreferat
""",
    "flow": """date: 2026-11-24
start: '13:00'
end: '15:30'
place: Rådhuset
kind: ordinært
agenda: [{title: Punkt et, kind: drøftelse}]
minutes: {type: beslutningsreferat}
""",
    "comments": """# øverst
date: 2026-11-24  # dato
start: '13:00'
end: '15:30'

# sted
place: Rådhuset
kind: ordinært
agenda:
  # punkter
  - title: Punkt et  # første
    kind: drøftelse
minutes:
  # referat
  type: beslutningsreferat  # typen
# nederst
""",
}

BLOCK_TWO = [
    "+  sent: 2026-12-01",
    "+  comments:",
    "+    - by: plo",
    "+      received: 2026-12-01",
    "+      text: Enig.",
]
EXPECTED: dict[str, list[str]] = {
    "two": BLOCK_TWO,
    "four": [
        "+    sent: 2026-12-01",
        "+    comments:",
        "+        - by: plo",
        "+          received: 2026-12-01",
        "+          text: Enig.",
    ],
    "col0": [
        "+  sent: 2026-12-01",
        "+  comments:",
        "+  - by: plo",
        "+    received: 2026-12-01",
        "+    text: Enig.",
    ],
    "flow": [
        "-minutes: {type: beslutningsreferat}",
        "+minutes: {type: beslutningsreferat, sent: 2026-12-01, comments: [{by: plo, received: 2026-12-01, text: Enig.}]}",
    ],
    "comments": BLOCK_TWO,
}


def _edit(path: Path) -> None:
    apply_edits(path, [SetValue(("minutes", "sent"), date(2026, 12, 1))], Meeting, path.name, path.parent)
    comment: dict[str, str | date] = {"by": "plo", "received": date(2026, 12, 1), "text": "Enig."}
    apply_edits(path, [AppendItem(("minutes", "comments"), comment)], Meeting, path.name, path.parent)


def _changed(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line[0] + line[2:] for line in diff if line[:2] in ("- ", "+ ")]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_an_edit_changes_only_its_own_lines(tmp_path: Path, style: str) -> None:
    path = tmp_path / "2026-11-24.yaml"
    path.write_text(STYLES[style], encoding="utf-8")
    _edit(path)
    assert _changed(STYLES[style], path.read_text(encoding="utf-8")) == EXPECTED[style]


@pytest.mark.parametrize("style", ["four", "col0", "comments"])
def test_notepad_crlf_and_bom_are_kept_in_every_style(tmp_path: Path, style: str) -> None:
    path = tmp_path / "2026-11-24.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + STYLES[style].replace("\n", "\r\n").encode("utf-8"))
    _edit(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert _changed(STYLES[style], raw.decode("utf-8-sig").replace("\r\n", "\n")) == EXPECTED[style]
