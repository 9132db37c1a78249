"""Markdown output escapes data: a hostile value cannot add an agenda item, break a table, start a list or
load a remote image; the document's structure is the same as with ordinary values."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.cli import RunCli

MEETING = Path("forums/nord/meetings/2026-11-24.yaml")
EARLIER = Path("forums/nord/meetings/2026-09-08.yaml")


def _structure(markdown: str) -> list[tuple[str, ...]]:
    """What Markdown makes of the lines: headings (level and number), table rows (their unescaped cells),
    list items, quotes, images and raw HTML."""
    found: list[tuple[str, ...]] = []
    for line in markdown.splitlines():
        if match := re.match(r"(#{1,6}) (\d+\.)?", line):
            found.append(("heading", match[1], match[2] or ""))
        elif line.startswith("|"):
            found.append(("row", str(len(re.findall(r"(?<!\\)\|", line)))))
        elif re.match(r"[-+*] |\d+[.)] ", line):
            found.append(("list",))
        elif line.startswith(">"):
            found.append(("quote",))
        if re.search(r"(?<!\\)!(?<!\\)\[[^\]]*(?<!\\)\]\(", line) or re.search(r"(?<!\\)<[a-zA-Z]", line):
            found.append(("active", line))
    return found


def _agenda(cli: RunCli, repo: Path) -> str:
    result = cli("agenda", "nord", "2026-11-24", "--today", "2026-11-22", cwd=repo)
    assert result.code == 0, result.output
    return result.stdout


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_hostile_values_leave_the_agenda_structure_unchanged(cli: RunCli, repo_copy: Path) -> None:
    before = _agenda(cli, repo_copy)
    meeting, earlier = repo_copy / MEETING, repo_copy / EARLIER
    _replace(
        meeting,
        "  - title: Mødeplan og årshjul for 2027\n",
        '  - title: "Mødeplan og årshjul for 2027\\n## 9. Falsk punkt\\n\\n- falsk liste"\n',
    )
    _replace(
        meeting,
        "place: Hjørring Rådhus, mødelokale 2 (eksempel)",
        'place: "Rådhuset | <img src=x> ![](http://evil.example/p.png)"',
    )
    _replace(
        meeting,
        "erfaringer fra kommunerne og psykiatrien om medicinlister ved udskrivning.\n",
        "erfaringer fra kommunerne og psykiatrien om medicinlister ved udskrivning.\n\n"
        "      ## 9. Falsk punkt\n\n      | a | b |\n      | --- | --- |\n\n      > citat\n\n"
        "      ![sporing](http://evil.example/pixel.png)\n      <script>alert(1)</script>\n",
    )
    _replace(
        earlier,
        "what: Afprøve fast kontaktperson i psykiatrien for kommunernes bostøtter",
        'what: "Afprøve | fast kontaktperson |\\n| x | y |"',
    )
    after = _agenda(cli, repo_copy)
    assert _structure(after) == _structure(before)
    assert "evil.example" in after  # the text is there, as text
    assert "\\## 9. Falsk punkt" in after
    assert "## 9. Eventuelt" in after  # the real ninth item is still the ninth


def test_ordinary_danish_text_is_unchanged_in_the_markdown(cli: RunCli, repo_copy: Path) -> None:
    agenda = _agenda(cli, repo_copy)
    assert "# Dagsorden – Driftsforum Voksenpsykiatri – Klynge Nord" in agenda
    assert "Hjørring Rådhus, mødelokale 2 (eksempel)" in agenda
    assert "Det indstilles, at driftsforum drøfter erfaringerne og aftaler eventuelle justeringer af praksis." in agenda
    assert "\\" not in agenda  # nothing in the bundled data needs escaping
