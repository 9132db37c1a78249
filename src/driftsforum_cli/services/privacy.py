"""The privacy check as a workflow: plan what the site would show and check it, for one repository or for the
repositories and forums that command-line paths name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from driftsforum_cli.domain.privacy import PrivacyReport, check_privacy
from driftsforum_cli.domain.publish import SitePlan, plan_site
from driftsforum_cli.domain.repository import Repository

if TYPE_CHECKING:
    from driftsforum_cli.render.site import SiteFiles


def read_source(path: Path) -> str | None:
    """A YAML file as the loader reads it (UTF-8, without BOM), or None when it cannot be read."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def check_plan(repo: Repository, plan: SitePlan, site: SiteFiles | None = None) -> PrivacyReport:
    """Everything `plan` would publish, checked against the repository's configuration: the texts of the YAML files
    that the site shows (located in the files), then the rendered site itself – `site`, or the site rendered from
    `plan` with its PDFs – with its public attachments (see domain.published)."""
    from driftsforum_cli.domain.privacy import known_contacts
    from driftsforum_cli.domain.published import check_outputs, traced_keys
    from driftsforum_cli.render.site import render_site
    from driftsforum_cli.services.published import attachment_texts, site_outputs, trusted_marker_keys, vocabulary

    config = repo.config.model
    report = check_privacy(plan, config, read_source)
    if site is None:
        site = render_site(plan, repo.root, with_pdf=True)
    markers = list(config.publishing.privacy_markers) if config else []
    known = known_contacts(config, plan.members)
    attachments = attachment_texts(site, plan)
    check_outputs(
        report,
        site_outputs(site, plan),
        traced_keys(plan.all_exposures(), known, markers) | trusted_marker_keys(tuple(markers)),
        vocabulary(plan, repo.root),
        known,
        markers,
        attachments.texts,
        attachments.refused,
    )
    _forget_notes_of_used_acceptances(report)
    return report


def _forget_notes_of_used_acceptances(report: PrivacyReport) -> None:
    """An acceptance that covers a finding in an attachment is used, though no text of the meeting file has it."""
    used = {(f.accepted.text, f.accepted.line, f.accepted.column) for f in report.findings if f.accepted is not None}
    places = {(line, column) for _, line, column in used}
    report.notes = [
        note for note in report.notes if not ("fjern accepten" in note.message and (note.line, note.column) in places)
    ]


@dataclass
class PrivacyCheck:
    report: PrivacyReport = field(default_factory=PrivacyReport)
    unchecked: list[str] = field(default_factory=list)  # files that cannot be read, so were not checked

    @property
    def passed(self) -> bool:
        return not self.report.open and not self.unchecked


def _within(display: str, paths: Sequence[Path]) -> bool:
    from driftsforum_cli.domain.published import SITE_PREFIX

    if display.startswith(f"{SITE_PREFIX}/"):
        return True  # on the site of the forums named: no file of theirs to point at
    resolved = Path(display).resolve()
    return any(resolved == path or resolved.is_relative_to(path) for path in paths)


def check_targets(
    targets: Mapping[Path, set[str] | None],
    today: date,
    *,
    everything: bool = False,
    within: Sequence[Path] = (),
) -> PrivacyCheck:
    """Check what the site of each repository (root → its forums, None: all) would show on `today`.

    `everything=True` also checks what is not published yet (see `plan_site`). With `within`, only findings, notes
    and unreadable files inside those files or folders are kept.
    """
    from driftsforum_cli.workspace import load_repository

    result = PrivacyCheck()
    total = result.report
    for root, only in targets.items():
        repo = load_repository(root)
        plan = plan_site(repo, repo.calendar, today, only=only, everything=everything)
        result.unchecked.extend(plan.unchecked)
        report = check_plan(repo, plan)
        total.findings.extend(report.findings)
        total.notes.extend(report.notes)
        total.texts += report.texts
        total.files += report.files
    if within:
        chosen = [path.resolve() for path in within]
        total.findings = [finding for finding in total.findings if _within(finding.file, chosen)]
        total.notes = [note for note in total.notes if _within(note.file, chosen)]
        result.unchecked = [display for display in result.unchecked if _within(display, chosen)]
    return result
