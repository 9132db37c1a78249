"""Every code the tool can give is declared once, in the rules registry or the catalogue beside it: read
from the source (a new code written anywhere without being declared fails here), and seen in what
`validate` reports for broken repositories."""

from __future__ import annotations

import ast
import shutil
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from driftsforum_cli.diagnostics import Diagnostic, Severity
from driftsforum_cli.domain.rules import RULES, check_repository
from driftsforum_cli.domain.rules.catalogue import catalogue
from driftsforum_cli.domain.rules.registry import ERROR, WARNING, Code, Findings
from driftsforum_cli.loader import Loaded, load_file
from driftsforum_cli.models import Agreements, Forum, Meeting, Members
from driftsforum_cli.workspace import load_repository
from tests.helpers import REPO_ROOT

SOURCE = REPO_ROOT / "src" / "driftsforum_cli"
LOADER_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "loader"
TODAY = date(2026, 11, 22)

#: Functions that make a diagnostic, and the position of their code argument.
EMITTERS = {"error": 3, "warning": 3, "Diagnostic": 4, "problem": 1}
#: Where a code is passed on rather than written: (file, function) → how the codes reaching it are declared.
FORWARDERS = {
    ("diagnostics.py", "error"): "its callers are read",
    ("diagnostics.py", "warning"): "its callers are read",
    ("loader.py", "problem"): "its callers (self.problem) are read",
    ("loader.py", "validate_document"): "the codes come from messages.validation_message, whose returns are read",
    ("domain/rules/registry.py", "add"): "the code is the rule's own, declared with it in the registry",
}
#: The function that turns Pydantic's errors into (code, message).
MODEL_MESSAGES = ("messages.py", "validation_message")


def _function_of(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node → the name of the innermost function around it."""
    owner: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else name
            owner[child] = inner
            visit(child, inner)

    visit(tree, "")
    return owner


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def emitted_codes(source: str, file: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The codes written as literals where a diagnostic is made, and the (file, function) places that pass
    a code on without writing it."""
    tree = ast.parse(source)
    owner = _function_of(tree)
    codes: set[str] = set()
    forwarded: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _callee(node)) in EMITTERS:
            position = EMITTERS[name]
            given = [kw.value for kw in node.keywords if kw.arg == "code"]
            argument = node.args[position] if len(node.args) > position else (given[0] if given else None)
            if argument is None:
                continue
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                codes.add(argument.value)
            else:
                forwarded.add((file, owner.get(node, "")))
        if isinstance(node, ast.Return) and (file, owner.get(node, "")) == MODEL_MESSAGES:
            value = node.value
            assert isinstance(value, ast.Tuple), f"{file}: validation_message must return (code, message)"
            first = value.elts[0]
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"{file}:{node.lineno}: validation_message must return its code as a literal"
            )
            codes.add(first.value)
    return codes, forwarded


def _source_codes() -> tuple[set[str], set[tuple[str, str]]]:
    codes: set[str] = set()
    forwarded: set[tuple[str, str]] = set()
    for path in sorted(SOURCE.rglob("*.py")):
        file = path.relative_to(SOURCE).as_posix()
        found, passed_on = emitted_codes(path.read_text(encoding="utf-8"), file)
        codes |= found
        forwarded |= passed_on
    return codes, forwarded


def test_every_code_written_in_the_source_is_declared() -> None:
    codes, forwarded = _source_codes()
    declared = {code.code for code in catalogue()}
    assert codes - declared == set(), "declare the new code in domain/rules/catalogue.py (or make it a rule)"
    assert forwarded <= set(FORWARDERS), "a diagnostic made with a code that is not written where it is made"


def test_every_code_declared_outside_the_rules_is_given_somewhere() -> None:
    codes, _ = _source_codes()
    rule_codes = {rule.code for rule in RULES}
    outside = {code.code for code in catalogue()} - rule_codes
    assert outside - codes == set(), "a code in the catalogue that nothing gives any more"
    assert "file-name" in codes  # the layout gives a rule's code too (a meeting file ending in .yml)


def test_the_source_reading_sees_a_code_however_a_diagnostic_is_made() -> None:
    source = """
def check(file, mark, builder, severity):
    found = [error(file, 1, 1, "brand-new", "x"), warning(file, 1, 1, code="also-new", message="y")]
    found.append(Diagnostic(file, 1, 1, severity, "third-new", "z"))
    builder.problem(mark, "fourth-new", "w", ())
    found.append(error(file, 1, 1, severity.code, "passed on"))
    return found
"""
    codes, forwarded = emitted_codes(source, "new.py")
    assert codes == {"brand-new", "also-new", "third-new", "fourth-new"}
    assert forwarded == {("new.py", "check")}


def test_each_code_is_declared_once_with_a_severity_and_a_danish_summary() -> None:
    codes = catalogue()
    assert len({code.code for code in codes}) == len(codes)
    for code in codes:
        assert code.severities and set(code.severities) <= {ERROR, WARNING}, code.code
        assert code.summary and "\n" not in code.summary, code.code
    assert [rule.code for rule in RULES if rule.severities == (ERROR, WARNING)] == [
        "meetings-per-year",
        "joint-meeting",
        "unknown-reference",
    ]


def test_a_rule_reports_only_the_severities_it_declares() -> None:
    found: list[Diagnostic] = []
    loaded: Loaded[Forum] = Loaded(Path("forum.yaml"), "forum.yaml")
    out = Findings(Code("only-warns", (WARNING,), "en advarsel"), found)
    out.warning(loaded, ("id",), "besked")
    with pytest.raises(ValueError, match="does not declare the severity error"):
        out.error(loaded, ("id",), "besked")
    assert [(d.code, d.severity) for d in found] == [("only-warns", Severity.WARNING)]


def _assert_declared(found: list[Diagnostic]) -> set[str]:
    declared = {code.code: code for code in catalogue()}
    for diagnostic in found:
        assert diagnostic.code in declared, diagnostic
        assert diagnostic.severity in declared[diagnostic.code].severities, diagnostic
    return {diagnostic.code for diagnostic in found}


def test_what_the_loader_reports_for_broken_files_is_declared() -> None:
    kinds: dict[str, type[BaseModel]] = {
        "meeting": Meeting,
        "members": Members,
        "forum": Forum,
        "agreements": Agreements,
    }
    found: list[Diagnostic] = []
    for path in sorted(LOADER_FIXTURES.glob("*.yaml")):
        found += load_file(path, path.name, kinds[path.name.split("-")[0]]).diagnostics
    codes = _assert_declared(found)
    assert {"yaml-syntax", "duplicate-key", "unsafe-tag", "alias-limit", "unknown-key", "wrong-type"} <= codes


def test_a_broken_layout_gives_the_layout_codes(repo_copy: Path) -> None:
    meetings = repo_copy / "forums/nord/meetings"
    (meetings / "2027-03-09.yaml").rename(meetings / "2027-03-09.yml")
    config = repo_copy / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nforums_dir: forums\n" in text
    config.write_text(text.replace("\nforums_dir: forums\n", "\nforums_dir: ../andre\n"), encoding="utf-8")
    repo = load_repository(repo_copy)
    found = [*repo.diagnostics(), *check_repository(repo, TODAY)]
    assert "path-outside" in _assert_declared(found)
    assert any(d.code == "file-name" and d.file.endswith("2027-03-09.yml") for d in found)

    shutil.rmtree(repo_copy / "forums")
    config.write_text(text, encoding="utf-8")
    repo = load_repository(repo_copy)
    assert _assert_declared(repo.diagnostics()) == {"no-forums"}
