"""What the privacy check adds for data: the register of cases and audits, and small numbers.

The register (cases.yaml) is always checked whole, published or not: a case story is about a citizen, so a CPR
number, a phone number or a marker in it is a finding wherever it stands (it cannot be accepted: correct it).
Only cases marked public reach the site, and only when the check finds nothing.

Small numbers in what the site publishes: every count under the threshold is shown as '< 5' (the documents do
that themselves); the privacy check lists each hidden count, and stops at a total that gives one away – an area
shown for the period whose value is the sum of the other areas, of which exactly one is hidden.

A hidden count is reported as a finding already handled (accepted by the tool: it is hidden); a total that gives
one away is an open finding, which stops `publish` until the total is no longer shown. Findings are located in
the data file, at the cell. Pure: the documents come from the site plan.
"""

from __future__ import annotations

from dataclasses import replace

from driftsforum_cli.domain.documents import Item, MeetingDocument
from driftsforum_cli.domain.indicators import IndicatorView, disclosures, hidden_counts
from driftsforum_cli.domain.privacy import Acceptance, Finding, PrivacyReport, SourceReader, check_privacy
from driftsforum_cli.domain.publish import Exposure, SitePlan
from driftsforum_cli.models import RepoConfig
from driftsforum_cli.models.indicators import DataPoint

_LABELS = {
    "title": "titel",
    "theme": "tema",
    "findings": "fund",
    "sectors": "sektorer",
    "seams": "overgange",
    "agreements": "samarbejdsaftaler",
}
#: Who "accepted" a hidden count: the tool itself, which hides it.
HIDDEN_BY = "driftsforum (automatisk)"


def _items(doc: MeetingDocument) -> list[Item]:
    return [*doc.items, *(doc.joint.items if doc.joint is not None else [])]


def _finding(
    point: DataPoint, display: str, where: str, text: str, message: str, handled: str | None = None
) -> Finding:
    """A small-number finding at the value's cell; `handled`: the reason it is handled (hidden), else open."""
    accepted = Acceptance(text, HIDDEN_BY, None, handled, None, point.line, point.value_column) if handled else None
    return Finding(display, point.line, point.value_column, True, "small-number", text, where, message, accepted)


def _findings(view: IndicatorView, display: str, where: str) -> list[Finding]:
    found: list[Finding] = []
    threshold = view.threshold
    reason = f"vises som '< {threshold}' overalt, hvor tallet offentliggøres eller sendes"
    for area, period, cell in hidden_counts(view):
        if cell.point is not None:
            message = f"antallet for {area} i {period} er under {threshold} og kan pege på enkeltpersoner; {reason}"
            found.append(_finding(cell.point, display, where, f"{area} {period}", message, reason))
    for disclosure in disclosures(view):
        total, hidden = disclosure.total_area, disclosure.hidden_area
        if disclosure.total.point is not None:
            message = (
                f"{total} er i {disclosure.period} summen af de andre viste områder, så det skjulte antal for "
                f"{hidden} kan regnes ud; vis ikke {total} (ret 'areas' i indicators.yaml), eller vis ikke et "
                "område mere"
            )
            found.append(_finding(disclosure.total.point, display, where, f"{total} {disclosure.period}", message))
    return found


def add_data_findings(
    report: PrivacyReport, plan: SitePlan, config: RepoConfig | None, read_source: SourceReader
) -> None:
    """Add the findings in the registers of cases and audits, and about small counts, each once."""
    register = _register_report(plan, config, read_source)
    report.findings.extend(register.findings)
    report.texts += register.texts
    report.files += register.files
    add_small_number_findings(report, plan)


def _register_report(plan: SitePlan, config: RepoConfig | None, read_source: SourceReader) -> PrivacyReport:
    """Every text of every forum's cases.yaml, checked like what the site shows."""
    exposures: list[Exposure] = []
    for forum in plan.forums:
        loaded = forum.files.cases
        if loaded is None or loaded.model is None:
            continue
        for index, case in enumerate(loaded.model.cases):
            where = f"{'audit' if case.kind == 'audit' else 'case'} {case.id}"
            texts = {"title": case.title, "theme": case.theme, "findings": case.findings}
            for key, text in texts.items():
                if text:
                    exposures.append(Exposure(loaded, ("cases", index, key), text, f"{where}, {_LABELS[key]}"))
            for key in ("sectors", "seams", "agreements"):
                for number, text in enumerate(getattr(case, key)):
                    exposures.append(Exposure(loaded, ("cases", index, key, number), text, f"{where}, {_LABELS[key]}"))
    if not exposures:
        return PrivacyReport()
    return check_privacy(replace(plan, forums=[], exposures=exposures), config, read_source)


def add_small_number_findings(report: PrivacyReport, plan: SitePlan) -> None:
    """Add the findings about small counts in the indicators the site's documents show, each once."""
    seen = {(f.file, f.line, f.column, f.kind) for f in report.findings}
    for forum in plan.forums:
        files = {loaded.model.indicator: loaded.display for loaded in forum.files.data if loaded.model is not None}
        for page in forum.pages:
            for doc in (page.minutes, page.agenda):
                if doc is None:
                    continue
                for item in _items(doc):
                    for view in item.indicators:
                        if not view.indicator.counts or view.id not in files:
                            continue
                        where = f"mødet {page.meeting.date.isoformat()}, punkt {item.number}, indikatoren '{view.id}'"
                        for finding in _findings(view, files[view.id], where):
                            key = (finding.file, finding.line, finding.column, finding.kind)
                            if key not in seen:
                                seen.add(key)
                                report.findings.append(finding)
    report.findings.sort(key=Finding.sort_key)
