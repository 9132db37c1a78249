"""The privacy check: what counts as a finding, where it is in the YAML, and accepting it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.domain.privacy import (
    Known,
    PrivacyReport,
    SourceText,
    check_privacy,
    cpr_birth_date,
    mask,
    mask_text,
    normalise,
    scan_text,
)
from driftsforum_cli.domain.publish import plan_site
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.loader import parse_yaml
from driftsforum_cli.workspace import load_repository

TODAY = date(2026, 11, 22)
NOBODY = Known()


@pytest.mark.parametrize(
    ("digits", "born"),
    [
        ("0101901234", date(1990, 1, 1)),  # 7th digit 0-3: 1900-1999
        ("0101054234", date(2005, 1, 1)),  # 4: 2000-2036 …
        ("0101504234", date(1950, 1, 1)),  # … else 1937-1999
        ("0101105234", date(2010, 1, 1)),  # 5-8: 2000-2057 …
        ("0101958234", date(1895, 1, 1)),  # … else 1858-1899
        ("0101369234", date(2036, 1, 1)),  # 9 like 4
        ("0101379234", date(1937, 1, 1)),
        ("2902009234", date(2000, 2, 29)),  # 2000 is a leap year …
        ("2902001234", None),  # … 1900 is not: the century decides whether the date exists
        ("3102901234", None),
        ("0013901234", None),
        ("123456789", None),
    ],
)
def test_cpr_birth_date_uses_the_seventh_digit(digits: str, born: date | None) -> None:
    assert cpr_birth_date(digits) == born


def _modulus_11_ok(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, (4, 3, 2, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11 == 0


def test_cpr_numbers_are_found_whether_or_not_they_pass_modulus_11() -> None:
    failing, passing = "0101901234", "0707614285"
    assert not _modulus_11_ok(failing)
    assert _modulus_11_ok(passing)
    # with a hyphen or another dash, without, or with a space (as people also write them)
    for number in (
        failing,
        passing,
        "070761-4285",
        "010190‐1234",
        "010190–1234",
        "010190 1234",
        "010190\u00a01234",
        "01 01 90 12 34",
        "01.01.90-1234",
    ):
        hits = scan_text(f"Borgeren med CPR {number} blev drøftet.", NOBODY, [])
        assert [(hit.kind, hit.text) for hit in hits] == [("cpr", number)], number


@pytest.mark.parametrize(
    "text",
    [
        "Journalnr. 1234567890",  # 12.34: no such month
        "3102901234",  # 31 February
        "kontonummer 12310190123456",  # part of a longer number
        "Mødet den 2026-09-08 kl. 13.00",
        "Sag 2026-1234-5678",
    ],
)
def test_no_cpr_without_a_valid_date_or_the_right_shape(text: str) -> None:
    assert [hit for hit in scan_text(text, NOBODY, []) if hit.kind == "cpr"] == []


def test_cpr_is_masked_in_reports() -> None:
    (hit,) = scan_text("CPR 010190-1234", NOBODY, [])
    assert mask(hit) == "010190-xxxx"
    (spaced,) = scan_text("CPR 01 01 90 12 34", NOBODY, [])
    assert mask(spaced) == "01 01 90 xx xx"
    assert hit.detail == "1. januar 1990"


@pytest.mark.parametrize(
    "phone", ["98 11 22 33", "98112233", "9811 2233", "+45 98 11 22 33", "+4598112233", "0045 9811 2233"]
)
def test_phone_numbers(phone: str) -> None:
    hits = scan_text(f"Ring på {phone}, hvis der er spørgsmål.", NOBODY, [])
    assert [(hit.kind, hit.text) for hit in hits] == [("phone", phone)]


@pytest.mark.parametrize(
    "text", ["I 2026 2027 holdes 4 møder.", "30 dage", "kl. 13.00–15.30", "12 34 56 78 90", "tlf-nr 123 456"]
)
def test_not_phone_numbers(text: str) -> None:
    assert [hit for hit in scan_text(text, NOBODY, []) if hit.kind == "phone"] == []


def test_members_contact_details_are_not_findings() -> None:
    known = Known(frozenset({"anne.eksempel@kommune.dk"}), frozenset({"98112233"}))
    text = "Kontakt Anne.Eksempel@kommune.dk eller +45 98 11 22 33; borgerens datter: hanne@gmail.com, 20 30 40 50."
    hits = scan_text(text, known, [])
    assert [(hit.kind, hit.text) for hit in hits] == [("email", "hanne@gmail.com"), ("phone", "20 30 40 50")]


def test_markers_match_word_beginnings_case_insensitively() -> None:
    hits = scan_text(
        "Patientens forløb og journalnummer; medborgeren er ikke et fund. Diagnose F20.",
        NOBODY,
        ["patienten", "journal", "borgeren", "diagnose"],
    )
    assert [(hit.text, hit.detail) for hit in hits] == [
        ("Patientens", "patienten"),
        ("journalnummer", "journal"),
        ("Diagnose", "diagnose"),
    ]
    assert hits[0].core_end - hits[0].start == len("patienten")


SOURCE = """\
# yaml-language-server: $schema=x
place: Rådhuset, tlf. 98 11 22 33
folded: >-
  Første linje uden fund. Anden sætning
  med CPR 010190-1234 og telefon 98 76
  54 32 midt i en foldet linje.
    Mere indrykket: 20 30
    40 50 er to linjer.

  Nyt afsnit: ring 20 30 40 50.
