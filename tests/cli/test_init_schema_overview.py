"""`init`, `schema` and `overview`."""

from __future__ import annotations

import json
from pathlib import Path

from driftsforum_cli.models.schema import json_schemas
from tests.helpers import REPO_ROOT, RunCli


def test_init_scaffolds_a_repository_that_validates_clean(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "mine-fora"
    result = cli(
        "init",
        str(target),
        "--forum",
        "syd",
        "--name",
        "Driftsforum Voksenpsykiatri – Klynge Syd",
        "--today",
        "2026-11-22",
    )
    assert result.code == 0, result.output
    assert (target / "driftsforum.yaml").is_file()
    meetings = sorted(path.name for path in (target / "forums/syd/meetings").glob("*.yaml"))
    assert len(meetings) == 4
    assert all(name.startswith("2027-") for name in meetings)
    assert (target / "schemas/meeting.schema.json").is_file()
    forum_text = (target / "forums/syd/forum.yaml").read_text(encoding="utf-8")
    assert forum_text.startswith("# yaml-language-server: $schema=../../schemas/forum.schema.json")
    assert 'name: "Driftsforum Voksenpsykiatri – Klynge Syd"' in forum_text
    check = cli("--repo", str(target), "validate", "--today", "2026-11-22", "--format", "json")
    assert check.code == 0, check.output
    codes = [finding["code"] for finding in json.loads(check.stdout)["diagnostics"]]
    assert codes and set(codes) == {"placeholder"}  # issue 17: only the "(ret mig)" values are left to fill in
    strict = cli("--repo", str(target), "validate", "--strict", "--today", "2026-11-22")
    assert strict.code == 1, strict.output  # --strict refuses a forum with placeholders left in it


def test_init_never_overwrites(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "eksisterende"
    target.mkdir()
    (target / "noter.txt").write_text("mine noter", encoding="utf-8")
    result = cli("init", str(target))
    assert result.code == 1
    assert "findes allerede og er ikke tom" in result.stderr
    assert sorted(path.name for path in target.iterdir()) == ["noter.txt"]
    assert [path.name for path in tmp_path.iterdir()] == ["eksisterende"]  # no staging folder left behind


def test_init_rejects_a_bad_forum_id(cli: RunCli, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "x"), "--forum", "Klynge Syd")
    assert result.code == 2
    assert "'Klynge Syd' er ikke et gyldigt id" in result.stderr
    assert not (tmp_path / "x").exists()


def test_committed_schemas_match_the_models() -> None:
    for name, text in json_schemas().items():
        committed = (REPO_ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} er forældet: kør 'driftsforum schema'"


def test_schema_has_danish_titles() -> None:
    schema = json.loads(json_schemas()["meeting.schema.json"])
    assert schema["title"] == "Møde (meetings/ÅÅÅÅ-MM-DD.yaml)"
    assert schema["properties"]["place"]["title"] == "Sted"
    assert schema["additionalProperties"] is False


def test_every_file_points_at_its_schema() -> None:
    for path in [REPO_ROOT / "driftsforum.yaml", *sorted((REPO_ROOT / "forums").rglob("*.yaml"))]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=")[1]).resolve()
        assert schema.is_file(), path


def test_schema_writes_and_refuses_to_overwrite_edits(cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "skemaer"
    first = cli("schema", "-o", str(out))
    assert first.code == 0
    assert "Skrev 8 skemaer" in first.stdout
    again = cli("schema", "-o", str(out))
    assert "allerede opdaterede" in again.stdout
    edited = out / "forum.schema.json"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    refused = cli("schema", "-o", str(out))
    assert refused.code == 1
    assert "er ændret, siden driftsforum skrev den" in refused.stderr
    assert edited.read_text(encoding="utf-8").endswith("\n\n")
    forced = cli("schema", "-o", str(out), "--force")
    assert forced.code == 0
    assert edited.read_text(encoding="utf-8") == json_schemas()["forum.schema.json"]


def test_overview_shows_both_forums_and_their_next_meetings(cli: RunCli) -> None:
    result = cli("overview", "--today", "2026-11-22", cwd=REPO_ROOT)
    assert result.code == 0
    out = result.stdout
    assert "Driftsforum Voksenpsykiatri – Klynge Nord" in out
    assert "Driftsforum Voksenpsykiatri – Klynge Vest" in out
    assert "• tirsdag den 24. november 2026 (uge 48) kl. 13.00–15.30" in out
    assert "derefter fællesmøde med Driftsforum Voksen Somatik kl. 15.00–16.00" in out
    assert "godkendt 19. februar 2020 i Klyngestyregruppe Vest" in out


def test_overview_of_an_unknown_forum(cli: RunCli) -> None:
    result = cli("overview", "--forum", "syd", "--today", "2026-12-01", cwd=REPO_ROOT)
    assert result.code == 1
    assert "forummet 'syd' findes ikke i samlingen (kendte fora: nord, vest)" in result.stderr
