"""Models of files with errors, so that `validate` can check the rest of such a file in the same run.

A file whose values the data model rejects still has much that can be checked: its references, the
charter's rules, its history. `usable_models` makes a model of what is left: an invalid value whose field
has a default is left out; a required value that is wrong or missing is replaced by a stand-in. A rule's
finding could then be about the stand-in rather than the file, so there are several models, with different
stand-ins, and only what the rules find with all of them is reported (see `domain.rules.check_repository`).
"""

from __future__ import annotations

import copy
import types
from datetime import date, time
from enum import Enum
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from driftsforum_cli.messages import model_at

M = TypeVar("M", bound=BaseModel)
Loc = tuple[int | str, ...]

#: How many rounds of removing or replacing invalid values are tried before giving up.
_ROUNDS = 6


def usable_models(data: Any, model: type[M]) -> tuple[M, ...]:
    """() when nothing usable can be made (a whole list item is wrong); one model when leaving out invalid
    optional values was enough; otherwise a model for each stand-in for wrong required values (at least two,
    and every value of a choice: a finding is only about the file when the rules make it with all of them).
    Only keys are removed or replaced, never list items, so the positions of everything left stay right."""
    data = copy.deepcopy(data)
    stand_ins: dict[Loc, tuple[Any, ...]] = {}
    removed: set[Loc] = set()
    for _ in range(_ROUNDS):
        try:
            only = model.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        else:
            return (only,) if not stand_ins else _with_stand_ins(data, model, stand_ins)
        changed = False
        for err in errors:
            loc = tuple(err["loc"])
            target = _reachable(data, loc[:-1]) + loc[-1:] if err["type"] == "missing" else _reachable(data, loc)
            if target in stand_ins or (err["type"] == "missing" and len(target) != len(loc)):
                continue  # a check across fields that a stand-in fails, tried again below
            if not target or isinstance(target[-1], int):
                if stand_ins:
                    continue
                return ()  # a whole list item is wrong, or the file as a whole
            if err["type"] != "missing" and target not in removed:
                removed.add(target)
                _remove_key(data, target)
            elif (candidates := _stand_ins(model, target)) is not None:
                stand_ins[target] = candidates
                _put(data, target, candidates[0])
            else:
                return ()
            changed = True
        if not changed:
            return _with_stand_ins(data, model, stand_ins) if stand_ins else ()
    return ()


def _with_stand_ins(data: Any, model: type[M], stand_ins: dict[Loc, tuple[Any, ...]]) -> tuple[M, ...]:
    """A model for every stand-in that the model's checks across fields accept (at least two), or ()."""
    found: list[M] = []
    for index in range(max(len(candidates) for candidates in stand_ins.values())):
        for loc, candidates in stand_ins.items():
            _put(data, loc, candidates[min(index, len(candidates) - 1)])
        try:
            found.append(model.model_validate(data))
        except ValidationError:
            continue
    return tuple(found) if len(found) >= 2 else ()


def _stand_ins(model: type[BaseModel], loc: Loc) -> tuple[Any, ...] | None:
    owner = model_at(model, loc[:-1])
    key = loc[-1]
    if owner is None or not isinstance(key, str) or key not in owner.model_fields:
        return None
    return _for_type(owner.model_fields[key].annotation)


def _for_type(annotation: Any) -> tuple[Any, ...] | None:
    """Different values, written as the YAML text the models read, for a field of this type: from each end
    of its range, so that checks across fields (an end after the start) accept two of them."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None) and (pair := _for_type(arg)) is not None:
                return pair
        return None
    if origin is Literal:
        values = get_args(annotation)
        return tuple(str(value) for value in values) if len(values) > 1 else None
    if isinstance(annotation, type):
        if issubclass(annotation, date):
            return None  # a date orders the meetings and their histories: no stand-in is harmless
        if issubclass(annotation, Enum):
            members = [str(member.value) for member in annotation]
            return tuple(members) if len(members) > 1 else None
        for kind, pair in _SIMPLE:
            if issubclass(annotation, kind):
                return pair
    return None


_SIMPLE: tuple[tuple[type, tuple[Any, ...]], ...] = (
    (bool, ("false", "true")),
    (int, ("1", "2", "3")),
    (time, ("00:00", "23:59", "00:01", "23:58")),
    (str, ("x", "y")),
)


def _reachable(data: Any, loc: Loc) -> Loc:
    """The longest prefix of `loc` that points at a value in `data` (Pydantic adds union branch names)."""
    reached: list[str | int] = []
    current: Any = data
    for part in loc:
        key: Any = part  # a mapping's key or a list's index
        if (isinstance(current, dict) and key in current) or (
            isinstance(current, list) and isinstance(key, int) and 0 <= key < len(current)
        ):
            current = current[key]
        else:
            break
        reached.append(part)
    return tuple(reached)


def _parent(data: Any, loc: Loc) -> Any:
    parent: Any = data
    for part in loc[:-1]:
        parent = parent[part]
    return parent


def _remove_key(data: Any, loc: Loc) -> None:
    parent = _parent(data, loc)
    if isinstance(parent, dict):
        parent.pop(loc[-1], None)


def _put(data: Any, loc: Loc, value: Any) -> None:
    parent = _parent(data, loc)
    if isinstance(parent, dict):
        parent[loc[-1]] = copy.deepcopy(value)
