"""The README stays true: every command and every option is documented there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from driftsforum_cli.cli import app
from driftsforum_cli.domain.rules.catalogue import README_BEGIN, catalogue, with_readme_table
from tests.helpers import REPO_ROOT, RunCli

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, Any]:
    group: Any = typer.main.get_command(app)
    found: dict[str, Any] = {}

    def walk(command: Any, prefix: str) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            found[f"{prefix} {name}"] = sub
            walk(sub, f"{prefix} {name}")

    walk(group, "driftsforum")
    return {"driftsforum": group, **found}


def test_every_command_is_in_the_readme() -> None:
    # named in running text (`driftsforum validate …`) or used in an example block
    missing = [
        name
        for name in _commands()
        if name != "driftsforum" and not re.search(rf"(`|^){re.escape(name)}(\s|`|$)", README, re.MULTILINE)
    ]
    assert missing == []


def test_every_option_is_in_the_readme() -> None:
    missing = []
    for name, command in _commands().items():
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("-") and option not in ("-h", "--help") and option not in README:
                    missing.append(f"{name} {option}")
    assert missing == []


def test_readme_quick_start_is_the_two_make_commands() -> None:
    assert "make demo" in README
    assert "make test" in README
    assert "make test" in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_table_of_codes_is_the_rules_registry() -> None:
    assert with_readme_table(README) == README, "run: python scripts/readme_codes.py"
    table = README[README.index(README_BEGIN) :]
    assert all(f"| `{code.code}` |" in table for code in catalogue())


#: README examples that cannot run here: they need an SMTP server or a Windows path.
_NOT_RUN = ("--send", "C:\\")


#: The README's walkthrough of a whole meeting: its lines run on their own collection (test below).
WALKTHROUGH = "## Et helt møde med kommandoer"


def _section(heading: str) -> str:
    start = README.index(f"\n{heading}\n")
    end = README.find("\n## ", start + len(heading) + 2)
    return README[start : end if end != -1 else len(README)]


def _readme_examples(text: str = README) -> list[list[str]]:
    import shlex

    examples = []
    for line in text.splitlines():
        if not line.startswith("driftsforum ") or any(marker in line for marker in _NOT_RUN):
            continue
        examples.append(shlex.split(line.split("  #", 1)[0])[1:])
    return examples


def test_every_command_the_readme_shows_runs_as_shown(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """In README order, on a copy of the bundled forums, on the day the examples were written for."""
    walkthrough = _readme_examples(_section(WALKTHROUGH))
    examples = [args for args in _readme_examples(README.replace(_section(WALKTHROUGH), ""))]
    assert len(examples) >= 12 and walkthrough and not any(args in examples for args in walkthrough)
    for args in examples:
        args = [str(tmp_path / "www") if arg.startswith("/srv/") else arg for arg in args]
        if "--today" not in args and args[0] not in ("schema", "init"):
            args += ["--today", "2026-12-01"]
        result = cli(*args, cwd=repo_copy)
        assert result.code == 0, f"driftsforum {' '.join(args)}\n{result.output}"


def _walkthrough_files(folder: Path) -> None:
    """The two files the walkthrough takes from the secretary: a PDF to attach, and the draft minutes back from
    PLO's member with a comment made in Word."""
    import pypdf

    from tests.helpers.word import WordComment, member_docx

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Tjekliste ved udskrivning"})
    with (folder / "tjekliste.pdf").open("wb") as out:
        writer.write(out)
    draft = "## 5. Udskrivning fra psykiatrien til kommunen\n\nBeslutning: Driftsforum godkendte tjeklisten.\n"
    comment = WordComment(
        "godkendte tjeklisten",
        "PLO vil også udbrede tjeklisten til de praktiserende læger.",
        "Eksempel Praktiserende Læge",
        "EPL",
        "2026-02-20T10:15:00Z",
    )
    member_docx(folder / "referat-plo.docx", draft, [comment])


