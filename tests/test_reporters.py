"""The reporters shared by `validate` and `privacy-check`: text, JSON and GitHub annotations, escaping included."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from driftsforum_cli.diagnostics import error, warning
from driftsforum_cli.domain.privacy import Acceptance, Finding, Note, PrivacyReport
from driftsforum_cli.reporters import (
    REPORTER_BY_NAME,
    GithubReporter,
    JsonReporter,
    ReportFormat,
    TextReporter,
    escape_data,
    escape_property,
    reporter,
)

ODD_FILE = "forums/nord, gammel/møde:2026.yaml"
DIAGNOSTICS = [
    warning("forums/nord/forum.yaml", 3, 1, "meetings-per-year", "2027 har 3 ordinære møder"),
    error(ODD_FILE, 7, 13, "invalid-value", "100% forkert:\nlinje to\r\nslut"),
]
CPR = Finding(
    "forums/nord/meetings/2026-09-08.yaml",
    40,
    31,
    True,
    "cpr",
    "070761-xxxx",
    "punkt 6, beslutning",
    "'070761-xxxx' ligner et CPR-nummer",
)
ACCEPTED = Finding(
    ODD_FILE,
    12,
    5,
    False,
    "phone",
    "20 30 40 50",
    "punkt 2, resumé",
    "telefonnummeret '20 30 40 50' tilhører ikke et medlem",
    Acceptance("20 30 40 50", "plo", "Karen Eksempel", "Sekretariatets nummer", date(2026, 9, 20), 50, 9),
)
NOTE = Note(ODD_FILE, 52, 9, "det accepterede fund '20%' findes ikke\nmere")
PRIVACY = PrivacyReport(findings=[CPR, ACCEPTED], notes=[NOTE], texts=177, files=17)


def _output(reporter_class: type[TextReporter | JsonReporter | GithubReporter], privacy: bool = False) -> str:
    stream = io.StringIO()
    chosen = reporter_class(stream)
    if privacy:
        chosen.privacy(PRIVACY)
    else:
        chosen.diagnostics(DIAGNOSTICS, files=25, forums=2)
    return stream.getvalue()


def test_one_registry_of_formats() -> None:
    assert list(REPORTER_BY_NAME) == [fmt.value for fmt in ReportFormat] == ["text", "json", "github"]
    assert isinstance(reporter("github"), GithubReporter)
    with pytest.raises(KeyError):
        reporter("xml")


def test_github_escaping_of_data_and_properties() -> None:
    assert escape_data("100%\r\nnæste: a, b") == "100%25%0D%0Anæste: a, b"
    assert escape_property("forums/nord, gammel/møde:2026.yaml") == "forums/nord%2C gammel/møde%3A2026.yaml"
    assert escape_property("50%:\n") == "50%25%3A%0A"


def test_text_diagnostics() -> None:
    assert _output(TextReporter) == (
        f"{ODD_FILE}:7:13: fejl [invalid-value] 100% forkert:\nlinje to\r\nslut\n"
        "forums/nord/forum.yaml:3:1: advarsel [meetings-per-year] 2027 har 3 ordinære møder\n"
        "Fandt 1 fejl og 1 advarsel i 25 filer i 2 fora.\n"
    )
    stream = io.StringIO()
    TextReporter(stream).diagnostics([], files=1, forums=1)
    assert stream.getvalue() == "Ingen fejl: 1 fil i 1 forum er gennemgået.\n"


def test_coloured_text_keeps_the_words() -> None:
    stream = io.StringIO()
    TextReporter(stream, color=True).diagnostics(DIAGNOSTICS[:1], files=25, forums=2)
    shown = stream.getvalue()
    assert "\x1b[" in shown
    assert "[meetings-per-year]" in shown and "Fandt 1 advarsel i 25 filer i 2 fora." in shown


def test_github_diagnostics() -> None:
    assert _output(GithubReporter).split("\n") == [
        "::error file=forums/nord%2C gammel/møde%3A2026.yaml,line=7,col=13,title=invalid-value::"
        "100%25 forkert:%0Alinje to%0D%0Aslut",
        "::warning file=forums/nord/forum.yaml,line=3,col=1,title=meetings-per-year::2027 har 3 ordinære møder",
        "Fandt 1 fejl og 1 advarsel i 25 filer i 2 fora.",
        "",
    ]


def test_json_diagnostics() -> None:
    payload = json.loads(_output(JsonReporter))
    assert payload["files"] == 25 and payload["errors"] == 1 and payload["warnings"] == 1
    assert payload["diagnostics"][0] == {
        "file": ODD_FILE,
        "line": 7,
        "column": 13,
        "severity": "error",
        "code": "invalid-value",
        "message": "100% forkert:\nlinje to\r\nslut",
    }
    assert [d["file"] for d in payload["diagnostics"]] == [ODD_FILE, "forums/nord/forum.yaml"]  # in file order


def test_text_privacy() -> None:
    assert _output(TextReporter, privacy=True).splitlines() == [
        f"{CPR.file}:40:31: fund [privacy-cpr] punkt 6, beslutning: '070761-xxxx' ligner et CPR-nummer",
        f"{ODD_FILE}:12:5: accepteret [privacy-phone] punkt 2, resumé: '20 30 40 50' er accepteret af Karen Eksempel "
        "(plo) den 20. september 2026: Sekretariatets nummer",
        f"{ODD_FILE}:52:9: advarsel [privacy-acceptance] det accepterede fund '20%' findes ikke",
        "mere",
        "Privatlivskontrol: 1 åbent fund og 1 accepteret fund i 177 tekster fra 17 filer.",
    ]
    stream = io.StringIO()
    TextReporter(stream).privacy(PrivacyReport(texts=1, files=1))
    assert stream.getvalue() == "Privatlivskontrol: ingen fund i 1 tekst fra 1 fil.\n"


def test_github_privacy() -> None:
    odd = "file=forums/nord%2C gammel/møde%3A2026.yaml"
    assert _output(GithubReporter, privacy=True).split("\n")[:-1] == [
        f"::error file={CPR.file},line=40,col=31,title=privacy-cpr::punkt 6, beslutning: "
        "'070761-xxxx' ligner et CPR-nummer",
        f"::notice {odd},line=12,col=5,title=privacy-phone::punkt 2, resumé: '20 30 40 50' er accepteret af "
        "Karen Eksempel (plo) den 20. september 2026: Sekretariatets nummer",
        f"::warning {odd},line=52,col=9,title=privacy-acceptance::det accepterede fund '20%25' findes ikke%0Amere",
        "Privatlivskontrol: 1 åbent fund og 1 accepteret fund i 177 tekster fra 17 filer.",
    ]


def test_json_privacy() -> None:
    payload = json.loads(_output(JsonReporter, privacy=True))
    assert (payload["texts"], payload["files"], payload["open"], payload["accepted"]) == (177, 17, 1, 1)
    assert payload["findings"][0]["status"] == "åben" and payload["findings"][0]["accepted"] is None
    assert payload["findings"][1]["accepted"] == {
        "by": "plo",
        "name": "Karen Eksempel",
        "reason": "Sekretariatets nummer",
        "on": "2026-09-20",
    }
    assert payload["notes"] == [{"file": ODD_FILE, "line": 52, "column": 9, "message": NOTE.message}]


def test_written_to_standard_output_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    reporter("text").privacy(PrivacyReport())
    assert capsys.readouterr().out == "Privatlivskontrol: ingen fund i 0 tekster fra 0 filer.\n"
