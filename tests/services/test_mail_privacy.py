"""A CPR number never leaves by e-mail: `send` refuses the agenda or minutes that hold one, before anything is
sent or written, and names the meeting file's line (services/mail_privacy.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import RunCli

MEETING = "forums/vest/meetings/2026-12-03.yaml"
TODAY = ("--today", "2026-12-01")
#: A CPR number as people write it: with a dash, without, with a space, grouped, with Word's invisible marks.
SPELLINGS = ["070761-4285", "0707614285", "070761 4285", "07 07 61-4285", "070761\u00ad-4285", "070761\u200b4285",
             "07.07.61-4285", "070761\u20114285"]  # fmt: skip


def _with_item(repo: Path, recommendation: str, extra: str = "") -> None:
    meeting = repo / MEETING
    text = meeting.read_text(encoding="utf-8")
    item = f'  - title: Sag vedr. en borgers udskrivning\n    recommendation: "{recommendation}"\n'
    meeting.write_text(text.replace("agenda:\n", "agenda:\n" + item, 1) + extra, encoding="utf-8")


@pytest.mark.parametrize("number", SPELLINGS)
def test_an_agenda_with_a_cpr_number_is_not_sent(cli: RunCli, repo_copy: Path, tmp_path: Path, number: str) -> None:
    _with_item(repo_copy, f"Borgeren ({number}) udskrives til Thisted.")
    drafts = tmp_path / "kladder"
    for args in (("--eml", str(drafts)), ()):  # as .eml drafts for Outlook, and the dry run
        result = cli("send", "agenda", "vest", "2026-12-03", "--update", "--note", "nyt punkt", *args, *TODAY,
                     cwd=repo_copy)  # fmt: skip
        assert result.code == 1, result.output
        assert "Fejl: den rettede dagsorden sendes ikke: forums/vest/meetings/2026-12-03.yaml:" in result.stderr
        assert "ligner et CPR-nummer (fødselsdato 7. juli 1961)" in result.stderr
        assert "4285" not in result.output  # the message itself masks the number
        assert "CPR-numre må ikke sendes med almindelig e-mail" in result.stderr and "Intet er sendt." in result.stderr
    assert not drafts.exists() or not list(drafts.iterdir())


def test_a_number_the_meeting_file_accepts_is_sent(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    accepted = (
        "publication:\n  accepted_findings:\n    - text: 070761-4285\n      by: sekretariat-psykiatrien\n"
        "      reason: Sagsnummeret fra det gamle system, ikke et CPR-nummer.\n"
    )
    _with_item(repo_copy, "Sagen 070761-4285 er afsluttet.", accepted)
    drafts = tmp_path / "kladder"
    result = cli("send", "agenda", "vest", "2026-12-03", "--update", "--note", "nyt punkt", "--eml", str(drafts),
                 *TODAY, cwd=repo_copy)  # fmt: skip
    assert result.code == 0, result.output
    assert list(drafts.glob("*.eml"))


def test_revised_minutes_before_the_deadline_are_refused_without_offering_a_force_that_send_lacks(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    """From a secretary's trial: `send minutes --revised` said "brug --force", and --force (which in `send` means
    incomplete minutes) gave the same error. The refusal says when it can be sent instead."""
    sent = cli("minutes", "mark-sent", "nord", "2026-11-24", "--on", "2026-11-26", "--today", "2026-11-26",
               cwd=repo_copy)  # fmt: skip
    assert sent.code == 0, sent.output
    for force in ((), ("--force",)):
        result = cli("send", "minutes", "nord", "2026-11-24", "--revised", "--eml", str(tmp_path / "k"), *force,
                     *TODAY, cwd=repo_copy)  # fmt: skip
        assert result.code == 1, result.output
        assert "fristen for bemærkninger til referatet løber til og med 3. december 2026" in result.stderr
        assert "det kan sendes fra 4. december 2026" in result.stderr and "--force" not in result.stderr
    # mark-revised has the override, and says so
    marked = cli("minutes", "mark-revised", "nord", "2026-11-24", *TODAY, cwd=repo_copy)
    assert marked.code == 1 and "brug --force, hvis det reviderede referat virkelig er udsendt" in marked.stderr