def test_the_whole_meeting_in_the_readme_runs_from_top_to_bottom(cli: RunCli, tmp_path: Path) -> None:
    """The walkthrough, line by line in its order, from an empty folder; then what the secretary would look at."""
    import json

    import yaml

    work = tmp_path / "arbejde"
    work.mkdir()
    _walkthrough_files(work)
    examples = _readme_examples(_section(WALKTHROUGH))
    assert examples[0][0] == "init"
    for args in examples:
        assert "--today" in args, f"every step of the walkthrough says its day: {args}"
        result = cli(*args, cwd=work)
        assert result.code == 0, f"driftsforum {' '.join(args)}\n{result.output}"
        assert "Traceback" not in result.output
    steps = {" ".join(args[2:4]) for args in examples if args[0] == "--repo"}
    for step in ("meeting plan", "agenda add", "agenda move", "agenda attach", "send agenda", "agenda mark-sent",
                 "minutes attendance", "minutes decision", "action add", "send minutes", "minutes mark-sent",
                 "minutes import-comments", "minutes respond", "minutes mark-revised", "action close"):  # fmt: skip
        assert step in steps, step
    assert any("--send" in line for line in _section(WALKTHROUGH).splitlines() if line.startswith("driftsforum "))

    repo = work / "mit-forum"
    meeting = yaml.safe_load((repo / "forums/nord/meetings/2026-02-10.yaml").read_text(encoding="utf-8"))
    assert meeting["agenda_sent"].isoformat() == "2026-01-27"
    assert meeting["attendance"]["absent"] == ["laesoe-afdelingsleder"]
    assert "plo" in meeting["attendance"]["present"]
    assert meeting["attendance"]["minute_taker"] == "sekretariat-kommunerne"
    assert meeting["attendance"]["substitutes"] == [
        {"seat": "laesoe-afdelingsleder", "name": "Kirsten Eksempel", "title": "Teamleder, socialområdet"}
    ]
    assert [item["title"] for item in meeting["agenda"]] == [
        "Erfaringer med fælles medicinlister",
        "Udskrivning fra psykiatrien til kommunen",
    ]
    assert [item["duration_minutes"] for item in meeting["agenda"]] == [20, 30]
    assert meeting["agenda"][1]["decision"] == "Driftsforum godkendte tjeklisten."
    assert meeting["agenda"][1]["attachments"] == ["2026-02-10/tjekliste.pdf"]
    assert (repo / "forums/nord/meetings/2026-02-10/tjekliste.pdf").is_file()
    assert meeting["minutes"]["standard_items"]["approve_agenda"] == "Dagsordenen blev godkendt."
    assert [action["id"] for action in meeting["actions"]] == ["nord-2026-1-a1"]
    minutes = meeting["minutes"]
    assert minutes["sent"].isoformat() == "2026-02-17" and minutes["revised_sent"].isoformat() == "2026-02-25"
    comments = minutes["comments"]
    assert [c["by"] for c in comments] == ["plo", "hjoerring-afdelingsleder"]
    assert comments[0]["passage"] == "godkendte tjeklisten" and all(c.get("response") for c in comments)
    may = yaml.safe_load((repo / "forums/nord/meetings/2026-05-12.yaml").read_text(encoding="utf-8"))
    assert may["closes_actions"] == ["nord-2026-1-a1"]
    # one draft per member for each sending, named after it, so none replaces another's
    drafts = sorted(path.name for path in (work / "udbakke").glob("*.eml"))
    for sending in ("dagsorden", "referat", "revideret-referat"):
        assert len([name for name in drafts if name.startswith(f"nord-2026-02-10-{sending}-0")]) == 9, drafts
    assert len(drafts) == 27

    # the approved minutes are on the published site, without the comments
    pages = [
        p for p in (work / "hjemmeside").rglob("*.html") if "Driftsforum godkendte tjeklisten." in p.read_text("utf-8")
    ]
    assert pages, "the approved minutes are on the site"
    assert all("PLO vil også udbrede" not in page.read_text("utf-8") for page in pages)
    assert [page.relative_to(work / "hjemmeside").as_posix() for page in pages] == ["nord/2026-02-10.html"]
    import pypdf

    pdf = pypdf.PdfReader(work / "hjemmeside/nord/2026-02-10-referat.pdf")
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Driftsforum godkendte tjeklisten." in text and "UDKAST" not in text

    # and the collection is valid on the real date: warnings only (the placeholders init left); Læsø was there
    check = cli("--repo", str(repo), "validate", "--format", "json", "--today", "2026-12-01", cwd=work)
    assert check.code == 0, check.output
    severities = {d["code"]: d["severity"] for d in json.loads(check.stdout)["diagnostics"]}
    assert "error" not in severities.values(), severities
    assert "decision-without-party" not in severities and severities.get("placeholder") == "warning"
