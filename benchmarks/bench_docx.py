"""Benchmark: one DOCX document (issue: at most 0.3 s) and the journal package of a meeting (at most 3 s).

Times, in one process after a warm-up (imports, template compilation, holiday cache), what
`driftsforum minutes nord 2026-09-08 --format docx` and `driftsforum journal nord 2026-06-09 -o DIR` do
after their start-up: building and rendering the bundled Nord forum's minutes (the longest document: items,
attendance, actions) as DOCX, and writing the whole journal package (two PDF/A, two DOCX, metadata) into
a fresh folder each run.

    .venv/bin/python benchmarks/bench_docx.py [--repeat 5]
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
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from driftsforum_cli.domain.documents import build_document, pick_meeting
from driftsforum_cli.render.documents import render_document
from driftsforum_cli.services.journal import make_journal
from driftsforum_cli.workspace import bundled_root, load_repository

DOCX_LIMIT = 0.3
JOURNAL_LIMIT = 3.0
TODAY = date(2026, 11, 30)


def one_docx(root: Path) -> Callable[[], int]:
    repo = load_repository(root)
    files = next(forum for forum in repo.forums if forum.id == "nord")
    calendar = repo.calendar

    def run() -> int:
        doc = build_document("minutes", files, pick_meeting(files, date(2026, 9, 8), TODAY), calendar, TODAY)
        return len(render_document(doc, "docx", root))

    return run


def journal(root: Path, folder: Path) -> Callable[[], int]:
    def run() -> int:
        shutil.rmtree(folder, ignore_errors=True)
        result = make_journal(root, "nord", date(2026, 6, 9), folder, TODAY, TODAY)
        return sum(path.stat().st_size for path in result.files)

    return run


def timed(run: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    size = run()  # warm up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (default 5)")
    args = parser.parse_args(argv)
    root = bundled_root()
    print(
        f"Maskine: {os.cpu_count()} kerner, {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    ok = True
    with tempfile.TemporaryDirectory(prefix="driftsforum-docx-") as folder:
        for label, run, limit in (
            ("Ét referat som DOCX", one_docx(root), DOCX_LIMIT),
            ("Journalpakken for et møde", journal(root, Path(folder) / "journal"), JOURNAL_LIMIT),
        ):
            median, best, size = timed(run, args.repeat)
            verdict = "OK" if median <= limit else "FOR LANGSOMT"
            ok = ok and median <= limit
            print(
                f"{label}: median {median:.3f} s, bedste {best:.3f} s ({size / 1024:.0f} kB), "
                f"{verdict}: grænsen er {limit:g} s"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
