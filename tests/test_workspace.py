"""Loading a forum folder: one pass over meetings/ finds what pathlib's globs find, shown as display_path shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from driftsforum_cli.workspace import display_path, load_forum


def _forum(root: Path) -> Path:
    folder = root / "forums" / "nord"
    meetings = folder / "meetings"
    (meetings / "bilag" / "under").mkdir(parents=True)
    (meetings / "navn.yaml").mkdir()  # a folder with a meeting file's name
    (root / "andet").mkdir()
    (root / "andet" / "skjult.pdf").write_text("x", encoding="utf-8")
    for name in ("forum.yaml", "members.yaml", "agreements.yaml"):
        (folder / name).write_text("a: b\n", encoding="utf-8")
    files = {
        "2026-03-10.yaml": "date: 2026-03-10\n",
        "2026-06-02.yaml": "date: 2026-06-02\n",
        "2026-09-01.yml": "date: 2026-09-01\n",
        "2026-11-03.YAML": "x",  # not a meeting file where names are case-sensitive
        ".yaml": "x",  # matches *.yaml, but has no suffix
        "..yaml": "x",
        "notat.": "x",
        "dagsorden.pdf": "x",
        "bilag/notat.docx": "x",
        "bilag/gammel.yaml": "x",
        "bilag/under/data.xlsx": "x",
        "bilag/under/.skjult": "x",
    }
    for name, text in files.items():
        (meetings / name).write_text(text, encoding="utf-8")
    (meetings / "genvej.pdf").symlink_to(meetings / "dagsorden.pdf")
    (meetings / "mappe-genvej").symlink_to(root / "andet", target_is_directory=True)
    return folder


@pytest.mark.parametrize("where", ["root", "forum", "meetings", "outside"])
def test_meeting_files_and_attachments_are_those_the_globs_find(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    folder = _forum(tmp_path / "samling")
    meetings = folder / "meetings"
    cwd = {"root": tmp_path / "samling", "forum": folder, "meetings": meetings, "outside": tmp_path}[where]
    monkeypatch.chdir(cwd)

    files = load_forum(folder)

    expected_paths = sorted(meetings.glob("*.yaml")) + sorted(meetings.glob("*.yml"))
    expected_attachments = frozenset(
        path.relative_to(meetings).as_posix()
        for path in meetings.rglob("*")
        if path.is_file() and path.suffix not in (".yaml", ".yml") and not path.is_symlink()
    )
    assert [loaded.path for loaded in files.meetings] == expected_paths
    assert [loaded.display for loaded in files.meetings] == [display_path(path) for path in expected_paths]
    assert [loaded.display for loaded in (files.forum, files.members, files.agreements)] == [
        display_path(folder / name) for name in ("forum.yaml", "members.yaml", "agreements.yaml")
    ]
    assert files.attachments == expected_attachments
    # what the globs find here, spelled out
    assert [path.name for path in expected_paths] == [
        "..yaml",
        ".yaml",
        "2026-03-10.yaml",
        "2026-06-02.yaml",
        "navn.yaml",
        "2026-09-01.yml",
    ]
    assert expected_attachments == {
        ".yaml",
        "2026-11-03.YAML",
        "notat.",
        "dagsorden.pdf",
        "bilag/notat.docx",
        "bilag/under/data.xlsx",
        "bilag/under/.skjult",
    }
    if where == "meetings":
        assert files.meetings[2].display == "2026-03-10.yaml"
    assert all(not Path(loaded.display).is_absolute() for loaded in files.meetings)


def test_a_forum_without_meetings_has_none(tmp_path: Path) -> None:
    folder = tmp_path / "forums" / "tom"
    folder.mkdir(parents=True)
    files = load_forum(folder)
    assert files.meetings == []
    assert files.attachments == frozenset()
