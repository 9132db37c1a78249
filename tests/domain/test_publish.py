"""Which meetings reach the website and what their pages may show."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from driftsforum_cli.domain.publish import AD_HOC_NAME, SitePlan, plan_site
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.workspace import load_repository
from tests.helpers.publishing import add_publishing_cases

TODAY = date(2026, 11, 22)


def plan(repo: Path, today: date = TODAY, **options: object) -> SitePlan:
    loaded = load_repository(repo)
    assert loaded.config.model is not None
    assert [d for d in loaded.diagnostics() if d.severity.value == "error"] == []
    return plan_site(loaded, WorkCalendar(loaded.config.model.closures), today, **options)  # type: ignore[arg-type]


def test_pages_for_sent_agendas_and_approved_minutes_only(repo_copy: Path) -> None:
    site = plan(repo_copy)
    pages = {page.path: page for page in site.pages()}
    assert sorted(pages) == [
        "nord/2026-03-10.html",
        "nord/2026-06-09.html",
        "nord/2026-09-08.html",
        "nord/2026-11-24.html",
        "vest/2026-03-12.html",
        "vest/2026-06-11.html",
        "vest/2026-09-10.html",
        "vest/2026-12-03.html",
    ]
    approved = pages["nord/2026-09-08.html"]
    assert approved.minutes is not None and approved.minutes.minutes.status == "godkendt"
    assert approved.document is approved.minutes
    assert [name for _, name in approved.pdfs()] == ["2026-09-08-referat.pdf", "2026-09-08-dagsorden.pdf"]
    upcoming = pages["nord/2026-11-24.html"]
    assert upcoming.minutes is None and upcoming.agenda is not None
    assert upcoming.document is upcoming.agenda


def test_draft_minutes_are_never_planned(repo_copy: Path) -> None:
    # On 20 September the minutes of 8 September are sent, but the deadline for comments has not passed.
    site = plan(repo_copy, date(2026, 9, 20))
    page = next(page for page in site.pages() if page.path == "nord/2026-09-08.html")
    assert page.minutes is None
    assert page.agenda is not None
    assert all(item.decision is None for item in page.agenda.items)
    decisions = [e for e in page.exposures if e.loc[-1:] == ("decision",)]
    assert decisions == []
    # Before its agenda is sent, a meeting has no page at all.
    assert "nord/2026-11-24.html" not in [page.path for page in site.pages()]


def test_documents_are_as_approved_and_as_sent(repo_copy: Path) -> None:
    site = plan(repo_copy)
    page = next(page for page in site.pages() if page.path == "nord/2026-09-08.html")
    assert page.minutes is not None and page.agenda is not None
    assert page.minutes.today == page.minutes.minutes.approved == date(2026, 9, 23)
    assert page.agenda.today == date(2026, 8, 25)
    # The same page a year later is the same page.
    later = next(p for p in plan(repo_copy, date(2027, 11, 22)).pages() if p.path == page.path)
    assert later.minutes == page.minutes


def test_closed_items_ad_hoc_names_comments_and_attachments(repo_copy: Path) -> None:
    add_publishing_cases(repo_copy)
    page = next(page for page in plan(repo_copy).pages() if page.path == "nord/2026-06-09.html")
    doc = page.document
    own = [item for item in doc.items if item.standard is None]
    hidden, shown_title, open_item = own[-3:]
    assert hidden.closed and hidden.title == ""
    assert (hidden.background, hidden.decision, hidden.presenter, hidden.attachments) == (None, None, None, [])
    assert shown_title.closed and shown_title.title == "Kvalitetsaftale for akutpladser"
    assert shown_title.decision is None
    assert open_item.attachments == ["bilag/tjekliste for udskrivning.pdf"]
    assert list(page.attachments) == ["bilag/tjekliste for udskrivning.pdf"]
    attachment = page.attachments["bilag/tjekliste for udskrivning.pdf"]
    assert attachment.target == "nord/bilag/bilag/tjekliste for udskrivning.pdf"
    assert attachment.href == "bilag/bilag/tjekliste%20for%20udskrivning.pdf"
    assert [(guest.name, guest.organisation) for guest in doc.ad_hoc] == [
        (AD_HOC_NAME, "Thisted Kommune"),
        (AD_HOC_NAME, None),
    ]
    assert doc.minutes.comments == []
    texts = " ".join(exposure.text for exposure in page.exposures)
    for secret in ("Hemmelig", "navngiven borger", "Lukket beslutning", "Ulla", "Viggo", "intern.pdf", "lukket.pdf"):
        assert secret not in texts
    for public in (
        "Kvalitetsaftale for akutpladser",
        "Thisted Kommune",
        "Bedre Psykiatri",
        "tjekliste for udskrivning",
    ):
        assert public in texts


def test_public_attachment_of_a_closed_item_is_noted_not_published(repo_copy: Path) -> None:
    add_publishing_cases(repo_copy)
    site = plan(repo_copy)
    assert any("bilag/lukket.pdf" in note and "offentliggøres ikke" in note for note in site.notes)


def test_exposures_point_into_the_files(repo_copy: Path) -> None:
    site = plan(repo_copy)
    exposures = site.all_exposures()
    assert len({exposure.key for exposure in exposures}) == len(exposures)
    decision = next(e for e in exposures if e.text.startswith("Driftsforum tiltrådte indstillingen. Sekretariatet"))
    assert decision.loaded.display.endswith("2026-09-08.yaml")
    assert decision.loc == ("agenda", 2, "decision")
    assert decision.label == "punkt 7, beslutning"
    assert decision.loaded.at(decision.loc).line > 1
    files = {Path(exposure.loaded.display).name for exposure in exposures}
    assert {"driftsforum.yaml", "forum.yaml", "members.yaml", "agreements.yaml"} <= files
    # Comments to the minutes and the ad hoc participants' e-mail addresses are not published.
    assert not any("comments" in exposure.loc for exposure in exposures)


def test_forum_without_public_minutes_and_cancelled_meetings(repo_copy: Path) -> None:
    forum = repo_copy / "forums" / "vest" / "forum.yaml"
    forum.write_text(
        forum.read_text(encoding="utf-8").replace("minutes_public: true", "minutes_public: false"), encoding="utf-8"
    )
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-03-10.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("kind: ordinært\n", "kind: ordinært\ncancelled: true\n", 1),
        encoding="utf-8",
    )
    site = plan(repo_copy, date(2026, 11, 22))
    assert [forum.id for forum in site.forums] == ["nord"]
    assert any("minutes_public: false" in note for note in site.notes)
    # The cancelled meeting's agenda was sent, so its page stays and shows the cancellation notice, no PDF.
    page = next(page for page in site.pages() if page.path == "nord/2026-03-10.html")
    assert page.minutes is None and page.pdfs() == []
    assert page.document.cancellation is not None and page.document.title == "Aflysning"


def test_only_and_everything(repo_copy: Path) -> None:
    assert [forum.id for forum in plan(repo_copy, only={"vest"}).forums] == ["vest"]
    everything = plan(repo_copy, date(2026, 1, 1), everything=True)
    assert len(list(everything.pages())) == 16  # every meeting, as if sent and approved
    assert len(list(plan(repo_copy, date(2026, 1, 1)).pages())) == 0


def test_years_newest_first(repo_copy: Path) -> None:
    forum = plan(repo_copy, date(2027, 12, 31), everything=True).forums[0]
    years = forum.years()
    assert [year for year, _ in years] == [2027, 2026]
    assert [page.date for page in years[1][1]] == sorted((page.date for page in years[1][1]), reverse=True)
