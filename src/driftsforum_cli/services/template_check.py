"""`validate`'s check of the repository's own templates (templates/), which run in Jinja's sandbox
(render.templates): each compiles, and uses none of what the sandbox refuses, as far as can be seen without
running it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from driftsforum_cli.diagnostics import Diagnostic, error
from driftsforum_cli.workspace import bundled_root, display_path

#: Names a template may not use, as a variable or an attribute: the way to the process, its environment and
#: Python itself (names starting with '_' are refused as well). No context the tool gives has them.
FORBIDDEN_NAMES = frozenset({"os", "sys", "environ", "getenv", "popen", "system", "subprocess", "import",
                              "builtins", "globals", "locals", "vars", "eval", "exec", "compile", "open",
                              "mro", "func_globals", "gi_frame", "f_globals", "config", "request"})  # fmt: skip


def check_templates(repo_root: Path) -> list[Diagnostic]:
    """`validate`: every template in the repository's own templates/ compiles, and uses none of what the sandbox
    refuses (names starting with '_', the process, its environment, Python's own machinery), nor includes a
    template by a path that climbs out of the template folders. What is computed at run time is refused then."""
    folder = repo_root / "templates"
    if not folder.is_dir() or folder.resolve() == (bundled_root() / "templates").resolve():
        return []
    import jinja2
    from jinja2 import nodes
    from jinja2.exceptions import TemplateSyntaxError

    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)  # parsing only: nothing runs here
    found: list[Diagnostic] = []
    for path in sorted(folder.rglob("*.j2")):
        shown = display_path(path)
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except TemplateSyntaxError as exc:
            found.append(
                error(shown, exc.lineno, 1, "template-syntax", f"skabelonen kan ikke oversættes: {exc.message}")
            )
            continue
        except (OSError, UnicodeDecodeError):
            found.append(error(shown, 1, 1, "template-syntax", "skabelonen kan ikke læses som UTF-8-tekst"))
            continue
        for node in tree.find_all(
            (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
        ):
            problem = _refused(node)
            if problem:
                found.append(error(shown, node.lineno, 1, "template-unsafe", problem))
    return found


def _refused(node: Any) -> str | None:
    """Why the sandbox refuses `node`, seen without running it (None: nothing seen)."""
    from jinja2 import nodes

    name: str | None = None
    if isinstance(node, nodes.Name):
        name = node.name
    elif isinstance(node, nodes.Getattr):
        name = node.attr
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        name = node.arg.value
    elif isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
        target = node.template
        value = target.value if isinstance(target, nodes.Const) else None
        if isinstance(value, str) and (value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/")):
            return f"'{value}' peger ud af skabelonmapperne; en skabelon kan kun hente skabeloner derfra"
        return None
    if name is None:
        return None
    if name.startswith("_"):
        return f"'{name}' er en del af Python selv, som en skabelon ikke må bruge (navne, der begynder med _)"
    if name.lower() in FORBIDDEN_NAMES:
        return f"'{name}' giver adgang til programmet, miljøet eller filerne, som en skabelon ikke må bruge"
    return None
