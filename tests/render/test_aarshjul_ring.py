"""The årshjul as Plandisc draws it: the agreements on the wheel (a ring with one labelled segment per
agreement, around its meeting), full titles in the panel and the table, the joint meeting shown, deadline
ticks told apart by shape, a legend without what the year does not have, a word for a year without meetings,
and a PDF."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest

from driftsforum_cli.domain.aarshjul import Wheel
from driftsforum_cli.render.aarshjul import render_pdf, render_svg, render_table
from driftsforum_cli.render.pdf_structure import check
from tests.helpers import RunCli
from tests.helpers.wheels import bundled_wheel

SVG = "{http://www.w3.org/2000/svg}"


def _wheel(forum_id: str, year: int = 2026) -> Wheel:
    return bundled_wheel(forum_id, year)


def _svg(wheel: Wheel) -> ET.Element:
    return ET.fromstring(render_svg(wheel, None).split("?>", 1)[1])


def _texts(group: ET.Element) -> list[str]:
    return [element.text or "" for element in group.iter(f"{SVG}text")]


@pytest.mark.parametrize("forum_id", ["nord", "vest"])
def test_one_labelled_ring_segment_per_agreement(forum_id: str) -> None:
    wheel = _wheel(forum_id)
    root = _svg(wheel)
    ring = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "aftaler")
    segments = [g for g in ring.iter(f"{SVG}g") if g.get("class") == "aftale"]
    expected = [(a.id, item.meeting.date.isoformat(), a.title) for item in wheel.meetings for a in item.agreements]
    assert len(expected) == 4
    assert [(g.get("data-aftale"), g.get("data-moede")) for g in segments] == [(i, d) for i, d, _ in expected]
    for segment, (agreement_id, _, title) in zip(segments, expected, strict=True):
        assert _texts(segment) == [agreement_id]  # the label on the wheel
        tooltip = segment.find(f"{SVG}title")
        assert tooltip is not None and title in (tooltip.text or "")
        path = segment.find(f"{SVG}path")
        assert path is not None and path.get("d", "").count(" A ") == 2  # an arc of the ring, both edges


@pytest.mark.parametrize(("forum_id", "joint"), [("nord", 0), ("vest", 4)])
def test_the_joint_meeting_is_on_the_wheel_and_in_the_panel(forum_id: str, joint: int) -> None:
    wheel = _wheel(forum_id)
    root = _svg(wheel)
    marks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "faellesmoede"]
    assert len(marks) == joint
    for mark in marks:
        tooltip = mark.find(f"{SVG}title")
        assert tooltip is not None and tooltip.text == "Fællesmøde med Driftsforum Voksen Somatik kl. 15.00–16.00"
    panel = " ".join(_texts(next(g for g in root.iter(f"{SVG}g") if g.get("id") == "oversigt")))
    assert panel.count("Fællesmøde med Driftsforum Voksen Somatik") == joint
    table = render_table(wheel)
    assert table.count("Fællesmøde med Driftsforum Voksen Somatik kl. 15.00–16.00") == joint


@pytest.mark.parametrize("forum_id", ["nord", "vest"])
def test_titles_are_whole_in_the_panel_and_the_table(forum_id: str) -> None:
    wheel = _wheel(forum_id)
    panel_lines = _texts(next(g for g in _svg(wheel).iter(f"{SVG}g") if g.get("id") == "oversigt"))
    panel = re.sub(r"\s+", " ", " ".join(panel_lines))
    table = render_table(wheel)
    assert "…" not in panel and "…" not in table
    for item in wheel.meetings:
        for agreement in item.agreements:
            assert f"Aftale {agreement.id}: {agreement.title}" in panel
            assert f"{agreement.id}: {agreement.title}" in table
    assert all(len(line) <= 70 for line in panel_lines)


def test_deadline_ticks_differ_in_shape_not_only_length() -> None:
    root = _svg(_wheel("nord"))
    ticks = [g for g in next(g for g in root.iter(f"{SVG}g") if g.get("id") == "frister").iter(f"{SVG}g")]
    agenda = [g for g in ticks if "Dagsorden" in (g.findtext(f"{SVG}title") or "")]
    minutes = [g for g in ticks if "Referat" in (g.findtext(f"{SVG}title") or "")]
    assert len(agenda) == len(minutes) == 4
    for tick in agenda:
        line, dot = tick.find(f"{SVG}line"), tick.find(f"{SVG}circle")
        assert line is not None and dot is not None
        assert line.get("stroke-dasharray") is None and dot.get("fill") == "#1a1a1a"
    for tick in minutes:
        line, ring = tick.find(f"{SVG}line"), tick.find(f"{SVG}circle")
        assert line is not None and ring is not None
        assert line.get("stroke-dasharray") and ring.get("fill") == "#ffffff"


def _legend(wheel: Wheel) -> str:
    return " ".join(_texts(next(g for g in _svg(wheel).iter(f"{SVG}g") if g.get("id") == "forklaring")))


def test_the_legend_explains_only_what_is_drawn() -> None:
    with_evaluation = _wheel("nord", 2026)
    without = _wheel("nord", 2027)
    assert with_evaluation.evaluation is not None and without.evaluation is None
    assert "E: evaluering af samarbejdsformen" in _legend(with_evaluation)
    assert "evaluering" not in _legend(without)


def test_a_year_without_meetings_says_so() -> None:
    empty = _wheel("nord", 2031)
    assert empty.meetings == []
    assert "Ingen møder i 2031. Opret mødefilerne med 'driftsforum meeting new'." in render_table(empty)
    assert "Ingen møder i 2031." in _texts(_svg(empty))


def test_the_wheel_as_pdf() -> None:
    data = render_pdf(_wheel("vest"), None)
    assert check(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 1
        assert str(pdf.docinfo["/Title"]) == "Årshjul 2026 – Driftsforum Voksenpsykiatri – Klynge Vest"


@pytest.mark.parametrize("how", [("--format", "pdf"), ("-o", "hjul.pdf")])
def test_the_aarshjul_as_pdf(cli: RunCli, repo_copy: Path, how: tuple[str, str]) -> None:
    """The help promises a PDF: --format pdf (or -o *.pdf) gives one, with the wheel's title and its table."""
    import pypdf

    result = cli("aarshjul", "vest", "--year", "2026", *how, "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 0, result.output
    target = repo_copy / ("hjul.pdf" if how[0] == "-o" else "aarshjul-vest-2026.pdf")
    reader = pypdf.PdfReader(target)
    assert reader.metadata is not None
    assert str(reader.metadata["/Title"]) == "Årshjul 2026 – Driftsforum Voksenpsykiatri – Klynge Vest"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Møderne i 2026" in text and "Fællesmøde med Driftsforum Voksen Somatik" in text
