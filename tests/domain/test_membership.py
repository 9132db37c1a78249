"""Membership over time: who held a seat on a day, what members.yaml accepts, who gets a new sending, and
the rules for seats nobody held."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest
from pydantic import ValidationError

from driftsforum_cli.diagnostics import Severity
from driftsforum_cli.domain.mailing import recipients
from driftsforum_cli.domain.rules import check_repository
from driftsforum_cli.domain.seats import holder_on, suggest_seat
from driftsforum_cli.loader import load_file
from driftsforum_cli.models import Meeting, Members, Seat
from driftsforum_cli.workspace import load_repository

ERIK = {"name": "Erik Eksempel", "email": "erik@laesoe.example.org"}
LISE = {"name": "Lise Ny", "email": "lise@laesoe.example.org"}


def laesoe(**extra: object) -> Seat:
    data = {"id": "laesoe", "organisation": "Læsø Kommune", "sector": "kommune", "municipality": "Læsø", **extra}
    return Seat.model_validate(data)


def test_the_holder_is_the_one_whose_period_covers_the_day() -> None:
    seat = laesoe(person={**LISE, "from": "2026-12-01"}, history=[{**ERIK, "to": "2026-11-30"}])
    assert [person.name for person in seat.holders] == ["Erik Eksempel", "Lise Ny"]
    held = {day: holder_on(seat, date.fromisoformat(day)) for day in ("2026-01-05", "2026-11-30", "2026-12-01")}
    assert {day: person.name if person else None for day, person in held.items()} == {
        "2026-01-05": "Erik Eksempel",
        "2026-11-30": "Erik Eksempel",
        "2026-12-01": "Lise Ny",
    }
    simple = laesoe(person=ERIK)
    assert holder_on(simple, date(1999, 1, 1)) is not None, "without dates the person has always held it"
    vacant = laesoe(history=[{**ERIK, "to": "2026-11-30"}])
    assert holder_on(vacant, date(2026, 11, 30)) is not None
    assert holder_on(vacant, date(2026, 12, 1)) is None
    assert suggest_seat("Erik Eksempel", [vacant]) == "laesoe", "an earlier holder's name still finds the seat"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"person": LISE, "history": [{**ERIK, "to": "2026-11-30"}]}, "uden datoer, der adskiller dem"),
        (
            {"person": {**LISE, "from": "2026-11-15"}, "history": [{**ERIK, "to": "2026-11-30"}]},
            "Erik Eksempel har pladsen til og med 30. november 2026, men Lise Ny har den allerede fra 15. november 2026",
        ),
        ({"history": [ERIK]}, "Field required"),
        ({"person": {**LISE, "from": "2026-12-01", "to": "2026-11-01"}}, "'to' (2026-11-01) ligger før 'from'"),
    ],
)
def test_periods_that_do_not_add_up_are_refused(extra: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        laesoe(**extra)


def test_members_yaml_with_history_loads_and_a_missing_to_is_located(tmp_path: Path) -> None:
    path = tmp_path / "members.yaml"
    path.write_text(
        "seats:\n"
        "  - id: laesoe\n"
        "    organisation: Læsø Kommune\n"
        "    sector: kommune\n"
        "    municipality: Læsø\n"
        "    person:\n"
        "      name: Lise Ny\n"
        "      from: 2026-12-01\n"
        "    history:\n"
        "      - name: Erik Eksempel\n"
        "        from: 2026-01-01\n",
        encoding="utf-8",
    )
    loaded = load_file(path, "members.yaml", Members)
    assert loaded.model is None
    assert [(d.line, d.code) for d in loaded.diagnostics] == [(10, "missing-key")]
    assert "'to'" in loaded.diagnostics[0].message


def test_a_new_sending_goes_to_whoever_holds_the_seat_that_day() -> None:
    seat = laesoe(person={**LISE, "from": "2026-12-01"}, history=[{**ERIK, "to": "2026-11-30"}])
    meeting = Meeting(date=date(2026, 11, 24), start=time(13), end=time(15), place="Læsø")
    assert [r.name for r in recipients([seat], meeting).recipients] == ["Erik Eksempel"]
    assert [r.name for r in recipients([seat], meeting, date(2026, 12, 2)).recipients] == ["Lise Ny"]
    gone = laesoe(history=[{**ERIK, "to": "2026-11-30"}])
    listing = recipients([gone], meeting, date(2026, 12, 2))
    assert (listing.recipients, [(s.name, s.reason) for s in listing.skipped]) == (
        [],
        [("Ledig plads (Læsø Kommune)", "pladsen er ledig")],
    )


def test_a_presenter_and_an_open_action_on_a_seat_nobody_holds(repo_copy: Path) -> None:
    members = repo_copy / "forums/nord/members.yaml"
    text = members.read_text(encoding="utf-8")
    # Helle Eksempel (psykiatri-klinikledelse) only joins on 1 December 2026.
    old = "      name: Helle Eksempel\n"
    assert text.count(old) == 1
    members.write_text(text.replace(old, old + "      from: 2026-12-01\n"), encoding="utf-8")
    found = check_repository(load_repository(repo_copy), date(2026, 11, 22))
    september = "forums/nord/meetings/2026-09-08.yaml"
    lines = (repo_copy / september).read_text(encoding="utf-8").splitlines()
    presenter = lines.index("    presenter: psykiatri-klinikledelse") + 1
    present = lines.index("    - psykiatri-klinikledelse") + 1
    located = {(Path(d.file).as_posix()[-len(september) :], d.line, d.code, d.severity) for d in found}
    assert (september, presenter, "nobody-on-seat", Severity.ERROR) in located
    assert (september, present, "nobody-on-seat", Severity.ERROR) in located
    message = next(d.message for d in found if d.line == presenter and d.file.endswith(september))
    assert (
        "pladsen 'psykiatri-klinikledelse' (Psykiatrien, Klinik Psykiatri Nord) var ledig den 8. september" in message
    )
    assert "som oplægsholder" in message
    assert {d.code for d in found} == {"nobody-on-seat", "vacant-seat", "action-owner-vacant"}, "vacant today, too"


def test_an_open_action_whose_seat_is_vacant_today_is_a_warning(repo_copy: Path) -> None:
    members = repo_copy / "forums/nord/members.yaml"
    text = members.read_text(encoding="utf-8")
    helle = (
        "    person:\n      name: Helle Eksempel\n      title: Ledende overlæge, ambulant psykiatri\n"
        "      email: helle.eksempel@psykiatri.example.org\n      example: true\n"
    )
    assert text.count(helle) == 1
    left = "    history:\n      - name: Helle Eksempel\n        example: true\n        to: 2026-11-01\n"
    members.write_text(text.replace(helle, left), encoding="utf-8")
    repo = load_repository(repo_copy)
    assert repo.diagnostics() == [], "the history entry is indented as members.yaml expects"
    found = check_repository(repo, date(2026, 11, 22))
    assert sorted((d.code, d.severity, Path(d.file).name) for d in found) == [
        ("action-owner-vacant", Severity.WARNING, "2026-09-08.yaml"),
        ("nobody-on-seat", Severity.ERROR, "2026-11-24.yaml"),
        ("vacant-seat", Severity.WARNING, "members.yaml"),
    ], "held at the meetings until November; the November presenter and the open action lack someone"
    owner = next(d for d in found if d.code == "action-owner-vacant")
    lines = (repo_copy / "forums/nord/meetings/2026-09-08.yaml").read_text(encoding="utf-8").splitlines()
    assert owner.file.endswith("2026-09-08.yaml")
    assert lines[owner.line - 1].strip() == "owner: psykiatri-klinikledelse"
    assert "handlingen 'nord-2026-3-a1' er åben, men pladsen 'psykiatri-klinikledelse'" in owner.message


def test_a_vacant_seat_names_its_organisation_once(repo_copy: Path) -> None:
    from driftsforum_cli.domain.documents import build_document, pick_meeting

    members = repo_copy / "forums/nord/members.yaml"
    text = members.read_text(encoding="utf-8")
    erik = "      name: Erik Eksempel\n"
    assert text.count(erik) == 1
    members.write_text(text.replace(erik, erik + "      to: 2026-09-01\n"), encoding="utf-8")
    repo = load_repository(repo_copy, {"nord"})
    files = repo.forums[0]
    doc = build_document("minutes", files, pick_meeting(files, date(2026, 9, 8), TODAY), repo.calendar, TODAY)
    assert [person.label for person in doc.absent] == ["Ledig plads (Læsø Kommune)"]
    june = build_document("minutes", files, pick_meeting(files, date(2026, 6, 9), TODAY), repo.calendar, TODAY)
    assert "Erik Eksempel" in {person.name for person in june.members}, "June: he still held the seat"


TODAY = date(2026, 11, 22)


def test_actions_name_who_held_the_seat_when_they_were_closed(repo_copy: Path) -> None:
    """From a secretary's trial: a closed action used to show today's holder (or 'Ledig plads')."""
    from driftsforum_cli.domain.actions import list_actions

    members = repo_copy / "forums" / "nord" / "members.yaml"
    anne = (
        "    person:\n"
        "      name: Anne Eksempel\n"
        "      title: Afdelingsleder, social-, beskæftigelses- og misbrugsområdet\n"
        "      email: anne.eksempel@broenderslev.example.org\n"
        "      example: true\n"
    )
    text = members.read_text(encoding="utf-8")
    assert anne in text
    history = (
        "    history:\n"
        "      - name: Anne Eksempel\n"
        "        title: Afdelingsleder, social-, beskæftigelses- og misbrugsområdet\n"
        "        email: anne.eksempel@broenderslev.example.org\n"
        "        example: true\n"
        "        to: 2026-11-30\n"
    )
    members.write_text(text.replace(anne, history), encoding="utf-8")
    repo = load_repository(repo_copy, {"nord"})
    assert repo.diagnostics() == []
    rows = {row.tracked.action.id: row.owner_name for row in list_actions(repo.forums, date(2026, 12, 5)).rows}
    assert rows["nord-2026-2-a1"] == "Anne Eksempel"  # closed 8 September 2026, when Anne held the seat
