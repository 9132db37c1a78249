"""The loader's fast paths give what the straightforward way gives: the composer with table-driven tag
resolution builds the same nodes as PyYAML's CBaseLoader, plain values built in place equal the file's
values, and the source map worked out on first use puts every value where libyaml found it."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from driftsforum_cli.loader import LoadError, Loc, _compose, parse_yaml


def _shape(node: yaml.Node | None, seen: set[int] | None = None) -> Any:
    """Everything about a node graph that the loader reads, as plain data (aliases shown once)."""
    if node is None:
        return None
    seen = set() if seen is None else seen
    where = (node.start_mark.line, node.start_mark.column)
    if id(node) in seen:
        return ("alias", where)
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, where)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, where, [_shape(item, seen) for item in node.value])
    return ("map", node.tag, where, [(_shape(k, seen), _shape(v, seen)) for k, v in node.value])


def _stock(text: str) -> Any:
    try:
        return _shape(yaml.compose(text, Loader=yaml.CBaseLoader))
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))
    except RecursionError:
        return ("error", "RecursionError")


def _ours(text: str) -> Any:
    try:
        return _shape(_compose(text))
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))
    except RecursionError:
        return ("error", "RecursionError")


YAMLISH = st.recursive(
    st.sampled_from(
        ["a", "b: c", "- x", "&a y", "*a", "!!str z", "!x w", "! v", "{", "}", "[", "]", ":", "'", '"', "#", "~", "|"]
    ),
    lambda children: st.lists(children, max_size=6).map(" ".join) | st.lists(children, max_size=6).map("\n  ".join),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(YAMLISH, st.text()))
def test_the_composer_builds_the_same_nodes_as_pyyaml_base_loader(text: str) -> None:
    assert _ours(text) == _stock(text)


# Text that YAML writes and reads back unchanged (no control characters or line separators).
TEXT = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
KEYS = st.text(TEXT, min_size=1, max_size=8).filter(lambda key: key.strip() == key and key != "<<")
VALUES = st.recursive(
    st.none()
    | st.text(TEXT, max_size=12)
    | st.sampled_from(["null", "~", "", "13:00", "2026-03-10", "ja", "Hjørring"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=25,
)


def _locs(value: Any, loc: Loc = ()) -> list[Loc]:
    found = [loc]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _locs(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _locs(item, (*loc, index))
    return found


def _stock_positions(text: str) -> tuple[dict[Loc, tuple[int, int]], dict[Loc, tuple[int, int]]]:
    """Where each value and key starts, read off PyYAML's own node graph."""
    values: dict[Loc, tuple[int, int]] = {}
    keys: dict[Loc, tuple[int, int]] = {}

    def walk(node: yaml.Node, loc: Loc) -> None:
        values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*loc, index))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                keys[(*loc, key_node.value)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                walk(value_node, (*loc, key_node.value))

    root = yaml.compose(text, Loader=yaml.CBaseLoader)
    assert root is not None
    walk(root, ())
    return values, keys


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=5), st.sampled_from([False, None]))
def test_values_and_positions_match_pyyaml(data: dict[str, Any], flow: bool | None) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    document = parse_yaml(text, "x.yaml")
    assert document.data == data
    values, keys = _stock_positions(text)
    for loc in _locs(data):
        mark = document.source.value(loc)
        assert (mark.line, mark.column) == values[loc]
        key = document.source.key(loc)
        assert (key.line, key.column) == keys.get(loc, values[loc])  # a list item's 'key' is its value


def test_positions_of_a_file_with_problems_are_those_of_the_values_that_were_read() -> None:
    text = "a: 1\nb: !!python/name:os.system x\nc:\n  - d\n  - e: f\na: 2\n"
    try:
        parse_yaml(text, "x.yaml")
    except LoadError as exc:
        assert [(d.line, d.column, d.code) for d in exc.diagnostics] == [(2, 4, "unsafe-tag"), (6, 1, "duplicate-key")]
        document = exc.document  # type: ignore[attr-defined]
    else:
        raise AssertionError("the file has problems")
    assert document.data == {"a": "1", "b": None, "c": ["d", {"e": "f"}]}
    source = document.source
    assert [(source.value(loc).line, source.value(loc).column) for loc in [("a",), ("b",), ("c", 1, "e")]] == [
        (1, 4),
        (2, 4),
        (5, 8),
    ]
    assert (source.key(("c", 1, "e")).line, source.key(("c", 1, "e")).column) == (5, 5)
    assert ("a",) in source.keys and source.keys[("a",)].line == 1  # the first 'a', not the duplicate
