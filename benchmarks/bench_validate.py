"""Benchmark `driftsforum validate` against check-jsonschema and against the libyaml floor.

What it does:

1. Generates synthetic forum repositories (one per size in --sizes, counted in meeting files) from the
   bundled forums/nord: driftsforum.yaml and schemas/ are copied, each forum gets Nord's charter (with its
   own id), members and agreements, and 4 ordinary meetings a year on Danish working days (plus 0-3 extra
   meetings in the last year to hit the size exactly). Every synthetic repository must pass
   `driftsforum validate --strict` before it is timed.
2. Times `driftsforum --repo <repo> validate` as a subprocess (wall time, start-up included) on the bundled
   repository and on every synthetic size: one untimed first run with an empty holiday cache, then --repeat
   timed runs.
3. Times check-jsonschema on the same files against the same schemas (one invocation per schema kind,
   summed), if it is installed (`pip install -e '.[bench]'`).
4. Times the work itself, start-up excluded, each in a fresh Python process with the same environment:
   - validate: the process first imports the package and the modules the command imports (untimed, the
     start-up), then times one call of `driftsforum_cli.cli.main(["--repo", <repo>, "validate"])` – reading,
     parsing and checking every file, the charter rules and the report (captured, not printed);
   - the floor: the process first imports PyYAML (untimed), then times reading every file validate reads
     and composing it with PyYAML's stock C loader (`yaml.compose(text, Loader=yaml.CBaseLoader)`).
   Both are timed as the process's CPU time (time.process_time; the check uses its median, the steadiest
   measure on a machine shared with other work) and as wall time (time.perf_counter; min and median).
5. Prints a Markdown table and the checks (bundled <= 200 ms; synthetic validate <= 0.5 x
   check-jsonschema; validate work <= 3 x the floor on the largest size; linear growth).

Exit status: 0 when every synthetic repository validates clean (timing targets never fail the run),
1 when a synthetic repository does not, 2 for bad options.

    .venv/bin/python benchmarks/bench_validate.py [--repeat 5] [--sizes 500,1000,2000] [--keep] [--output FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import itertools
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Literal, Protocol

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_FORUM = ROOT / "forums" / "nord"
SYNTHETIC_DIR = Path(__file__).resolve().parent / "_synthetic"  # git-ignored; used with --keep
CONFIG_FILE = "driftsforum.yaml"
SCHEMA_KINDS = ("driftsforum", "forum", "members", "agreements", "groups", "meeting")

MEETINGS_PER_FORUM = 80  # at most; a size is spread evenly over ceil(size / 80) forums
LAST_YEAR = 2025  # every generated meeting is in the past, so a short year would be an error, not a warning
ORDINARY_PER_YEAR = 4  # forums/nord/forum.yaml: meetings.per_year
ORDINARY_SLOTS = ((3, 2), (6, 2), (9, 2), (11, 4))  # (month, week of month) of meeting no. 1-4
EXTRA_SLOTS = ((1, 3), (4, 3), (10, 3))  # extra meetings, when a forum's count is not a multiple of 4
DEFAULT_SIZES = (500, 1000, 2000)

BUNDLED_TARGET_S = 0.200
RATIO_TARGET = 0.5
FLOOR_RATIO_TARGET = 3.0  # validate's work / the libyaml floor, on the largest synthetic size
LINEAR_TOLERANCE = 0.25  # marginal time per file may differ this much from the fitted slope
LINEAR_MIN_R2 = 0.99

DASHBOARD_TOPICS = (
    "akutte psykiatriske genindlæggelser inden for 30 dage",
    "færdigbehandlingsdage i psykiatrien",
    "udskrivninger med koordinationsplan",
    "ventetid til ambulant opstart efter udskrivning",
)
ACTIONS = (
    "Udarbejde fælles tjekliste til udskrivningskonferencer",
    "Kortlægge kontaktveje mellem misbrugscentre og psykiatriens ambulatorier",
    "Afprøve fast kontaktperson i psykiatrien for kommunernes bostøtter",
    "Samle erfaringer med medicinlister ved udskrivning og fremlægge dem på næste møde",
    "Beskrive en fælles arbejdsgang for varsling af udskrivning til bostøtten",
)
PLACES = (
    "Hjørring Rådhus, mødelokale 2 (eksempel)",
    "Psykiatrien, Klinik Psykiatri Nord, mødelokale 1 (eksempel)",
    "Frederikshavn Rådhus, mødelokale 3 (eksempel)",
)


# --- the project's own working-day calendar ---------------------------------------------------------


class Calendar(Protocol):
    """What the benchmark needs from driftsforum_cli.domain.workdays.WorkCalendar."""

    def is_working_day(self, day: date) -> bool: ...

    def shift(self, day: date, direction: Literal[-1, 1]) -> date: ...


def load_calendar(config_file: Path) -> Calendar:
    """The project's WorkCalendar with the repository's closures (24 Dec, half days from 12.00).

    Imported by name: the package has no py.typed marker, so a static import would not type-check here.
    """
    workdays = importlib.import_module("driftsforum_cli.domain.workdays")
    models = importlib.import_module("driftsforum_cli.models.config")
    config = models.RepoConfig.model_validate(yaml.safe_load(config_file.read_text(encoding="utf-8")))
    calendar: Calendar = workdays.WorkCalendar(config.closures)
    return calendar


# --- synthetic repository -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    forum_yaml: str
    members_yaml: str
    agreements_yaml: str
    agreements: dict[int, tuple[str, str]]  # annual-cycle meeting no. -> (id, title)
    members: list[str]  # seat ids with role 'medlem'
    chairs: list[str]
    secretaries: list[str]
    first_valid_from: str  # the members' valid_from, as written


def _mapping_list(data: object, key: str) -> list[dict[str, object]]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise SystemExit(f"{TEMPLATE_FORUM}: '{key}' is not a list")
    return [item for item in data[key] if isinstance(item, dict)]


def read_template() -> Template:
    forum_yaml = (TEMPLATE_FORUM / "forum.yaml").read_text(encoding="utf-8")
    members_yaml = (TEMPLATE_FORUM / "members.yaml").read_text(encoding="utf-8")
    agreements_yaml = (TEMPLATE_FORUM / "agreements.yaml").read_text(encoding="utf-8")
    agreements: dict[int, tuple[str, str]] = {}
    for item in _mapping_list(yaml.safe_load(agreements_yaml), "agreements"):
        cycle = item.get("annual_cycle")
        if item.get("status") == "aktiv" and isinstance(cycle, dict) and isinstance(cycle.get("meeting"), int):
            agreements[cycle["meeting"]] = (str(item["id"]), str(item["title"]))
    seats = _mapping_list(yaml.safe_load(members_yaml), "seats")

    def with_role(role: str) -> list[str]:
        chosen: list[str] = []
        for seat in seats:
            roles = seat.get("roles")
            if isinstance(roles, list) and role in roles:
                chosen.append(str(seat["id"]))
        return chosen

    valid_from = re.search(r"^\s+valid_from: (\S+)$", members_yaml, re.MULTILINE)
    template = Template(
        forum_yaml,
        members_yaml,
        agreements_yaml,
        agreements,
        with_role("medlem"),
        with_role("formand"),
        with_role("sekretariat"),
        valid_from.group(1) if valid_from else "",
    )
    if not (template.members and template.chairs and template.secretaries and template.first_valid_from):
        raise SystemExit(f"{TEMPLATE_FORUM}: members.yaml no longer has the seats this benchmark expects")
    return template


def _replace_line(text: str, pattern: str, replacement: str, what: str) -> str:
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise SystemExit(f"{TEMPLATE_FORUM}/{what}: found no line matching {pattern!r}")
    return new


def _scalar(text: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted (a JSON string is a valid YAML one)."""
    risky = ": " in text or " #" in text or text[:1] in "!&*[]{}|>'\"%@`#,?:-" or text != text.strip()
    return json.dumps(text, ensure_ascii=False) if risky else text


