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
    from driftsforum_cli.domain.published import AttachmentText, OutputText, Refusal
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
    from driftsforum_cli.domain.privacy_data import add_data_findings
    from driftsforum_cli.errors import UserError
    from driftsforum_cli.files import describe_os_error
    from driftsforum_cli.render.site import render_site
    from driftsforum_cli.services.published import attachment_texts, site_outputs

    report = check_privacy(plan, repo.config.model, read_source)
    add_data_findings(report, plan, repo.config.model, read_source)  # cases.yaml, and small counts
    if site is None:
        try:
            site = render_site(plan, repo.root, with_pdf=True)
        except OSError as exc:
            raise UserError(f"et bilag kan ikke læses: {exc.filename}: {describe_os_error(exc)}") from None
    attachments = attachment_texts(site, plan)
    check_outputs(repo, plan, report, site_outputs(site, plan), attachments.texts, attachments.refused)
    return report


def check_outputs(
    repo: Repository,
    plan: SitePlan,
    report: PrivacyReport,
    outputs: Sequence[OutputText],
    attachments: Sequence[AttachmentText] = (),
    refused: Sequence[Refusal] = (),
) -> None:
    """Add the findings on the site's outputs to `report` (domain.published.check_outputs), with what they are
    traced against: the texts the site shows, driftsforum's own texts and the templates."""
    from driftsforum_cli.domain.privacy import known_contacts
    from driftsforum_cli.domain.published import check_outputs as check
    from driftsforum_cli.domain.published import traced_keys
    from driftsforum_cli.services.published import trusted_marker_keys, vocabulary

    config = repo.config.model
    markers = list(config.publishing.privacy_markers) if config else []
    known = known_contacts(config, plan.members)
    traced = traced_keys(plan.all_exposures(), known, markers) | trusted_marker_keys(tuple(markers))
    check(report, outputs, traced, vocabulary(plan, repo.root), known, markers, attachments, refused)


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
