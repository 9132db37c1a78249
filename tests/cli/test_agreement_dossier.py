"""`driftsforum agreement dossier`: one collaboration agreement across forums (issue 17)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import RunCli

TODAY = "2026-12-01"


def _escalate_about_sa03(repo: Path) -> None:
    path = repo / "forums/nord/meetings/2026-09-08.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    kind: beslutning\n    presenter: hjoerring-chef\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, old + "    agreements: [SA-03]\n"), encoding="utf-8")


def test_dossier_collects_the_agreement_from_every_forum(cli: RunCli, repo_copy: Path) -> None:
    _escalate_about_sa03(repo_copy)
    result = cli("--repo", str(repo_copy), "agreement", "dossier", "SA-03", "--today", TODAY)
    assert result.code == 0, result.output
    text = result.stdout
    assert text.startswith("# Dossier: SA-03 Udskrivningsaftaler og koordinationsplaner\n")
    assert (
        "## Driftsforum Voksenpsykiatri – Klynge Nord" in text
        and "## Driftsforum Voksenpsykiatri – Klynge Vest" in text
    )
    assert text.count("**Årshjul:** ordinært møde nr. 3 hvert år") == 2
    assert "8. september 2026: Opfølgning på samarbejdsaftale om udskrivningsaftaler" in text
    assert (
        "Sendt videre (principiel udfordring) til Klyngestyregruppe Nord den 21. september 2026; svar den "
        "14. oktober 2026: Klyngestyregruppen har bedt Strategisk Sundhedsforum om en fælles model for varsling."
    ) in text
    assert "Afprøve fast kontaktperson i psykiatrien for kommunernes bostøtter – Helle Eksempel" in text
    assert "**overskredet**" in text
    assert "Forslag om revision" not in text


def test_revision_proposal_is_addressed_to_the_steering_groups(cli: RunCli, repo_copy: Path) -> None:
    result = cli(
        "--repo",
        str(repo_copy),
        "agreement",
        "dossier",
        "SA-01",
        "--revision-proposal",
        "--forum",
        "vest",
        "--today",
        TODAY,
    )
    assert result.code == 0, result.output
    assert result.stdout.startswith(
        "# Forslag om revision: SA-01 Indlæggelse og udskrivning af voksne med psykisk sygdom"
    )
    assert "## Til Klyngestyregruppe Vest\n" in result.stdout
    assert "Klynge Nord" not in result.stdout
    assert "`agreements_reported`" in result.stdout


def test_dossier_as_pdf_and_html(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "dossier.pdf"
    result = cli(
        "--repo",
        str(repo_copy),
        "agreement",
        "dossier",
        "SA-02",
        "--format",
        "pdf",
        "-o",
        str(target),
        "--today",
        TODAY,
    )
    assert result.code == 0, result.output
    import pypdf

    reader = pypdf.PdfReader(target)
    assert "Dossier: SA-02" in "".join(page.extract_text() for page in reader.pages)
    assert (
        reader.metadata is not None
        and reader.metadata.title == "Dossier: SA-02 Borgere med samtidig psykisk lidelse og rusmiddelproblematik"
    )
    html = cli("--repo", str(repo_copy), "agreement", "dossier", "SA-02", "--format", "html", "--today", TODAY)
    assert html.code == 0
    assert (
        '<html lang="da">' in html.stdout
        and '<h2 id="forum-1">Driftsforum Voksenpsykiatri – Klynge Nord</h2>' in html.stdout
    )


def test_unknown_agreement_is_refused_with_a_suggestion(cli: RunCli, repo_copy: Path) -> None:
    result = cli("--repo", str(repo_copy), "agreement", "dossier", "SA-3", "--today", TODAY)
    assert result.code == 2
    assert "'SA-3' er ikke en samarbejdsaftale i nogen af forummene (mente du 'SA-03'?)" in result.stderr


def test_an_agreement_for_revision_is_expected_reported(cli: RunCli, repo_copy: Path) -> None:
    agreements = repo_copy / "forums/vest/agreements.yaml"
    text = agreements.read_text(encoding="utf-8")
    sa01 = text.index("id: SA-01")
    status = text.index("status: aktiv", sa01)
    agreements.write_text(
        text[:status] + "status: til revision" + text[status + len("status: aktiv") :], encoding="utf-8"
    )
    result = cli("--repo", str(repo_copy), "validate", "--today", TODAY)
    assert (
        "[agreement-not-reported] samarbejdsaftalen 'SA-01' er 'til revision', men intet møde har meldt den"
        in result.stdout
    )
    assert "driftsforum agreement dossier SA-01 --revision-proposal" in result.stdout
    meeting = repo_copy / "forums/vest/meetings/2026-09-10.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "agreements_reported: [SA-01]\n", encoding="utf-8")
    again = cli("--repo", str(repo_copy), "validate", "--today", TODAY)
    assert "agreement-not-reported" not in again.stdout