def _nth_weekday(year: int, month: int, week: int, weekday: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))


@dataclass(frozen=True)
class Planned:
    day: date
    kind: Literal["ordinært", "ekstra"]
    number: int  # ordinary: annual-cycle no. 1-4; extra: 1-3


def plan_meetings(count: int, forum_no: int, calendar: Calendar) -> list[Planned]:
    """`count` meetings: 4 ordinary ones a year up to LAST_YEAR, the remainder as extra ones in LAST_YEAR."""
    years, extra = divmod(count, ORDINARY_PER_YEAR)
    if years == 0:
        raise SystemExit(f"a forum needs at least {ORDINARY_PER_YEAR} meetings (got {count})")
    weekday = forum_no % 4  # Monday to Thursday; forums meet on different days
    planned = [
        Planned(calendar.shift(_nth_weekday(year, month, week, weekday), 1), "ordinært", number)
        for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1)
        for number, (month, week) in enumerate(ORDINARY_SLOTS, start=1)
    ]
    planned += [
        Planned(calendar.shift(_nth_weekday(LAST_YEAR, month, week, (weekday + 1) % 5), 1), "ekstra", number)
        for number, (month, week) in enumerate(EXTRA_SLOTS[:extra], start=1)
    ]
    planned.sort(key=lambda meeting: meeting.day)
    if len({meeting.day for meeting in planned}) != len(planned):
        raise SystemExit(f"forum no. {forum_no}: two generated meetings fell on the same day")
    return planned


