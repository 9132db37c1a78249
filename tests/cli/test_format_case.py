"""--format PDF, ICS, JSON… as Windows shows file types: every --format choice is accepted in any case, and the
help keeps listing the choices in lower case."""

from __future__ import annotations

from pathlib import Path

import pytest

from driftsforum_cli.cli.app import click_command
from tests.helpers import RunCli

TODAY = ("--today", "2026-12-01")

#: One invocation per command with --format, the format in upper case; a file name for those written to a file.
UPPER_CASE = {
    "agreement dossier": (["agreement", "dossier", "SA-03", "--format", "HTML"], None),
    "agenda render": (["agenda", "render", "vest", "2026-12-03", "--format", "HTML"], None),
    "minutes render": (["minutes", "render", "nord", "2026-11-24", "--format", "MD"], None),
    "decisions": (["decisions", "--format", "CSV"], None),
    "data": (["data", "vest", "genindl-30", "--format", "CSV"], None),
    "privacy-check": (["privacy-check", "--format", "JSON"], None),
    "evaluation": (["evaluation", "nord", "--format", "Md"], None),
    "status-report": (["status-report", "nord", "--format", "PDF"], "status.pdf"),
    "actions": (["actions", "nord", "--format", "JSON"], None),
    "aarshjul": (["aarshjul", "nord", "--format", "SVG"], None),
    "due": (["due", "--format", "JSON"], None),
    "calendar": (["calendar", "--format", "ICS"], "møder.ics"),
    "validate": (["validate", "--format", "JSON"], None),
}


def _commands_with_format() -> set[str]:
    found: set[str] = set()
    pending: list[tuple[tuple[str, ...], object]] = [((), click_command())]
    while pending:
        path, command = pending.pop()
        if any("--format" in param.opts for param in getattr(command, "params", [])):
            found.add(" ".join(path))
        pending.extend(((*path, name), sub) for name, sub in getattr(command, "commands", {}).items())
    return found


def test_every_command_with_format_is_tried_in_upper_case() -> None:
    assert _commands_with_format() == set(UPPER_CASE)


@pytest.mark.parametrize("command", sorted(UPPER_CASE))
def test_format_is_accepted_in_upper_case(cli: RunCli, repo_copy: Path, tmp_path: Path, command: str) -> None:
    args, output = UPPER_CASE[command]
    written = ["-o", str(tmp_path / output)] if output else []
    result = cli("--repo", str(repo_copy), *args, *written, *TODAY)
    assert result.code in (0, 1), result.output  # 1: validate/privacy findings in the bundled forums, not usage
    assert "--format" not in result.stderr, result.stderr
    if output:
        assert (tmp_path / output).stat().st_size > 0


@pytest.mark.parametrize(
    ("command", "choices"),
    [("calendar", "<table|json|csv|ics>"), ("agenda render", "<md|html|pdf|docx>"), ("validate", "<text|json|github>")],
)
def test_help_lists_the_choices_in_lower_case(cli: RunCli, command: str, choices: str) -> None:
    assert f"--format {choices}" in cli(*command.split(), "--help").stdout


def test_pdf_variant_is_accepted_as_the_standards_write_it() -> None:
    from driftsforum_cli.cli.formats import _parse_variant

    assert _parse_variant("PDF/A-2a") == "pdf/a-2a"
    assert _parse_variant("PDF/UA-1") == "pdf/ua-1"


@pytest.mark.parametrize(
    ("fmt", "name"), [("docx", "dagsorden.pdf"), ("pdf", "dagsorden.docx"), ("html", "dagsorden.md"), ("PDF", "x.HTML")]
)
def test_an_output_name_for_another_format_is_a_usage_error(
    cli: RunCli, repo_copy: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    target = tmp_path / name
    result = cli("--repo", str(repo_copy), "agenda", "render", "vest", "2026-12-03", "--format", fmt, "-o", str(target),
                 *TODAY)  # fmt: skip
    assert result.code == 2, result.output
    suffix = Path(name).suffix
    assert f"Fejl: -o {target} ender på {suffix}, men --format er {fmt.lower()}; ret den ene" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(("name", "start"), [("dagsorden.docx", b"PK"), ("dagsorden.PDF", b"%PDF"), ("d.html", b"<!")])
def test_without_format_the_output_name_chooses_it(cli: RunCli, repo_copy: Path, tmp_path: Path, name: str,
                                                   start: bytes) -> None:  # fmt: skip
    target = tmp_path / name
    result = cli("--repo", str(repo_copy), "agenda", "render", "vest", "2026-12-03", "-o", str(target), *TODAY)
    assert result.code == 0, result.output
    assert target.read_bytes().lstrip().upper().startswith(start.upper())


def test_a_matching_or_unknown_output_name_is_written(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    for fmt, name in (("docx", "dagsorden.docx"), ("md", "dagsorden.txt")):
        target = tmp_path / name
        result = cli("--repo", str(repo_copy), "agenda", "render", "vest", "2026-12-03", "--format", fmt,
                     "-o", str(target), *TODAY)  # fmt: skip
        assert result.code == 0, result.output
        assert target.stat().st_size > 0
