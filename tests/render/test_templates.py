"""Repository template overrides run in Jinja's sandbox: no command, no environment, no Python internals;
`validate` reports what it can see; a legitimate override still works."""

from __future__ import annotations

from pathlib import Path

import pytest

from driftsforum_cli.render.templates import md
from tests.helpers.cli import RunCli

SECRET = "hemmeligt-kodeord-42"

HOSTILE = {
    "self-init-globals": "{{ self.__init__.__globals__ }}",
    "cycler-popen": "{{ cycler.__init__.__globals__.os.popen('echo PWNED > pwned.txt').read() }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].environ['DRIFTSFORUM_SMTP_PASSWORD'] }}",
    "config": "{{ config.items() }}",
    "request": "{{ request.environ }}",
    "namespace": "{% set ns = namespace(x=1) %}{{ ns.__class__.__init__.__globals__ }}",
    "str-mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "getitem-dunder": "{{ ''['__class__']['__mro__'] }}",
    "attr-filter": "{{ ''|attr('__class__') }}",
    "joiner-globals": "{{ joiner.__init__.__globals__['os'].getenv('DRIFTSFORUM_SMTP_PASSWORD') }}",
    "format-string": "{{ '{0.__class__.__mro__}'.format('') }}",
    "mutate": "{% set d = {} %}{{ d.update({'a': 1}) }}",
    "include-outside": '{% include "../driftsforum.yaml" %}',
    "include-absolute": '{% include "/etc/passwd" %}',
}


def _override(repo: Path, name: str, body: str) -> Path:
    folder = repo / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("# Dagsorden\n" + body + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_override_cannot_run_a_command_or_read_the_environment(
    cli: RunCli, repo_copy: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    monkeypatch.setenv("DRIFTSFORUM_SMTP_PASSWORD", SECRET)
    _override(repo_copy, "agenda.md.j2", body)
    result = cli("agenda", "nord", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1, result.output
    assert "agenda.md.j2" in result.output
    assert "skabelonen" in result.output
    assert SECRET not in result.output
    assert "Traceback" not in result.output
    assert not (repo_copy / "pwned.txt").exists()


def test_validate_reports_what_a_hostile_override_uses(cli: RunCli, repo_copy: Path) -> None:
    _override(repo_copy, "agenda.md.j2", HOSTILE["cycler-popen"])
    _override(repo_copy, "minutes.md.j2", HOSTILE["config"])
    _override(repo_copy, "broken.md.j2", "{% for x in %}")
    _override(repo_copy, "climb.md.j2", '{% include "../driftsforum.yaml" %}')
    _override(repo_copy, "fine.md.j2", "{{ forum.name | md }} {{ meeting.date | long_date }}")
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1, result.output
    lines = result.output.splitlines()
    agenda = [line for line in lines if "agenda.md.j2:2:1" in line]
    assert any("template-unsafe" in line and "'__init__'" in line for line in agenda), result.output
    assert any("template-unsafe" in line and "'__globals__'" in line for line in agenda), result.output
    assert any("template-unsafe" in line and "'popen'" in line for line in agenda), result.output
    assert any("minutes.md.j2:2:1" in line and "'config'" in line for line in lines), result.output
    assert any("broken.md.j2:2:1" in line and "template-syntax" in line for line in lines), result.output
    assert any("climb.md.j2:2:1" in line and "skabelonmapperne" in line for line in lines), result.output
    assert not any("fine.md.j2" in line for line in lines), result.output


def test_every_bundled_template_passes_the_override_check(repo_copy: Path) -> None:
    """A secretary starts an override from a copy of the package's template: the copy must pass."""
    import shutil

    from driftsforum_cli.services.template_check import check_templates
    from driftsforum_cli.workspace import bundled_root

    shutil.copytree(bundled_root() / "templates", repo_copy / "templates")
    assert check_templates(repo_copy) == []


def test_a_legitimate_override_still_works(cli: RunCli, repo_copy: Path) -> None:
    _override(
        repo_copy,
        "agenda.md.j2",
        "Eget hoved for {{ forum.name | md }}, {{ meeting.date | full_date }}\n"
        "{% for item in doc.items %}- {{ item.number }}. {{ item.title | md }}\n{% endfor %}",
    )
    result = cli("agenda", "nord", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0, result.output
    assert "Eget hoved for Driftsforum Voksenpsykiatri – Klynge Nord, tirsdag den 24. november 2026" in result.stdout
    assert "- 1. " in result.stdout


def test_a_syntax_error_at_render_time_names_the_template(cli: RunCli, repo_copy: Path) -> None:
    _override(repo_copy, "agenda.md.j2", "{% if %}")
    result = cli("agenda", "nord", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1, result.output
    assert "skabelonen templates/agenda.md.j2 kan ikke oversættes (linje 2)" in result.output.replace("\\", "/")


@pytest.mark.parametrize(
    "text",
    [
        "Ældre borgere i Ålborg og Ærø – status på forløb (2026); 3 ud af 4, dvs. 75 % – se bilag.",
        "Kommunen, psykiatrien og almen praksis: 'Det indstilles, at …' \"citat\" – ja!",
        "Opfølgning på SA-01 og 1-01-72-30-17; kl. 13.00-15.00 (uge 48).",
    ],
)
def test_md_leaves_ordinary_danish_text_unchanged(text: str) -> None:
    assert md(text) == text


def test_md_escapes_what_markdown_would_act_on() -> None:
    assert md("a\n## 9. Falsk punkt") == "a ## 9. Falsk punkt"  # one line: no heading
    assert md("## 9. Falsk punkt") == "\\## 9. Falsk punkt"
    assert md("x | y") == "x \\| y"
    assert md("![](http://evil.example/pixel.png)") == "!\\[\\](http://evil.example/pixel.png)"
    assert md("<img src=x>") == "\\<img src=x>"
    assert md("*fed* og _kursiv_ og `kode`") == "\\*fed\\* og \\_kursiv\\_ og \\`kode\\`"
    assert md("første\n\n- liste\n> citat\n1. punkt", block=True) == "første\n\n\\- liste\n\\> citat\n1\\. punkt"
