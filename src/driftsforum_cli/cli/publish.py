"""driftsforum publish and driftsforum privacy-check"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from driftsforum_cli.cli.app import Today, app, parse_today, repository_root, repository_targets
from driftsforum_cli.cli.report import ReportFormat
from driftsforum_cli.danish import plural
from driftsforum_cli.errors import UserError

if TYPE_CHECKING:
    from driftsforum_cli.domain.privacy import Finding, PrivacyReport
    from driftsforum_cli.domain.publish import SitePlan
    from driftsforum_cli.domain.repository import Repository

#: Beside the site's pages: which HTML each PDF was made from, so an unchanged PDF is not made again.
PDF_SOURCES = ".driftsforum-pdf.json"
#: What publish wrote last time (relative paths): the only files a later publish may delete.
SITE_RECORD = ".driftsforum-hjemmeside.json"
#: From this many steps (pages and PDFs), publish shows a progress bar.
PROGRESS_FROM = 40


def _read_source(path: Path) -> str | None:
    """A YAML file as the loader reads it (UTF-8, without BOM)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _errors(repo: Repository, forums: set[str] | None, on: date) -> list[str]:
    """Errors in driftsforum.yaml and in the chosen forums' files ('fil:linje:kolonne: besked')."""
    from driftsforum_cli.cli import options
    from driftsforum_cli.diagnostics import Severity
    from driftsforum_cli.domain.rules import check_repository

    wanted = {repo.config.display}
    for files in repo.forums:
        if forums is None or files.id in forums:
            wanted.update(loaded.display for loaded in files.all_files())
    found = repo.diagnostics()  # the layout's own problems included
    if repo.config.model is not None:
        found.extend(check_repository(repo, on, options.real_date()))
    return sorted(
        {
            f"{d.file}:{d.line}:{d.column}: {d.message}"
            for d in found
            if d.severity is Severity.ERROR and (d.file in wanted or d in repo.problems)
        }
    )


# --- privacy report ------------------------------------------------------------------------------------------


def _accepted_text(finding: Finding) -> str:
    from driftsforum_cli.danish import long_date

    accepted = finding.accepted
    assert accepted is not None
    who = f"{accepted.by_name} ({accepted.by})" if accepted.by_name else accepted.by
    when = f" den {long_date(accepted.on)}" if accepted.on else ""
    return f"'{finding.text}' er accepteret af {who}{when}: {accepted.reason}"


def privacy_summary(report: PrivacyReport) -> str:
    scope = f"{plural(report.texts, 'tekst', 'tekster')} fra {plural(report.files, 'fil', 'filer')}"
    opened, accepted = len(report.open), len(report.accepted)
    if not opened and not accepted:
        return f"Privatlivskontrol: ingen fund i {scope}."
    parts = []
    if opened:
        parts.append(plural(opened, "åbent fund", "åbne fund"))
    if accepted:
        parts.append(plural(accepted, "accepteret fund", "accepterede fund"))
    return f"Privatlivskontrol: {' og '.join(parts)} i {scope}."


