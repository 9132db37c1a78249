"""The forum lock (filelock), contended for by real processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import driftsforum_cli
from driftsforum_cli.locking import LOCK_NAME, ForumBusy, forum_lock
from driftsforum_cli.sendlog import LOG_NAME, SendLog

REPO_ROOT = Path(__file__).resolve().parent.parent

# Holds the lock until a line arrives on standard input.
HOLDER = """
import sys
from pathlib import Path
from driftsforum_cli.locking import forum_lock

with forum_lock(Path(sys.argv[1]), timeout=0):
    print("låst", flush=True)
    sys.stdin.readline()
"""

# Waits up to argv[2] seconds for the lock; prints what happened.
WAITER = """
import sys
from pathlib import Path
from driftsforum_cli.errors import UserError
from driftsforum_cli.locking import forum_lock

try:
    with forum_lock(Path(sys.argv[1]), timeout=float(sys.argv[2])):
        print("fik låsen", flush=True)
except UserError as exc:
    print(f"Fejl: {exc}", flush=True)
    sys.exit(1)
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    source = str(Path(driftsforum_cli.__file__).resolve().parents[1])  # the code under test, in the child too
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the forum's lock (until a line is written to its standard input)."""
    process = _python(HOLDER, str(tmp_path))
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "låst", process.stderr.read() if process.stderr else ""
    yield process
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def test_a_second_process_gets_the_lock_only_when_the_first_lets_go(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    gave_up = _python(WAITER, str(tmp_path), "0.3")
    out, err = gave_up.communicate(timeout=60)
    assert gave_up.returncode == 1, err
    assert out.strip() == f"Fejl: {tmp_path} bruges af en anden driftsforum-kommando lige nu; prøv igen om lidt"

    waiting = _python(WAITER, str(tmp_path), "60")
    time.sleep(1.0)
    assert waiting.poll() is None, "the lock is held: the second process must still be waiting"
    assert holder.stdin is not None
    holder.stdin.write("slip\n")
    holder.stdin.flush()
    assert holder.wait(timeout=30) == 0
    out, err = waiting.communicate(timeout=60)
    assert (waiting.returncode, out.strip()) == (0, "fik låsen"), err


def test_a_run_that_sends_is_refused_while_another_process_works_on_the_forum(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    with (
        pytest.raises(ForumBusy, match="bruges af en anden driftsforum-kommando lige nu; prøv igen om lidt"),
        forum_lock(tmp_path, timeout=0.5),
    ):
        pass
    assert time.monotonic() - started >= 0.5, "it waits the time it was given before giving up"
    with pytest.raises(ForumBusy), SendLog(tmp_path / LOG_NAME, timeout=0):
        pass
    assert not (tmp_path / LOG_NAME).exists()


def test_the_lock_file_is_in_the_forum_folder_and_git_ignores_it(tmp_path: Path) -> None:
    with forum_lock(tmp_path, timeout=0) as path:
        assert path == tmp_path / LOCK_NAME
        assert path.exists()
    git = shutil.which("git")
    if git is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("needs git and the project's own checkout")
    wanted = [f"forums/nord/{LOCK_NAME}", f"forums/vest/{LOCK_NAME}"]
    ignored = subprocess.run(
        [git, "check-ignore", "--no-index", *wanted], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert ignored.stdout.splitlines() == wanted, f".gitignore must ignore {LOCK_NAME} in every forum's folder"


def test_an_edit_inside_a_run_reenters_the_lock_but_another_run_does_not(tmp_path: Path) -> None:
    with forum_lock(tmp_path, timeout=0):
        with forum_lock(tmp_path, timeout=0, reenter=True), forum_lock(tmp_path, timeout=0, reenter=True):
            pass
        with pytest.raises(ForumBusy), forum_lock(tmp_path, timeout=0):  # still held by the run after the edit
            pass
    # nobody holds it: taken as usual
    with forum_lock(tmp_path, timeout=0, reenter=True), pytest.raises(ForumBusy), forum_lock(tmp_path, timeout=0):
        pass
