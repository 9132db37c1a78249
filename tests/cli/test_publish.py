"""`driftsforum publish` and `driftsforum privacy-check` as the secretariat uses them."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdf
import pytest

from driftsforum_cli.cli import main
from driftsforum_cli.services.site import publish as publish_site
from driftsforum_cli.workspace import bundled_root
from tests.helpers import RunCli

TODAY = "2026-11-22"
MEETING = "forums/nord/meetings/2026-09-08.yaml"
DECISION = "    decision: Driftsforum tog orienteringen til efterretning.\n"
PLANTED = "Borgeren med CPR 070761-4285 blev drøftet."
ACCEPTANCE = """\
publication:
  accepted_findings:
    - text: 070761-4285
      by: sekretariat-psykiatrien
      reason: Journalnummer fra det gamle system, ikke et CPR-nummer.
      on: 2026-09-20
"""


def _plant(repo: Path, decision: str = PLANTED, extra: str = "") -> tuple[int, int]:
    """Replace the decision of item 6 on 8 September; the (line, column) where `decision` starts."""
    path = repo / MEETING
    text = path.read_text(encoding="utf-8")
    assert DECISION in text
    text = text.replace(DECISION, f"    decision: {decision}\n", 1)
    path.write_text(text.rstrip("\n") + "\n" + extra, encoding="utf-8")
    return text.splitlines().index(f"    decision: {decision}") + 1, len("    decision: ") + 1


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file with its content and modification time (a rewrite changes the time)."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _publish(cli: RunCli, repo: Path, site: Path, *args: str) -> tuple[int, str, str]:
    result = cli("publish", "-o", str(site), "--today", TODAY, *args, cwd=repo)
    return result.code, result.stdout, result.stderr


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@dataclass(frozen=True)
class Published:
    """The bundled repository (`repo`) and its site with PDFs (`repo/site`), as `publish` printed it."""

    repo: Path
    stdout: str

    @property
    def site(self) -> Path:
        return self.repo / "site"

    def copy(self, folder: Path) -> Path:
        """A copy of the repository with its site (modification times kept), to change."""
        target = folder / "repo"
        shutil.copytree(self.repo, target)
        return target


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """Published once per session with PDFs (the slow part): tests only read it, or change a `copy`."""
    work = tmp_path_factory.mktemp("published")
    repo = work / "repo"
    repo.mkdir()
    source = bundled_root()
    shutil.copy2(source / "driftsforum.yaml", repo / "driftsforum.yaml")
    for folder in ("forums", "schemas"):
        shutil.copytree(source / folder, repo / folder)
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out), redirect_stderr(err):
        patch.setenv("XDG_CACHE_HOME", str(work / "cache"))
        patch.chdir(repo)
        code = main(["publish", "-o", "site", "--today", TODAY])
    assert code == 0, out.getvalue() + err.getvalue()
    return Published(repo, out.getvalue())


def test_publish_the_bundled_repository(published: Published) -> None:
    assert "Privatlivskontrol: ingen fund i" in published.stdout
    assert "Hjemmesiden i site: 2 fora, 8 mødesider, 14 PDF-filer." in published.stdout
    site = published.site
    for name in ("index.html", "tilgaengelighed.html", "style.css", "nord/index.html", "vest/2026-09-10.html"):
        assert (site / name).is_file(), name
    assert (site / "vest/2026-09-10-referat.pdf").read_bytes().startswith(b"%PDF-")
    # One record of what publish wrote: every file's checksum and each PDF's source; no other bookkeeping files.
    assert sorted(path.name for path in site.rglob(".*")) == [".driftsforum-hjemmeside.json"]
    record = json.loads((site / ".driftsforum-hjemmeside.json").read_text(encoding="utf-8"))
    published_files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert sorted(record["files"]) == [name for name in published_files if not name.startswith(".")]
    assert sorted(record["pdf_sources"]) == sorted(name for name in published_files if name.endswith(".pdf"))


def test_planted_cpr_blocks_publish_and_writes_nothing(cli: RunCli, repo_copy: Path) -> None:
    line, column = _plant(repo_copy, PLANTED)
    site = repo_copy / "site"
    code, out, err = _publish(cli, repo_copy, site)
    assert code == 1
    where = f"forums/nord/meetings/2026-09-08.yaml:{line}:{column + len('Borgeren med CPR ')}"
    assert f"{where}: fund [privacy-cpr] punkt 6, beslutning: '070761-xxxx' ligner et CPR-nummer" in out
    assert "CPR-loven § 54, stk. 3" in out
    assert "4285" not in out + err
    assert "'Borgeren' (markøren 'borgeren' i driftsforum.yaml) kan tyde på en borgersag" in out
    assert "Privatlivskontrol: 2 åbne fund i" in out
    assert "Fejl: publish standser: privatlivskontrollen har 2 åbne fund." in err
    assert "Intet er skrevet." in err
    assert not site.exists()


def test_planted_cpr_leaves_an_existing_site_unchanged(cli: RunCli, repo_copy: Path) -> None:
    site = repo_copy / "site"
    assert _publish(cli, repo_copy, site, "--no-pdf")[0] == 0
    before = _snapshot(site)
    _plant(repo_copy, "Kontakt på 0707614285 efter mødet.")
    code, out, _ = _publish(cli, repo_copy, site, "--no-pdf")
    assert code == 1
    assert "fund [privacy-cpr]" in out
    assert _snapshot(site) == before


def test_accepting_the_finding_lets_publish_go_on(cli: RunCli, repo_copy: Path) -> None:
    _plant(repo_copy, "Sagen med nummer 070761-4285 blev drøftet.", ACCEPTANCE)
    site = repo_copy / "site"
    code, out, err = _publish(cli, repo_copy, site, "--no-pdf")
    assert code == 0, out + err
    assert (
        "accepteret [privacy-cpr] punkt 6, beslutning: '070761-xxxx' er accepteret af Karen Eksempel "
        "(sekretariat-psykiatrien) den 20. september 2026: Journalnummer fra det gamle system, ikke et CPR-nummer."
    ) in out
    assert "Privatlivskontrol: 1 accepteret fund i" in out
    assert "070761-4285" in (site / "nord/2026-09-08.html").read_text(encoding="utf-8")


def test_draft_minutes_never_appear(cli: RunCli, published: Published, tmp_path: Path) -> None:
    repo = published.copy(tmp_path)
    _plant(repo, "Beslutningen i udkastet er hemmelig indtil godkendelsen.")
    site = repo / "site"  # holds the approved minutes of 8 September (without the planted text) as PDF
    code, out, err = _publish(cli, repo, site, "--today", "2026-09-20")  # minutes sent, not approved
    assert code == 0, out + err
    page = (site / "nord/2026-09-08.html").read_text(encoding="utf-8")
    assert "<h1>Dagsorden – tirsdag den 8. september 2026</h1>" in page
    assert "Referatet offentliggøres her, når det er godkendt." in page
    assert not (site / "nord/2026-09-08-referat.pdf").exists()
    texts = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    texts += [_pdf_text(path) for path in site.rglob("*.pdf")]
    assert not any("udkastet er hemmelig" in text or "UDKAST" in text for text in texts)
    # Once approved, the minutes replace the agenda on the page.
    assert _publish(cli, repo, site)[0] == 0
    assert "udkastet er hemmelig" in (site / "nord/2026-09-08.html").read_text(encoding="utf-8")
    assert "udkastet er hemmelig" in _pdf_text(site / "nord/2026-09-08-referat.pdf")


def test_publishing_twice_gives_a_byte_identical_folder(cli: RunCli, published: Published, tmp_path: Path) -> None:
    repo = published.copy(tmp_path)
    site = repo / "site"
    first = _snapshot(site)
    code, out, _ = _publish(cli, repo, site)
    assert code == 0
    assert "0 filer skrevet, 31 uændrede." in out  # 27 + the search page's 4 files
    assert _snapshot(site) == first  # same bytes, and nothing rewritten (same modification times)
    # Another site from the same data, its PDFs made one after the other instead of by a pool of processes.
    other = tmp_path / "andet-site"
    result = publish_site(repo, other, date.fromisoformat(TODAY), workers=1)
    assert result.pdfs_made == 14
    assert {name: data for name, (data, _) in _snapshot(other).items()} == {
        name: data for name, (data, _) in first.items()
    }


def test_a_changed_meeting_rewrites_only_its_own_files(cli: RunCli, published: Published, tmp_path: Path) -> None:
    repo = published.copy(tmp_path)
    site = repo / "site"
    before = _snapshot(site)
    _plant(repo, "Driftsforum tog orienteringen til efterretning med en tilføjelse.")
    code, out, _ = _publish(cli, repo, site)
    assert code == 0
    after = _snapshot(site)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [
        ".driftsforum-hjemmeside.json",  # the checksums of the published files and the PDFs' sources
        "nord/2026-09-08-referat.pdf",
        "nord/2026-09-08.html",
        "soegeindeks.js",  # the search index holds the decision too
        "soegeindeks.json",
    ]
    assert "4 filer skrevet, 27 uændrede." in out


def test_a_page_edited_by_hand_is_kept_unless_forced(cli: RunCli, repo_copy: Path) -> None:
    site = repo_copy / "site"
    assert _publish(cli, repo_copy, site, "--no-pdf")[0] == 0
    page = site / "nord/2026-09-08.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Referat", "Referat (rettet)"), encoding="utf-8")
    _plant(repo_copy, "En ny beslutning.")
    code, _, err = _publish(cli, repo_copy, site, "--no-pdf")
    assert code == 1
    assert "1 fil på hjemmesiden er ændret, siden driftsforum skrev den: site/nord/2026-09-08.html." in err
    assert "Intet er skrevet" in err
    assert "(rettet)" in page.read_text(encoding="utf-8")
    assert _publish(cli, repo_copy, site, "--no-pdf", "--force")[0] == 0
    assert "(rettet)" not in page.read_text(encoding="utf-8")
    assert "En ny beslutning." in page.read_text(encoding="utf-8")


def test_files_no_longer_on_the_site_are_removed(cli: RunCli, published: Published, tmp_path: Path) -> None:
    repo = published.copy(tmp_path)
    site = repo / "site"
    code, out, _ = _publish(cli, repo, site, "--forum", "nord", "--no-pdf")
    assert code == 0
    assert "Hjemmesiden i site: 1 forum, 4 mødesider, 0 PDF-filer." in out
    assert "forældede slettet" in out
    assert not (site / "vest").exists()
    assert not list(site.rglob("*.pdf"))
    assert not (site / ".driftsforum-pdf.json").exists()
    record = json.loads((site / ".driftsforum-hjemmeside.json").read_text(encoding="utf-8"))
    assert record["pdf_sources"] == {}
    assert not [name for name in record["files"] if name.startswith("vest/")]
    assert "vest" not in (site / "index.html").read_text(encoding="utf-8")


def test_no_pdf_means_no_pdf_links(cli: RunCli, repo_copy: Path) -> None:
    site = repo_copy / "site"
    assert _publish(cli, repo_copy, site, "--no-pdf")[0] == 0
    assert not list(site.rglob("*.pdf"))
    assert ".pdf" not in (site / "nord/2026-09-08.html").read_text(encoding="utf-8")


def test_refuses_a_folder_with_other_files(cli: RunCli, repo_copy: Path) -> None:
    code, _, err = _publish(cli, repo_copy, repo_copy)  # the repository itself
    assert code == 1
    assert "indeholder andre filer og er ikke en hjemmeside lavet af driftsforum" in err
    assert not (repo_copy / "index.html").exists()


def test_refuses_a_repository_with_errors(cli: RunCli, repo_copy: Path) -> None:
    path = repo_copy / MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("start: 13:00", "start: 25:00", 1), encoding="utf-8")
    code, _, err = _publish(cli, repo_copy, repo_copy / "site")
    assert code == 1
    assert "skal rettes, før noget offentliggøres: forums/nord/meetings/2026-09-08.yaml:" in err
    assert "Kør 'driftsforum validate'" in err and "Intet er gjort." in err
    assert not (repo_copy / "site").exists()


def test_usage_errors(cli: RunCli, repo_copy: Path) -> None:
    assert cli("publish", "--forum", "syd", "-o", "x", "--today", "2026-12-01", cwd=repo_copy).code == 1
    assert cli("publish", "--today", "i morgen", cwd=repo_copy).code == 2
    assert cli("publish", "--ukendt", "--today", "2026-12-01", cwd=repo_copy).code == 2
    assert not (repo_copy / "x").exists()


def test_progress_bar_for_many_pages(cli: RunCli, repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from driftsforum_cli.cli import publish

    monkeypatch.setattr(publish, "PROGRESS_FROM", 5)
    code, _, err = _publish(cli, repo_copy, repo_copy / "site", "--no-pdf")
    assert code == 0
    assert "Laver hjemmesiden" in err


# --- privacy-check ------------------------------------------------------------------------------------------------


def test_privacy_check_clean(cli: RunCli, repo_copy: Path) -> None:
    result = cli("privacy-check", "--today", TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert result.stdout.startswith("Privatlivskontrol: ingen fund i ")


def test_privacy_check_finds_and_locates(cli: RunCli, repo_copy: Path) -> None:
    line, column = _plant(repo_copy, "Ring til datteren på 20 30 40 50 eller skriv til hanne@gmail.com.")
    result = cli("privacy-check", "--today", TODAY, cwd=repo_copy)
    assert result.code == 1
    lines = result.stdout.splitlines()
    file = "forums/nord/meetings/2026-09-08.yaml"
    assert lines[0].startswith(
        f"{file}:{line}:{column + len('Ring til datteren på ')}: fund [privacy-phone] punkt 6, beslutning: "
        "telefonnummeret '20 30 40 50' tilhører ikke et medlem i members.yaml"
    )
    assert lines[1].startswith(
        f"{file}:{line}:{column + len('Ring til datteren på 20 30 40 50 eller skriv til ')}: fund [privacy-email]"
    )
    assert lines[-1].startswith("Privatlivskontrol: 2 åbne fund i ")


def test_privacy_check_paths_formats_and_all(cli: RunCli, repo_copy: Path) -> None:
    _plant(repo_copy, "Diagnosen blev drøftet.")
    assert cli("privacy-check", "forums/vest", "--today", TODAY, cwd=repo_copy).code == 0
    assert cli("privacy-check", MEETING, "--today", TODAY, cwd=repo_copy).code == 1
    data = json.loads(cli("privacy-check", "--format", "json", "--today", TODAY, cwd=repo_copy).stdout)
    assert data["open"] == 1
    (finding,) = data["findings"]
    assert (finding["kind"], finding["text"], finding["status"], finding["where"]) == (
        "marker",
        "Diagnosen",
        "åben",
        "punkt 6, beslutning",
    )
    github = cli("privacy-check", "--format", "github", "--today", TODAY, cwd=repo_copy).stdout
    assert github.startswith(f"::error file={MEETING},line=")
    # On 20 September the minutes are a draft: not published, so not checked – unless --all.
    assert cli("privacy-check", "--today", "2026-09-20", cwd=repo_copy).code == 0
    assert cli("privacy-check", "--all", "--today", "2026-09-20", cwd=repo_copy).code == 1


def test_privacy_check_bad_path_is_a_usage_error(cli: RunCli, repo_copy: Path) -> None:
    assert cli("privacy-check", "findes/ikke.yaml", "--today", "2026-12-01", cwd=repo_copy).code == 2


def test_commands_are_in_the_help(cli: RunCli) -> None:
    result = cli("--help")
    assert "publish" in result.stdout and "privacy-check" in result.stdout
    help_text = cli("publish", "--help").stdout
    for option in ("--output", "--forum", "--today", "--no-pdf", "--force"):
        assert option in help_text


def test_publish_never_deletes_files_it_did_not_publish(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """A folder where other driftsforum commands wrote files (schemas, an agenda) is not a site."""
    folder = tmp_path / "Dokumenter"
    assert (
        cli(
            "agenda",
            "nord",
            "--format",
            "html",
            "-o",
            str(folder / "dagsorden.html"),
            "--today",
            "2026-12-01",
            cwd=repo_copy,
        ).code
        == 0
    )
    assert cli("schema", "-o", str(folder / "skemaer"), cwd=repo_copy).code == 0
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))

    refused = cli("publish", "-o", str(folder), "--no-pdf", "--today", "2026-11-22", cwd=repo_copy)
    assert refused.code == 1
    assert "indeholder andre filer og er ikke en hjemmeside lavet af driftsforum" in refused.stderr
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == before

    forced = cli("publish", "-o", str(folder), "--no-pdf", "--force", "--today", "2026-11-22", cwd=repo_copy)
    assert forced.code == 0, forced.output
    assert "slettet" not in forced.stdout
    assert (folder / "dagsorden.html").is_file()
    assert len(list((folder / "skemaer").glob("*.schema.json"))) == 8
    assert (folder / "index.html").is_file()

    # A later publish of one forum removes only the other forum's published pages.
    narrowed = cli("publish", "-o", str(folder), "--no-pdf", "--forum", "nord", "--today", "2026-11-22", cwd=repo_copy)
    assert narrowed.code == 0, narrowed.output
    assert "forældede slettet" in narrowed.stdout
    assert not (folder / "vest").exists()
    assert (folder / "dagsorden.html").is_file()
    assert len(list((folder / "skemaer").glob("*.schema.json"))) == 8