def meeting_yaml(
    forum_id: str, meeting: Planned, seq: int, previous_action: str | None, t: Template, cal: Calendar
) -> tuple[str, str]:
    """The meeting file, shaped like forums/nord/meetings/2026-09-08.yaml, and the id of its action."""
    day = meeting.day
    agenda_sent = cal.shift(day - timedelta(days=14), -1)
    minutes_sent = cal.shift(day + timedelta(days=6), -1)
    due = cal.shift(day + timedelta(days=70), -1)
    presenter = t.members[seq % len(t.members)]
    secretary = t.secretaries[seq % len(t.secretaries)]
    others = [seat for seat in t.members if seat != presenter]  # the presenter owns the action: present
    absent = others[(seq * 3) % len(others)]
    seats = [*t.chairs, *t.members, *t.secretaries]
    present = [seat for seat in seats if seat != absent]
    action_id = f"{forum_id}-{day.year}-{'' if meeting.kind == 'ordinært' else 'e'}{meeting.number}-a1"

    lines = [
        "# yaml-language-server: $schema=../../../schemas/meeting.schema.json",
        f"date: {day.isoformat()}",
        "start: 13:00",
        "end: 15:30",
        f"place: {_scalar(PLACES[seq % len(PLACES)])}",
        f"kind: {meeting.kind}",
        f"agenda_sent: {agenda_sent.isoformat()}",
        "agenda:",
    ]
    if meeting.kind == "ordinært":
        agreement_id, agreement_title = t.agreements[meeting.number]
        lines += [
            f"  - title: {_scalar('Opfølgning på samarbejdsaftalen om ' + agreement_title[0].lower() + agreement_title[1:])}",
            "    kind: drøftelse",
            f"    presenter: {presenter}",
            "    duration_minutes: 30",
            f"    agreements: [{agreement_id}]",
            "    background: >-",
            "      Samarbejdsaftalen er sat på dagsordenen efter årshjulet. Kommunerne og psykiatrien fremlægger",
            "      erfaringer fra praksis og eventuelle barrierer for implementeringen.",
            "    recommendation: Det indstilles, at driftsforum drøfter status og aftaler handlinger på de forhold, der hindrer implementeringen.",
            "    decision: Driftsforum drøftede status. Der aftales handlinger, jf. handlingslisten.",
        ]
    else:
        agreement_id, agreement_title = t.agreements[1 + seq % len(t.agreements)]
        lines += [
            f"  - title: {_scalar('Høringssvar om revision af samarbejdsaftalen om ' + agreement_title[0].lower() + agreement_title[1:])}",
            "    kind: beslutning",
            f"    presenter: {presenter}",
            "    duration_minutes: 45",
            f"    agreements: [{agreement_id}]",
            "    recommendation: Det indstilles, at driftsforum godkender udkastet til høringssvar.",
            "    decision: Driftsforum godkendte høringssvaret med de bemærkninger, der kom på mødet.",
        ]
    lines += [
        f"  - title: {_scalar('Data fra Dash Board – ' + DASHBOARD_TOPICS[seq % len(DASHBOARD_TOPICS)])}",
        "    kind: orientering",
        f"    presenter: {secretary}",
        "    duration_minutes: 20",
        "    decision: Driftsforum tog orienteringen til efterretning.",
    ]
    if seq % 2 == 0:
        lines += [
            "  - title: Gensidig orientering fra kommuner, psykiatri og almen praksis",
            "    kind: orientering",
            "    duration_minutes: 15",
        ]
    lines += ["attendance:", "  present:", *(f"    - {seat}" for seat in present)]
    lines += ["  absent:", f"    - {absent}", f"  minute_taker: {secretary}"]
    lines += [
        "actions:",
        f"  - id: {action_id}",
        f"    what: {_scalar(ACTIONS[seq % len(ACTIONS)])}",
        f"    owner: {presenter}",
        f"    due: {due.isoformat()}",
    ]
    if previous_action is not None:
        lines.append(f"closes_actions: [{previous_action}]")
    lines += ["minutes:", "  type: beslutningsreferat", f"  sent: {minutes_sent.isoformat()}", ""]
    return "\n".join(lines), action_id


