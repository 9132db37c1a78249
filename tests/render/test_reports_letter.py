"""The evaluation with room for the answers and no tool instructions; the status report as a letter from the
forum to the Klyngestyregruppe: who to, who from, the date, the summary first, a greeting last."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.cli import RunCli
from tests.helpers.repos import copy_of_bundled

TOOL_WORDS = re.compile(r"forum\.yaml|last_done|outcome|reported|['`]driftsforum |--\w+")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_of_bundled(tmp_path)


def _run(cli: RunCli, root: Path, *args: str) -> str:
    result = cli("--repo", str(root), *args, "--today", "2026-12-01")
    assert result.code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("forum", ["nord", "vest"])
def test_the_evaluation_has_an_answer_field_for_every_question(cli: RunCli, root: Path, forum: str) -> None:
    html = _run(cli, root, "evaluation", forum, "--format", "html")
    questions = re.findall(r"<h3>(\d+)\. ", html)
    assert questions == [str(n) for n in range(1, 9)]
    for number in questions:
        assert f'<div class="answer" role="group" aria-label="Svar på spørgsmål {number}">' in html
    assert 'aria-label="Samlet vurdering"' in html
    md = _run(cli, root, "evaluation", forum)
    assert md.count("**Svar:**") == 8
    body = html.split("</style>", 1)[1]
    assert TOOL_WORDS.findall(body) == [] and TOOL_WORDS.findall(md) == []


@pytest.mark.parametrize("forum", ["nord", "vest"])
def test_the_status_report_reads_as_a_letter(cli: RunCli, root: Path, forum: str) -> None:
    md = _run(cli, root, "status-report", forum)
    head = md.split("## ", 1)[0]
    assert "**Til:** Klyngestyregruppe" in head and "**Fra:** Driftsforum Voksenpsykiatri" in head
    assert "**Dato:** 1. december 2026" in head
    sections = re.findall(r"^## (.+)$", md, flags=re.M)
    assert sections[0] == "Sammenfatning"
    summary = md.split("## Sammenfatning\n\n", 1)[1].split("\n", 1)[0]
    assert summary.startswith("I perioden ") and " har Driftsforum Voksenpsykiatri" in summary
    assert re.search(r"\. \d af \d dagsordener og \d af \d referater er udsendt rettidigt\.", summary), summary
    assert "Med venlig hilsen" in md.rstrip().splitlines()[-4:]
    html = _run(cli, root, "status-report", forum, "--format", "html")
    assert re.findall(r"<h2 id=\"(\w+)\"", html)[0] == "sammenfatning"
    assert "<p>Med venlig hilsen</p>" in html
    assert TOOL_WORDS.findall(md) == []
