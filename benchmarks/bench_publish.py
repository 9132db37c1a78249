"""Benchmark `driftsforum publish` on a synthetic repository with many approved meetings.

What it does:

1. Generates a repository (in a temporary folder, or --keep it in benchmarks/_synthetic_publish) from the bundled
   forums/nord: driftsforum.yaml and schemas/ are copied, and --forums forums each get Nord's charter (with their own
   id), members and agreements and --meetings meetings spread evenly over them, on Danish working days in 2024 and
   2025 (4 ordinary meetings a year, the rest extra meetings). Every meeting has a sent agenda, items with background,
   recommendation and decision, attendance, sometimes an action, and minutes sent; with --today 2025-12-31 all their
   minutes are approved.
2. Times `driftsforum --repo <repo> publish --no-pdf --today 2025-12-31 -o <site>` as a subprocess (wall time,
   start-up included): a first run into an empty folder, then --repeat runs on the unchanged site (incremental: no
   file rewritten), and checks that the second site is byte-identical to the first.
3. With --pdf, also times the first run with PDFs (slow: WeasyPrint makes two PDFs per meeting) twice, each into
   an empty folder: one after the other (the process limited to one core, so publish makes them serially, as before
   the pool) and on all cores (a pool of processes); checks that the two sites are byte-identical and prints the
   ratio (target: pool <= 0.6 x serial on 2 cores); --rounds N alternates them N times and takes the fastest of
   each, for a machine shared with other work. Then a run on the unchanged site (the PDFs are reused).
4. Prints a Markdown table and whether the targets hold (first run without PDFs <= 10 s).

Exit status: 0 when publish succeeds and the site is identical between runs (the timing target never fails the
run), 1 otherwise, 2 for bad options.

    .venv/bin/python benchmarks/bench_publish.py [--meetings 500] [--forums 10] [--repeat 3] [--pdf [--rounds 1]] [--keep]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_FORUM = ROOT / "forums" / "nord"
KEEP_DIR = Path(__file__).resolve().parent / "_synthetic" / "publish"  # git-ignored
# Two years before the bundled data's: the history rules refuse recordings after the real date, so the
# synthetic year of approved minutes has to lie in the past; the copied files' own dates move with it.
TODAY = "2025-12-31"
YEARS = (2024, 2025)
SHIFT_YEARS = 2
TARGET_S = 10.0
TARGET_POOL_RATIO = 0.6

SEATS_PRESENT = (
    "hjoerring-chef",
    "broenderslev-afdelingsleder",
    "hjoerring-afdelingsleder",
    "frederikshavn-afdelingsleder",
    "jammerbugt-afdelingsleder",
    "psykiatri-klinikchef",
    "psykiatri-klinikledelse",
    "plo",
    "sekretariat-kommunerne",
    "sekretariat-psykiatrien",
)
# The same realistic item topics and actions as the validate benchmark's synthetic meetings.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import ACTIONS  # noqa: E402
from bench_validate import DASHBOARD_TOPICS as TOPICS  # noqa: E402


def working_days(year: int) -> list[date]:
    """Tuesdays to Thursdays of `year` that are working days by the project's own calendar (holidays, 24 Dec…)."""
    sys.path.insert(0, str(ROOT / "src"))
    from driftsforum_cli.domain.workdays import WorkCalendar
    from driftsforum_cli.loader import read_yaml
    from driftsforum_cli.models import RepoConfig

    config = RepoConfig.model_validate(read_yaml(ROOT / "driftsforum.yaml", "driftsforum.yaml").data)
    calendar = WorkCalendar(config.closures)
    day, days = date(year, 1, 6), []
    while day.year == year and day < date(year, 12, 15):
        if day.weekday() in (1, 2, 3) and calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def plan_dates(count: int, forum_no: int) -> list[tuple[date, str]]:
    """`count` meeting dates for one forum over YEARS: 4 ordinary a year (Mar, Jun, Sep, Nov), the rest extra."""
    chosen: list[tuple[date, str]] = []
    per_year = [count // len(YEARS) + (1 if index < count % len(YEARS) else 0) for index in range(len(YEARS))]
    for year, wanted in zip(YEARS, per_year, strict=True):
        days = working_days(year)
        ordinary = {
            next(day for day in days if day.month == month and day.day >= 8 + forum_no % 5) for month in (3, 6, 9, 11)
        }
        extra_pool = [day for day in days if day not in ordinary]
        extra_count = max(wanted - len(ordinary), 0)
        step = max(len(extra_pool) // max(extra_count, 1), 1)
        extra = extra_pool[forum_no % step :: step][:extra_count]
        chosen += [(day, "ordinært") for day in sorted(ordinary)] + [(day, "ekstra") for day in extra]
    return sorted(chosen)


def meeting_yaml(day: date, kind: str, number: int, forum_id: str, actions: list[str]) -> str:
    topic = TOPICS[number % len(TOPICS)]
    lines = [
        "# yaml-language-server: $schema=../../../schemas/meeting.schema.json",
        f"date: {day.isoformat()}",
        "start: 13:00",
        "end: 15:30",
        "place: Hjørring Rådhus, mødelokale 2 (eksempel)",
        f"kind: {kind}",
        f"agenda_sent: {(day - timedelta(days=14)).isoformat()}",
        "agenda:",
        "  - title: Opfølgning på samarbejdsaftale om udskrivningsaftaler og koordinationsplaner",
        "    kind: drøftelse",
        "    presenter: psykiatri-klinikledelse",
        "    duration_minutes: 30",
        "    background: >-",
        "      Samarbejdsaftalen er sat på dagsordenen efter årshjulet. Kommunerne og psykiatrien fremlægger",
        "      erfaringer fra praksis og eventuelle barrierer for implementeringen.",
        "    recommendation: Det indstilles, at driftsforum drøfter status og aftaler handlinger.",
        "    decision: Driftsforum drøftede status. Der aftales handlinger, jf. handlingslisten.",
        f"  - title: Data fra Dash Board – {topic}",
        "    kind: orientering",
        "    presenter: sekretariat-psykiatrien",
        "    duration_minutes: 20",
        "    summary: Sekretariatet gennemgår udviklingen siden sidste møde.",
        "    decision: Driftsforum tog orienteringen til efterretning.",
        "  - title: Drøftelse af samarbejdet om udskrivning",
        "    kind: beslutning",
        "    presenter: hjoerring-chef",
        "    duration_minutes: 20",
        "    recommendation: Det indstilles, at driftsforum godkender den fælles arbejdsgang.",
        "    decision: Driftsforum godkendte arbejdsgangen.",
        "attendance:",
        "  present:",
        *(f"    - {seat}" for seat in SEATS_PRESENT),
        "  absent:",
        "    - laesoe-afdelingsleder",
        "  minute_taker: sekretariat-psykiatrien",
    ]
    if number % 3 == 0:
        action_id = f"{forum_id}-{day.isoformat()}-a1"
        lines += [
            "actions:",
            f"  - id: {action_id}",
            f"    what: {ACTIONS[number % len(ACTIONS)]}",
            "    owner: psykiatri-klinikledelse",
            f"    due: {(day + timedelta(days=60)).isoformat()}",
        ]
        if actions:
            lines.append(f"closes_actions: [{', '.join(actions)}]")
            actions.clear()
        actions.append(action_id)
    lines += ["minutes:", "  type: beslutningsreferat", f"  sent: {(day + timedelta(days=5)).isoformat()}", ""]
    return "\n".join(lines)


def generate(target: Path, meetings: int, forums: int) -> None:
    shutil.copy2(ROOT / "driftsforum.yaml", target / "driftsforum.yaml")
    shutil.copytree(ROOT / "schemas", target / "schemas")
    forum_yaml = (TEMPLATE_FORUM / "forum.yaml").read_text(encoding="utf-8")
    counts = [meetings // forums + (1 if index < meetings % forums else 0) for index in range(forums)]
    for forum_no, count in enumerate(counts, start=1):
        forum_id = f"forum-{forum_no:02d}"
        folder = target / "forums" / forum_id
        (folder / "meetings").mkdir(parents=True)
        text = re.sub(r"^id: .*$", f"id: {forum_id}", forum_yaml, count=1, flags=re.MULTILINE)
        text = re.sub(r"^name: (.*)$", rf"name: \1 ({forum_no})", text, count=1, flags=re.MULTILINE)
        (folder / "forum.yaml").write_text(earlier(text), encoding="utf-8")
        for name in ("members.yaml", "agreements.yaml"):
            (folder / name).write_text(earlier((TEMPLATE_FORUM / name).read_text(encoding="utf-8")), encoding="utf-8")
        open_actions: list[str] = []
        for number, (day, kind) in enumerate(plan_dates(count, forum_no)):
            path = folder / "meetings" / f"{day.isoformat()}.yaml"
            path.write_text(meeting_yaml(day, kind, number, forum_id, open_actions), encoding="utf-8")


def earlier(text: str) -> str:
    """`text` with its dates from 2025 on moved SHIFT_YEARS back (seats valid from, planned years, last done)."""

    def shift(match: re.Match[str]) -> str:
        year = int(match.group(1))
        return str(year - SHIFT_YEARS) if year >= 2025 else match.group(1)

    return re.sub(r"(?<![\d-])(20[2-9]\d)(?=-\d\d-\d\d|[],\s])", shift, text)


def driftsforum() -> list[str]:
    executable = Path(sys.executable).with_name("driftsforum")
    return [str(executable)] if executable.exists() else [sys.executable, "-m", "driftsforum_cli"]


class Timing(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of publish and its worker processes


def run_publish(repo: Path, site: Path, pdf: bool, one_core: bool = False) -> Timing:
    """One `publish` in a subprocess; `one_core`: limited to one core (so PDFs are made serially)."""
    command = [*driftsforum(), "--repo", str(repo), "publish", "--today", TODAY, "-o", str(site)]
    if not pdf:
        command.append("--no-pdf")
    env = {**os.environ, "XDG_CACHE_HOME": str(repo / ".cache")}
    limit = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if one_core else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False, preexec_fn=limit)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"publish failed with exit code {result.returncode}")
    return Timing(elapsed, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


def snapshot(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--meetings", type=int, default=500, help="approved meetings in all (default 500)")
    parser.add_argument("--forums", type=int, default=10, help="forums to spread them over (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs on the unchanged site (default 3)")
    parser.add_argument("--pdf", action="store_true", help="also time one run with PDFs (slow)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="with --pdf: serial and pool runs, alternating; the fastest counts"
    )
    parser.add_argument("--keep", action="store_true", help=f"keep the repository and site in {KEEP_DIR}")
    options = parser.parse_args(argv)
    if options.meetings < 8 * options.forums or options.forums < 1 or options.repeat < 1 or options.rounds < 1:
        parser.error("--meetings must be at least 8 per forum (4 ordinary meetings a year for two years)")

    work = KEEP_DIR if options.keep else Path(tempfile.mkdtemp(prefix="bench-publish-"))
    if work.exists():
        shutil.rmtree(work)
    repo, site = work / "repo", work / "site"
    repo.mkdir(parents=True)
    try:
        load = os.getloadavg()
        generate(repo, options.meetings, options.forums)
        files = len(list((repo / "forums").rglob("*.yaml")))
        first = run_publish(repo, site, pdf=False).wall
        before = snapshot(site)
        again = [run_publish(repo, site, pdf=False).wall for _ in range(options.repeat)]
        identical = snapshot(site) == before
        fresh = work / "site-2"
        run_publish(repo, fresh, pdf=False)
        deterministic = snapshot(fresh) == before
        serial = pool = pdf_again = None
        same_pdfs = True
        if options.pdf:
            if not hasattr(os, "sched_setaffinity"):
                parser.error("--pdf needs a system where a process can be limited to one core (Linux)")
            serials, pools = [], []
            for _ in range(options.rounds):  # alternating, so both see the same load on a shared machine
                for folder in ("site-pdf-serial", "site-pdf"):
                    shutil.rmtree(work / folder, ignore_errors=True)
                serials.append(run_publish(repo, work / "site-pdf-serial", pdf=True, one_core=True))
                pools.append(run_publish(repo, work / "site-pdf", pdf=True))
                same_pdfs = same_pdfs and snapshot(work / "site-pdf-serial") == snapshot(work / "site-pdf")
            serial, pool = min(serials), min(pools)  # the least disturbed run of each
            pdf_again = run_publish(repo, work / "site-pdf", pdf=True)

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"# driftsforum publish: {options.meetings} meetings in {options.forums} forums ({files} YAML files)\n")
        print(f"Python {platform.python_version()} on {platform.machine()}, {cores} cores")
        print(f"load average at the start {load[0]:.1f}, at the end {os.getloadavg()[0]:.1f}\n")
        print("| run | wall time | CPU time |")
        print("| --- | ---: | ---: |")
        print(f"| first run, empty folder, --no-pdf | {first:.2f} s | |")
        print(f"| unchanged site, --no-pdf (median of {options.repeat}) | {statistics.median(again):.2f} s | |")
        if serial is not None and pool is not None and pdf_again is not None:
            best = f"fastest of {options.rounds}" if options.rounds > 1 else "one run"
            print(f"| first run with PDFs, serial (one core; {best}) | {serial.wall:.2f} s | {serial.cpu:.2f} s |")
            print(f"| first run with PDFs, pool on {cores} cores ({best}) | {pool.wall:.2f} s | {pool.cpu:.2f} s |")
            print(f"| unchanged site with PDFs (PDFs reused) | {pdf_again.wall:.2f} s | {pdf_again.cpu:.2f} s |")
        print()
        print(f"- pages and files on the site: {len(before)}")
        print(f"- {'OK' if first <= TARGET_S else 'MISSED'}: first run without PDFs <= {TARGET_S:.0f} s")
        print(f"- {'OK' if identical else 'FAILED'}: an unchanged site stays byte-identical")
        print(f"- {'OK' if deterministic else 'FAILED'}: a second site from the same data is byte-identical")
        if serial is not None and pool is not None:
            ratio = pool.wall / serial.wall
            print(
                f"- {'OK' if ratio <= TARGET_POOL_RATIO else 'MISSED'}: PDFs on all cores take {ratio:.2f} x the "
                f"serial time (target <= {TARGET_POOL_RATIO} on 2 cores)"
            )
            print(f"- {'OK' if same_pdfs else 'FAILED'}: the pool's site is byte-identical to the serial one")
        return 0 if identical and deterministic and same_pdfs else 1
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
