"""Journal (case) numbers on the documents: printed as "Sagsnr.", in the PDF's metadata, and never taken for
personal data by the privacy check."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pikepdf
import pypdf
from hypothesis import given, settings
from hypothesis import strategies as st

from driftsforum_cli.domain.journal_numbers import FORMATS
from driftsforum_cli.domain.privacy import Known, scan_text
from tests.helpers import REPO_ROOT, RunCli

#: The real numbers of the three formats, as the case systems print them (domain.md).
REAL_NUMBERS = [
    "1-01-72-30-17",
    "29.09.00-A00-1-26",
    "2026-012345",
    "00.00.00-A01-100000-00",  # found by hypothesis: 'A01-100000-00' read as the CPR number 011000-0000
]


def _render(cli: RunCli, *args: str) -> str:
    result = cli(*args, "--today", "2026-11-30", cwd=REPO_ROOT)
    assert result.code == 0, result.output
    return result.stdout


def test_the_agenda_prints_the_meeting_and_item_numbers_in_markdown_and_html(cli: RunCli) -> None:
    markdown = _render(cli, "agenda", "nord", "2026-11-24")
    assert "**Sagsnr.:** Region Nordjylland 1-01-72-30-17; Hjørring Kommune 29.09.00-A00-1-26  \n" in markdown
    assert "\nSagsnr.: Region Nordjylland 1-01-72-46-26\n\n" in markdown
    assert markdown.count("Sagsnr.") == 2
    page = _render(cli, "agenda", "nord", "2026-11-24", "--format", "html")
    assert (
        '<dt>Sagsnr.</dt>\n<dd>Region Nordjylland <span class="case-number">1-01-72-30-17</span>; Hjørring Kommune '
        '<span class="case-number">29.09.00-A00-1-26</span></dd>'
    ) in page
    assert '<p class="item-meta">Sagsnr.: Region Nordjylland <span class="case-number">1-01-72-46-26</span></p>' in page


def test_the_minutes_inherit_the_forums_numbers(cli: RunCli) -> None:
    minutes = _render(cli, "minutes", "vest", "2026-09-10")
    assert "**Sagsnr.:** Region Nordjylland 1-01-72-31-17; Thisted Kommune 2026-012345  \n" in minutes
    assert "Sagsnr.: Region Nordjylland" not in minutes.split("**Sagsnr.:**")[1]  # no item has its own


def test_the_pdf_carries_the_numbers_in_its_keywords_and_xmp(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "dagsorden.pdf"
    result = cli("agenda", "vest", "2026-12-03", "--format", "pdf", "-o", str(target), "--today", "2026-11-30")
    assert result.code == 0, result.output
    info = pypdf.PdfReader(target).metadata
    assert info is not None
    keywords = str(info["/Keywords"]).split(", ")
    assert keywords == [
        "Sagsnr. Region Nordjylland: 1-01-72-31-17",
        "Sagsnr. Thisted Kommune: 2026-012345",
        "Sagsnr. Region Nordjylland: 1-01-72-47-26 (Evaluering af samarbejdsformen)",
        "Sagsnr. Thisted Kommune: 2026-014502 (Evaluering af samarbejdsformen)",
    ]
    with pikepdf.open(target) as pdf:
        assert pdf.open_metadata().get("pdf:Keywords") == str(info["/Keywords"])
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "Thisted Kommune 2026-012345" in text


def _visible(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _personal(text: str) -> list[str]:
    """What the privacy check would take for personal data in `text` (CPR and phone numbers)."""
    return [f"{hit.kind}: {hit.text}" for hit in scan_text(text, Known(), []) if hit.kind in ("cpr", "phone")]


def test_documents_with_real_journal_numbers_pass_the_privacy_check(cli: RunCli, repo_copy: Path) -> None:
    """Real numbers of every format (Nord: regional and KLE, Vest: regional and year-serial) on the forum, the
    meeting and the items, rendered in the agenda and the minutes as md and html, and the texts run through the
    privacy check: nothing is personal data."""
    meeting = repo_copy / "forums/nord/meetings/2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("agenda:\n", "case_numbers:\n  hjoerring: 29.09.00-A00-3-26\nagenda:\n", 1)
    text = text.replace("    kind: drøftelse\n", "    kind: drøftelse\n    case_numbers: {region: 1-16-02-93-21}\n")
    meeting.write_text(text, encoding="utf-8")
    check = cli("validate", "--today", "2026-11-30", cwd=repo_copy)
    assert check.code == 0 and "case-number" not in check.output, check.output
    rendered = 0
    for forum_id, day in [
        ("nord", "2026-09-08"),
        ("nord", "2026-11-24"),
        ("vest", "2026-09-10"),
        ("vest", "2026-12-03"),
    ]:
        for kind in ("agenda", "minutes"):
            for fmt in ("md", "html"):
                result = cli(kind, forum_id, day, "--format", fmt, "--today", "2026-11-30", cwd=repo_copy)
                assert result.code == 0, result.output
                text = result.stdout if fmt == "md" else _visible(result.stdout)
                assert "Sagsnr." in text
                assert _personal(text) == [], (forum_id, day, kind, fmt)
                rendered += 1
    assert rendered == 16
    for number in REAL_NUMBERS:
        assert _personal(f"Sagsnr.: Region Nordjylland {number}  \n") == []


_NUMBERS = st.one_of(
    st.builds(
        "{}-{:02}-{:02}-{}-{:02}".format,
        st.integers(1, 9),
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99999),
        st.integers(0, 99),
    ),
    st.builds(
        "{:02}.{:02}.{:02}-{}{:02}-{}-{:02}".format,
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99),
        st.sampled_from("ABCDEGKP"),
        st.integers(0, 99),
        st.integers(1, 999999),
        st.integers(0, 99),
    ),
    st.builds("{}-{:06}".format, st.integers(1990, 2099), st.integers(0, 999999)),
)


@settings(max_examples=400, deadline=None)
@given(first=_NUMBERS, second=_NUMBERS)
def test_no_journal_number_is_taken_for_a_cpr_or_phone_number(first: str, second: str) -> None:
    """Numbers of the three formats, as the documents print them (header, item line, html, PDF keywords)."""
    for number in (first, second):
        assert any(pattern.fullmatch(number) for pattern, _ in FORMATS.values()), number
    for text in (
        f"**Sagsnr.:** Region Nordjylland {first}; Hjørring Kommune {second}  \n",
        f"Sagsnr.: Region Nordjylland {first}\n\n",
        f'<dd>Region Nordjylland <span class="case-number">{first}</span>; Thisted Kommune {second}</dd>',
        f"Sagsnr. Region Nordjylland: {first}, Sagsnr. Hjørring Kommune: {second}",
    ):
        assert _personal(_visible(text)) == [], text


def test_the_website_shows_the_numbers_and_the_privacy_check_reads_them(cli: RunCli, repo_copy: Path) -> None:
    """The published minutes carry their numbers; a closed item's number stays off the site; every number the
    site shows is a text the privacy check reads (and passes)."""
    meeting = repo_copy / "forums/vest/meetings/2026-09-10.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("agenda:\n", "case_numbers:\n  thisted: 2026-011204\nagenda:\n", 1)
    text = text.replace(
        "    kind: orientering\n", "    kind: orientering\n    case_numbers: {region: 1-16-02-93-21}\n", 1
    )
    text = text.replace(
        "    kind: drøftelse\n",
        "    kind: drøftelse\n    closed: true\n    case_numbers: {region: 1-30-72-260-19}\n",
        1,
    )
    meeting.write_text(text, encoding="utf-8")
    check = cli("privacy-check", "--today", "2026-12-01", cwd=repo_copy)
    assert check.code == 0, check.output
    from driftsforum_cli.domain.publish import plan_site
    from driftsforum_cli.workspace import load_repository

    repo = load_repository(repo_copy)
    exposures = plan_site(repo, repo.calendar, date(2026, 12, 1)).all_exposures()
    numbers = sorted(
        (e.label, e.text) for e in exposures if "sagsnummer" in e.label and "2026-09-10" in e.loaded.display
    )
    assert numbers == [("mødets sagsnummer", "2026-011204"), ("punkt 6, sagsnummer", "1-16-02-93-21")]
    assert ("forummets sagsnummer", "2026-012345") in {(e.label, e.text) for e in exposures}
    site = repo_copy / "site"
    published = cli("publish", "-o", str(site), "--forum", "vest", "--today", "2026-12-01", cwd=repo_copy)
    assert published.code == 0, published.output
    page = (site / "vest/2026-09-10.html").read_text(encoding="utf-8")
    assert '<dd>Region Nordjylland <span class="case-number">1-01-72-31-17</span>; Thisted Kommune' in page
    assert '<span class="case-number">2026-011204</span>' in page
    assert '<span class="case-number">1-16-02-93-21</span>' in page
    assert "1-30-72-260-19" not in page
    info = pypdf.PdfReader(site / "vest/2026-09-10-referat.pdf").metadata
    assert info is not None
    assert str(info["/Keywords"]).split(", ")[:2] == [
        "Sagsnr. Region Nordjylland: 1-01-72-31-17",
        "Sagsnr. Thisted Kommune: 2026-011204",
    ]
    assert "1-30-72-260-19" not in str(info["/Keywords"])


def test_the_docx_carries_the_same_keywords_as_the_pdf(cli: RunCli, tmp_path: Path) -> None:
    """Word's document properties hold the case numbers as the PDF's do, for the case systems to read."""
    import docx

    pdf, word = tmp_path / "dagsorden.pdf", tmp_path / "dagsorden.docx"
    for target in (pdf, word):
        result = cli("agenda", "vest", "2026-12-03", "-o", str(target), "--today", "2026-11-30")
        assert result.code == 0, result.output
    info = pypdf.PdfReader(pdf).metadata
    assert info is not None
    keywords = docx.Document(str(word)).core_properties.keywords
    assert keywords == str(info["/Keywords"]) and "Sagsnr. Thisted Kommune: 2026-012345" in keywords
