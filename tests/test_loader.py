"""The loader: YAML text → located values → models, with every problem located and in Danish."""

from __future__ import annotations

import shutil
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from driftsforum_cli.loader import LoadError, load_file, parse_yaml
from driftsforum_cli.models import Agreements, Forum, Meeting, Members

FIXTURES = Path(__file__).parent / "fixtures" / "loader"
KINDS: dict[str, type[BaseModel]] = {"meeting": Meeting, "members": Members, "forum": Forum, "agreements": Agreements}
INVALID = sorted(path for path in FIXTURES.glob("*.yaml") if path.with_suffix(".expected").exists())


def _load(path: Path) -> tuple[BaseModel | None, list[tuple[int, int, str]], list[str]]:
    loaded = load_file(path, path.name, KINDS[path.name.split("-")[0]])
    found = [(d.line, d.column, d.code) for d in loaded.diagnostics]
    return loaded.model, found, [d.message for d in loaded.diagnostics]


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.stem)
def test_invalid_fixture_reports_expected_diagnostics(path: Path) -> None:
    expected = []
    for line in path.with_suffix(".expected").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            position, code = line.split()
            row, column = position.split(":")
            expected.append((int(row), int(column), code))
    model, found, messages = _load(path)
    assert model is None
    assert sorted(found) == sorted(expected)
    assert all(message.strip() for message in messages)


def test_plain_scalars_stay_text_until_the_model_decides() -> None:
    model, found, _ = _load(FIXTURES / "meeting-valid.yaml")
    assert found == []
    assert isinstance(model, Meeting)
    assert model.date == date(2026, 3, 10)
    assert model.start == clock(13, 0)  # not 780 (YAML 1.1 sexagesimal)
    assert model.end == clock(15, 30)  # Danish style 15.30
    assert model.place == "NO"  # not False (the Norway problem)
    assert model.agenda[0].title == "Yes"
    assert model.agenda[0].duration_minutes == 30
    assert model.agenda[0].closed is False  # 'nej'


def test_messages_are_danish_and_name_the_key() -> None:
    _, _, messages = _load(FIXTURES / "meeting-many-problems.yaml")
    assert "date: '2026-13-01' er ikke en gyldig dato: måned 13 findes ikke" in messages
    assert any("mente du 'ordinært'?" in message for message in messages)
    assert any(message.startswith("actions[1].due: '2026-04-31'") for message in messages)


def test_unknown_key_suggests_the_nearest_valid_key() -> None:
    _, _, messages = _load(FIXTURES / "meeting-unknown-key.yaml")
    assert "ukendt nøgle 'strat' – mente du 'start'?" in messages
    assert "agenda[1]: ukendt nøgle 'knid' – mente du 'kind'?" in messages


def test_object_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = Path("/tmp/driftsforum-pwned")
    marker.unlink(missing_ok=True)
    _, found, messages = _load(FIXTURES / "meeting-object-tag.yaml")
    assert (4, 8, "unsafe-tag") in found
    assert not marker.exists()
    assert "mærket '!!python/object/apply:os.system' er ikke tilladt" in messages[0]


def test_billion_laughs_is_refused_quickly() -> None:
    started = time.perf_counter()
    _, found, messages = _load(FIXTURES / "meeting-billion-laughs.yaml")
    elapsed = time.perf_counter() - started
    assert [code for _, _, code in found] == ["alias-limit"]
    assert "udfolder sig til over" in messages[0]
    assert elapsed < 1.0


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: &a [*a]\n", "x.yaml")
    assert caught.value.diagnostics[0].code == "alias-limit"


def test_small_aliases_are_allowed() -> None:
    document = parse_yaml("base: &base Hjørring\nplace: *base\n", "x.yaml")
    assert document.data == {"base": "Hjørring", "place": "Hjørring"}


def test_merge_keys_are_refused_with_a_located_message() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: &a {x: 1}\nb:\n  <<: *a\n", "x.yaml")
    problem = caught.value.diagnostics[0]
    assert (problem.line, problem.column, problem.code) == (3, 3, "merge-key")


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_bytes(b"date: 2026-03-10\nplace: Hj" + "ørring".encode("latin-1") + b"\n")
    loaded = load_file(path, "meeting.yaml", Meeting)
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(2, 10, "encoding")]


def test_missing_file_is_a_located_error(tmp_path: Path) -> None:
    loaded = load_file(tmp_path / "members.yaml", "members.yaml", Members)
    assert [d.code for d in loaded.diagnostics] == ["missing-file"]


def test_positions_are_kept_for_keys_and_values() -> None:
    document = parse_yaml("seats:\n  - id: plo\n    roles: [formand, medlem]\n", "m.yaml")
    assert document.source.value(("seats", 0, "id")).line == 2
    assert document.source.value(("seats", 0, "roles", 1)).column == 22
    assert document.source.key(("seats", 0, "roles")).column == 5
    # an unknown path falls back to its nearest known parent
    assert document.source.value(("seats", 0, "person", "name")).line == 2


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_only_ever_raises_our_own_error(text: str) -> None:
    try:
        document = parse_yaml(text, "fuzz.yaml")
    except LoadError as exc:
        assert exc.diagnostics
        assert all(d.line >= 1 and d.column >= 1 for d in exc.diagnostics)
    else:
        assert isinstance(document.data, dict)


YAMLISH = st.recursive(
    st.sampled_from(
        ["a", "b: c", "- x", "&a y", "*a", "!!str z", "{", "}", "[", "]", ":", "'", '"', "#", "13:00", "\t"]
    ),
    lambda children: st.lists(children, max_size=6).map(" ".join) | st.lists(children, max_size=6).map("\n  ".join),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_yaml_shaped_text_only_ever_raises_our_own_error(text: str) -> None:
    try:
        parse_yaml(text, "fuzz.yaml")
    except LoadError as exc:
        assert exc.diagnostics


def test_empty_and_null_plain_values_are_none_but_quoted_ones_are_text() -> None:
    document = parse_yaml("a:\nb: null\nc: ~\nd: ''\ne: 'null'\n", "x.yaml")
    assert document.data == {"a": None, "b": None, "c": None, "d": "", "e": "null"}


def test_typographic_quotes_get_a_hint() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("date: 2026-03-10\nplace: “Mødelokale: 2”\n", "x.yaml")
    problem = caught.value.diagnostics[0]
    assert (problem.line, problem.code) == (2, "yaml-syntax")
    assert "ikke “ ” fra tekstbehandling" in problem.message


def test_a_file_saved_by_notepad_with_crlf_and_bom_reads_like_any_other(tmp_path: Path) -> None:
    """Windows Notepad writes CRLF line endings and (often) a UTF-8 byte-order mark."""
    from driftsforum_cli.workspace import bundled_root, load_forum

    source = bundled_root() / "forums" / "nord"
    target = tmp_path / "nord"
    shutil.copytree(source, target)
    for path in target.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    original, notepad = load_forum(source), load_forum(target)
    for before, after in zip(original.all_files(), notepad.all_files(), strict=True):
        assert after.diagnostics == [] and before.model == after.model
    meeting = notepad.meetings[0]
    assert meeting.at(("place",)).line == original.meetings[0].at(("place",)).line
