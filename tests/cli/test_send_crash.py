"""`driftsforum send … --send` killed with SIGKILL while a real SMTP server holds its reply to DATA: the
message may have arrived, so the rerun names the recipient, sends to the others, and sends to that one only
when the secretary decides (--resend-uncertain / --confirm-uncertain). Never a silent duplicate."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import driftsforum_cli
from tests.helpers import RunCli
from tests.helpers.repos import copy_of_bundled
from tests.helpers.smtp import Recorder, smtp_server

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

LOG = "forums/nord/send-log.jsonl"
MEETING = "forums/nord/meetings/2027-03-09.yaml"
MEMBERS = 11  # Nord's members with an address
SEND = ("send", "agenda", "nord", "2027-03-09", "--today", "2026-12-01")


def _child(repo: Path, environment: dict[str, str], state: Path) -> subprocess.Popen[str]:
    """The real command in its own process (the code under test on its path, crash logs kept in `state`)."""
    source = str(Path(driftsforum_cli.__file__).resolve().parents[1])
    env = {key: value for key, value in os.environ.items() if not key.startswith("DRIFTSFORUM_SMTP_")}
    env.update(environment)
    env["PYTHONPATH"] = os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])
    env["XDG_STATE_HOME"] = str(state)
    return subprocess.Popen(
        [sys.executable, "-m", "driftsforum_cli", "--repo", str(repo), *SEND, "--send"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


def _lines(repo: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (repo / LOG).read_text(encoding="utf-8").splitlines()]


def _kill_while_the_server_has_message(repo: Path, tmp_path: Path, at: int) -> tuple[Recorder, str]:
    """Run the real command; SIGKILL it while the server holds its reply to message `at`. Returns the server's
    record and the address whose fate the command never learnt."""
    server = Recorder(hold_at=at)
    with smtp_server(server) as environment:
        child = _child(repo, environment, tmp_path / "state")
        try:
            assert server.holding.wait(timeout=240), "the command never reached the message to be held"
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
        finally:
            if child.poll() is None:  # pragma: no cover - only if the test itself failed
                child.kill()
            child.communicate()
    assert child.returncode == -signal.SIGKILL
    received = server.addresses()
    assert len(received) == at + 1
    return server, received[at]


def _early_agenda_allowed(repo: Path) -> Path:
    """The subprocess runs on the real date, 98 days before the March meeting: Nord's charter is made to allow
    an agenda that early (deadlines.agenda_earliest_days), so that the sending itself is what is tested."""
    charter = repo / "forums" / "nord" / "forum.yaml"
    text = charter.read_text(encoding="utf-8")
    assert "  deadlines:\n" in text
    charter.write_text(
        text.replace("  deadlines:\n", "  deadlines:\n    agenda_earliest_days: 120\n", 1), encoding="utf-8"
    )
    return repo


@pytest.mark.parametrize("decision", ["--confirm-uncertain", "--resend-uncertain"])
def test_a_send_killed_while_the_server_had_the_message_asks_before_sending_it_again(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, decision: str
) -> None:
    repo = _early_agenda_allowed(copy_of_bundled(tmp_path / "repo", schemas=True))
    killed, uncertain = _kill_while_the_server_has_message(repo, tmp_path, at=2)

    lines = _lines(repo)
    statuses = [(line.get("status"), line["to"]) for line in lines]
    first, second = killed.addresses()[:2]
    assert statuses == [
        ("in-flight", first),
        (None, first),
        ("in-flight", second),
        (None, second),
        ("in-flight", uncertain),
    ], "the message the server had when the command was killed is in flight: neither sent nor not sent"
    assert "agenda_sent" not in (repo / MEETING).read_text(encoding="utf-8")

    # The rerun: the others get it, the uncertain recipient is named and gets nothing.
    rerun_server = Recorder()
    with smtp_server(rerun_server) as environment:
        for key, value in environment.items():
            monkeypatch.setenv(key, value)
        rerun = cli("--repo", str(repo), *SEND, "--send")
        assert rerun.code == 1, rerun.output
        assert "Traceback" not in rerun.output
        assert uncertain not in rerun_server.addresses()
        assert len(rerun_server.addresses()) == MEMBERS - 3
        assert "usikkert, om dagsordenen nåede frem til" in rerun.stderr and f"<{uncertain}>" in rerun.stderr
        assert "--confirm-uncertain" in rerun.stderr and "--resend-uncertain" in rerun.stderr
        assert "agenda_sent" not in (repo / MEETING).read_text(encoding="utf-8")

        # A dry run says the same, and sends nothing.
        dry = cli("--repo", str(repo), *SEND)
        assert dry.code == 1 and f"<{uncertain}>" in dry.stderr and "Intet er sendt" in dry.stderr

        # The decision.
        decided = cli("--repo", str(repo), *SEND, decision, "--send")
        assert decided.code == 0, decided.output
    everyone = Counter(killed.addresses() + rerun_server.addresses())
    assert len(everyone) == MEMBERS
    if decision == "--confirm-uncertain":
        assert set(everyone.values()) == {1}, "nobody gets it twice"
        assert _lines(repo)[-1]["status"] == "confirmed"
    else:
        assert rerun_server.addresses()[-1] == uncertain
        assert everyone[uncertain] == 2, "sent again, as the secretary decided"
        assert {count for address, count in everyone.items() if address != uncertain} == {1}
        assert "kan få den to gange" in decided.stderr
    assert "agenda_sent: 2026-12-01" in (repo / MEETING).read_text(encoding="utf-8")
    records = [line for line in _lines(repo) if line.get("status", "confirmed") == "confirmed"]
    assert Counter(line["to"] for line in records) == Counter(set(everyone))


@pytest.mark.parametrize(("after", "delay"), [(0, 0.0), (3, 0.004), (6, 0.012), (9, 0.03)])
def test_a_send_killed_at_any_moment_never_sends_anyone_a_second_copy_silently(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int, delay: float
) -> None:
    """SIGKILL shortly after the server accepted message `after`: the server may have answered, the log may or
    may not have the line. Whatever the moment, the rerun sends only to recipients the killed run cannot have
    reached, and names every one it may have reached without a record."""
    import time

    repo = _early_agenda_allowed(copy_of_bundled(tmp_path / "repo", schemas=True))
    killed = Recorder(signal_at=after)
    with smtp_server(killed) as environment:
        child = _child(repo, environment, tmp_path / "state")
        try:
            assert killed.reached.wait(timeout=240), "the command never reached the message"
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
        finally:
            if child.poll() is None:  # pragma: no cover
                child.kill()
            child.communicate()
    assert child.returncode == -signal.SIGKILL
    recorded = {line["to"] for line in _lines(repo) if "status" not in line}
    flying = {line["to"] for line in _lines(repo) if line.get("status") == "in-flight"} - recorded
    assert set(killed.addresses()) <= recorded | flying, "every message the server got is in the log"

    rerun_server = Recorder()
    with smtp_server(rerun_server) as environment:
        for key, value in environment.items():
            monkeypatch.setenv(key, value)
        rerun = cli("--repo", str(repo), *SEND, "--send")
    assert "Traceback" not in rerun.output
    assert not set(rerun_server.addresses()) & set(killed.addresses()), "no silent duplicate"
    assert not set(rerun_server.addresses()) & flying, "nobody in flight is sent to without a decision"
    for address in flying:
        assert f"<{address}>" in rerun.stderr
    assert rerun.code == (1 if flying else 0), rerun.output
    assert set(killed.addresses()) | set(rerun_server.addresses()) | flying == set(
        line["to"] for line in _lines(repo) if line.get("status") in (None, "in-flight")
    )
    assert len(set(killed.addresses()) | set(rerun_server.addresses()) | flying) == MEMBERS
