"""`init --kind --cluster` and `forum add` (issue 17): every kind of driftsforum, in its cluster, validates
clean apart from the "(ret mig)" placeholders, which `--strict` refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from driftsforum_cli.domain.kinds import CLUSTERS, KINDS, REGION_MUNICIPALITIES
from tests.helpers import RunCli

TODAY = "2026-11-20"
#: Every kind with every cluster the charters allow it in.
COMBINATIONS = [
    (kind, cluster) for kind in KINDS for cluster in CLUSTERS if KINDS[kind].region_wide == (cluster == "region")
]


def _codes(cli: RunCli, repo: Path, *paths: str) -> tuple[int, list[str]]:
    result = cli("--repo", str(repo), "validate", *paths, "--today", TODAY, "--format", "json")
    return result.code, [finding["code"] for finding in json.loads(result.stdout)["diagnostics"]]


def _yaml(path: Path) -> dict:  # type: ignore[type-arg]
    loaded = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_all_combinations_are_covered() -> None:
    assert len(COMBINATIONS) == 2 * 4 + 2 * 1
    assert len(REGION_MUNICIPALITIES) == 11


@pytest.mark.parametrize(("kind", "cluster"), COMBINATIONS)
def test_init_each_kind_validates_clean_but_for_placeholders(
    cli: RunCli, tmp_path: Path, kind: str, cluster: str
) -> None:
    target = tmp_path / "fora"
    made = cli("init", str(target), "--kind", kind, "--cluster", cluster, "--today", TODAY)
    assert made.code == 0, made.output
    forum_id = f"{kind}-{cluster}"
    forum = _yaml(target / "forums" / forum_id / "forum.yaml")
    assert forum["kind"] == kind
    assert forum["name"].startswith(f"Driftsforum {KINDS[kind].title} – ")
    municipalities = forum["composition"]["municipalities"]
    assert set(municipalities) >= set(CLUSTERS[cluster].municipalities)
    seats = _yaml(target / "forums" / forum_id / "members.yaml")["seats"]
    assert {seat.get("municipality") for seat in seats if seat["sector"] == "kommune"} == set(municipalities)
    assert any(seat["sector"] == KINDS[kind].hospital_sector for seat in seats)
    assert KINDS[kind].hospital_key in forum["composition"]
    code, codes = _codes(cli, target)
    assert code == 0
    assert codes and set(codes) == {"placeholder"}, codes
    strict = cli("--repo", str(target), "validate", "--strict", "--today", TODAY)
    assert strict.code == 1
    assert "Med --strict tæller advarslerne som fejl." in strict.stdout


def test_region_wide_forum_has_all_eleven_municipalities(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "fora"
    assert (
        cli("init", str(target), "--kind", "boerne-unge-psykiatri", "--cluster", "region", "--today", TODAY).code == 0
    )
    forum = _yaml(target / "forums/boerne-unge-psykiatri-region/forum.yaml")
    assert sorted(forum["composition"]["municipalities"]) == sorted(
        [
            "Aalborg",
            "Brønderslev",
            "Frederikshavn",
            "Hjørring",
            "Jammerbugt",
            "Læsø",
            "Mariagerfjord",
            "Morsø",
            "Rebild",
            "Thisted",
            "Vesthimmerland",
        ]
    )
    assert forum["name"] == "Driftsforum Børne-Unge Psykiatri – Region Nordjylland"
    assert "psychiatry" in forum["composition"] and "hospital" not in forum["composition"]


def test_voksenpsykiatri_nord_follows_its_charter(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "fora"
    assert cli("init", str(target), "--kind", "voksenpsykiatri", "--cluster", "nord", "--today", TODAY).code == 0
    forum = _yaml(target / "forums/voksenpsykiatri-nord/forum.yaml")
    assert forum["composition"]["municipalities"] == ["Brønderslev", "Hjørring", "Frederikshavn", "Jammerbugt", "Læsø"]
    assert forum["composition"]["psychiatry"]["organisation"] == "Psykiatrien, Klinik Psykiatri Nord"
    assert forum["composition"]["required_areas"] == ["socialområdet", "beskæftigelsesområdet", "misbrugsområdet"]
    assert forum["reports_to"] == "Klyngestyregruppe Nord"


@pytest.mark.parametrize(
    ("kind", "cluster", "message"),
    [
        ("boern-unge-somatik", "nord", "er regionsdækkende efter kommissorierne"),
        ("voksen-somatik", "region", "holdes i hver klynge"),
        ("tandpleje", "nord", "'tandpleje' er ikke en forumtype"),
        ("voksen-somatik", "øst", "'øst' er ikke en klynge"),
    ],
)
def test_init_refuses_what_the_charters_do_not_have(
    cli: RunCli, tmp_path: Path, kind: str, cluster: str, message: str
) -> None:
    result = cli("init", str(tmp_path / "fora"), "--kind", kind, "--cluster", cluster, "--today", TODAY)
    assert result.code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("kind", "cluster"), [("voksen-somatik", "vest"), ("boern-unge-somatik", "region")])
def test_forum_add_puts_a_new_forum_beside_the_bundled_ones(
    cli: RunCli, repo_copy: Path, kind: str, cluster: str
) -> None:
    before = {path: path.read_bytes() for path in (repo_copy / "forums").rglob("*") if path.is_file()}
    result = cli(
        "--repo", str(repo_copy), "forum", "add", f"ny-{kind}", "--kind", kind, "--cluster", cluster, "--today", TODAY
    )
    assert result.code == 0, result.output
    assert f"Oprettede forummet 'ny-{kind}'" in result.stdout
    after = {path: path.read_bytes() for path in (repo_copy / "forums").rglob("*") if path.is_file()}
    assert {path: data for path, data in after.items() if path in before} == before  # nothing else touched
    assert len(list((repo_copy / f"forums/ny-{kind}/meetings").glob("2027-*.yaml"))) == 4
    code, codes = _codes(cli, repo_copy, str(repo_copy / f"forums/ny-{kind}"))
    assert code == 0 and codes and set(codes) == {"placeholder"}, codes
    code, codes = _codes(cli, repo_copy, str(repo_copy / "forums/nord"), str(repo_copy / "forums/vest"))
    assert code == 0 and "placeholder" not in codes
    assert not [path.name for path in (repo_copy / "forums").iterdir() if path.name.startswith(".")]


def test_forum_add_never_overwrites_a_forum(cli: RunCli, repo_copy: Path) -> None:
    before = (repo_copy / "forums/nord/forum.yaml").read_bytes()
    result = cli("--repo", str(repo_copy), "forum", "add", "nord", "--kind", "voksen-somatik", "--cluster", "nord")
    assert result.code == 1
    assert "forummet 'nord' findes allerede" in result.stderr
    assert (repo_copy / "forums/nord/forum.yaml").read_bytes() == before


def test_forum_add_refuses_a_bad_id(cli: RunCli, repo_copy: Path) -> None:
    result = cli(
        "--repo", str(repo_copy), "forum", "add", "Voksen Somatik", "--kind", "voksen-somatik", "--cluster", "nord"
    )
    assert result.code == 2
    assert "'Voksen Somatik' er ikke et gyldigt id" in result.stderr


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_kind_and_composition_must_agree(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "fora"
    assert cli("init", str(target), "--kind", "voksen-somatik", "--cluster", "syd", "--today", TODAY).code == 0
    forum_file = target / "forums/voksen-somatik-syd/forum.yaml"
    _edit(forum_file, "kind: voksen-somatik", "kind: voksenpsykiatri")
    code, codes = _codes(cli, target)
    assert code == 1 and "forum-kind" in codes


def test_the_hospital_needs_a_seat(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "fora"
    assert cli("init", str(target), "--kind", "voksen-somatik", "--cluster", "midt", "--today", TODAY).code == 0
    members = target / "forums/voksen-somatik-midt/members.yaml"
    _edit(members, "sector: hospital\n    level: chef", "sector: region\n    level: chef")
    _edit(members, "sector: hospital\n    roles: [sekretariat]", "sector: region\n    roles: [sekretariat]")
    result = cli("--repo", str(target), "validate", "--today", TODAY)
    assert result.code == 1
    assert "[hospital-seat] ingen plads fra hospitalet (Hospitalet (ret mig))" in result.stdout
    assert "tilføj en plads med 'sector: hospital'" in result.stdout


def test_a_region_wide_forum_missing_a_municipality_is_warned(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "fora"
    assert cli("init", str(target), "--kind", "boern-unge-somatik", "--cluster", "region", "--today", TODAY).code == 0
    _edit(target / "forums/boern-unge-somatik-region/forum.yaml", "Læsø, ", "")
    result = cli("--repo", str(target), "validate", "--today", TODAY)
    assert "[region-wide] Driftsforum Børn-Unge Somatik er regionsdækkende, men Læsø mangler" in result.stdout


def test_a_forum_with_neither_psychiatry_nor_hospital_is_refused(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "fora"
    assert cli("init", str(target), "--kind", "voksenpsykiatri", "--cluster", "vest", "--today", TODAY).code == 0
    _edit(
        target / "forums/voksenpsykiatri-vest/forum.yaml",
        '  psychiatry:\n    organisation: "Psykiatrien, Klinik Psykiatri Vest"\n',
        "",
    )
    result = cli("--repo", str(target), "validate", "--today", TODAY)
    assert result.code == 1
    assert "et driftsforum har en hospitalsside: angiv 'psychiatry' (psykiatrien) eller 'hospital'" in result.stdout


def test_forum_add_never_writes_into_the_bundled_forums(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from driftsforum_cli.workspace import bundled_root, find_root

    monkeypatch.delenv("DRIFTSFORUM_REPO", raising=False)
    assert find_root(tmp_path) is None  # no collection around: the bundled forums would be chosen

    before = sorted(path.name for path in (bundled_root() / "forums").iterdir())
    result = cli("forum", "add", "ny", "--kind", "voksen-somatik", "--cluster", "nord", "--today", TODAY, cwd=tmp_path)
    assert result.code == 1
    assert "de medfølgende eksempelfora ændres ikke" in result.stderr
    assert sorted(path.name for path in (bundled_root() / "forums").iterdir()) == before
