"""The sandbox's quick way to a plain dict's items (render/templates.py) finds what Jinja finds."""

from __future__ import annotations

import jinja2
import pytest

from driftsforum_cli.errors import UserError
from driftsforum_cli.render.templates import template_environment


@pytest.mark.parametrize(
    ("source", "context", "expected"),
    [
        ("{{ d.x }}", {"d": {"x": 1.5}}, "1.5"),
        ("{{ d.items is callable }}", {"d": {"items": "ting"}}, "True"),  # a dict's method wins, as in Jinja
        ("{{ d['items'] }}", {"d": {"items": "ting"}}, "ting"),
        ("{{ d.x.y }}", {"d": {"x": {"y": "<b>"}}}, "&lt;b&gt;"),
    ],
)
def test_a_dicts_items_as_jinja_finds_them(source: str, context: dict[str, object], expected: str) -> None:
    env = template_environment(None, html=True)
    assert env.from_string(source).render(context) == expected
    plain = jinja2.Environment(autoescape=True)
    assert plain.from_string(source).render(context) == expected


def test_a_missing_key_is_still_undefined() -> None:
    env = template_environment(None, html=True)
    with pytest.raises(UserError, match="'y' findes ikke"):
        env.from_string("{{ d.y }}").render(d={"x": 1})


def test_a_dict_subclass_goes_the_usual_way() -> None:
    class Special(dict[str, object]):
        @property
        def x(self) -> str:
            return "egenskab"

    env = template_environment(None, html=True)
    assert env.from_string("{{ d.x }}").render(d=Special(x="punkt")) == "egenskab"