literal: |
  Linje et
  Linje to med 0101901234
plain: første linje
  fortsætter med 12 34 56 78
quoted: "pår\\u00f8rende til patienten"
after: slut
"""


def _locate(key: str, kind: str, occurrence: int = 0) -> tuple[int, int, bool]:
    document = parse_yaml(SOURCE, "x.yaml")
    source = SourceText(SOURCE, [*document.source.values.values(), *document.source.keys.values()])
    value = document.data[key]
    hits = [hit for hit in scan_text(value, NOBODY, ["pårørende", "patienten"]) if hit.kind == kind]
    return source.locate(document.source.value((key,)), value, hits[occurrence])


def test_findings_are_located_inside_multi_line_scalars() -> None:
    assert _locate("place", "phone") == (2, 23, True)
    assert _locate("folded", "cpr") == (5, 11, True)
    assert _locate("folded", "phone") == (5, 34, True)  # folded over two lines
    # '20 30 / 40 50' on lines 7-8 is no number (more-indented lines keep their line break); line 10's is.
    assert _locate("folded", "phone", 1) == (10, 20, True)
    assert _locate("literal", "cpr") == (13, 16, True)
    assert _locate("plain", "phone") == (15, 18, True)  # a plain scalar continued on the next line
    assert _locate("quoted", "marker", 0) == (16, 10, True)


def test_a_text_after_an_escape_points_at_the_scalar() -> None:
    assert _locate("quoted", "marker", 1) == (16, 9, False)


# --- the whole check on a repository -------------------------------------------------------------------------

MEETING = "forums/nord/meetings/2026-09-08.yaml"
DECISION = "    decision: Driftsforum tog orienteringen til efterretning.\n"


def _check(repo: Path, today: date = TODAY) -> PrivacyReport:
    loaded = load_repository(repo)
    assert loaded.config.model is not None
    plan = plan_site(loaded, WorkCalendar(loaded.config.model.closures), today)
    return check_privacy(plan, loaded.config.model, lambda path: path.read_text(encoding="utf-8-sig"))


def _plant(repo: Path, decision: str, publication: str = "") -> int:
    """Replace the decision of item 6 of 8 September; returns its line."""
    path = repo / MEETING
    text = path.read_text(encoding="utf-8")
    assert DECISION in text
    text = text.replace(DECISION, f"    decision: {decision}\n", 1)
    path.write_text(text.rstrip("\n") + "\n" + publication, encoding="utf-8")
    return text.splitlines().index(f"    decision: {decision}") + 1


def test_bundled_repository_has_no_findings(repo_copy: Path) -> None:
    report = _check(repo_copy)
    assert report.findings == []
    assert report.notes == []
    assert report.texts > 100 and report.files >= 10


def test_planted_cpr_is_located_and_explained_in_danish(repo_copy: Path) -> None:
    line = _plant(repo_copy, "Sagen om borger 070761-4285 blev drøftet.")
    report = _check(repo_copy)
    (finding,) = report.open
    assert finding.file.endswith(MEETING)
    assert (finding.line, finding.column, finding.exact) == (line, len("    decision: Sagen om borger ") + 1, True)
    assert finding.kind == "cpr"
    assert finding.text == "070761-xxxx"
    assert finding.where == "punkt 6, beslutning"
    assert "CPR-loven § 54, stk. 3" in finding.message
    assert "publication.accepted_findings" in finding.message
    assert "4285" not in finding.message


def test_accepting_a_finding(repo_copy: Path) -> None:
    _plant(
        repo_copy,
        "Sagen om borger 070761-4285 blev drøftet. Kontakt patienten via 20 30 40 50.",
        "publication:\n  accepted_findings:\n"
        "    - text: 070761-4285\n      by: sekretariat-psykiatrien\n"
        "      reason: Et journalnummer i det gamle system, ikke et CPR-nummer.\n      on: 2026-09-20\n"
        "    - text: 20 30 40 50\n      by: ukendt-plads\n      reason: Afdelingens hovednummer.\n"
        "    - text: findes ikke\n      by: plo\n      reason: Gammel accept.\n",
    )
    report = _check(repo_copy)
    accepted = report.accepted
    assert [finding.kind for finding in accepted] == ["cpr"]
    assert accepted[0].accepted is not None
    assert accepted[0].accepted.by_name == "Karen Eksempel"
    assert accepted[0].accepted.on == date(2026, 9, 20)
    # The phone's acceptance names no seat, so it does not count; the marker 'patienten' was never accepted.
    assert sorted(finding.kind for finding in report.open) == ["marker", "phone"]
    messages = [note.message for note in report.notes]
    assert any("'ukendt-plads'" in message and "gælder ikke" in message for message in messages)
    assert any("'findes ikke'" in message and "fjern accepten" in message for message in messages)


def test_acceptance_of_a_longer_phrase_covers_the_marker(repo_copy: Path) -> None:
    _plant(
        repo_copy,
        "Patientens perspektiv blev inddraget.",
        "publication:\n  accepted_findings:\n"
        "    - text: patientens perspektiv\n      by: plo\n      reason: Generelt, ingen bestemt patient.\n",
    )
    report = _check(repo_copy)
    assert report.open == []
    assert [finding.text for finding in report.accepted] == ["Patientens"]


def test_findings_outside_meeting_files_cannot_be_accepted(repo_copy: Path) -> None:
    members = repo_copy / "forums" / "nord" / "members.yaml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace("name: Anne Eksempel", "name: Anne Eksempel (privat 20304050)", 1), "utf-8")
    (finding,) = _check(repo_copy).open
    assert finding.file.endswith("members.yaml")
    assert finding.where == "pladsen 'broenderslev-afdelingsleder', navn"
    assert "kan ikke accepteres" in finding.message


def test_unpublished_texts_are_not_checked_unless_asked(repo_copy: Path) -> None:
    # The minutes of 8 September are still a draft on 20 September: their decisions are not published yet.
    _plant(repo_copy, "Kontakt hanne@gmail.com.")
    assert _check(repo_copy, date(2026, 9, 20)).findings == []
    loaded = load_repository(repo_copy)
    assert loaded.config.model is not None
    plan = plan_site(loaded, WorkCalendar(loaded.config.model.closures), date(2026, 9, 20), everything=True)
    report = check_privacy(plan, loaded.config.model, lambda path: path.read_text(encoding="utf-8"))
    assert [finding.kind for finding in report.open] == ["email"]


# --- normalising before matching -----------------------------------------------------------------------------


def test_normalise_keeps_the_original_positions() -> None:
    text = "a\u200bpa\u030are\u00adn\u2013\u00a0b\ufb01"  # zero-width space, decomposed å, soft hyphen, en dash, NBSP, ligature
    norm = normalise(text)
    assert norm.text == "apåren- bfi"
    assert norm.span(1, 3) == (2, 5)  # 'på' is 'pa' + the combining ring in the original
    assert norm.span(9, 11) == (len(text) - 1, len(text))  # both letters of the ligature come from one character


@pytest.mark.parametrize(
    "number",
    [
        "070761\u200b-4285",
        "0707\u00ad61-4285",
        "CPR070761-4285",
        "cpr.nr.070761-4285",
        "07-07-61-4285",
        "07.07.1961-4285",
        "070761-42.85",
        "070761 \u2014 4285",
        "070761\u22124285",
        "070761/4285",
        "070761_4285",
        "070761\t4285",
        "070761\u202f-\u20094285",
        "070761\u2011-4285",
        "070761-\n   4285",
    ],
)
def test_the_secretarys_trial_numbers_are_found(number: str) -> None:
    (hit,) = scan_text(f"Sagen {number} blev drøftet.", NOBODY, [])
    assert hit.kind == "cpr" and hit.detail == "7. juli 1961"
    assert mask(hit).endswith("xx")


@pytest.mark.parametrize(
    "text",
    [
        "Sagsnr. 1-01-72-30-17",
        "KLE 29.09.00-A00-1-26",
        "j.nr. 2026-012345",
        "j.nr. 2011-012345",  # 20.11.01 would be a date: the layout YYYY-NNNNNN is a journal number
        "Mødet 2026-03-10, 10.03.2026 eller 10-03-2026 kl. 13.00–15.30",
        "Mødet 10.03.26 13.00",
        "1.234.567,50 kr. (12,5 %)",
        "SA-03 og møde 2026-09-08",
        "07.07.2061-4285",  # a four-digit year must be the year the seventh digit gives (1961)
    ],
)
def test_everyday_numbers_are_no_findings(text: str) -> None:
    assert scan_text(text, NOBODY, []) == []


@pytest.mark.parametrize("phone", ["98-11-22-33", "98.11.22.33", "981 12 233", "981-12-233", "+45 98.11.22.33"])
def test_phone_numbers_in_pairs_and_3_2_3(phone: str) -> None:
    assert [(hit.kind, hit.text) for hit in scan_text(f"Ring {phone}.", NOBODY, [])] == [("phone", phone)]


def test_markers_hyphenated_decomposed_and_in_compounds() -> None:
    markers = ["diagnose", "pårørende"]
    for text in ("psykosediagnose", "diag-nose", "diag\u00adnose", "diag-\n  nose", "DIAGNOSEN", "pa\u030arørende"):
        hits = scan_text(f"Om {text} i dag.", NOBODY, markers)
        assert [(hit.kind, hit.start, hit.end) for hit in hits] == [("marker", 3, 3 + len(text))], text


def test_mask_text_masks_every_cpr_number() -> None:
    assert mask_text("Nr. 070761\u200b-4285 og 01 01 90 12 34") == "Nr. 070761-xxxx og 01 01 90 xx xx"


def test_a_date_followed_by_an_amount_with_decimals_is_no_cpr_number() -> None:
    """Found by the everyday corpus: '01.01.2000. 10,0 %' was read as 010120-0010. (A date followed by a
    whole number stays a finding: '01-01-1940 00' is also how a CPR number may be written in pairs.)"""
    from driftsforum_cli.domain.privacy import _cpr_matches, normalise

    for text in ("Mødet 01.01.2000. 10,0 %", "den 15.03.2026 12,5 timer"):
        assert list(_cpr_matches(normalise(text).text)) == [], text
    assert [m.group(0) for m, _ in _cpr_matches(normalise("070761-4285").text)] == ["070761-4285"]