def print_privacy(report: PrivacyReport, fmt: ReportFormat, *, only_open: bool = False) -> None:
    """The findings (open ones first in each file's order), the accepted ones and the notes."""
    if fmt is ReportFormat.json:
        payload = {
            "texts": report.texts,
            "files": report.files,
            "open": len(report.open),
            "accepted": len(report.accepted),
            "findings": [
                {
                    "file": f.file,
                    "line": f.line,
                    "column": f.column,
                    "exact": f.exact,
                    "code": f.code,
                    "kind": f.kind,
                    "text": f.text,
                    "where": f.where,
                    "message": f.message,
                    "status": "åben" if f.accepted is None else "accepteret",
                    "accepted": None
                    if f.accepted is None
                    else {
                        "by": f.accepted.by,
                        "name": f.accepted.by_name,
                        "reason": f.accepted.reason,
                        "on": f.accepted.on.isoformat() if f.accepted.on else None,
                    },
                }
                for f in report.findings
            ],
            "notes": [{"file": n.file, "line": n.line, "column": n.column, "message": n.message} for n in report.notes],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    github = fmt is ReportFormat.github
    for finding in report.findings:
        if finding.accepted is not None and only_open:
            continue
        where = f"{finding.file}:{finding.line}:{finding.column}"
        if github:
            kind = "error" if finding.accepted is None else "notice"
            text = finding.message if finding.accepted is None else _accepted_text(finding)
            message = f"{finding.where}: {text}".replace("%", "%25").replace("\n", "%0A")
            typer.echo(
                f"::{kind} file={finding.file},line={finding.line},col={finding.column},title={finding.code}::{message}"
            )
        elif finding.accepted is None:
            typer.echo(f"{where}: fund [{finding.code}] {finding.where}: {finding.message}")
        else:
            typer.echo(f"{where}: accepteret [{finding.code}] {finding.where}: {_accepted_text(finding)}")
    for note in report.notes:
        if github:
            typer.echo(
                f"::warning file={note.file},line={note.line},col={note.column},title=privacy-acceptance::{note.message}"
            )
        else:
            typer.echo(f"{note.file}:{note.line}:{note.column}: advarsel [privacy-acceptance] {note.message}")
    typer.echo(privacy_summary(report))


def _within(display: str, paths: list[Path]) -> bool:
    resolved = Path(display).resolve()
    return any(resolved == path or resolved.is_relative_to(path) for path in paths)


@app.command("privacy-check")
def privacy_check(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        None,
        metavar="STI",
        help="Filer eller mapper at kontrollere. Standard: alle fora i samlingen.",
        show_default=False,
    ),
    fmt: ReportFormat = typer.Option(
        ReportFormat.text, "--format", help="text (til mennesker), json (til maskiner) eller github (annoteringer)."
    ),
    everything: bool = typer.Option(
        False,
        "--all",
        help="Kontrollér også det, der endnu ikke er offentliggjort: udkast til referater og dagsordener, der ikke er udsendt.",
    ),
    today: Today = None,
) -> None:
    """Find CPR-numre, andres e-mailadresser og telefonnumre og tegn på borgersager i det, der offentliggøres."""
    from driftsforum_cli.domain.privacy import PrivacyReport, check_privacy
    from driftsforum_cli.domain.publish import PublishError, plan_site
    from driftsforum_cli.workspace import load_repository

    on = parse_today(today)
    targets = repository_targets(ctx, paths)
    total = PrivacyReport()
    unchecked: list[str] = []
    for root, only in targets.items():
        repo = load_repository(root)
        try:
            plan = plan_site(repo, repo.calendar, on, only=only, everything=everything)
        except PublishError as exc:
            raise UserError(str(exc)) from None
        unchecked.extend(plan.unchecked)
        report = check_privacy(plan, repo.config.model, _read_source)
        total.findings.extend(report.findings)
        total.notes.extend(report.notes)
        total.texts += report.texts
        total.files += report.files
    if paths:
        chosen = [path.resolve() for path in paths]
        total.findings = [finding for finding in total.findings if _within(finding.file, chosen)]
        total.notes = [note for note in total.notes if _within(note.file, chosen)]
        unchecked = [display for display in unchecked if _within(display, chosen)]
    print_privacy(total, fmt)
    for display in unchecked:
        typer.echo(f"Fejl: {display} kan ikke læses og er ikke kontrolleret; kør 'driftsforum validate'.", err=True)
    raise typer.Exit(1 if total.open or unchecked else 0)


# --- publish ----------------------------------------------------------------------------------------------------


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


