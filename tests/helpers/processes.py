"""The real CLI in its own process (`python -m driftsforum_cli`), for commands run at the same time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import driftsforum_cli


def start_cli(repo: Path, *args: str) -> subprocess.Popen[str]:
    """Start `driftsforum ARGS…` in `repo`, with the code under test (not an installed copy)."""
    source = str(Path(driftsforum_cli.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", "driftsforum_cli", *args],
        cwd=repo,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait for the process; its exit code and everything it printed."""
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err
