"""The site writer: `driftsforum publish` as a workflow, usable without the command line.

    publication = prepare(root, today)           # the gate, the plan and the privacy check; writes nothing
    result = write_site(publication, output)     # renders, writes what changed, removes what publish wrote before

or both at once with `publish(root, output, today)`.

What publish wrote in a site folder is recorded in one file at its top, `.driftsforum-hjemmeside.json` (`SITE_RECORD`):
every file's checksum, and for each PDF the key of what it was made from. With it publish
- only writes files whose content changes (an unchanged site is left byte for byte, modification times included),
- reuses a PDF whose source is unchanged and that nobody has edited,
- refuses (writing nothing) to overwrite a file that was edited by hand since, or that it never wrote, unless forced,
- deletes the files it wrote before that are no longer part of the site – never one edited since, and never a file
  it did not write,
- puts the new site in place in one step: it is built in a staging folder beside the site folder (the files that
  stay as hard links) and exchanged with it (`services.staging`), so the folder holds the old site or the new one,
  never a mix, and a publish killed half-way leaves no stray files and no false "edited by hand" (the record is
  part of the exchange); the next publish removes what the killed one left beside the folder.
A site written by an earlier version (a list of files in the record, checksums in a `.driftsforum-genereret.json` in
every folder, PDF sources in `.driftsforum-pdf.json`) is read the same way and moved to the new record when written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from driftsforum_cli.danish import plural
from driftsforum_cli.domain.privacy import PrivacyReport
from driftsforum_cli.domain.publish import SitePlan
from driftsforum_cli.domain.repository import Repository
from driftsforum_cli.errors import UserError
from driftsforum_cli.files import MANIFEST, OverwriteRefused, WriteFailed, checksum, describe_os_error
from driftsforum_cli.services.progress import ProgressFactory, no_progress

if TYPE_CHECKING:
    from driftsforum_cli.render.site import SiteFiles

#: At the top of a site folder: what publish wrote there (see the module's description).
SITE_RECORD = ".driftsforum-hjemmeside.json"
RECORD_FORMAT = 2
#: Written by earlier versions: the PDFs' sources at the top, and checksums in every folder (files.MANIFEST).
LEGACY_PDF_SOURCES = ".driftsforum-pdf.json"


class OutputRefused(UserError):
    """The output folder is a file, or holds files that are not a site publish wrote."""


class PrivacyBlocked(UserError):
    """The privacy check has open findings; nothing is written."""


class EditedFiles(OverwriteRefused):
    """Files of the site were changed since publish wrote them (or publish never wrote them); nothing is written."""

    def __init__(self, paths: list[Path]) -> None:
        from driftsforum_cli.workspace import display_path

        shown = ", ".join(display_path(path) for path in paths[:5]) + (" …" if len(paths) > 5 else "")
        which = "den" if len(paths) == 1 else "dem"
        UserError.__init__(
            self,
            f"{plural(len(paths), 'fil', 'filer')} på hjemmesiden er ændret, siden driftsforum skrev {which}: "
            f"{shown}. Intet er skrevet. Brug --force for at overskrive.",
        )
        self.paths = paths


def _inside(name: object) -> bool:
    """A plain relative path inside the site: a damaged or planted record can never point outside it."""
    if not isinstance(name, str) or not name or "\\" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and not PureWindowsPath(name).drive


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# --- the site record ----------------------------------------------------------------------------------------------


@dataclass
class SiteRecord:
    """What publish wrote in a site folder: path (relative, POSIX) → checksum, and PDF path → key of its source."""

    files: dict[str, str] = field(default_factory=dict)
    pdf_sources: dict[str, str] = field(default_factory=dict)
    legacy: bool = False  # read from an earlier version's files

    @classmethod
    def read(cls, output: Path) -> SiteRecord | None:
        """The record of the site in `output`, or None if publish never wrote there. A damaged record is empty."""
        if not (output / SITE_RECORD).is_file():
            return None
        loaded = _load_json(output / SITE_RECORD)
        found = loaded.get("files") if isinstance(loaded, dict) else None
        if isinstance(found, list):
            return cls._legacy(output, [name for name in found if _inside(name)])
        record = cls()
        if isinstance(found, dict):
            record.files = {name: str(value) for name, value in found.items() if _inside(name)}
            sources = loaded.get("pdf_sources")
            if isinstance(sources, dict):
                record.pdf_sources = {name: str(key) for name, key in sources.items() if name in record.files}
        return record

    @classmethod
    def _legacy(cls, output: Path, names: list[str]) -> SiteRecord:
        record = cls(legacy=True)
        pdfs = _load_json(output / LEGACY_PDF_SOURCES)
        pdfs = pdfs if isinstance(pdfs, dict) else {}
        manifests: dict[PurePosixPath, Any] = {}
        for name in names:
            if name == LEGACY_PDF_SOURCES:
                continue
            folder = PurePosixPath(name).parent
            if folder not in manifests:
                manifests[folder] = _load_json(output / folder / MANIFEST)
            manifest = manifests[folder] if isinstance(manifests[folder], dict) else {}
            found = pdfs.get(name)
            entry: dict[str, Any] = found if isinstance(found, dict) else {}
            known = manifest.get(PurePosixPath(name).name, entry.get("sha256"))
            record.files[name] = str(known) if known is not None else ""  # "": unknown, so never deleted
            if entry.get("key") is not None:
                record.pdf_sources[name] = str(entry["key"])
        return record

    def to_bytes(self) -> bytes:
        payload = {"format": RECORD_FORMAT, "files": dict(sorted(self.files.items()))}
        payload["pdf_sources"] = dict(sorted(self.pdf_sources.items()))
        return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def reuse(self, output: Path, target: str, key: str) -> bytes | None:
        """The PDF publish made earlier from the same source, unless it was changed since."""
        if self.pdf_sources.get(target) != key:
            return None
        try:
            data = (output / target).read_bytes()
        except OSError:
            return None
        return data if checksum(data) == self.files.get(target) else None


# --- the workflow -----------------------------------------------------------------------------------------------


@dataclass
class Publication:
    """What the site holds, checked: the plan, the privacy report and the notes (Danish) for the secretary."""

    root: Path
    repo: Repository
    plan: SitePlan
    privacy: PrivacyReport
    notes: list[str] = field(default_factory=list)
    #: The site as rendered for the check (without its PDFs' bytes), and whether with PDFs: `write_site` writes
    #: exactly these files when asked for the same.
    site: SiteFiles | None = None
    with_pdf: bool = True


@dataclass
class SiteResult:
    """What `write_site` did. Paths are relative to the site folder (POSIX)."""

    output: Path
    forums: int
    pages: int
    pdfs: int  # the minutes and agendas as PDF (attachments not counted)
    pdfs_made: int = 0  # of those, made now (the others were unchanged and reused)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # no longer part of the site, deleted
    kept_edited: list[str] = field(default_factory=list)  # no longer part of the site, but edited by hand: kept


def prepare(
    root: Path, today: date, forum: str | None = None, now: date | None = None, *, with_pdf: bool = True
) -> Publication:
    """Load the repository through the gate, plan the site of `today` (one forum, or all), render it (`with_pdf`:
    with the PDFs' HTML and metadata, not their bytes) and check its privacy. `now` is the real date (None:
    `today`)."""
    from driftsforum_cli.domain.publish import plan_site
    from driftsforum_cli.render.site import render_site
    from driftsforum_cli.services.gate import UnknownForum, require_usable
    from driftsforum_cli.services.privacy import check_plan
    from driftsforum_cli.workspace import load_repository

    repo = load_repository(root)
    known = [files.id for files in repo.forums]
    if forum is not None and forum not in known:
        raise UnknownForum(forum, known)
    only = {forum} if forum else None
    from driftsforum_cli.services.fingerprints import record_seen

    record_seen(repo, today)  # minutes approved by the deadline, and what was sent before the log existed
    require_usable(repo, today, only, "noget offentliggøres", now, documents=True)
    plan = plan_site(repo, repo.calendar, today, only=only)
    try:
        site = render_site(plan, root, with_pdf=with_pdf)
    except OSError as exc:
        raise UserError(f"et bilag kan ikke læses: {exc.filename}: {describe_os_error(exc)}") from None
    publication = Publication(root, repo, plan, check_plan(repo, plan, site), list(plan.notes), site, with_pdf)
    if plan.publishing.statement_updated is None:
        publication.notes.append("publishing.statement_updated mangler i driftsforum.yaml; erklæringen har ingen dato.")
    return publication


def refuse_among_forums(output: Path, forums: Sequence[Path]) -> None:
    """Refuse an output folder inside the folder of the forums (see check_output)."""
    for folder in {forum.resolve() for forum in forums}:
        if output.resolve().is_relative_to(folder):
            where = "er mappen med fora" if output.resolve() == folder else f"ligger i mappen med fora ({folder.name})"
            raise OutputRefused(
                f"mappen {output} {where}, blandt medlemslister, mødefiler og "
                "bemærkninger, som ikke må på hjemmesiden; intet er skrevet. Vælg en mappe uden for den med -o, fx "
                "'site' i samlingens mappe."
            )


def check_output(output: Path, force: bool, root: Path | None = None, forums: Sequence[Path] = ()) -> SiteRecord | None:
    """The record of the site in `output`; refuses a file, a folder that holds the repository `root` (its files
    would be on the website), a folder inside the folder of `forums` (even with `force`: the site would lie among
    the member lists and meeting files, and publish replaces what it wrote), and a folder with other files unless
    `force`."""
    if output.exists() and not output.is_dir():
        raise OutputRefused(f"{output} er en fil; angiv en mappe til hjemmesiden med -o")
    refuse_among_forums(output, forums)
    record = SiteRecord.read(output)
    if output.is_dir() and not force and record is None and any(output.iterdir()):
        raise OutputRefused(
            f"mappen {output} indeholder andre filer og er ikke en hjemmeside lavet af driftsforum publish; intet er "
            "skrevet. Vælg en ny eller tom mappe med -o (med --force skrives hjemmesiden ved siden af filerne, "
            "som ikke røres)."
        )
    if root is not None and root.resolve().is_relative_to(output.resolve()):
        raise OutputRefused(
            f"mappen {output} indeholder samlingen selv, og dens filer (også udkast og lukkede punkter) ville "
            "komme på hjemmesiden; intet er skrevet. Vælg en mappe uden for samlingen med -o."
        )
    return record


def write_site(
    publication: Publication,
    output: Path,
    *,
    with_pdf: bool = True,
    force: bool = False,
    progress: ProgressFactory = no_progress,
    workers: int | None = None,
) -> SiteResult:
    """Render the site into `output` and bring the folder up to date (see the module's description).

    Refuses, writing nothing, when the privacy check has open findings, when `output` is not a site folder, or when
    files to replace were edited by hand (`force` overrides the last two). `workers`: processes making PDFs
    (default: one per core). `progress(total)` gets one step per page and per PDF.
    """
    from driftsforum_cli.render.site import render_pdfs, render_site, work_count

    opened = publication.privacy.open
    if opened:
        raise PrivacyBlocked(
            f"publish standser: privatlivskontrollen har {plural(len(opened), 'åbent fund', 'åbne fund')}. "
            "Ret teksterne, eller acceptér fundene i mødefilerne (publication.accepted_findings). Intet er skrevet."
        )
    from driftsforum_cli.services.staging import recover

    forums = [files.folder.parent for files in publication.repo.forums]
    refuse_among_forums(output, forums)
    try:
        recover(output.resolve())  # what a publish killed half-way left beside the site
    except OSError as exc:
        raise WriteFailed(Path(exc.filename) if exc.filename else output, exc) from None
    previous = check_output(output, force, publication.root, forums) or SiteRecord()
    plan = publication.plan
    with progress(work_count(plan, with_pdf)) as bar:
        checked = publication.site is not None and publication.with_pdf == with_pdf
        if publication.site is not None and checked:
            site = replace(publication.site, files=dict(publication.site.files))
            for _ in range(work_count(plan, with_pdf=False)):
                bar.update(1)
        else:
            try:
                site = render_site(plan, publication.root, with_pdf=with_pdf, progress=bar.update)
            except OSError as exc:
                raise UserError(f"et bilag kan ikke læses: {exc.filename}: {describe_os_error(exc)}") from None
        files = site.files
        missing = []
        for job in site.pdfs:
            earlier = previous.reuse(output, job.target, job.key)
            if earlier is None:
                missing.append(job)
            else:
                files[job.target] = earlier
                bar.update(1)
        made = render_pdfs(missing, workers=workers, progress=bar.update)
        files.update(made)
    _check_written(publication, None if checked else site, made)
    result = SiteResult(output, len(plan.forums), len(list(plan.pages())), len(site.pdfs), len(missing))
    record = SiteRecord({path: checksum(data) for path, data in sorted(files.items())})
    record.pdf_sources = {job.target: job.key for job in site.pdfs}
    _compare(output, files, previous, force, result)
    _prune(output, previous, record, result)
    data = record.to_bytes()
    if result.written or result.removed or previous.legacy or _read(output / SITE_RECORD) != data:
        _stage(output, files, previous, result, data)
    return result


def publish(
    root: Path,
    output: Path,
    today: date,
    *,
    forum: str | None = None,
    with_pdf: bool = True,
    force: bool = False,
    progress: ProgressFactory = no_progress,
    workers: int | None = None,
    now: date | None = None,
) -> SiteResult:
    """`prepare` and `write_site` in one, for callers that need not show the privacy report or the notes."""
    publication = prepare(root, today, forum, now, with_pdf=with_pdf)
    return write_site(publication, output, with_pdf=with_pdf, force=force, progress=progress, workers=workers)


def _check_written(publication: Publication, site: SiteFiles | None, made: dict[str, bytes]) -> None:
    """The privacy check once more, on exactly what is about to be written that `prepare` did not check: the pages
    (`site`, when rendered otherwise than for the check) and the PDFs made now, read back (pypdf). What `prepare`
    checked has no open findings, so any finding here blocks."""
    from driftsforum_cli.services.privacy import check_outputs
    from driftsforum_cli.services.published import made_pdf_outputs, site_outputs

    plan = publication.plan
    outputs = site_outputs(site, plan) if site is not None else []
    if site is None and not made:
        return
    for target, data in sorted(made.items()):
        outputs.extend(made_pdf_outputs(target, data))
    report = PrivacyReport()
    check_outputs(publication.repo, plan, report, outputs)
    if report.findings:
        shown = "; ".join(f"{finding.file}: {finding.message}" for finding in report.findings[:3])
        raise PrivacyBlocked(
            f"publish standser: privatlivskontrollen af de færdige filer har "
            f"{plural(len(report.findings), 'fund', 'fund')}: {shown}. Intet er skrevet."
        )


# --- writing ------------------------------------------------------------------------------------------------------


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _compare(output: Path, files: dict[str, bytes], previous: SiteRecord, force: bool, result: SiteResult) -> None:
    """Which files change; refuse (writing nothing) if a file to replace is not what publish wrote there."""
    refused: list[Path] = []
    for relative, data in files.items():
        path = output / relative
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            result.written.append(relative)
            continue
        except OSError as exc:
            raise UserError(f"{path} kan ikke læses: {describe_os_error(exc)}") from None
        if current == data:
            result.unchanged.append(relative)
        elif force or previous.files.get(relative) == checksum(current):
            result.written.append(relative)
        else:
            refused.append(path)
    if refused:
        raise EditedFiles(refused)


def _prune(output: Path, previous: SiteRecord, record: SiteRecord, result: SiteResult) -> None:
    """The files publish wrote before that are no longer part of the site go, unless edited since (those stay, and
    stay in the record, so they are never mistaken for publish's own again)."""
    for relative in sorted(set(previous.files) - set(record.files)):
        data = _read(output / relative)
        if data is None:
            continue  # gone already
        if checksum(data) == previous.files[relative]:
            result.removed.append(relative)
        else:
            result.kept_edited.append(relative)
            record.files[relative] = previous.files[relative]


def _stage(output: Path, files: dict[str, bytes], previous: SiteRecord, result: SiteResult, record: bytes) -> None:
    """Build the new site folder beside the old one and put it in place in one step (see services.staging): the
    files that stay (the site's unchanged ones and everything publish did not write) are carried over as hard
    links, the changed ones written, the record last."""
    from driftsforum_cli.services.staging import carry_over, put_in_place, staging_path

    target = output.resolve()
    staging = staging_path(target)
    try:
        staging.mkdir(parents=True)
        if target.is_dir():
            carry_over(target, staging, {*result.written, *result.removed, SITE_RECORD})
        for relative in result.written:
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[relative])
        if previous.legacy:
            _forget_legacy(staging, previous, result)
        _remove_empty_folders(staging, [*result.removed, *previous.files])
        (staging / SITE_RECORD).write_bytes(record)
        put_in_place(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise WriteFailed(Path(exc.filename) if exc.filename else output, exc) from None


def _forget_legacy(output: Path, previous: SiteRecord, result: SiteResult) -> None:
    """After the first write of an earlier version's site: its PDF sources file goes, and the per-folder checksum
    files lose the site's entries (entries of files other commands wrote there stay)."""
    (output / LEGACY_PDF_SOURCES).unlink(missing_ok=True)
    folders: dict[PurePosixPath, set[str]] = {}
    for relative in [*previous.files, *result.written, *result.unchanged]:
        folders.setdefault(PurePosixPath(relative).parent, set()).add(PurePosixPath(relative).name)
    folders.setdefault(PurePosixPath("."), set()).add(LEGACY_PDF_SOURCES)
    for folder, names in folders.items():
        path = output / folder / MANIFEST
        manifest = _load_json(path)
        if not isinstance(manifest, dict):
            continue
        rest = {name: value for name, value in sorted(manifest.items()) if name not in names}
        if rest == manifest:
            continue
        path.unlink()  # a hard link to the old site's file: never written through
        if rest:
            path.write_bytes((json.dumps(rest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def _remove_empty_folders(output: Path, relatives: list[str]) -> None:
    for folder in sorted({(output / relative).parent for relative in relatives}, reverse=True):
        while folder != output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
