"""No lost updates: commands that edit a meeting file, run as real concurrent processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import driftsforum_cli
from driftsforum_cli.loader import load_file
from driftsforum_cli.models import Meeting
from tests.helpers.repos import copy_of_bundled
from tests.helpers.sending import FakeServer, Runner

MEETING = "forums/nord/meetings/2026-11-24.yaml"


def _cli(repo: Path, *args: str) -> subprocess.Popen[str]:
    source = str(Path(driftsforum_cli.__file__).resolve().parents[1])  # the code under test, in the child too
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", "driftsforum_cli", *args],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


def _meeting(path: Path) -> Meeting:
    loaded = load_file(path, path.name, Meeting)
    assert loaded.model is not None, loaded.diagnostics
    return loaded.model


def _validates(repo: Path) -> None:
    code, output = _finish(_cli(repo, "validate", "--today", "2026-12-01"))
    assert code == 0, output


def test_ten_concurrent_comments_are_all_saved(tmp_path: Path) -> None:
    repo = copy_of_bundled(tmp_path / "repo")
    code, output = _finish(
        _cli(repo, "minutes", "mark-sent", "nord", "2026-11-24", "--on", "2026-12-01", "--today", "2026-12-01")
    )
    assert code == 0, output

    texts = [f"Punkt {number}: bemærkning nummer {number}." for number in range(1, 11)]
    processes = [
        _cli(
            repo, "minutes", "add-comment", "nord", "2026-11-24", "--by", "plo", "--text", text, "--today", "2026-12-01"
        )
        for text in texts
    ]
    results = [_finish(process) for process in processes]
    assert [code for code, _ in results] == [0] * 10, [output for _, output in results]

    saved = _meeting(repo / MEETING)
    assert sorted(comment.text for comment in saved.minutes.comments) == sorted(texts)
    _validates(repo)


def test_a_comment_during_a_send_waits_for_it_and_both_are_kept(tmp_path: Path) -> None:
    repo = copy_of_bundled(tmp_path / "repo")
    started: list[subprocess.Popen[str]] = []

    def comment_while_sending(recipient: str) -> None:
        if not started:  # the send holds the forum's lock: the comment waits, then reads the file as the send left it
            started.append(
                _cli(
                    repo,
                    "minutes",
                    "add-comment",
                    "nord",
                    "2026-11-24",
                    "--by",
                    "plo",
                    "--text",
                    "Punkt 2: enig.",
                    "--today",
                    "2026-12-01",
                )
            )
            time.sleep(2)  # long enough for the comment to start and try to read the meeting file

    result = Runner(repo)(
        FakeServer(accepted=comment_while_sending),
        kind="minutes",
        meeting=date(2026, 11, 24),
        today=date(2026, 12, 1),
        force=True,
    )
    assert result.sent_on == date(2026, 12, 1)
    code, output = _finish(started[0])
    # read before the minutes were recorded as sent, the comment would have been refused
    assert code == 0, output

    saved = _meeting(repo / MEETING)
    assert saved.minutes.sent == date(2026, 12, 1)
    assert [comment.text for comment in saved.minutes.comments] == ["Punkt 2: enig."]
    _validates(repo)


def test_a_mark_sent_racing_an_eml_send_keeps_the_mark(tmp_path: Path) -> None:
    repo = copy_of_bundled(tmp_path / "repo")
    eml = _cli(
        repo, "send", "minutes", "nord", "2026-11-24", "--eml", str(tmp_path / "udkast"), "--today", "2026-12-01"
    )
    mark = _cli(repo, "minutes", "mark-sent", "nord", "2026-11-24", "--on", "2026-12-01", "--today", "2026-12-01")
    eml_code, eml_output = _finish(eml)
    mark_code, mark_output = _finish(mark)
    assert mark_code == 0, mark_output
    assert eml_code in (0, 1), eml_output  # the draft may see the minutes as sent already, and say so

    marked = _meeting(repo / MEETING)
    assert marked.minutes.sent == date(2026, 12, 1)
    _validates(repo)
