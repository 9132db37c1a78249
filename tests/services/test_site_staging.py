"""Putting a folder in place in one step, with and without Linux's exchange, and recovering what a killed run left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from driftsforum_cli.services import staging
from driftsforum_cli.services.staging import SpecialEntry, aside_path, carry_over, put_in_place, recover, staging_path


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("exchange", [True, False])
def test_the_new_folder_takes_the_old_ones_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(staging, "_exchange_linux", lambda first, second: False)
    target = tmp_path / "site"
    (target / "a").mkdir(parents=True)
    (target / "a" / "gammel.html").write_text("gammel", encoding="utf-8")
    (target / "fremmed.txt").write_text("fremmed", encoding="utf-8")
    new = staging_path(target)
    new.mkdir()
    carry_over(target, new, {"a/gammel.html"})
    assert (new / "fremmed.txt").samefile(target / "fremmed.txt")  # a hard link, not a copy
    (new / "ny.html").write_text("ny", encoding="utf-8")
    put_in_place(new, target)
    assert _tree(target) == {"fremmed.txt": "fremmed", "ny.html": "ny"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_symbolic_links_are_carried_as_links_and_special_files_refused(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "peger").symlink_to("/etc/passwd")
    (target / "mappe").symlink_to(tmp_path)
    new = staging_path(target)
    new.mkdir()
    carry_over(target, new, ())
    assert (new / "peger").readlink() == Path("/etc/passwd") and (new / "mappe").is_symlink()
    os.mkfifo(target / "fifo")
    other = tmp_path / "andet"
    other.mkdir()
    with pytest.raises(SpecialEntry):
        carry_over(target, other, ())


def test_recover_puts_the_old_folder_back_and_removes_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "site"
    aside = aside_path(target)
    aside.mkdir()
    (aside / "index.html").write_text("gammel", encoding="utf-8")
    staging_path(target).mkdir()
    (staging_path(target) / "halv.html").write_text("halv", encoding="utf-8")
    recover(target)  # killed between the two renames of the fallback: the old site comes back
    assert _tree(target) == {"index.html": "gammel"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    aside.mkdir()
    recover(target)  # killed after the switch, before the old folder was removed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
