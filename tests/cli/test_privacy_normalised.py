"""End to end: a CPR number hidden by an invisible character stops `privacy-check` and `publish`, and accepted
findings are shown masked in every report format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from driftsforum_cli.cli import main
from tests.helpers.repos import copy_of_bundled

TODAY = "2026-11-22"
MEETING = "forums/nord/meetings/2026-09-08.yaml"
DECISION = "    decision: Driftsforum tog orienteringen til efterretning.\n"


def _repo(tmp_path: Path, decision: str, extra: str = "") -> Path:
    repo = copy_of_bundled(tmp_path / "repo", schemas=True)
    path = repo / MEETING
    text = path.read_text(encoding="utf-8")
    assert DECISION in text
    text = text.replace(DECISION, f"    decision: {decision}\n", 1)
    path.write_text(text.rstrip("\n") + "\n" + extra, encoding="utf-8")
    return repo


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], repo: Path, *args: str
) -> tuple[int, str]:
    monkeypatch.chdir(repo)
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("hidden", ["070761\u200b-4285", "0707\u00ad61-4285", "CPR070761\u2212\u20094285"])
def test_a_hidden_cpr_number_stops_the_check_and_publishing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hidden: str
) -> None:
    repo = _repo(tmp_path, f"Sagen om borgeren {hidden} blev drøftet.")
    code, output = _run(monkeypatch, capsys, repo, "privacy-check", "--today", TODAY)
    assert code == 1, output
    assert "[privacy-cpr]" in output and "070761" in output
    assert "4285" not in output
    code, output = _run(monkeypatch, capsys, repo, "publish", "-o", "site", "--no-pdf", "--today", TODAY)
    assert code == 1, output
    assert "4285" not in output
    assert not (repo / "site").exists()


ACCEPTANCE = """\
publication:
  accepted_findings:
    - text: "070761\u200b-4285"
      by: sekretariat-psykiatrien
      reason: Nummeret 070761-4285 er et journalnummer fra det gamle system.
      on: 2026-09-20
    - text: 010190-1234
      by: plo
      reason: Gammel accept.
"""


def test_accepted_findings_and_notes_are_masked_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path, "Sagen om 070761\u200b-4285 blev drøftet.", ACCEPTANCE)
    code, text = _run(monkeypatch, capsys, repo, "privacy-check", "--today", TODAY)
    assert code == 0, text
    assert "'070761-xxxx' er accepteret af Karen Eksempel" in text
    assert "Nummeret 070761-xxxx er et journalnummer" in text
    assert "'010190-xxxx'" in text  # the acceptance no longer used
    code, github = _run(monkeypatch, capsys, repo, "privacy-check", "--format", "github", "--today", TODAY)
    assert code == 0 and "070761-xxxx" in github
    code, raw = _run(monkeypatch, capsys, repo, "privacy-check", "--format", "json", "--today", TODAY)
    assert code == 0
    data = json.loads(raw)
    (finding,) = data["findings"]
    assert finding["text"] == "070761-xxxx" and finding["status"] == "accepteret"
    assert finding["accepted"]["reason"] == "Nummeret 070761-xxxx er et journalnummer fra det gamle system."
    assert any("010190-xxxx" in note["message"] for note in data["notes"])
    for output in (text, github, raw):
        assert "4285" not in output and "1234" not in output
