"""Reading comments and tracked changes out of Word files (driftsforum_cli.word_comments), also files Word
did not write and files that are not Word documents at all."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from driftsforum_cli.word_comments import NotAWordFile, read_remarks

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path: Path, document: str, comments: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)
        if comments is not None:
            archive.writestr("word/comments.xml", comments)
    return path


def test_an_anchor_over_two_paragraphs_and_a_table_and_a_reply(tmp_path: Path) -> None:
    document = f"""<w:document {W}><w:body>
      <w:p><w:r><w:t xml:space="preserve">Første </w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:t>afsnit</w:t></w:r></w:p>
      <w:tbl><w:tr><w:tc><w:p><w:r><w:t>i</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>tabellen</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
      <w:p><w:r><w:t>Andet</w:t></w:r><w:commentRangeEnd w:id="7"/>
        <w:r><w:commentReference w:id="7"/></w:r><w:r><w:commentReference w:id="8"/></w:r></w:p>
      <w:p><w:pPr><w:rPr><w:ins w:id="9" w:author="X" w:date="2026-11-27T00:00:00Z"/></w:rPr></w:pPr>
        <w:r><w:t>Kun formatering ændret.</w:t></w:r></w:p>
    </w:body></w:document>"""
    comments = f"""<w:comments {W}>
      <w:comment w:id="7" w:author="Anne Eksempel" w:initials="AE" w:date="2026-11-27T09:00:00Z">
        <w:p><w:r><w:t>Første linje.</w:t></w:r></w:p><w:p><w:r><w:t>Anden linje.</w:t></w:r></w:p></w:comment>
      <w:comment w:id="8" w:author="Jette Eksempel" w:date="2026-13-45T09:00:00Z"><w:p><w:r><w:t>Svar: enig.</w:t></w:r></w:p></w:comment>
      <w:comment w:id="9" w:author="Tom"><w:p/></w:comment>
    </w:comments>"""
    remarks = read_remarks(_docx(tmp_path / "a.docx", document, comments))
    assert [(r.kind, r.author, r.initials, r.written, r.text, r.passage) for r in remarks] == [
        (
            "comment",
            "Anne Eksempel",
            "AE",
            remarks[0].written,
            "Første linje.\nAnden linje.",
            "afsnit i tabellen Andet",
        ),
        ("comment", "Jette Eksempel", None, None, "Svar: enig.", None),  # a reply has no range; a bad date is none
    ]
    assert remarks[0].written is not None and remarks[0].written.isoformat() == "2026-11-27"


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    document = f"""<?xml version="1.0"?>
    <!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>
    <w:document {W}><w:body><w:p><w:ins w:id="1" w:author="X"><w:r><w:t>&secret;&a;</w:t></w:r></w:ins></w:p></w:body></w:document>"""
    remarks = read_remarks(_docx(tmp_path / "e.docx", document))
    assert all("root:" not in remark.text for remark in remarks)


def test_a_part_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import driftsforum_cli.word_comments as word

    monkeypatch.setattr(word, "MAX_PART", 100)
    path = _docx(tmp_path / "stor.docx", f"<w:document {W}><w:body>{'<w:p/>' * 50}</w:body></w:document>")
    with pytest.raises(NotAWordFile, match="er for stor til at være et referat"):
        read_remarks(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), xml=st.text(max_size=300))
def test_any_file_is_read_or_refused_in_danish(tmp_path: Path, data: bytes, xml: str) -> None:
    raw = tmp_path / "raw.docx"
    raw.write_bytes(data)
    zipped = _docx(tmp_path / "zipped.docx", xml, xml)
    for path in (raw, zipped):
        try:
            read_remarks(path)
        except NotAWordFile as exc:
            assert path.name in exc.message
