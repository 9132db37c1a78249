"""The kinds and clusters as data, and the placeholder finder."""

from __future__ import annotations

from driftsforum_cli.domain.kinds import (
    CLUSTERS,
    KINDS,
    check_combination,
    forum_name,
    municipalities,
    short_name,
    slug,
)
from driftsforum_cli.domain.rules.placeholders import placeholder_texts
from driftsforum_cli.models.members import Members


def test_clusters_are_the_sundhedsaftale_clusters() -> None:
    assert CLUSTERS["nord"].municipalities == ("Hjørring", "Brønderslev", "Frederikshavn", "Læsø")
    assert CLUSTERS["midt"].municipalities == ("Aalborg", "Jammerbugt")
    assert CLUSTERS["syd"].municipalities == ("Vesthimmerland", "Rebild", "Mariagerfjord")
    assert CLUSTERS["vest"].municipalities == ("Morsø", "Thisted")
    region = CLUSTERS["region"].municipalities
    assert len(region) == len(set(region)) == 11
    assert set(region) == {name for key in ("nord", "midt", "syd", "vest") for name in CLUSTERS[key].municipalities}


def test_names_and_combinations() -> None:
    somatik, bu_psyk = KINDS["voksen-somatik"], KINDS["boerne-unge-psykiatri"]
    assert forum_name(somatik, CLUSTERS["nord"]) == "Driftsforum Voksen Somatik – Klynge Nord"
    assert short_name(somatik, CLUSTERS["vest"]) == "Voksen Somatik Vest"
    assert short_name(bu_psyk, CLUSTERS["region"]) == "Børne-Unge Psykiatri (regionsdækkende)"
    assert check_combination(somatik, CLUSTERS["syd"]) is None
    assert check_combination(bu_psyk, CLUSTERS["region"]) is None
    assert check_combination(bu_psyk, CLUSTERS["syd"]) is not None
    assert "Jammerbugt" in municipalities(KINDS["voksenpsykiatri"], CLUSTERS["nord"])
    assert "Jammerbugt" not in municipalities(somatik, CLUSTERS["nord"])


def test_slug_writes_danish_letters_for_addresses() -> None:
    assert [slug(name) for name in ("Brønderslev", "Læsø", "Aalborg", "Morsø")] == [
        "broenderslev",
        "laesoe",
        "aalborg",
        "morsoe",
    ]


def test_placeholders_are_found_where_the_file_has_them() -> None:
    members = Members.model_validate(
        {
            "seats": [
                {"id": "a", "organisation": "Hospitalet (ret mig)", "sector": "hospital"},
                {
                    "id": "b",
                    "organisation": "PLO",
                    "sector": "almen praksis",
                    "person": {"name": "Navn (RET MIG)", "from": "2026-01-01"},
                },
            ]
        }
    )
    found = list(placeholder_texts(members))
    assert sorted(found) == [
        (("seats", 0, "organisation"), "Hospitalet (ret mig)"),
        (("seats", 1, "person", "name"), "Navn (RET MIG)"),
    ]
