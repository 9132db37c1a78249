"""A publish killed with SIGKILL at random moments while it writes: the site folder holds the old site or the new
one, never a mix, no stray files are left in it, and the next publish (without --force) finishes the job."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from driftsforum_cli.services.staging import aside_path, staging_path
from tests.helpers.cli import REPO_ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

TODAY = "2026-11-22"
MEETING = "forums/nord/meetings/2026-09-08.yaml"
DECISION = "    decision: Driftsforum tog orienteringen til efterretning.\n"

#: Runs `driftsforum ARGS…` with every file operation of the write slowed by a random few milliseconds, and says
#: "skriver" on stdout when the writing starts, so the test can kill it anywhere in the writing.
SLOW_PUBLISH = """\
import os, random, shutil, sys, time
from datetime import date
from pathlib import Path

random.seed(int(sys.argv[1]))
import driftsforum_cli.cli.options as options
import driftsforum_cli.services.site as site

options.real_date = lambda: date(2026, 12, 1)


def slow(function):
    def slowed(*args, **kwargs):
        time.sleep(random.uniform(0.002, 0.02))
        return function(*args, **kwargs)

    return slowed


for name in ("link", "rename", "symlink", "unlink", "rmdir", "mkdir"):
    setattr(os, name, slow(getattr(os, name)))
Path.write_bytes = slow(Path.write_bytes)
shutil.copymode = slow(shutil.copymode)
compare = site._compare


def announced(*args, **kwargs):
    print("skriver", flush=True)
    return compare(*args, **kwargs)


site._compare = announced
from driftsforum_cli.cli import main

sys.exit(main(sys.argv[2:]))
"""


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _publish(repo: Path, output: Path, *, seed: int = 0, script: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    command = [sys.executable, "-m", "driftsforum_cli"] if script is None else [sys.executable, str(script), str(seed)]
    args = ["publish", "-o", str(output), "--no-pdf", "--today", TODAY]
    return subprocess.Popen(
        [*command, *args], cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


def test_a_publish_killed_at_random_moments_leaves_the_old_or_the_new_site(repo_copy: Path, tmp_path: Path) -> None:
    old_site, new_site = tmp_path / "gammel", tmp_path / "ny"
    code, output = _finished(_publish(repo_copy, old_site))
    assert code == 0, output
    meeting = repo_copy / MEETING
    text = meeting.read_text(encoding="utf-8")
    assert DECISION in text
    meeting.write_text(text.replace(DECISION, "    decision: En ny beslutning.\n", 1), encoding="utf-8")
    code, output = _finished(_publish(repo_copy, new_site))
    assert code == 0, output
    old, new = _files(old_site), _files(new_site)
    assert old != new and old.keys() == new.keys()
    script = tmp_path / "slow_publish.py"
    script.write_text(SLOW_PUBLISH, encoding="utf-8")

    # How long the slowed writing takes here: the kills are spread over it.
    timing = _publish(repo_copy, shutil.copytree(old_site, tmp_path / "maalt"), script=script)
    assert timing.stdout is not None
    while timing.stdout.readline() not in ("skriver\n", ""):
        pass
    started = time.monotonic()
    assert _finished(timing)[0] == 0
    duration = time.monotonic() - started

    rng = random.Random(20261122)
    states: list[str] = []
    runs = 8
    for run in range(runs):
        output_dir = tmp_path / f"site{run}"
        shutil.copytree(old_site, output_dir)
        process = _publish(repo_copy, output_dir, seed=run, script=script)
        assert process.stdout is not None
        while (line := process.stdout.readline()) != "skriver\n":
            assert line, "publish ended before it wrote"
        time.sleep(duration * (run + rng.random()) / runs)
        killed = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        now = _files(output_dir)
        assert now in (old, new), f"run {run}: a mix of the old and the new site"
        states.append(("gammel" if now == old else "ny") + (" (dræbt)" if killed else ""))
        # Only the staging or set-aside folder may be left, beside the site: nothing inside it.
        assert {p.name for p in tmp_path.iterdir() if p.name.startswith(f".{output_dir.name}.")} <= {
            staging_path(output_dir).name,
            aside_path(output_dir).name,
        }
        code, output = _finished(_publish(repo_copy, output_dir))
        assert code == 0, f"run {run}: {output}"
        assert "ændret" not in output and "--force" not in output
        assert _files(output_dir) == new
        assert not staging_path(output_dir).exists() and not aside_path(output_dir).exists()
    # The kills landed in the writing: before the switch and after it, and the process was killed in most runs.
    assert "gammel (dræbt)" in states and any(state.startswith("ny") for state in states), states
    assert sum(state.endswith("(dræbt)") for state in states) >= runs // 2, states
