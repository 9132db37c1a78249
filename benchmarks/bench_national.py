"""Benchmark a collection the size of Denmark: 5 regions x 4 clusters x 4 forums x 10 years of 4 meetings
(3,200 meeting files in 80 forums), and fractions of it, timing `validate`, `calendar` and `decisions --grep`.

What it does:

1. Generates synthetic collections with 1, 2, 3 and 5 regions (--regions) from the bundled forums/nord, with the
   generator of bench_validate.py (Nord's charter, members and agreements; 4 ordinary meetings a year on Danish
   working days, 2016-2025, each with its decisions, an action and the closing of the previous one). Forums are
   named <region>-<cluster>-<kind>, e.g. `r1-nord-voksen-somatik`. Each collection must pass
   `validate --strict` first.
2. Times, as subprocesses (CPU time of the process, user + system, start-up included – wall time on a machine shared
   with other work measures the others too; one untimed warm-up run, then --repeat runs, median):
   `validate`, `calendar --year 2025 --format json` (every forum's meetings and deadlines of a year) and
   `decisions --grep udskrivning --format json` (the register of every forum and year, searched).
3. Prints a Markdown table and, per command, the time per meeting file of a least-squares line through the sizes
   and its R² (growth is linear when R² is near 1).

    .venv/bin/python benchmarks/bench_national.py [--regions 1,2,3,5] [--repeat 3] [--keep]

Exit status: 0 when every collection validates clean and every command succeeds; 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
bench_validate = importlib.import_module("bench_validate")

ROOT = bench_validate.ROOT
CLUSTERS = ("nord", "midt", "syd", "vest")
KINDS = ("voksen-somatik", "voksenpsykiatri", "boern-unge-somatik", "boerne-unge-psykiatri")
YEARS = 10
MEETINGS_PER_FORUM = YEARS * bench_validate.ORDINARY_PER_YEAR
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate"],
    "calendar": ["calendar", "--year", "2025", "--format", "json", "--today", "2025-12-31"],
    "decisions --grep": ["decisions", "--grep", "udskrivning", "--format", "json", "--today", "2025-12-31"],
}


def generate(root: Path, regions: int) -> int:
    """A collection of `regions` regions in `root`; returns the number of meeting files."""
    template = bench_validate.read_template()
    calendar = bench_validate.load_calendar(ROOT / bench_validate.CONFIG_FILE)
    root.mkdir(parents=True)
    shutil.copy2(ROOT / bench_validate.CONFIG_FILE, root / bench_validate.CONFIG_FILE)
    shutil.copytree(ROOT / "schemas", root / "schemas")
    written = 0
    forum_no = 0
    for region in range(1, regions + 1):
        for cluster in CLUSTERS:
            for kind in KINDS:
                forum_id = f"r{region}-{cluster}-{kind}"
                planned = bench_validate.plan_meetings(MEETINGS_PER_FORUM, forum_no, calendar)
                forum_no += 1
                folder = root / "forums" / forum_id
                (folder / "meetings").mkdir(parents=True)
                forum_yaml = bench_validate._replace_line(
                    template.forum_yaml, r"^id: .*$", f"id: {forum_id}", "forum.yaml"
                )
                forum_yaml = bench_validate._replace_line(
                    forum_yaml, r"^name: .*$", f"name: Driftsforum {kind} – region {region}, {cluster}", "forum.yaml"
                )
                forum_yaml = bench_validate._replace_line(
                    forum_yaml, r"^(\s+)planned_years: .*$", r"\1planned_years: []", "forum.yaml"
                )
                (folder / "forum.yaml").write_text(forum_yaml, encoding="utf-8")
                first = f"{planned[0].day.year}-01-01"
                (folder / "members.yaml").write_text(
                    template.members_yaml.replace(f"valid_from: {template.first_valid_from}", f"valid_from: {first}"),
                    encoding="utf-8",
                )
                (folder / "agreements.yaml").write_text(template.agreements_yaml, encoding="utf-8")
                previous: str | None = None
                for seq, meeting in enumerate(planned):
                    text, previous = bench_validate.meeting_yaml(forum_id, meeting, seq, previous, template, calendar)
                    (folder / "meetings" / f"{meeting.day.isoformat()}.yaml").write_text(text, encoding="utf-8")
                    written += 1
    return written


def driftsforum() -> list[str]:
    beside = Path(sys.executable).parent / "driftsforum"
    return [str(beside)] if beside.is_file() else [sys.executable, "-m", "driftsforum_cli"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """(CPU seconds of the command, user + system: steadier than wall time on a shared machine; its result)."""
    start = _children_cpu()
    done = subprocess.run(list(argv), cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return _children_cpu() - start, done


def fit(points: Sequence[tuple[int, float]]) -> tuple[float, float, float]:
    """Least squares y = a + b x: (a, b, R²)."""
    xs, ys = [float(x) for x, _ in points], [y for _, y in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for y in ys)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return intercept, slope, 1.0 - residual / total if total else 1.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--regions", default="1,2,3,5", help="sizes to build, in regions (default 1,2,3,5)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per command and size (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the collections in benchmarks/_national/")
    options = parser.parse_args(argv)
    sizes = sorted({int(part) for part in options.regions.split(",") if part.strip()})
    work = Path(__file__).resolve().parent / "_national" if options.keep else Path(tempfile.mkdtemp(prefix="national-"))
    if options.keep and work.exists():
        shutil.rmtree(work)
    base_env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    base_env |= {"NO_COLOR": "1", "XDG_CACHE_HOME": str(work / "cache"), "PYTHONPYCACHEPREFIX": str(work / "pyc")}
    tool = driftsforum()
    rows: list[tuple[int, int, int, dict[str, float]]] = []
    failed = False
    try:
        for regions in sizes:
            root = work / f"regioner-{regions}"
            meetings = generate(root, regions)
            _, check = timed([*tool, "--repo", str(root), "validate", "--strict"], base_env, root)
            if check.returncode != 0:
                print(f"*** {root} does not validate clean:\n{check.stdout[-3000:]}{check.stderr}", file=sys.stderr)
                failed = True
                continue
            medians: dict[str, float] = {}
            for label, args in COMMANDS.items():
                argv = [*tool, "--repo", str(root), *args]
                timed(argv, base_env, root)  # warm-up: holiday cache, bytecode
                runs = []
                for _ in range(options.repeat):
                    seconds, done = timed(argv, base_env, root)
                    if done.returncode != 0:
                        print(f"*** {' '.join(argv)} exited {done.returncode}:\n{done.stderr}", file=sys.stderr)
                        failed = True
                    runs.append(seconds)
                medians[label] = statistics.median(runs)
            rows.append((regions, 16 * regions, meetings, medians))
            print(f"{regions} regioner: {meetings} mødefiler målt", file=sys.stderr)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"\nPython {sys.version.split()[0]}, {os.cpu_count()} kerner, CPU-tid (bruger + system), median af {options.repeat} kørsler (sekunder)\n"
    )
    print("| Regioner | Fora | Mødefiler | " + " | ".join(f"`{label}`" for label in COMMANDS) + " |")
    print("|---:|---:|---:|" + "---:|" * len(COMMANDS))
    for regions, forums, meetings, medians in rows:
        cells = " | ".join(f"{medians[label]:.2f}" for label in COMMANDS)
        print(f"| {regions} | {forums} | {meetings:,} | {cells} |".replace(",", "."))
    if len(rows) >= 2:
        print()
        for label in COMMANDS:
            intercept, slope, r2 = fit([(meetings, medians[label]) for _, _, meetings, medians in rows])
            print(f"- `{label}`: {slope * 1000:.2f} ms pr. mødefil + {intercept:.2f} s, R² = {r2:.3f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
