"""The site's search page: a static index of the published items (built with the site by `publish`) and a small
page that searches it in the reader's browser – offline, from disk as from a server, with no request to anyone.

Files: `soeg.html` (the page), `soegeindeks.json` (the index, for machines), `soegeindeks.js` (the same index as a
script, because a page opened from disk may not fetch a file) and `soeg.js` (the search). The index holds only what
the meeting pages show: the open items of the published minutes or agendas (closed items and the standard items
are left out), each with its terms as domain/search.py makes them; soeg.js matches a query the same way.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Protocol

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.publish import SitePlan
from driftsforum_cli.domain.search import terms

if TYPE_CHECKING:
    import jinja2

    from driftsforum_cli.domain.documents import Item

SEARCH_PAGE = "soeg.html"
SEARCH_INDEX = "soegeindeks.json"
SEARCH_DATA = "soegeindeks.js"
SEARCH_SCRIPT = "soeg.js"
#: Weights of the index's fields, in order: title, decision, the rest (summary, recommendation, background,
#: agreements) – as in the decision register.
WEIGHTS = (3.0, 3.0, 1.5)
INDEX_FORMAT = 1


class _Adds(Protocol):
    def add(self, path: str, data: bytes | str) -> None: ...


def _terms(*texts: str | None) -> list[str]:
    return sorted({t for text in texts if text for t in terms(text)})


def _entry(
    forum: str, page_path: str, date_iso: str, date_text: str, document: str, item: Item, anchor: str
) -> dict[str, Any]:
    agreements = [f"{agreement.id} {agreement.title}" for agreement in item.agreements]
    return {
        "forum": forum,
        "date": date_iso,
        "date_text": date_text,
        "document": document,
        "title": item.title,
        "text": item.decision or item.recommendation or item.summary or "",
        "url": f"{page_path}#{anchor}-{item.number}",
        "fields": [
            _terms(item.title),
            _terms(item.decision),
            _terms(item.summary, item.recommendation, item.background, *agreements),
        ],
    }


def search_entries(plan: SitePlan) -> list[dict[str, Any]]:
    """One entry per open, non-standard item of every published meeting page (newest first)."""
    entries: list[dict[str, Any]] = []
    for forum in plan.forums:
        for page in forum.pages:
            doc = page.document
            if doc.cancellation is not None:
                continue
            parts = [(doc.items, "punkt")] + ([(doc.joint.items, "faelles")] if doc.joint else [])
            for items, anchor in parts:
                for item in items:
                    if item.closed or item.standard is not None:
                        continue
                    entries.append(
                        _entry(
                            forum.forum.short_name,
                            page.path,
                            page.date.isoformat(),
                            long_date(page.date),
                            doc.title,
                            item,
                            anchor,
                        )
                    )
    entries.sort(key=lambda entry: (entry["date"], entry["url"]), reverse=True)
    return entries


def search_index(plan: SitePlan) -> str:
    """The index as JSON (deterministic: the same plan gives the same text)."""
    payload = {"format": INDEX_FORMAT, "weights": list(WEIGHTS), "entries": search_entries(plan)}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def add_search_page(out: _Adds, env: jinja2.Environment, site: dict[str, Any], plan: SitePlan) -> None:
    """Add the search page, its script and the index to the site's files (render/site.py calls this once)."""
    index = search_index(plan)
    out.add(SEARCH_INDEX, index + "\n")
    out.add(SEARCH_DATA, f"window.driftsforumSoegeindeks = {index};\n")
    out.add(SEARCH_SCRIPT, env.get_template("site/soeg.js").render())
    crumbs: list[tuple[str, str | None]] = [("Forside", "index.html"), ("Søg", None)]
    out.add(SEARCH_PAGE, env.get_template("site/search.html.j2").render(site=site, root="", crumbs=crumbs))