class _PdfCache:
    """PDFs made by an earlier run, reused when their source is unchanged and nobody has edited them."""

    def __init__(self, site: Path) -> None:
        self.site = site
        try:
            loaded = json.loads((site / PDF_SOURCES).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self.entries: dict[str, dict[str, str]] = loaded if isinstance(loaded, dict) else {}

    def reuse(self, target: str, key: str) -> bytes | None:
        entry = self.entries.get(target)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        try:
            data = (self.site / target).read_bytes()
        except OSError:
            return None
        return data if _digest(data) == entry.get("sha256") else None

    @staticmethod
    def record(files: dict[str, bytes], keys: dict[str, str]) -> bytes:
        entries = {target: {"key": key, "sha256": _digest(files[target])} for target, key in sorted(keys.items())}
        return (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _published_before(output: Path) -> list[str] | None:
    """The files an earlier publish wrote in `output` (from its record), or None if it never published there."""
    try:
        loaded = json.loads((output / SITE_RECORD).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return []
    files = loaded.get("files") if isinstance(loaded, dict) else None
    if not isinstance(files, list):
        return []
    # Only plain relative paths inside the site: a damaged or planted record can never point outside it.
    return [
        name
        for name in files
        if isinstance(name, str) and name and not name.startswith("/") and ".." not in Path(name).parts
    ]


def _check_output(output: Path, force: bool) -> None:
    if output.exists() and not output.is_dir():
        raise UserError(f"{output} er en fil; angiv en mappe til hjemmesiden med -o")
    if output.is_dir() and not force and _published_before(output) is None and any(output.iterdir()):
        raise UserError(
            f"mappen {output} indeholder andre filer og er ikke en hjemmeside lavet af driftsforum publish; intet er "
            "skrevet. Vælg en ny eller tom mappe med -o (med --force skrives hjemmesiden ved siden af filerne, "
            "som ikke røres)."
        )


def _prune(output: Path, keep: set[str], previous: list[str]) -> tuple[int, list[str]]:
    """Delete the files the previous publish wrote that are no longer part of the site – unless someone has
    edited them since – and the folders that leaves empty. Files publish did not write are never touched.
    Returns the number deleted and the (relative) paths kept because they were edited."""
    from driftsforum_cli.files import MANIFEST, atomic_write

    removed = 0
    edited: list[str] = []
    manifests: dict[Path, dict[str, str]] = {}
    for relative in sorted(set(previous) - keep):
        path = output / relative
        if not path.is_file():
            continue
        folder = path.parent
        if folder not in manifests:
            try:
                loaded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = {}
            manifests[folder] = loaded if isinstance(loaded, dict) else {}
        manifest = manifests[folder]
        if manifest.get(path.name) != _digest(path.read_bytes()):
            edited.append(relative)
            continue
        path.unlink()
        removed += 1
        del manifest[path.name]
    for folder, manifest in manifests.items():
        manifest_path = folder / MANIFEST
        if manifest:
            text = json.dumps(dict(sorted(manifest.items())), indent=2, ensure_ascii=False) + "\n"
            atomic_write(manifest_path, text.encode("utf-8"))
        else:
            manifest_path.unlink(missing_ok=True)
        while folder != output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed, edited


def _progress(total: int) -> tuple[Callable[[int], None], Callable[[], None]]:
    """A progress bar on stderr when there is much to do; (advance, finish)."""
    if total < PROGRESS_FROM:
        return (lambda _count: None), (lambda: None)
    bar = typer.progressbar(length=total, label="Laver hjemmesiden", file=sys.stderr, show_pos=True)
    bar.__enter__()
    return bar.update, (lambda: bar.__exit__(None, None, None))


def _render(plan: SitePlan, root: Path, output: Path, with_pdf: bool) -> dict[str, bytes]:
    from driftsforum_cli.render.site import render_site, work_count

    cache = _PdfCache(output)
    advance, finish = _progress(work_count(plan, with_pdf))
    try:
        site = render_site(plan, root, with_pdf=with_pdf, reuse_pdf=cache.reuse, progress=advance)
    except OSError as exc:
        raise UserError(f"et bilag kan ikke læses: {exc.filename}: {exc.strerror}") from None
    finally:
        finish()
    files = dict(site.files)
    if with_pdf:
        files[PDF_SOURCES] = _PdfCache.record(files, site.pdf_keys)
    return files


@app.command()
def publish(
    ctx: typer.Context,
    output: Path = typer.Option(
        Path("site"), "-o", "--output", metavar="MAPPE", help="Mappen, hjemmesiden skrives i.", file_okay=False
    ),
    forum: str | None = typer.Option(None, "--forum", metavar="ID", help="Kun dette forum på hjemmesiden."),
    today: Today = None,
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Uden PDF-filer ved siderne (hurtigere, fx til afprøvning)."),
    force: bool = typer.Option(
        False, "--force", help="Overskriv sider, der er ændret i hånden, og skriv i en mappe med andre filer."
    ),
) -> None:
    """Lav hjemmesiden med godkendte referater og udsendte dagsordener (efter privatlivskontrollen)."""
    from driftsforum_cli.domain.privacy import check_privacy
    from driftsforum_cli.domain.publish import PublishError, plan_site
    from driftsforum_cli.files import OverwriteRefused, atomic_write, write_generated
    from driftsforum_cli.workspace import display_path, load_repository

    on = parse_today(today)
    root = repository_root(ctx)
    repo = load_repository(root)
    known = [files.id for files in repo.forums]
    if forum is not None and forum not in known:
        raise UserError(f"forummet '{forum}' findes ikke i samlingen (kendte fora: {', '.join(known) or 'ingen'})")
    only = {forum} if forum else None
    errors = _errors(repo, only, on)
    if errors:
        raise UserError(
            f"samlingen har {plural(len(errors), 'fejl', 'fejl')}, fx {errors[0]}. Kør 'driftsforum validate' og ret "
            "dem, før noget offentliggøres. Intet er skrevet."
        )
    try:
        plan = plan_site(repo, repo.calendar, on, only=only)
    except PublishError as exc:
        raise UserError(str(exc)) from None
    for note in plan.notes:
        typer.echo(f"Bemærk: {note}", err=True)

    report = check_privacy(plan, repo.config.model, _read_source)
    print_privacy(report, ReportFormat.text)
    if report.open:
        raise UserError(
            f"publish standser: privatlivskontrollen har {plural(len(report.open), 'åbent fund', 'åbne fund')}. "
            "Ret teksterne, eller acceptér fundene i mødefilerne (publication.accepted_findings). Intet er skrevet."
        )
    _check_output(output, force)
    if plan.publishing.statement_updated is None:
        typer.echo(
            "Bemærk: publishing.statement_updated mangler i driftsforum.yaml; erklæringen har ingen dato.", err=True
        )

    files = _render(plan, root, output, not no_pdf)
    try:
        written = write_generated({output / path: data for path, data in files.items()}, force=force)
    except OverwriteRefused as exc:
        shown = ", ".join(str(path) for path in exc.paths[:5]) + (" …" if len(exc.paths) > 5 else "")
        raise UserError(
            f"{plural(len(exc.paths), 'fil', 'filer')} på hjemmesiden er ændret, siden driftsforum skrev dem: {shown}. "
            "Intet er skrevet. Brug --force for at overskrive."
        ) from None
    except OSError as exc:
        raise UserError(f"{exc.filename or output} kan ikke skrives: {exc.strerror or exc}") from None
    previous = _published_before(output) or []
    removed, edited = _prune(output, set(files), previous)
    record = (json.dumps({"files": sorted(set(files) | set(edited))}, indent=2) + "\n").encode("utf-8")
    record_path = output / SITE_RECORD
    if not record_path.is_file() or record_path.read_bytes() != record:
        atomic_write(record_path, record)
    for relative in edited:
        typer.echo(
            f"Bemærk: {display_path(output / relative)} hører ikke længere til hjemmesiden, men er ændret i hånden og er ikke slettet.",
            err=True,
        )

    shown = display_path(output)
    pages = list(plan.pages())
    pdfs = sum(1 for path in files if path.endswith(".pdf") and "/bilag/" not in path)
    summary = (
        f"Hjemmesiden i {shown}: {plural(len(plan.forums), 'forum', 'fora')}, "
        f"{plural(len(pages), 'mødeside', 'mødesider')}, {plural(pdfs, 'PDF-fil', 'PDF-filer')}. "
        f"{plural(len(written), 'fil', 'filer')} skrevet, {len(files) - len(written)} uændrede"
        + (f", {removed} forældede slettet" if removed else "")
        + "."
    )
    typer.echo(summary)
    typer.echo(f"Åbn {display_path(output / 'index.html')} i en browser, eller kopiér mappen til webserveren.")
