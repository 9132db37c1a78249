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


def _styled_docx(path: Path, document: str, comments: str, styles: str | None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)
        archive.writestr("word/comments.xml", comments)
        if styles is not None:
            archive.writestr("word/styles.xml", styles)
    return path


def _para(text: str, style: str | None = None, anchor: str | None = None, outline: int | None = None) -> str:
    properties = ""
    if style or outline is not None:
        inner = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
        )
        properties = f"<w:pPr>{inner}</w:pPr>"
    if anchor is None:
        return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"
    return (
        f'<w:p>{properties}<w:commentRangeStart w:id="{anchor}"/><w:r><w:t>{text}</w:t></w:r>'
        f'<w:commentRangeEnd w:id="{anchor}"/></w:p>'
    )


SAME = "Driftsforum drøftede punktet og tog det til efterretning."


@pytest.mark.parametrize(
    ("styles", "heading", "title"),
    [
        # a Danish Word: the style id is 'Overskrift2', styles.xml names it 'heading 2'
        (
            f'<w:styles {W}><w:style w:type="paragraph" w:styleId="Overskrift2"><w:name w:val="heading 2"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/></w:style></w:styles>',
            "Overskrift2",
            "Overskrift1",
        ),
        # a house style with an outline level and no built-in name
        (
            f'<w:styles {W}><w:style w:type="paragraph" w:styleId="Punkt"><w:name w:val="Punkt"/>'
            '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Titel"/>'
            '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>',
            "Punkt",
            "Titel",
        ),
        (None, "Heading2", "Heading1"),  # no styles.xml: the English style ids python-docx writes
    ],
)
def test_each_remark_is_under_the_nearest_item_heading(
    tmp_path: Path, styles: str | None, heading: str, title: str
) -> None:
    body = "".join(
        [
            _para("Referat", title, anchor="1"),
            _para("Tid og sted: Hjørring"),
            _para("5. Opfølgning på medicinhåndtering", heading),
            _para(SAME, anchor="2"),
            _para("6.\tMødeplan 2027", heading),
            _para("Nummereret tekst", "Normal"),
            _para("1. Ikke et punkt", "ListParagraph"),  # a numbered paragraph that is not a heading
            '<w:commentRangeStart w:id="3"/>',  # Word put the start between the paragraphs
            _para(SAME),
            '<w:p><w:r><w:t>Stavet </w:t></w:r><w:ins w:id="9" w:author="X"><w:r><w:t>rigtigt</w:t></w:r></w:ins></w:p>',
            _para("7. Underpunkt", "Heading3", anchor="4"),
            _para("Aftalte handlinger", heading),  # a heading without a number: no item below it
            _para("Ingen", anchor="5"),
        ]
    )
    document = f'<w:document {W}><w:body>{body}<w:p><w:commentRangeEnd w:id="3"/></w:p></w:body></w:document>'
    comments = (
        f"<w:comments {W}>"
        + "".join(
            f'<w:comment w:id="{n}" w:author="A"><w:p><w:r><w:t>K{n}</w:t></w:r></w:p></w:comment>' for n in range(1, 6)
        )
        + "</w:comments>"
    )
    remarks = read_remarks(_styled_docx(tmp_path / "punkter.docx", document, comments, styles))
    assert [(r.kind, r.text, r.item, r.item_title) for r in remarks] == [
        ("comment", "K1", None, None),
        ("comment", "K2", 5, "Opfølgning på medicinhåndtering"),
        ("comment", "K3", 6, "Mødeplan 2027"),
        ("comment", "K4", 7, "Underpunkt"),  # a numbered heading of any level
        ("comment", "K5", None, None),
        ("insertion", "rigtigt", 6, "Mødeplan 2027"),
    ]
