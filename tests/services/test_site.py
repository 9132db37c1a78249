"""The site writer without the command line: what it decides, writes, keeps and removes, and sites written by the
previous version."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.files import MANIFEST, checksum
from driftsforum_cli.render.site import work_count
from driftsforum_cli.services.gate import Blocked, UnknownForum
from driftsforum_cli.services.site import (
    LEGACY_PDF_SOURCES,
    SITE_RECORD,
    EditedFiles,
    OutputRefused,
    PrivacyBlocked,
    SiteRecord,
    prepare,
    publish,
    write_site,
)
from tests.helpers import REAL_DATE

TODAY = date(2026, 11, 22)
#: Forum vest on this day: one meeting page with its minutes and its agenda as PDF (cheap to render).
EARLY = date(2026, 4, 30)  # looking back: the real date (REAL_DATE) is later
MEETING = "forums/nord/meetings/2026-09-08.yaml"
DECISION = "    decision: Driftsforum tog orienteringen til efterretning.\n"


def _plant(repo: Path, decision: str) -> None:
    path = repo / MEETING
    text = path.read_text(encoding="utf-8")
    assert DECISION in text
    path.write_text(text.replace(DECISION, f"    decision: {decision}\n", 1), encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _record(site: Path) -> dict[str, object]:
    loaded = json.loads((site / SITE_RECORD).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_prepare_plans_and_checks_without_writing(repo_copy: Path) -> None:
    publication = prepare(repo_copy, TODAY)
    assert [forum.id for forum in publication.plan.forums] == ["nord", "vest"]
    assert len(list(publication.plan.pages())) == 8
    assert publication.privacy.findings == [] and publication.privacy.texts > 100
    assert publication.notes == []
    assert sorted(p.name for p in repo_copy.iterdir()) == ["driftsforum.yaml", "forums", "schemas"]


def test_the_gate_and_an_unknown_forum(repo_copy: Path) -> None:
    with pytest.raises(UnknownForum, match="forummet 'syd' findes ikke i samlingen"):
        prepare(repo_copy, TODAY, "syd")
    path = repo_copy / MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("start: 13:00", "start: 25:00", 1), encoding="utf-8")
    with pytest.raises(Blocked, match="før noget offentliggøres") as refused:
        prepare(repo_copy, TODAY)
    assert {Path(d.file).resolve() for d in refused.value.diagnostics} == {(repo_copy / MEETING).resolve()}
    prepare(repo_copy, TODAY, "vest")  # the error is in nord's files: vest alone may be published


def test_write_reports_what_it_did_and_an_unchanged_site_is_left_alone(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = publish(repo_copy, site, TODAY, with_pdf=False)
    assert (first.forums, first.pages, first.pdfs, first.pdfs_made) == (2, 8, 0, 0)
    assert first.written == sorted(first.written) and len(first.written) == 17  # 13 + the search page's 4 files
    assert first.unchanged == first.removed == first.kept_edited == []
    record = _record(site)
    assert record["format"] == 2 and record["pdf_sources"] == {}
    assert sorted(record["files"]) == first.written  # type: ignore[call-overload]
    assert sorted(_files(site)) == sorted([*first.written, SITE_RECORD])
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    again = publish(repo_copy, site, TODAY, with_pdf=False)
    assert again.written == [] and again.unchanged == first.written
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == before


def test_progress_gets_one_step_per_page_and_pdf(repo_copy: Path, tmp_path: Path) -> None:
    steps: list[int] = []
    totals: list[int] = []

    class Bar:
        def __enter__(self) -> Bar:
            return self

        def __exit__(self, *args: object) -> None:
            steps.append(-1)  # closed

        def update(self, n_steps: int) -> None:
            steps.append(n_steps)

    def factory(total: int) -> Bar:
        totals.append(total)
        return Bar()

    publication = prepare(repo_copy, EARLY, "vest", REAL_DATE)
    result = write_site(publication, tmp_path / "site", progress=factory)
    assert result.pdfs == result.pdfs_made == 2
    assert totals == [work_count(publication.plan, with_pdf=True)] == [2 + 1 + 1 + 2]
    assert steps == [1] * totals[0] + [-1]


def test_open_privacy_findings_write_nothing(repo_copy: Path, tmp_path: Path) -> None:
    _plant(repo_copy, "Borgeren med CPR 070761-4285 blev drøftet.")
    publication = prepare(repo_copy, TODAY)
    assert len(publication.privacy.open) == 2
    with pytest.raises(PrivacyBlocked, match="privatlivskontrollen har 2 åbne fund"):
        write_site(publication, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_output_must_be_a_site_a_new_or_an_empty_folder(repo_copy: Path, tmp_path: Path) -> None:
    others = tmp_path / "andet"
    (others / "mappe").mkdir(parents=True)
    (others / "fil").write_text("x", encoding="utf-8")
    (others / "mappe" / "noter.txt").write_text("y", encoding="utf-8")
    with pytest.raises(OutputRefused, match="er en fil"):
        publish(repo_copy, others / "fil", TODAY, with_pdf=False)
    with pytest.raises(OutputRefused, match="indeholder andre filer"):
        publish(repo_copy, others, TODAY, with_pdf=False)
    forced = publish(repo_copy, others, TODAY, with_pdf=False, force=True)
    assert (others / "fil").read_text(encoding="utf-8") == "x"
    assert (others / "mappe" / "noter.txt").read_text(encoding="utf-8") == "y"
    assert "fil" not in _record(others)["files"]  # type: ignore[operator]
    assert forced.removed == []
    (tmp_path / "empty").mkdir()
    assert publish(repo_copy, tmp_path / "empty", TODAY, with_pdf=False).written


def test_a_folder_that_holds_the_repository_is_refused(repo_copy: Path, tmp_path: Path) -> None:
    for output in (tmp_path, repo_copy):
        with pytest.raises(OutputRefused, match="indeholder samlingen selv"):
            publish(repo_copy, output, TODAY, with_pdf=False, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_a_folder_among_the_forums_files_is_refused_even_with_force(repo_copy: Path) -> None:
    """The site would lie beside members.yaml and the meeting files, and the next publish replaces what it
    wrote there: refused, nothing written."""
    forums = repo_copy / "forums"
    before = sorted(str(path.relative_to(repo_copy)) for path in forums.rglob("*"))
    for output, where in ((forums, "er mappen med fora"), (forums / "nord" / "site", "ligger i mappen med fora")):
        with pytest.raises(OutputRefused, match=f"mappen .* {where}.*intet er skrevet"):
            publish(repo_copy, output, TODAY, with_pdf=False, force=True)
    assert sorted(str(path.relative_to(repo_copy)) for path in forums.rglob("*")) == before


def test_edited_files_are_refused_kept_or_overwritten(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(repo_copy, site, TODAY, with_pdf=False)
    page, gone = site / "nord/2026-09-08.html", site / "vest/2026-09-10.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- rettet -->", encoding="utf-8")
    gone.write_text(gone.read_text(encoding="utf-8") + "<!-- rettet -->", encoding="utf-8")
    _plant(repo_copy, "En ny beslutning.")
    before = _files(site)
    with pytest.raises(EditedFiles, match="1 fil på hjemmesiden er ændret, siden driftsforum skrev den") as refused:
        publish(repo_copy, site, TODAY, forum="nord", with_pdf=False)
    assert refused.value.paths == [page]
    assert _files(site) == before  # nothing written, nothing removed
    # An edited page that is no longer part of the site is kept, and stays recorded (so it is never taken for
    # publish's own); the edited page that is part of it is overwritten only when forced.
    result = publish(repo_copy, site, TODAY, forum="nord", with_pdf=False, force=True)
    assert "En ny beslutning." in page.read_text(encoding="utf-8")
    assert result.kept_edited == ["vest/2026-09-10.html"]
    assert "vest/index.html" in result.removed and "vest/2026-06-11.html" in result.removed
    assert sorted(p.name for p in (site / "vest").iterdir()) == ["2026-09-10.html"]
    assert "vest/2026-09-10.html" in _record(site)["files"]  # type: ignore[operator]
    assert publish(repo_copy, site, TODAY, forum="nord", with_pdf=False).kept_edited == ["vest/2026-09-10.html"]


def test_a_pdf_is_made_again_only_when_its_source_or_the_file_changed(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert publish(repo_copy, site, EARLY, forum="vest", now=REAL_DATE).pdfs_made == 2
    assert publish(repo_copy, site, EARLY, forum="vest", now=REAL_DATE).pdfs_made == 0
    pdf = site / "vest/2026-03-12-referat.pdf"
    original = pdf.read_bytes()
    pdf.write_bytes(original + b"\n% rettet\n")
    with pytest.raises(EditedFiles):
        publish(repo_copy, site, EARLY, forum="vest", now=REAL_DATE)
    forced = publish(repo_copy, site, EARLY, forum="vest", force=True, now=REAL_DATE)
    assert (forced.pdfs_made, forced.written) == (1, ["vest/2026-03-12-referat.pdf"])
    assert pdf.read_bytes() == original


def _as_written_by_version_0_1(site: Path, others: dict[str, str] | None = None) -> None:
    """Turn a site into what the previous version wrote: a list of files in the record, a checksum file in every
    folder (with `others`' entries for files other commands wrote at the top) and the PDFs' sources apart."""
    record = _record(site)
    checksums: dict[str, str] = record["files"]  # type: ignore[assignment]
    sources: dict[str, str] = record["pdf_sources"]  # type: ignore[assignment]
    pdf_sources = {target: {"key": key, "sha256": checksums[target]} for target, key in sorted(sources.items())}
    data = (json.dumps(pdf_sources, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    (site / LEGACY_PDF_SOURCES).write_bytes(data)
    folders: dict[Path, dict[str, str]] = {site: dict(others or {})}
    for name, value in [*checksums.items(), (LEGACY_PDF_SOURCES, checksum(data))]:
        folders.setdefault((site / name).parent, {})[Path(name).name] = value
    for folder, manifest in folders.items():
        text = json.dumps(dict(sorted(manifest.items())), indent=2, ensure_ascii=False) + "\n"
        (folder / MANIFEST).write_text(text, encoding="utf-8")
    names = sorted([*checksums, LEGACY_PDF_SOURCES])
    (site / SITE_RECORD).write_text(json.dumps({"files": names}, indent=2) + "\n", encoding="utf-8")


def test_a_site_of_the_previous_version_is_updated_and_its_bookkeeping_merged(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(repo_copy, site, EARLY, forum="vest", now=REAL_DATE)
    new_record = (site / SITE_RECORD).read_bytes()
    (site / "dagsorden.html").write_text("<p>lavet med driftsforum agenda</p>", encoding="utf-8")
    _as_written_by_version_0_1(site, others={"dagsorden.html": "abc"})
    pdfs = {name: (site / name).stat().st_mtime_ns for name in ("vest/2026-03-12-referat.pdf",)}
    result = publish(repo_copy, site, EARLY, forum="vest", now=REAL_DATE)
    assert (result.pdfs_made, result.written, result.removed) == (0, [], [])  # PDFs reused from the old record
    assert {name: (site / name).stat().st_mtime_ns for name in pdfs} == pdfs
    assert (site / SITE_RECORD).read_bytes() == new_record
    assert not (site / LEGACY_PDF_SOURCES).exists() and not (site / "vest" / MANIFEST).exists()
    # The checksum of the file another command wrote at the top stays; the site's entries are gone.
    assert json.loads((site / MANIFEST).read_text(encoding="utf-8")) == {"dagsorden.html": "abc"}
    assert (site / "dagsorden.html").is_file()


def test_an_old_site_never_loses_a_hand_edited_file(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(repo_copy, site, TODAY, with_pdf=False)
    _as_written_by_version_0_1(site)
    edited, kept = site / "nord/2026-09-08.html", site / "vest/2026-09-10.html"
    for page in (edited, kept):
        page.write_text(page.read_text(encoding="utf-8") + "<!-- rettet -->", encoding="utf-8")
    _plant(repo_copy, "En ny beslutning.")
    with pytest.raises(EditedFiles):
        publish(repo_copy, site, TODAY, forum="nord", with_pdf=False)
    assert (site / LEGACY_PDF_SOURCES).exists()  # nothing touched
    result = publish(repo_copy, site, TODAY, forum="nord", with_pdf=False, force=True)
    assert result.kept_edited == ["vest/2026-09-10.html"]
    assert kept.read_text(encoding="utf-8").endswith("<!-- rettet -->")
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob(".*")) == [SITE_RECORD]
    assert publish(repo_copy, site, TODAY, forum="nord", with_pdf=False).kept_edited == ["vest/2026-09-10.html"]


def test_a_damaged_or_planted_record_never_points_outside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_RECORD).write_text("{ikke json", encoding="utf-8")
    assert SiteRecord.read(site) == SiteRecord()
    planted = {"files": {"../uden.html": "x", "/etc/passwd": "x", "C:/x": "x", "a\\b": "x", "ok.html": "x"}}
    (site / SITE_RECORD).write_text(json.dumps(planted), encoding="utf-8")
    assert SiteRecord.read(site) == SiteRecord({"ok.html": "x"})
    (site / SITE_RECORD).write_text(json.dumps({"files": ["../uden.html", "ok.html"]}), encoding="utf-8")
    assert SiteRecord.read(site) == SiteRecord({"ok.html": ""}, legacy=True)
    assert SiteRecord.read(tmp_path / "ingen") is None


def test_a_configuration_that_cannot_be_read_is_refused(repo_copy: Path) -> None:
    (repo_copy / "driftsforum.yaml").write_text("name: [\n", encoding="utf-8")
    with pytest.raises(Blocked, match=r"driftsforum\.yaml"):
        prepare(repo_copy, TODAY)
