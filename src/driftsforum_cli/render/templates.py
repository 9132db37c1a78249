"""Jinja environment: the repository's own templates/ first, then the package's; StrictUndefined,
loaders confined to those folders (Jinja's FileSystemLoader refuses names that climb out).

Every template runs in Jinja's immutable sandbox: a template in the repository's templates/ is written by
whoever can edit the repository, so it may not reach Python internals (`__class__`, `__globals__`, `mro`),
the process' environment, `os` or files outside the template folders. What it tries is refused with a
Danish error naming the template (exit 1); `check_templates` lets `validate` report it before that.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from driftsforum_cli.errors import UserError
from driftsforum_cli.services.template_check import FORBIDDEN_NAMES
from driftsforum_cli.workspace import bundled_root, display_path

if TYPE_CHECKING:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

_MD_INLINE = re.compile(r"([\\`*_\[\]<|])")
_MD_LINE_START = re.compile(r"^([#>+=~-]|\d+[.)])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def yaml_str(value: object) -> str:
    """A value as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def md(value: object, block: bool = False) -> str:
    """A data value as Markdown text that stays text: characters Markdown acts on inline (`*`, `_`, `[`, `]`,
    `` ` ``, `<`, `|`, `\\`) are escaped, and so is a line that would start a heading, quote, list or rule.
    Without `block` the value is one line (line breaks become spaces), so it cannot end a heading, table
    row or list item; with `block` (free text in its own paragraph) its lines are kept, each escaped.
    Ordinary Danish text – letters, æøå, punctuation, dashes – comes out unchanged."""
    text = str(value)
    if not block:
        return _escape_line(_LINE_BREAKS.sub(" ", text).strip())
    return "\n".join(_escape_line(line.strip()) for line in text.splitlines()).strip()


def _escape_line(line: str) -> str:
    return _MD_LINE_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], _MD_INLINE.sub(r"\\\1", line))


def tidy_text(text: str, *, hard_breaks: bool = False) -> str:
    """Collapse the blank lines that conditional template blocks leave behind and strip trailing spaces;
    with `hard_breaks`, keep a line's two trailing spaces (a Markdown line break)."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line if hard_breaks and line.endswith("  ") else line.rstrip())
    return "\n".join(lines).strip() + "\n"


def template_environment(repo_root: Path | None, *, html: bool = False) -> jinja2.Environment:
    """One environment per folder and mode, so each template is compiled once per process."""
    return _environment(repo_root.resolve() if repo_root is not None else None, html)


def _template_folders(repo_root: Path | None) -> list[Path]:
    folders = []
    if repo_root is not None and (repo_root / "templates").is_dir():
        folders.append(repo_root / "templates")
    folders.append(bundled_root() / "templates")
    return folders


@cache
def _environment(repo_root: Path | None, html: bool) -> jinja2.Environment:
    import jinja2

    from driftsforum_cli import danish
    from driftsforum_cli.render.chart import chart_filter

    env = _sandbox_class()(
        loader=jinja2.FileSystemLoader([str(folder) for folder in _template_folders(repo_root)]),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Only plain functions of text and dates; Jinja's own globals (range, lipsum, dict, cycler, joiner,
    # namespace) stay, as the sandbox guards what they return.
    env.filters.update(
        yaml_str=yaml_str,
        md=md,
        full_date=danish.full_date,
        long_date=danish.long_date,
        short_date=danish.short_date,
        clock=danish.clock,
        week=danish.week,
        and_list=danish.and_list,
        plural=danish.plural,
    )
    env.filters["chart_svg"] = jinja2.pass_environment(chart_filter)
    return env


@cache
def _sandbox_class() -> type[ImmutableSandboxedEnvironment]:
    from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, whose errors name the template file in Danish (exit 1, not a crash)."""

        def getattr(self, obj: Any, attribute: str) -> Any:
            """`point.x` on a plain dict (the charts' geometry) is its item, as Jinja finds it after trying the
            attribute first – without raising and catching an AttributeError for every value drawn."""
            if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            return (
                not attr.startswith("_") and attr not in FORBIDDEN_NAMES and super().is_safe_attribute(obj, attr, value)
            )

        def handle_exception(self, source: str | None = None) -> NoReturn:
            exc = sys.exc_info()[1]
            if isinstance(exc, TemplateSyntaxError):
                where = _shown(exc.filename or exc.name or "?")
                raise UserError(
                    f"skabelonen {where} kan ikke oversættes (linje {exc.lineno}): {exc.message}; ret skabelonen"
                ) from None
            if isinstance(exc, SecurityError) or (isinstance(exc, TemplateError) and _override_frame(exc)):
                where = _shown(_template_in(exc) or "?")
                what = "bruger noget, en skabelon ikke må" if isinstance(exc, SecurityError) else "fejler"
                raise UserError(f"skabelonen {where} {what} ({_detail(exc)}); ret eller fjern skabelonen") from None
            super().handle_exception(source)

    return Sandbox


#: A dict's own attributes (`items`, `keys`, …): `d.items` stays the method, as in Jinja.
_DICT_ATTRIBUTES = frozenset(dir(dict))
_UNSAFE = re.compile(r"access to attribute '([^']*)' of '([^']*)' object is unsafe")
_UNDEFINED = re.compile(r"^'([^']*)' is undefined$|has no attribute '([^']*)'$")


def _detail(exc: BaseException) -> str:
    """Jinja's English explanation in Danish, where it is one of the usual ones."""
    from jinja2.exceptions import TemplateNotFound

    if isinstance(exc, TemplateNotFound):
        return f"skabelonen '{exc.name}' findes ikke i skabelonmapperne"
    text = str(exc)
    if match := _UNSAFE.search(text):
        return f"'{match[1]}' må ikke bruges i en skabelon"
    if match := _UNDEFINED.search(text):
        return f"'{match[1] or match[2]}' findes ikke i en skabelon"
    return text


def _template_in(exc: BaseException) -> str | None:
    """The file of the innermost template in `exc`'s traceback (None: not raised in a template)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            found = str(template.filename)
        tb = tb.tb_next
    return found


def _override_frame(exc: BaseException) -> bool:
    """Whether `exc` was raised in a template outside the package's own folder (a repository override)."""
    inner = _template_in(exc)
    return inner is not None and not Path(inner).is_relative_to(bundled_root() / "templates")


def _shown(filename: str) -> str:
    return display_path(Path(filename))
