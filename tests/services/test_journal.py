"""The journal package (`driftsforum journal`): PDF/A and DOCX of the agenda and minutes, and metadata valid
against schemas/journal.schema.json (jsonschema). The e-mail as sent: tests/services/test_journal_email.py."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pikepdf
import pytest

from tests.helpers import RunCli
from tests.helpers.docx import headings, read_docx
from tests.helpers.journal import valid_metadata

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def test_held_meeting_without_sendings(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "journal"
    result = cli("journal", "nord", "2026-06-09", "-o", str(out), "--today", "2026-11-30", cwd=repo_copy)
    assert result.code == 0, result.output
    names = sorted(path.name for path in out.iterdir() if not path.name.startswith("."))
    stems = ["dagsorden-nord-2026-06-09", "referat-nord-2026-06-09"]
    assert names == sorted(f"{stem}{suffix}" for stem in stems for suffix in (".docx", ".json", ".pdf"))
    assert "Referatet er ikke sendt med 'driftsforum send'" in result.stdout
    minutes = json.loads((out / "referat-nord-2026-06-09.json").read_text(encoding="utf-8"))
    valid_metadata(minutes)
    assert minutes["title"] == "Referat fra mødet i Driftsforum Voksenpsykiatri – Klynge Nord den 9. juni 2026"
    assert (minutes["status"], minutes["date_sent"], minutes["document_date"]) == (
        "revideret",
        "2026-06-16",
        "2026-06-24",
    )
    agenda = json.loads((out / "dagsorden-nord-2026-06-09.json").read_text(encoding="utf-8"))
    valid_metadata(agenda)
    assert (agenda["status"], agenda["approved"], agenda["emails"]) == ("udsendt", None, [])
    for stem in stems:
        with pikepdf.open(out / f"{stem}.pdf") as pdf, pdf.open_metadata() as xmp:
            assert (xmp[f"{PDFAID}part"], xmp[f"{PDFAID}conformance"]) == ("2", "A")
        assert headings(read_docx((out / f"{stem}.docx").read_bytes()))[0][0] == 1
    files = {entry["name"]: entry["sha256"] for entry in minutes["files"]}
    assert set(files) == {"referat-nord-2026-06-09.pdf", "referat-nord-2026-06-09.docx"}
    again = cli("journal", "nord", "2026-06-09", "-o", str(out), "--today", "2026-11-30", cwd=repo_copy)
    assert "6 filer, heraf 0 skrevet nu" in again.stdout  # the same package, byte for byte


def test_a_cancelled_meeting_and_an_unknown_meeting_are_refused(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    meeting = repo_copy / "forums/nord/meetings/2027-06-08.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "cancelled: true\n", encoding="utf-8")
    result = cli("journal", "nord", "2027-06-08", "-o", str(tmp_path / "j"), "--today", "2027-01-10", cwd=repo_copy)
    assert result.code == 1 and "er aflyst" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "j").exists()
    result = cli("journal", "nord", "2027-06-01", "-o", str(tmp_path / "j"), "--today", "2027-01-10", cwd=repo_copy)
    assert result.code == 1 and "Traceback" not in result.output


def test_a_changed_file_in_the_package_is_not_overwritten(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "journal"
    args = ("journal", "nord", "2026-09-08", "-o", str(out), "--today", "2026-11-30")
    assert cli(*args, cwd=repo_copy).code == 0
    (out / "referat-nord-2026-09-08.json").write_text("{}", encoding="utf-8")
    refused = cli(*args, cwd=repo_copy)
    assert refused.code == 1 and "intet er overskrevet" in refused.stderr
    assert cli(*args, "--force", cwd=repo_copy).code == 0
    valid_metadata(json.loads((out / "referat-nord-2026-09-08.json").read_text(encoding="utf-8")))


def test_case_numbers_from_the_models_go_into_the_metadata() -> None:
    """Case numbers (the journal-number work) are read wherever the models carry them: a mapping or entries."""
    from dataclasses import dataclass

    from driftsforum_cli.services.journal import case_numbers

    @dataclass
    class Entry:
        organisation: str
        number: str

    @dataclass
    class Owner:
        case_numbers: object

    assert case_numbers(Owner({"Region Nordjylland": "2026-012345", "Hjørring Kommune": ""})) == {
        "Region Nordjylland": "2026-012345"
    }
    assert case_numbers(Owner([Entry("Hjørring Kommune", "00.01.00-A00-1-26")])) == {
        "Hjørring Kommune": "00.01.00-A00-1-26"
    }
    assert case_numbers(object()) == {}


def test_case_numbers_and_organisations_in_a_valid_package(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """With case numbers on the meeting and an item (as the journal-number models carry them), the
    metadata has them and still follows the schema."""
    from types import SimpleNamespace

    from driftsforum_cli.services.journal import organisations

    forum = SimpleNamespace(
        journal=SimpleNamespace(organisations=[SimpleNamespace(id="region", name="Region Nordjylland")])
    )
    assert organisations(forum) == {"region": "Region Nordjylland"}
    assert organisations(object()) == {}
    out = tmp_path / "j"
    assert cli("journal", "nord", "2026-09-08", "-o", str(out), "--today", "2026-11-30", cwd=repo_copy).code == 0
    metadata = json.loads((out / "referat-nord-2026-09-08.json").read_text(encoding="utf-8"))
    metadata["organisations"] = {"region": "Region Nordjylland", "hjoerring": "Hjørring Kommune"}
    metadata["case_numbers"]["meeting"] = {"region": "1-01-72-30-17", "hjoerring": "29.09.00-A00-1-26"}
    metadata["items"] = [{"title": "Udskrivningsaftaler", "case_numbers": {"region": "1-01-72-30-18"}}]
    valid_metadata(metadata)
    metadata["case_numbers"]["meeting"] = {"region": ""}
    with pytest.raises(jsonschema.ValidationError):
        valid_metadata(metadata)
