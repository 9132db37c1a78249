"""Only regular files inside the repository are read, and `-o` writes only regular files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import driftsforum_cli
from tests.helpers.cli import RunCli

SECRET = "HEMMELIG-VÆRDI-4711"


def _run(repo: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    source = str(Path(driftsforum_cli.__file__).resolve().parents[1])  # the code under test, in the child too
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "driftsforum_cli", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )


def test_a_meeting_file_linked_to_a_file_outside_the_repository_is_not_read(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "andet" / "fortroligt.yaml"
    outside.parent.mkdir()
    # values that would be echoed in errors if the file were read
    outside.write_text(f"date: {SECRET}\nplace: {SECRET}\nukendt: {SECRET}\n", encoding="utf-8")
    link = repo_copy / "forums/nord/meetings/2026-12-24.yaml"
    try:
        link.symlink_to(outside)
    except OSError:
        pytest.skip("symbolske links kan ikke oprettes her")

    result = cli("validate", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 1
    assert "2026-12-24.yaml:1:1: fejl [link-outside] 2026-12-24.yaml er et symbolsk link til en fil uden for" in (
        result.output
    )
    assert SECRET not in result.output
    assert "fortroligt" not in result.output


def test_a_link_to_a_file_inside_the_repository_is_read(cli: RunCli, repo_copy: Path) -> None:
    meetings = repo_copy / "forums/nord/meetings"
    (meetings / "2026-11-24.yaml").rename(repo_copy / "møde.yaml")
    try:
        (meetings / "2026-11-24.yaml").symlink_to(repo_copy / "møde.yaml")
    except OSError:
        pytest.skip("symbolske links kan ikke oprettes her")
    result = cli("validate", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 0, result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO'er findes ikke på Windows")
def test_a_fifo_named_like_a_meeting_file_is_refused_without_waiting(repo_copy: Path) -> None:
    os.mkfifo(repo_copy / "forums/nord/meetings/2026-12-24.yaml")
    result = _run(repo_copy, "validate", "--today", "2026-12-01", timeout=60)  # a read would wait for ever
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "2026-12-24.yaml:1:1: fejl [special-file] 2026-12-24.yaml er en særlig fil (fx en FIFO, en enhed eller en "
        "sokkel), ikke en almindelig fil; den læses ikke"
    ) in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full findes kun på Linux")
def test_output_to_a_device_is_refused(repo_copy: Path) -> None:
    result = _run(repo_copy, "agenda", "nord", "2027-03-09", "--today", "2026-12-01", "-o", "/dev/full", timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Fejl: /dev/full er en særlig fil (fx en enhed, en FIFO eller en sokkel), ikke en almindelig fil; "
        "driftsforum skriver kun almindelige filer, og intet er skrevet"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO'er findes ikke på Windows")
def test_output_to_a_fifo_is_refused(repo_copy: Path) -> None:
    os.mkfifo(repo_copy / "dagsorden.md")
    result = _run(repo_copy, "agenda", "nord", "2027-03-09", "--today", "2026-12-01", "-o", "dagsorden.md", timeout=60)
    assert result.returncode == 1
    assert "Fejl: dagsorden.md er en særlig fil" in result.stderr


def test_output_through_a_symbolic_link_is_refused(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "andet.md"
    outside.write_text("noget andet\n", encoding="utf-8")
    try:
        (repo_copy / "dagsorden.md").symlink_to(outside)
    except OSError:
        pytest.skip("symbolske links kan ikke oprettes her")
    result = cli("agenda", "nord", "2027-03-09", "--today", "2026-12-01", "-o", "dagsorden.md", cwd=repo_copy)
    assert result.code == 1
    assert result.stderr.strip() == (
        "Fejl: dagsorden.md er et symbolsk link (angiv den fil, det peger på, i stedet); driftsforum skriver kun "
        "almindelige filer, og intet er skrevet"
    )
    assert outside.read_text(encoding="utf-8") == "noget andet\n"
    assert (repo_copy / "dagsorden.md").is_symlink()
