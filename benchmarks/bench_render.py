"""Benchmark: render 100 agendas to HTML (issue: at most 2 s on the CI machine).

Generates a synthetic repository with the validate benchmark's generator (realistic meeting files:
agenda items, attendance, actions carried forward), loads it once, then times building and rendering
the agenda of every meeting to HTML in one process, as `driftsforum agenda … --format html` does for one.

    .venv/bin/python benchmarks/bench_render.py [--meetings 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_validate

from driftsforum_cli.domain.documents import build_document
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.render.documents import render_html
from driftsforum_cli.workspace import load_repository

LIMIT_SECONDS = 2.0


def render_all(root: Path, today: date) -> tuple[int, int]:
    """Render every meeting's agenda to HTML; return (documents, bytes)."""
    repo = load_repository(root)
    assert repo.config.model is not None
    calendar = WorkCalendar(repo.config.model.closures)
    documents = size = 0
    for files in repo.forums:
        for loaded in files.meetings:
            assert loaded.model is not None, loaded.diagnostics
            html = render_html(build_document("agenda", files, loaded.model, calendar, today), root)
            documents += 1
            size += len(html)
    return documents, size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=100, help="number of agendas (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="driftsforum-render-") as folder:
        root = Path(folder) / "repo"
        calendar = bench_validate.load_calendar(bench_validate.ROOT / "driftsforum.yaml")
        bench_validate.generate(root, args.meetings, bench_validate.read_template(), calendar)
        today = date(2026, 11, 22)
        render_all(root, today)  # warm up: imports, template compilation, holiday cache
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            documents, size = render_all(root, today)
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(
        f"Maskine: {os.cpu_count()} kerner, {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"{documents} dagsordener til HTML ({size / 1024:.0f} kB i alt), {args.repeat} kørsler")
    print(f"median {median:.3f} s, bedste {min(times):.3f} s, pr. dagsorden {median / documents * 1000:.1f} ms")
    ok = median <= LIMIT_SECONDS
    print(f"{'OK' if ok else 'FOR LANGSOMT'}: grænsen er {LIMIT_SECONDS:.0f} s for {args.meetings} dagsordener")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