@dataclass(frozen=True)
class Synthetic:
    root: Path
    forums: int
    meeting_files: int

    @property
    def files(self) -> int:
        """As `validate` counts them: driftsforum.yaml and every forum's 3 files and meetings."""
        return 1 + 3 * self.forums + self.meeting_files


def generate(root: Path, meeting_files: int, template: Template, calendar: Calendar) -> Synthetic:
    forums = max(1, math.ceil(meeting_files / MEETINGS_PER_FORUM))
    base, bigger = divmod(meeting_files, forums)
    root.mkdir(parents=True)
    shutil.copy2(ROOT / CONFIG_FILE, root / CONFIG_FILE)
    shutil.copytree(ROOT / "schemas", root / "schemas")
    for forum_no in range(forums):
        forum_id = f"syntetisk-{forum_no + 1:02d}"
        planned = plan_meetings(base + (1 if forum_no < bigger else 0), forum_no, calendar)
        folder = root / "forums" / forum_id
        (folder / "meetings").mkdir(parents=True)
        forum_yaml = _replace_line(template.forum_yaml, r"^id: .*$", f"id: {forum_id}", "forum.yaml")
        forum_yaml = _replace_line(
            forum_yaml,
            r"^name: .*$",
            f"name: Driftsforum Voksenpsykiatri – Syntetisk forum {forum_no + 1:02d}",
            "forum.yaml",
        )
        forum_yaml = _replace_line(forum_yaml, r"^(\s+)planned_years: .*$", r"\1planned_years: []", "forum.yaml")
        (folder / "forum.yaml").write_text(forum_yaml, encoding="utf-8")
        first = f"{planned[0].day.year}-01-01"
        (folder / "members.yaml").write_text(
            template.members_yaml.replace(f"valid_from: {template.first_valid_from}", f"valid_from: {first}"),
            encoding="utf-8",
        )
        (folder / "agreements.yaml").write_text(template.agreements_yaml, encoding="utf-8")
        previous: str | None = None
        for seq, meeting in enumerate(planned):
            text, previous = meeting_yaml(forum_id, meeting, seq, previous, template, calendar)
            (folder / "meetings" / f"{meeting.day.isoformat()}.yaml").write_text(text, encoding="utf-8")
    return Synthetic(root, forums, meeting_files)


# --- running and timing -------------------------------------------------------------------------------


def tool(name: str) -> Path | None:
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return beside
    found = shutil.which(name)
    return Path(found) if found else None


@dataclass
class Timing:
    first: float = math.nan  # untimed first run: empty holiday cache and bytecode cache
    runs: list[float] = field(default_factory=list)  # wall time
    cpu: list[float] = field(default_factory=list)  # process CPU time, where measured

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else math.nan

    @property
    def best(self) -> float:
        return min(self.runs) if self.runs else math.nan

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else math.nan


