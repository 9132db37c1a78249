"""Benchmark: `driftsforum journal` for a meeting (issue 13: at most 3 s).

Sets up a copy of the bundled repository in which the Nord forum's revised minutes of 8 September 2026 were
sent with `driftsforum send` (to an in-process mail server that accepts everything: 11 messages kept in the
forum's sent-mail/ with their checksums in the send log), then times, in one process after a warm-up,
what `driftsforum journal nord 2026-09-08 -o DIR` does after its start-up: the agenda and the minutes as
PDF/A-2a and DOCX, the stored message copied and checked against the log, the metadata – written into a
fresh folder each run. The sending itself is not timed.

    .venv/bin/python benchmarks/bench_journal.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from zoneinfo import ZoneInfo

from driftsforum_cli.domain.mailing import SmtpSettings
from driftsforum_cli.services.journal import make_journal
from driftsforum_cli.services.sending import send_document
from driftsforum_cli.workspace import bundled_root

LIMIT_SECONDS = 3.0
MEETING = date(2026, 9, 8)
SENT_ON = date(2026, 9, 29)
TODAY = date(2026, 11, 30)


class Accepting:
    """A mail server in this process that takes every message."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def __enter__(self) -> Accepting:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        return None

    def deliver(self, sender: str, recipient: str, data: bytes) -> str:
        return "250 OK"


def prepared_repository(folder: Path) -> Path:
    """A copy of the bundled repository with the revised minutes sent (and kept) for the meeting."""
    root = folder / "repo"
    source = bundled_root()
    root.mkdir()
    shutil.copy2(source / "driftsforum.yaml", root / "driftsforum.yaml")
    shutil.copytree(source / "forums", root / "forums")
    moment = [datetime(2026, 9, 29, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=1)
        return moment[0]

    result = send_document(
        root,
        "nord",
        "minutes",
        MEETING,
        today=SENT_ON,
        now=TODAY,
        clock=clock,
        environ={"DRIFTSFORUM_SMTP_HOST": "127.0.0.1", "DRIFTSFORUM_SMTP_SECURITY": "none"},
        send=True,
        connect=Accepting,
        revised=True,
    )
    assert len(result.delivered) > 0, result
    return root


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (default 5)")
    args = parser.parse_args(argv)
    print(
        f"Maskine: {os.cpu_count()} kerner, {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="driftsforum-journal-") as work:
        root = prepared_repository(Path(work))
        out = Path(work) / "journal"

        def run() -> int:
            shutil.rmtree(out, ignore_errors=True)
            result = make_journal(root, "nord", MEETING, out, TODAY, TODAY)
            assert any(path.suffix == ".eml" for path in result.files), result.notes
            return sum(path.stat().st_size for path in result.files)

        size = run()  # warm-up: imports, templates, fonts
        times, cpu = [], []
        for _ in range(args.repeat):
            started, before = time.perf_counter(), _cpu()
            run()
            times.append(time.perf_counter() - started)
            cpu.append(_cpu() - before)
    median, best = statistics.median(times), min(times)
    verdict = "OK" if median <= LIMIT_SECONDS else "FOR LANGSOMT"
    print(
        f"Journalpakken for mødet {MEETING.isoformat()} (dagsorden, referat og e-mailen som sendt, "
        f"{size / 1024:.0f} kB): median {median:.3f} s, bedste {best:.3f} s, {verdict}: grænsen er "
        f"{LIMIT_SECONDS:g} s"
    )
    print(
        f"CPU-tid pr. kørsel (denne proces og den, der laver den ene PDF/A): median {statistics.median(cpu):.3f} s; "
        f"belastning (load) {os.getloadavg()[0]:.1f} på {os.cpu_count()} kerner"
    )
    return 0 if median <= LIMIT_SECONDS else 1


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the forked PDF/A worker)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


if __name__ == "__main__":
    sys.exit(main())
