"""The website as files: HTML pages from templates/site/, the stylesheet, a PDF beside each meeting page, and the
public attachments. Every link is relative, so the folder works on any web server and opened from disk.

Deterministic: the same plan gives the same bytes (no clocks, sorted output; WeasyPrint writes no dates). PDFs are
the slow part: `render_site` only says which PDFs the site has and what each is made from (`PdfJob`, with a key
that changes whenever the PDF would), so a caller can reuse PDFs made earlier and have `render_pdfs` make the rest,
on all cores.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from driftsforum_cli import __version__
from driftsforum_cli.domain.documents import MeetingDocument
from driftsforum_cli.domain.publish import (
    FRONT_PAGE,
    STATEMENT_PAGE,
    STYLESHEET,
    ForumSite,
    MeetingPage,
    SitePlan,
)
from driftsforum_cli.render.search_index import add_search_page
from driftsforum_cli.render.templates import template_environment

if TYPE_CHECKING:
    import jinja2

#: From this many PDFs to make, `render_pdfs` uses a pool of processes (below it, starting them costs more).
POOL_FROM = 4


@dataclass(frozen=True)
class PdfJob:
    """One PDF of the site: where it goes, what it is made from, and the key of that (same key, same PDF)."""

    target: str  # path relative to the site folder, e.g. 'nord/2026-09-08-referat.pdf'
    key: str
    html: str
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...] = ()  # the case numbers, as in the members' PDFs (they are on the page too)
    variant: str | None = None  # the PDF variant (documents.pdf_variant), as the members' PDFs


@dataclass
class SiteFiles:
    """The site without its PDFs: path relative to the site folder (POSIX) → content; and the PDFs to make."""

    files: dict[str, bytes] = field(default_factory=dict)
    pdfs: list[PdfJob] = field(default_factory=list)

    def add(self, path: str, data: bytes | str) -> None:
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else data


def work_count(plan: SitePlan, with_pdf: bool) -> int:
    """How many steps `render_site` reports to `progress`: one per page and one per PDF."""
    pages = list(plan.pages())
    return 2 + len(plan.forums) + len(pages) + (sum(len(page.pdfs()) for page in pages) if with_pdf else 0)


def _site(plan: SitePlan) -> dict[str, Any]:
    publishing = plan.publishing
    return {
        "title": publishing.site_title,
        "organisation": publishing.organisation,
        "contact_email": publishing.contact_email,
        "statement_updated": publishing.statement_updated,
        "statement_url": publishing.statement_url,
        "name": plan.name,
    }


def ad_hoc_summary(doc: MeetingDocument) -> str:
    """'Thisted Kommune; Bedre Psykiatri (2)': ad hoc participants by organisation only (never by name), in the
    order of the meeting file."""
    counts = Counter(guest.organisation or "organisation ikke oplyst" for guest in doc.ad_hoc)
    return "; ".join(f"{name} ({count})" if count > 1 else name for name, count in counts.items())


def pdf_title(doc: MeetingDocument) -> str:
    from driftsforum_cli.render.documents import document_title

    return document_title(doc)


def pdf_author(doc: MeetingDocument) -> str:
    return doc.forum.documents.author or f"Sekretariatet for {doc.forum.name}"


def pdf_key(html: str, title: str, author: str) -> str:
    """What a PDF is made from; the same key means the same PDF."""
    from driftsforum_cli.render.pdf import print_css

    digest = hashlib.sha256()
    for part in (__version__, print_css(), title, author, html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class _Renderer:
    def __init__(self, plan: SitePlan, repo_root: Path | None) -> None:
        self.plan = plan
        self.env: jinja2.Environment = template_environment(repo_root, html=True)
        self.site = _site(plan)

    def render(self, template: str, depth: int, crumbs: list[tuple[str, str | None]], **context: Any) -> str:
        root = "../" * depth
        return self.env.get_template(f"site/{template}").render(site=self.site, root=root, crumbs=crumbs, **context)

    def front(self) -> str:
        entries = []
        for forum in self.plan.forums:
            dates = [page.date for page in forum.pages]
            entries.append({"site": forum, "count": len(dates), "latest": max(dates) if dates else None})
        return self.render("index.html.j2", 0, [], forums=entries)

    def statement(self) -> str:
        has_attachments = any(page.attachments for page in self.plan.pages())
        crumbs: list[tuple[str, str | None]] = [("Forside", FRONT_PAGE), ("Tilgængelighedserklæring", None)]
        return self.render("statement.html.j2", 0, crumbs, has_attachments=has_attachments)

    def forum(self, forum: ForumSite) -> str:
        crumbs: list[tuple[str, str | None]] = [("Forside", f"../{FRONT_PAGE}"), (forum.forum.short_name, None)]
        return self.render("forum.html.j2", 1, crumbs, forum=forum.forum, years=forum.years())

    def _meeting_context(self, forum: ForumSite, page: MeetingPage, doc: MeetingDocument) -> dict[str, Any]:
        return {
            "doc": doc,
            "forum": doc.forum,
            "meeting": doc.meeting,
            "ad_hoc": ad_hoc_summary(doc),
            "attachments": page.attachments,
            "page_links": {other.date: other.name for other in forum.pages},
        }

    def meeting(self, forum: ForumSite, page: MeetingPage, with_pdf: bool) -> str:
        doc = page.document
        index = forum.pages.index(page)
        downloads = (
            [(f"{'Referatet' if pdf.kind == 'minutes' else 'Dagsordenen'} som PDF", name) for pdf, name in page.pdfs()]
            if with_pdf
            else []
        )
        crumbs: list[tuple[str, str | None]] = [
            ("Forside", f"../{FRONT_PAGE}"),
            (forum.forum.short_name, "index.html"),
            (f"{doc.title} {_long(page.date)}", None),
        ]
        return self.render(
            "meeting.html.j2",
            1,
            crumbs,
            links=True,
            downloads=downloads,
            previous=forum.pages[index - 1] if index > 0 else None,
            following=forum.pages[index + 1] if index + 1 < len(forum.pages) else None,
            **self._meeting_context(forum, page, doc),
        )

    def pdf_html(self, forum: ForumSite, page: MeetingPage, doc: MeetingDocument) -> str:
        return self.env.get_template("site/pdf.html.j2").render(
            site=self.site,
            links=False,
            downloads=[],
            pdf_title=pdf_title(doc),
            pdf_author=pdf_author(doc),
            **self._meeting_context(forum, page, doc),
        )


def _long(day: Any) -> str:
    from driftsforum_cli.danish import long_date

    return long_date(day)


def render_site(
    plan: SitePlan,
    repo_root: Path | None,
    *,
    with_pdf: bool = True,
    read_attachment: Callable[[Path], bytes] | None = None,
    progress: Callable[[int], None] | None = None,
) -> SiteFiles:
    """Every file of the site but the PDFs, and (`with_pdf`) the PDFs to make. `progress(n)` is called as pages
    are done (`work_count` counts these steps and one per PDF)."""
    renderer = _Renderer(plan, repo_root)
    out = SiteFiles()
    step = progress or (lambda _count: None)
    reader = read_attachment or Path.read_bytes
    out.add(STYLESHEET, renderer.env.get_template("site/site.css").render())
    out.add(FRONT_PAGE, renderer.front())
    step(1)
    out.add(STATEMENT_PAGE, renderer.statement())
    step(1)
    add_search_page(out, renderer.env, renderer.site, plan)  # soeg.html and its index (render/search_index.py)
    for forum in plan.forums:
        out.add(forum.path, renderer.forum(forum))
        step(1)
        for page in forum.pages:
            out.add(page.path, renderer.meeting(forum, page, with_pdf))
            step(1)
            if with_pdf:
                out.pdfs.extend(
                    _pdf_job(renderer, forum, page, doc, f"{forum.id}/{name}", plan.pdf_variant)
                    for doc, name in page.pdfs()
                )
            for attachment in page.attachments.values():
                out.add(attachment.target, reader(attachment.source))
    out.files = dict(sorted(out.files.items()))
    out.pdfs.sort(key=lambda job: job.target)
    return out


def _pdf_job(
    renderer: _Renderer, forum: ForumSite, page: MeetingPage, doc: MeetingDocument, target: str, variant: str | None
) -> PdfJob:
    html = renderer.pdf_html(forum, page, doc)
    title, author = pdf_title(doc), pdf_author(doc)
    subject = f"{doc.title} fra {forum.forum.name}"
    from driftsforum_cli.domain.journal_numbers import metadata_keywords

    keywords = tuple(metadata_keywords(doc.forum, doc.meeting))
    key = pdf_key(html + (variant or ""), title, author)  # another variant is another PDF
    return PdfJob(target, key, html, title, author, subject, keywords, variant)


def render_pdf(job: PdfJob) -> bytes:
    """One PDF (in whichever process runs it: it needs nothing but the job)."""
    from driftsforum_cli.render.pdf import html_to_pdf

    return html_to_pdf(
        job.html,
        base_url=None,
        title=job.title,
        author=job.author,
        subject=job.subject,
        keywords=job.keywords,
        variant=job.variant,
    )


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's when limited, e.g. with taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def render_pdfs(
    jobs: Sequence[PdfJob], *, workers: int | None = None, progress: Callable[[int], None] | None = None
) -> dict[str, bytes]:
    """Make the PDFs (target → bytes): with a pool of `workers` processes (default: one per available core),
    or one after the other for fewer than `POOL_FROM` PDFs or a single worker. Both give the same bytes."""
    step = progress or (lambda _count: None)
    workers = min(workers or available_cores(), len(jobs), 61)  # 61: the most Windows allows in a pool
    if workers <= 1 or len(jobs) < POOL_FROM:
        made = {}
        for job in jobs:
            made[job.target] = render_pdf(job)
            step(1)
        return made
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    forking = multiprocessing.get_start_method() == "fork"
    if forking:
        import weasyprint  # noqa: F401  (loaded once here: forked workers start with it)

        gc.freeze()  # the workers' collections then leave this process's objects (and their memory pages) alone
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(render_pdf, job): job.target for job in jobs}
            made = {}
            for future in as_completed(futures):
                made[futures[future]] = future.result()
                step(1)
    finally:
        if forking:
            gc.unfreeze()
    return dict(sorted(made.items()))