def run(argv: Sequence[str | Path], cwd: Path, env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run([str(arg) for arg in argv], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


# The modules `driftsforum validate` imports inside the command; with the package itself they are the
# start-up that the work measurement leaves out.
VALIDATE_IMPORTS = (
    "driftsforum_cli.cli",
    "driftsforum_cli.diagnostics",
    "driftsforum_cli.domain.rules",
    "driftsforum_cli.workspace",
)


def work_validate(root: Path) -> tuple[float, float, int]:
    """In this process: import what validate imports (untimed), then time one `validate` call on `root`.

    Returns (wall seconds, CPU seconds, exit code). The report is captured, not printed.
    """
    modules = [importlib.import_module(name) for name in VALIDATE_IMPORTS]
    main = modules[0].main
    argv = ["--repo", str(root), "validate"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        wall, cpu = time.perf_counter(), time.process_time()
        code = main(argv)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall, cpu, int(code)


def work_floor(root: Path) -> tuple[float, float, int]:
    """In this process (PyYAML already imported): time reading every file validate reads and composing it
    with libyaml's C loader. Returns (wall seconds, CPU seconds, number of files)."""
    paths = [root / path for kind in SCHEMA_KINDS for path in repo_files(root)[kind]]
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        yaml.compose(path.read_bytes().decode("utf-8-sig"), Loader=yaml.CBaseLoader)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall, cpu, len(paths)


def run_child(kind: Literal["validate", "floor"], root: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Run work_validate or work_floor in a fresh Python process (same interpreter, same environment)."""
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(root)]
    done = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    wall, cpu, number = json.loads(done.stdout)
    return float(wall), float(cpu), int(number)


def repo_files(root: Path) -> dict[str, list[Path]]:
    """The files of each schema kind, relative to `root` (the forums folder is 'forums' in both repos)."""
    forums = sorted(path for path in (root / "forums").iterdir() if path.is_dir())
    return {
        "driftsforum": [Path(CONFIG_FILE)],
        "forum": [path.relative_to(root) / "forum.yaml" for path in forums],
        "members": [path.relative_to(root) / "members.yaml" for path in forums],
        "agreements": [path.relative_to(root) / "agreements.yaml" for path in forums],
        "groups": [path.relative_to(root) / "groups.yaml" for path in forums if (path / "groups.yaml").is_file()],
        "meeting": [file.relative_to(root) for path in forums for file in sorted((path / "meetings").glob("*.yaml"))],
    }


@dataclass
class Result:
    label: str
    forums: int
    meeting_files: int
    files: int
    validate: Timing
    peer: Timing | None
    work: Timing = field(default_factory=Timing)  # validate in process, start-up excluded
    floor: Timing = field(default_factory=Timing)  # read + yaml.compose (CBaseLoader) of the same files
    valid: bool = True
    peer_problems: list[str] = field(default_factory=list)


def check_clean(driftsforum: Path, root: Path, files: int, env: dict[str, str]) -> list[str]:
    """Problems, if `validate --strict` finds any on `root` or counts another number of files."""
    _, done = run([driftsforum, "--repo", root, "validate", "--strict", "--format", "json"], root, env)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        return [f"validate exited {done.returncode} without a JSON report:", done.stdout, done.stderr]
    problems: list[str] = []
    if done.returncode != 0 or report.get("errors") or report.get("warnings"):
        problems.append(
            f"validate --strict exited {done.returncode}: {report.get('errors')} errors, {report.get('warnings')} warnings"
        )
        _, text = run([driftsforum, "--repo", root, "validate"], root, env)
        problems += text.stdout.splitlines()[:60] + text.stderr.splitlines()[:20]
    if report.get("files") != files:
        problems.append(f"validate counted {report.get('files')} files; the benchmark wrote {files}")
    return problems


@dataclass
class Target:
    """One repository to time, with its own caches and the commands to run."""

    result: Result
    root: Path
    env: dict[str, str]
    validate_argv: list[str | Path]
    peer_argvs: list[tuple[str, int, list[str | Path]]]  # (schema kind, number of files, argv)


def prepare(
    label: str,
    root: Path,
    forums: int,
    meeting_files: int,
    driftsforum: Path,
    peer: Path | None,
    cache_home: Path,
) -> Target:
    """Check that `root` validates clean, then do the untimed first runs (which fill the caches)."""
    files = repo_files(root)
    total = sum(len(paths) for paths in files.values())
    # Each target starts cold (no holiday cache, no bytecode) and is warm after the first run. Bytecode goes
    # to a private folder: nothing is written into src/, and PYTHONDONTWRITEBYTECODE (set in some sandboxes)
    # would otherwise make every run recompile the project's modules.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"XDG_CACHE_HOME": str(cache_home / "xdg"), "PYTHONPYCACHEPREFIX": str(cache_home / "pyc"), "NO_COLOR": "1"}
    cache_home.mkdir(parents=True, exist_ok=True)
    result = Result(label, forums, meeting_files, total, Timing(), Timing() if peer else None)
    target = Target(
        result,
        root,
        env,
        [driftsforum, "--repo", root, "validate"],
        [
            (kind, len(files[kind]), [peer, "--schemafile", Path("schemas") / f"{kind}.schema.json", *files[kind]])
            for kind in SCHEMA_KINDS
            if files[kind]
            if peer is not None
        ],
    )

    problems = check_clean(driftsforum, root, total, {**env, "XDG_CACHE_HOME": str(cache_home / "check")})
    if problems:
        result.valid = False
        print(f"\n*** {label}: the repository does NOT validate clean ({root}):", file=sys.stderr)
        for line in problems:
            print(f"    {line}", file=sys.stderr)

    result.validate.first, _ = run(target.validate_argv, root, env)
    result.work.first, _, code = run_child("validate", root, env)
    if code != 0 and result.valid:
        result.valid = False
        print(f"\n*** {label}: validate in process exited {code}", file=sys.stderr)
    result.floor.first, _, _ = run_child("floor", root, env)
    if result.peer is not None:
        result.peer.first = 0.0
        for kind, count, argv in target.peer_argvs:
            seconds, done = run(argv, root, env)
            result.peer.first += seconds
            if done.returncode != 0:
                result.peer_problems.append(
                    f"check-jsonschema --schemafile schemas/{kind}.schema.json ({count} files) "
                    f"exited {done.returncode}:\n{(done.stdout + done.stderr).strip()[:4000]}"
                )
        for problem in result.peer_problems:
            print(f"\n*** {label}: {problem}", file=sys.stderr)
    return target


def time_once(target: Target) -> None:
    """One timed run of validate and of check-jsonschema (all schema kinds) on `target`."""
    result = target.result
    seconds, done = run(target.validate_argv, target.root, target.env)
    result.validate.runs.append(seconds)
    if done.returncode != 0 and result.valid:
        result.valid = False
        print(f"\n*** {result.label}: validate exited {done.returncode}:\n{done.stdout}{done.stderr}", file=sys.stderr)
    if result.peer is not None:
        result.peer.runs.append(sum(run(argv, target.root, target.env)[0] for _, _, argv in target.peer_argvs))
    children: tuple[tuple[Timing, Literal["validate", "floor"]], ...] = (
        (result.work, "validate"),
        (result.floor, "floor"),
    )
    for timing, kind in children:
        wall, cpu, _ = run_child(kind, target.root, target.env)
        timing.runs.append(wall)
        timing.cpu.append(cpu)


# --- report -------------------------------------------------------------------------------------------


def machine_facts(driftsforum: Path, peer: Path | None) -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    def version(path: Path | None, *args: str) -> str:
        if path is None:
            return "not installed (pip install -e '.[bench]')"
        done = subprocess.run([str(path), *args], capture_output=True, text=True, check=False)
        return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr).strip() else "?"

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return [
        f"- nproc: {usable} (os.cpu_count: {os.cpu_count()})",
        f"- CPU: {model}",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- OS: {platform.platform()}",
        f"- driftsforum: {version(driftsforum, '--version')}",
        f"- check-jsonschema: {version(peer, '--version')}",
        f"- load average at start: {' '.join(f'{value:.2f}' for value in load) if load else '?'}",
    ]


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.1f} ms"


def us(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1e6:.0f} µs"


def linear_fit(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """Least squares time = intercept + slope * files; returns (intercept, slope, R²)."""
    xs = [float(x) for x, _ in points]
    ys = [y for _, y in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for y in ys)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return intercept, slope, 1.0 - residual / total if total else 1.0


def quotient(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator and not math.isnan(denominator) else math.nan


def times(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f}"


def report(results: list[Result], facts: list[str], repeat: int) -> str:
    out = [
        f"### `driftsforum validate` vs check-jsonschema (wall time, {repeat} timed run(s) each after 1 untimed first run)",
        "",
        "First run: empty holiday and bytecode caches. check-jsonschema: one invocation per schema kind, summed.",
        "",
        "| Repository | Forums | Meeting files | Files | validate median | validate min | validate 1st run "
        "| check-jsonschema median | check-jsonschema min | ratio validate / cj | validate per file | cj per file |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        peer_median = r.peer.median if r.peer else math.nan
        peer_best = r.peer.best if r.peer else math.nan
        ratio = r.validate.median / peer_median if peer_median and not math.isnan(peer_median) else math.nan
        label = r.label + ("" if r.valid else " **(INVALID)**") + (" **(cj rejected)**" if r.peer_problems else "")
        out.append(
            f"| {label} | {r.forums} | {r.meeting_files} | {r.files} | {ms(r.validate.median)} | {ms(r.validate.best)} "
            f"| {ms(r.validate.first)} | {ms(peer_median)} | {ms(peer_best)} "
            f"| {'–' if math.isnan(ratio) else f'{ratio:.2f}'} | {us(r.validate.median / r.files)} "
            f"| {us(peer_median / r.files)} |"
        )
    out += [
        "",
        f"### The work itself against the libyaml floor (in process, start-up excluded; {repeat} timed run(s) each)",
        "",
        "Each figure is one fresh Python process. validate: one call of `driftsforum_cli.cli.main(['--repo', "
        "<repo>, 'validate'])` after importing the package and the modules the command imports. Floor: reading "
        "every file validate reads and `yaml.compose(text, Loader=yaml.CBaseLoader)` on it, after importing "
        "PyYAML. CPU: the process's CPU time (median), the steadiest measure on a machine shared with other "
        "work; on a quiet machine wall time is the same. Wall: min / median. The last column is the "
        "end-to-end ratio above.",
        "",
        "| Repository | Files | validate work CPU | floor CPU | validate / floor (CPU) | validate work wall "
        "| floor wall | validate / floor (wall min) | validate / floor (wall median) | validate / check-jsonschema |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        out.append(
            f"| {r.label} | {r.files} | {ms(r.work.cpu_median)} | {ms(r.floor.cpu_median)} "
            f"| {times(quotient(r.work.cpu_median, r.floor.cpu_median))} "
            f"| {ms(r.work.best)} / {ms(r.work.median)} | {ms(r.floor.best)} / {ms(r.floor.median)} "
            f"| {times(quotient(r.work.best, r.floor.best))} | {times(quotient(r.work.median, r.floor.median))} "
            f"| {times(quotient(r.validate.median, r.peer.median if r.peer else math.nan))} |"
        )
    out += ["", "Machine:", *facts, "", "Checks (timing never changes the exit status):"]

    bundled = results[0]
    ok = bundled.validate.median <= BUNDLED_TARGET_S
    out.append(
        f"- [{'PASS' if ok else 'FAIL'}] bundled validate median {ms(bundled.validate.median)} "
        f"<= {ms(BUNDLED_TARGET_S)}"
    )
    synthetic = results[1:]
    if synthetic:
        largest = synthetic[-1]
        work, floor = largest.work, largest.floor
        floor_ratio = quotient(work.cpu_median, floor.cpu_median)
        out.append(
            f"- [{'PASS' if floor_ratio <= FLOOR_RATIO_TARGET else 'FAIL'}] {largest.label}: validate work "
            f"{ms(work.cpu_median)} CPU = {times(floor_ratio)} × the libyaml floor {ms(floor.cpu_median)} "
            f"(target <= {FLOOR_RATIO_TARGET:g}; wall time: {times(quotient(work.best, floor.best))} × at best, "
            f"{times(quotient(work.median, floor.median))} × in the median)"
        )
    for r in synthetic:
        if r.peer is None or math.isnan(r.peer.median):
            out.append(f"- [SKIP] {r.label}: check-jsonschema not run")
            continue
        ratio = r.validate.median / r.peer.median
        out.append(
            f"- [{'PASS' if ratio <= RATIO_TARGET else 'FAIL'}] {r.label}: validate {ms(r.validate.median)} "
            f"= {ratio:.2f} × check-jsonschema {ms(r.peer.median)} (target <= {RATIO_TARGET})"
        )
    if len(synthetic) >= 2:
        points = [(r.files, r.validate.best) for r in synthetic]  # min: least disturbed by other load
        intercept, slope, r2 = linear_fit(points)
        marginal = [
            (b_files, (b_time - a_time) / (b_files - a_files))
            for (a_files, a_time), (b_files, b_time) in itertools.pairwise(points)
        ]
        linear = r2 >= LINEAR_MIN_R2 and all(abs(m - slope) <= LINEAR_TOLERANCE * slope for _, m in marginal)
        out.append(
            f"- [{'PASS' if linear else 'FAIL'}] linear growth (validate min): fit {ms(intercept)} + {us(slope)} × files, "
            f"R² = {r2:.4f} (>= {LINEAR_MIN_R2}); marginal time per file between sizes: "
            + ", ".join(f"{us(m)} (up to {files} files)" for files, m in marginal)
            + f" (each within ±{LINEAR_TOLERANCE:.0%} of the slope)"
        )
    else:
        out.append("- [SKIP] linear growth: needs at least two --sizes")
    invalid = [r.label for r in synthetic if not r.valid]
    out.append(
        f"- [{'FAIL' if invalid else 'PASS'}] synthetic repositories validate clean (--strict)"
        + (f": not {', '.join(invalid)}" if invalid else "")
    )
    if any(r.peer_problems for r in results):
        out.append("- [NOTE] check-jsonschema rejected files; its output is printed above (stderr)")
    return "\n".join(out) + "\n"


# --- main ---------------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}") from None
    if not sizes or sizes[0] < ORDINARY_PER_YEAR:
        raise argparse.ArgumentTypeError(f"sizes must be at least {ORDINARY_PER_YEAR} meeting files")
    return sizes


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def child(argv: Sequence[str]) -> int:
    """`--child validate|floor ROOT`: one work measurement, printed as JSON [wall, cpu, number]."""
    if len(argv) != 2 or argv[0] not in ("validate", "floor"):
        print("usage: bench_validate.py --child validate|floor ROOT", file=sys.stderr)
        return 2
    root = Path(argv[1])
    print(json.dumps(work_validate(root) if argv[0] == "validate" else work_floor(root)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--child"]:
        return child(args_list[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=positive, default=5, help="timed runs per measurement (default 5)")
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="synthetic sizes in meeting files, comma-separated (default 500,1000,2000)",
    )
    parser.add_argument("--keep", action="store_true", help=f"generate into {SYNTHETIC_DIR} and keep it")
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(args_list)
    sizes: list[int] = args.sizes
    repeat: int = args.repeat

    driftsforum = tool("driftsforum")
    if driftsforum is None:
        print("driftsforum is not installed in this environment (pip install -e .)", file=sys.stderr)
        return 2
    peer = tool("check-jsonschema")
    if peer is None:
        print("check-jsonschema is not installed: pip install -e '.[bench]'; timing validate only", file=sys.stderr)

    work = Path(tempfile.mkdtemp(prefix="driftsforum-bench-"))
    if args.keep:
        shutil.rmtree(SYNTHETIC_DIR, ignore_errors=True)
    base = SYNTHETIC_DIR if args.keep else work / "repos"
    try:
        template = read_template()
        calendar = load_calendar(ROOT / CONFIG_FILE)
        print(f"Generating synthetic repositories in {base} …", file=sys.stderr)
        repos = [generate(base / f"meetings-{size:05d}", size, template, calendar) for size in sizes]

        facts = machine_facts(driftsforum, peer)  # before the runs: the load average shows other work
        bundled_forums = sum(1 for path in (ROOT / "forums").iterdir() if path.is_dir())
        bundled_meetings = len(list((ROOT / "forums").glob("*/meetings/*.yaml")))
        print("Checking and warming up the bundled repository …", file=sys.stderr)
        targets = [
            prepare(
                "bundled (repo root)",
                ROOT,
                bundled_forums,
                bundled_meetings,
                driftsforum,
                peer,
                work / "cache" / "bundled",
            )
        ]
        for repo in repos:
            print(f"Checking and warming up {repo.meeting_files} meeting files …", file=sys.stderr)
            targets.append(
                prepare(
                    f"synthetic {repo.meeting_files}",
                    repo.root,
                    repo.forums,
                    repo.meeting_files,
                    driftsforum,
                    peer,
                    work / "cache" / f"synthetic-{repo.meeting_files}",
                )
            )
        # Round robin: a burst of load from elsewhere on the machine spreads over all sizes instead of one.
        for round_no in range(1, repeat + 1):
            print(f"Timed round {round_no}/{repeat} …", file=sys.stderr)
            for target in targets:
                time_once(target)
        results = [target.result for target in targets]
        if not results[0].valid:
            print("\nnote: the bundled repository itself does not validate clean (see above)", file=sys.stderr)

        text = report(results, facts, repeat)
        print(text)
        if args.output is not None:
            args.output.write_text(text, encoding="utf-8")
        if args.keep:
            print(f"Kept the synthetic repositories in {base}", file=sys.stderr)
        return 0 if all(r.valid for r in results[1:]) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
