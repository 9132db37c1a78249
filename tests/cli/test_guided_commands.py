"""The guided commands end to end on a copy of the bundled forums: `member replace|vacate|update`,
`meeting new|plan|cancel|move`. Each changes only its own lines, leaves `validate` clean, refuses (and
writes nothing) when the result would be wrong, shows the diff with --dry-run, and two of them run at the
same time in real processes both land."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.loader import load_file
from driftsforum_cli.models import Meeting, Members
from tests.helpers import RunCli
from tests.helpers.processes import finish, start_cli

TODAY = ("--today", "2026-12-01")
MEMBERS = "forums/nord/members.yaml"
PLO_PERSON = [
    "      name: Ib Eksempel",
    "      title: Praktiserende læge, PLO-repræsentant",
    "      email: ib.eksempel@plo.example.org",
    "      example: true",
]


def _diff(before: str, after: str) -> tuple[list[str], list[str]]:
    """The removed and the added lines."""
    lines = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [line[2:] for line in lines if line.startswith("- ")], [line[2:] for line in lines if line.startswith("+ ")]


def _read(repo: Path, name: str) -> str:
    return (repo / name).read_bytes().decode("utf-8-sig")


def _clean(cli: RunCli, repo: Path) -> None:
    result = cli("validate", *TODAY, cwd=repo)
    assert result.code == 0, result.output
    assert result.stdout.startswith("Ingen fejl:"), result.output  # nor warnings


def test_member_replace_moves_the_person_to_the_history(cli: RunCli, repo_copy: Path) -> None:
    before = _read(repo_copy, MEMBERS)
    result = cli(
        "member", "replace", "nord", "plo", "--name", "Carl Ny", "--email", "carl.ny@plo.example.org",
        "--title", "Praktiserende læge", "--from", "2026-12-01", *TODAY, cwd=repo_copy,
    )  # fmt: skip
    assert result.code == 0, result.output
    assert "Ib Eksempel har pladsen 'plo' til og med 30. november 2026" in result.stdout
    assert "Carl Ny har pladsen 'plo' fra 1. december 2026." in result.stdout
    removed, added = _diff(before, _read(repo_copy, MEMBERS))
    assert removed == PLO_PERSON
    assert added == [
        "      name: Carl Ny",
        "      title: Praktiserende læge",
        "      email: carl.ny@plo.example.org",
        "      from: 2026-12-01",
        "    history:",
        "      - name: Ib Eksempel",
        "        title: Praktiserende læge, PLO-repræsentant",
        "        email: ib.eksempel@plo.example.org",
        "        example: true",
        "        to: 2026-11-30",
    ]
    # the history goes above the comment that introduces the next seats
    after = _read(repo_copy, MEMBERS)
    assert "        to: 2026-11-30\n  # Sekretariat (delt)" in after
    _clean(cli, repo_copy)


def test_member_vacate_and_update(cli: RunCli, repo_copy: Path) -> None:
    before = _read(repo_copy, MEMBERS)
    result = cli("member", "vacate", "nord", "plo", "--from", "2026-12-01", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "Pladsen 'plo' er ledig fra 1. december 2026." in result.stdout
    removed, added = _diff(before, _read(repo_copy, MEMBERS))
    assert removed == ["    person:", *PLO_PERSON]
    assert added[0] == "    history:" and added[-1] == "        to: 2026-11-30"
    assert cli("validate", *TODAY, cwd=repo_copy).code == 0  # a vacant seat is a warning

    before = _read(repo_copy, MEMBERS)
    seat = "hjoerring-afdelingsleder"
    result = cli("member", "update", "nord", seat, "--email", "ny@hjoerring.example.org", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "E-mailadressen for Bent Eksempel er nu ny@hjoerring.example.org." in result.stdout
    assert _diff(before, _read(repo_copy, MEMBERS)) == (
        ["      email: bent.eksempel@hjoerring.example.org"],
        ["      email: ny@hjoerring.example.org"],
    )


def test_member_add_appends_a_seat(cli: RunCli, repo_copy: Path) -> None:
    before = _read(repo_copy, MEMBERS)
    result = cli(
        "member", "add", "nord", "aalborg-chef", "--organisation", "Aalborg Kommune", "--sector", "kommune",
        "--municipality", "Aalborg", "--level", "chef", "--name", "Maja Ny", "--email", "maja.ny@aalborg.example.org",
        "--from", "2026-12-01", *TODAY, cwd=repo_copy,
    )  # fmt: skip
    assert result.code == 0, result.output
    assert _diff(before, _read(repo_copy, MEMBERS)) == (
        [],
        [
            "  - id: aalborg-chef",
            "    organisation: Aalborg Kommune",
            "    sector: kommune",
            "    municipality: Aalborg",
            "    level: chef",
            "    person:",
            "      name: Maja Ny",
            "      email: maja.ny@aalborg.example.org",
            "    valid_from: 2026-12-01",
        ],
    )
    checked = cli("validate", *TODAY, cwd=repo_copy)
    assert checked.code == 0 and "fejl" not in checked.stdout.split("Fandt")[-1], checked.output


def test_dry_run_shows_the_diff_and_writes_nothing(cli: RunCli, repo_copy: Path) -> None:
    before = (repo_copy / MEMBERS).read_bytes()
    result = cli("member", "update", "nord", "plo", "--title", "Praksiskonsulent", "--dry-run", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "--- a/forums/nord/members.yaml\n+++ b/forums/nord/members.yaml\n" in result.stdout
    assert "-      title: Praktiserende læge, PLO-repræsentant\n+      title: Praksiskonsulent\n" in result.stdout
    assert result.stdout.endswith("Prøvekørsel: intet er skrevet.\n")
    assert (repo_copy / MEMBERS).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("member", "vacate", "nord", "pl0", "--from", "2026-12-01"), "'pl0' er ikke en plads i forums/nord/members.yaml (mente du 'plo'?)"),
        (("member", "update", "nord", "plo", "--email", "ikke en adresse"), "ændringen ville gøre filen ugyldig; intet er skrevet"),
        (("member", "update", "nord", "plo"), "intet at ændre; angiv --email eller --title"),
        # plo attended the meeting of 8 September 2026: validate would reject a seat vacant on that day
        (("member", "vacate", "nord", "plo", "--from", "2026-09-01"), "er ikke ændret, for ændringen ville give fejl: forums/nord/meetings/2026-09-08.yaml"),
        (("meeting", "move", "nord", "2027-03-09", "--to", "2027-03-26"), "lukkedag (Langfredag)"),
        (("meeting", "move", "nord", "2027-03-09", "--to", "2027-06-08"), "der findes allerede et møde den 8. juni 2027"),
        # a typo in the year: the meeting would be "held" on a day nobody was called to
        (("meeting", "move", "nord", "2027-03-09", "--to", "2026-11-30"), "30. november 2026 er gået (i dag er 1. december 2026); et møde kan kun flyttes til en dag, der kommer"),
        (("meeting", "cancel", "nord", "2026-09-08"), "mødet 8. september 2026 er holdt"),
        (("meeting", "cancel", "nord", "2027-03-10"), "har intet møde den 2027-03-10"),
        (("meeting", "plan", "nord", "2027", "--yes"), "2027 har allerede 4 ordinære møder"),
        (("member", "add", "nord", "aalborg-chef", "--organisation", "Aalborg Kommune", "--sector", "kommune", "--from", "2026-12-01"), "en kommunal plads skal have en kommune; angiv den med --municipality"),
        (("member", "add", "nord", "plo", "--organisation", "PLO", "--sector", "almen praksis", "--from", "2026-12-01"), "pladsen 'plo' findes allerede"),
        (("minutes", "attendance", "nord", "2026-11-24", "--present", "plo,pl0"), "'pl0' er ikke en plads i forums/nord/members.yaml (mente du 'plo'?)"),
        (("minutes", "attendance", "nord", "2026-11-24", "--present", "plo", "--absent", "plo"), "'plo' kan ikke både være til stede og have meldt afbud"),
        (("minutes", "decision", "nord", "2026-11-24", "12", "--text", "x"), "dagsordenen for 24. november 2026 har intet punkt 12; den har punkt 1–10"),
        # an overdue action would vanish from the open ones until a meeting that may never decide it
        (("action", "close", "nord", "nord-2026-3-a1", "--at", "2027-03-09"), "mødet 9. marts 2027 er ikke holdt endnu (i dag er 1. december 2026); luk handlingen, når et møde har besluttet det"),
        (("action", "close", "nord", "nord-2026-2-a1", "--at", "2026-11-24"), "handlingen 'nord-2026-2-a1' er allerede lukket på mødet 8. september 2026"),
        (("action", "close", "nord", "nord-2099-1-a1", "--at", "2026-11-24"), "forummet har ingen handling 'nord-2099-1-a1'; åbne handlinger: nord-2026-3-a1"),
        (("action", "add", "nord", "2026-11-24", "--what", "Noget", "--owner", "Ib Eksempel"), "'Ib Eksempel' er ikke en plads"),
    ],
)  # fmt: skip
def test_a_wrong_change_is_refused_and_nothing_is_written(
    cli: RunCli, repo_copy: Path, args: tuple[str, ...], message: str
) -> None:
    before = {path: path.read_bytes() for path in (repo_copy / "forums").rglob("*.yaml")}
    result = cli(*args, *TODAY, cwd=repo_copy)
    assert result.code == 1, result.output
    assert message in result.stderr
    assert {path: path.read_bytes() for path in (repo_copy / "forums").rglob("*.yaml")} == before


MEETING = "forums/nord/meetings/2026-11-24.yaml"


def test_the_minutes_taken_with_commands(cli: RunCli, repo_copy: Path) -> None:
    before = _read(repo_copy, MEETING)
    steps = [
        ("minutes", "attendance", "nord", "2026-11-24", "--present", "plo,hjoerring-chef", "--present",
         "psykiatri-klinikchef", "--absent", "laesoe-afdelingsleder", "--minute-taker", "sekretariat-psykiatrien"),
        ("minutes", "decision", "nord", "2026-11-24", "5", "--text", "Forummet tog orienteringen til efterretning."),
        ("minutes", "decision", "nord", "2026-11-24", "8", "--text", "Intet at meddele."),
        ("action", "add", "nord", "2026-11-24", "--what", "Udkast til evaluering", "--owner", "hjoerring-chef",
         "--due", "2027-02-01"),
        ("action", "close", "nord", "nord-2026-3-a1", "--at", "2026-11-24"),
    ]  # fmt: skip
    for args in steps:
        result = cli(*args, *TODAY, cwd=repo_copy)
        assert result.code == 0, result.output
    removed, added = _diff(before, _read(repo_copy, MEETING))
    assert removed == []
    assert added == [
        "    decision: Forummet tog orienteringen til efterretning.",
        "attendance:",
        "  present:",
        "    - plo",
        "    - hjoerring-chef",
        "    - psykiatri-klinikchef",
        "  absent:",
        "    - laesoe-afdelingsleder",
        "  minute_taker: sekretariat-psykiatrien",
        "minutes:",
        "  standard_items:",
        "    announcements: Intet at meddele.",
        "actions:",
        "  - id: nord-2026-4-a1",
        "    what: Udkast til evaluering",
        "    owner: hjoerring-chef",
        "    due: 2027-02-01",
        "closes_actions:",
        "  - nord-2026-3-a1",
    ]
    _clean(cli, repo_copy)
    minutes = cli("minutes", "nord", "2026-11-24", "--format", "md", *TODAY, cwd=repo_copy)
    assert "Forummet tog orienteringen til efterretning." in minutes.stdout
    assert "Intet at meddele." in minutes.stdout


def test_ad_hoc_participants_are_added(cli: RunCli, repo_copy: Path) -> None:
    before = _read(repo_copy, MEETING)
    guests = ("--ad-hoc", "Mette Hansen (Hjørring Kommune) <mette.hansen@hjoerring.example.org>", "--ad-hoc",
              "Ole Olsen")  # fmt: skip
    result = cli("minutes", "attendance", "nord", "2026-11-24", *guests, *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert _diff(before, _read(repo_copy, MEETING)) == (
        [],
        [
            "attendance:",
            "  ad_hoc:",
            "    - name: Mette Hansen",
            "      organisation: Hjørring Kommune",
            "      email: mette.hansen@hjoerring.example.org",
            "    - name: Ole Olsen",
        ],
    )
    wrong = cli("minutes", "attendance", "nord", "2026-11-24", "--ad-hoc", "Per (PLO) <per@>", *TODAY, cwd=repo_copy)
    assert wrong.code == 1 and "--ad-hoc: 'per@' er ikke en gyldig e-mailadresse" in wrong.stderr


def test_an_action_closed_at_its_own_meeting_gets_status_closed(cli: RunCli, repo_copy: Path) -> None:
    added = cli(
        "action", "add", "nord", "2026-11-24", "--what", "Ring til PLO", "--owner", "plo", *TODAY, cwd=repo_copy
    )
    assert "Handling nord-2026-4-a1 er tilføjet." in added.stdout, added.output
    before = _read(repo_copy, MEETING)
    result = cli("action", "close", "nord", "nord-2026-4-a1", "--at", "2026-11-24", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert _diff(before, _read(repo_copy, MEETING)) == ([], ["    status: lukket"])


def test_agenda_add_and_action_update(cli: RunCli, repo_copy: Path) -> None:
    name = "forums/nord/meetings/2027-03-09.yaml"
    before = _read(repo_copy, name)
    result = cli(
        "agenda", "add", "nord", "2027-03-09", "--title", "Udskrivning fra psykiatrien", "--kind", "beslutning",
        "--presenter", "psykiatri-klinikchef", "--agreement", "SA-04", "--recommendation",
        "Det indstilles, at forummet godkender tjeklisten.", *TODAY, cwd=repo_copy,
    )  # fmt: skip
    assert result.code == 0, result.output
    # the number the members see on the agenda (after the fixed items), the one `agenda move` takes
    assert "Punktet 'Udskrivning fra psykiatrien' er tilføjet som punkt 5 på dagsordenen." in result.stdout
    assert "\n## 5. Udskrivning fra psykiatrien\n" in cli("agenda", "nord", "2027-03-09", *TODAY, cwd=repo_copy).stdout
    vest = cli("agenda", "add", "vest", "2026-12-03", "--title", "Nyt punkt", *TODAY, cwd=repo_copy)
    assert "er tilføjet som punkt 8 på dagsordenen." in vest.stdout, vest.output  # after its own items 5–7
    assert "\n## 8. Nyt punkt\n" in cli("agenda", "vest", "2026-12-03", *TODAY, cwd=repo_copy).stdout
    assert _diff(before, _read(repo_copy, name)) == (
        [],
        [
            "agenda:",
            "  - title: Udskrivning fra psykiatrien",
            "    kind: beslutning",
            "    presenter: psykiatri-klinikchef",
            "    agreements:",
            "      - SA-04",
            "    recommendation: Det indstilles, at forummet godkender tjeklisten.",
        ],
    )
    wrong = cli("agenda", "add", "nord", "2027-03-09", "--title", "X", "--agreement", "SA-4", *TODAY, cwd=repo_copy)
    assert (
        wrong.code == 1
        and "'SA-4' er ikke en samarbejdsaftale i forums/nord/agreements.yaml (mente du 'SA-04'?)" in wrong.stderr
    )

    created = "forums/nord/meetings/2026-09-08.yaml"
    before = _read(repo_copy, created)
    result = cli("action", "update", "nord", "nord-2026-3-a1", "--owner", "plo", "--due", "2026-11-20", *TODAY,
                 cwd=repo_copy)  # fmt: skip
    assert result.code == 0, result.output
    assert _diff(before, _read(repo_copy, created)) == (
        ["    owner: psykiatri-klinikledelse", "    due: 2026-11-13"],
        ["    owner: plo", "    due: 2026-11-20"],
    )
    _clean(cli, repo_copy)


def test_working_groups(cli: RunCli, repo_copy: Path) -> None:
    (repo_copy / "forums/vest/groups.yaml").unlink()  # a forum without working groups yet
    result = cli(
        "group", "add", "vest", "medicin", "--name", "Arbejdsgruppe om medicinlister", "--mandate",
        "Udarbejde en fælles medicinliste.", "--members", "plo,thisted-afdelingsleder", "--started", "2026-12-03",
        "--report-back", "2027-03-11", "--ends", "2027-06-30", *TODAY, cwd=repo_copy,
    )  # fmt: skip
    assert result.code == 0, result.output
    assert "Oprettede forums/vest/groups.yaml." in result.stdout
    assert (
        (repo_copy / "forums/vest/groups.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            "groups:\n  - id: medicin\n    name: Arbejdsgruppe om medicinlister\n    mandate: Udarbejde en fælles "
            "medicinliste.\n    members:\n      - plo\n      - thisted-afdelingsleder\n    started: 2026-12-03\n"
            "    report_back: 2027-03-11\n    ends: 2027-06-30\n"
        )
    )
    name = "forums/nord/groups.yaml"
    before = _read(repo_copy, name)
    result = cli(
        "group", "add", "nord", "medicin", "--name", "Medicinlister", "--mandate", "Fælles medicinliste.",
        "--members", "plo", "--started", "2026-11-24", "--ends", "2027-06-30", *TODAY, cwd=repo_copy,
    )  # fmt: skip
    assert result.code == 0, result.output
    result = cli("group", "report", "nord", "medicin", "--at", "2026-11-24", "--outcome", "Listen er klar.", *TODAY,
                 cwd=repo_copy)  # fmt: skip
    assert result.code == 0, result.output
    removed, added = _diff(before, _read(repo_copy, name))
    assert removed == [] and added[-2:] == ["    reported: 2026-11-24", "    outcome: Listen er klar."]
    again = cli("group", "report", "nord", "medicin", "--at", "2026-11-24", "--outcome", "x", *TODAY, cwd=repo_copy)
    assert again.code == 1 and "har allerede meldt tilbage 24. november 2026" in again.stderr
    checked = cli("validate", *TODAY, cwd=repo_copy)
    assert checked.code == 0, checked.output


def test_agenda_move_and_attach(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    before = _read(repo_copy, MEETING)
    moved = cli("agenda", "move", "nord", "2026-11-24", "7", "--to", "5", *TODAY, cwd=repo_copy)
    assert moved.code == 0, moved.output
    assert "send en rettet med 'driftsforum send agenda nord 2026-11-24 --update'" in moved.stdout
    after = _read(repo_copy, MEETING)
    assert sorted(before.splitlines()) == sorted(after.splitlines())  # the same lines, in another order
    meeting = load_file(repo_copy / MEETING, "m", Meeting).model
    assert meeting is not None and meeting.agenda[0].title == "Evaluering af samarbejdsformen"

    source = tmp_path / "tjekliste.pdf"
    source.write_bytes(b"%PDF-1.4 tjekliste")
    attached = cli("agenda", "attach", "nord", "2026-11-24", "5", str(source), *TODAY, cwd=repo_copy)
    assert attached.code == 0, attached.output
    assert (repo_copy / "forums/nord/meetings/2026-11-24/tjekliste.pdf").read_bytes() == b"%PDF-1.4 tjekliste"
    assert _diff(after, _read(repo_copy, MEETING)) == ([], ["    attachments:", "      - 2026-11-24/tjekliste.pdf"])
    wrong = cli("agenda", "move", "nord", "2026-11-24", "2", "--to", "5", *TODAY, cwd=repo_copy)
    assert (
        wrong.code == 1 and "punkt 2 er ikke et af mødets egne punkter; mødets egne punkter er nr. 5–7" in wrong.stderr
    )
    checked = cli("validate", *TODAY, cwd=repo_copy)
    assert checked.code == 0, checked.output


def test_meeting_cancel_adds_two_lines(cli: RunCli, repo_copy: Path) -> None:
    name = "forums/nord/meetings/2027-03-09.yaml"
    before = _read(repo_copy, name)
    result = cli("meeting", "cancel", "nord", "2027-03-09", "--reason", "For få tilmeldte", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "driftsforum send cancellation nord 2027-03-09" in result.stdout
    assert _diff(before, _read(repo_copy, name)) == ([], ["cancelled: true", "cancelled_reason: For få tilmeldte"])
    checked = cli("validate", *TODAY, cwd=repo_copy)
    assert checked.code == 0, checked.output
    assert "1 ordinært møde er aflyst; planlæg et erstatningsmøde" in checked.stdout  # a warning, no error


def test_meeting_move_cancels_the_old_and_carries_the_agenda(cli: RunCli, repo_copy: Path) -> None:
    old = "forums/vest/meetings/2026-12-03.yaml"
    before = _read(repo_copy, old)
    result = cli("meeting", "move", "vest", "2026-12-03", "--to", "2026-12-10", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert _diff(before, _read(repo_copy, old)) == (
        [],
        ["cancelled: true", "cancelled_reason: Mødet er flyttet til 10. december 2026.", "moved_to: 2026-12-10"],
    )
    new = _read(repo_copy, "forums/vest/meetings/2026-12-10.yaml")
    removed, added = _diff(before, new)
    assert added == ["date: 2026-12-10"]
    assert removed[0] == "date: 2026-12-03" and all(line.startswith("agenda_sent") for line in removed[1:])
    moved = load_file(repo_copy / "forums/vest/meetings/2026-12-10.yaml", "ny", Meeting).model
    assert moved is not None and moved.agenda and moved.agenda_sent is None
    _clean(cli, repo_copy)


def test_meeting_plan_writes_the_years_meetings_in_the_forums_pattern(cli: RunCli, repo_copy: Path) -> None:
    shown = cli("meeting", "plan", "nord", "2028", *TODAY, cwd=repo_copy)  # no terminal, no --yes: only shown
    assert shown.code == 0, shown.output
    assert "  tirsdag den 14. marts 2028 kl. 13.00–15.30, Hjørring Rådhus, mødelokale 2 (eksempel)" in shown.stdout
    assert "Intet er skrevet; brug --yes" in shown.stdout
    assert not (repo_copy / "forums/nord/meetings/2028-03-14.yaml").exists()

    result = cli("meeting", "plan", "vest", "2028", "--yes", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    created = sorted(p.name for p in (repo_copy / "forums/vest/meetings").glob("2028-*.yaml"))
    # Vest's second Thursday (first in December), with the joint meeting right after
    assert created == ["2028-03-09.yaml", "2028-06-08.yaml", "2028-09-14.yaml", "2028-12-07.yaml"]
    assert "fællesmøde med Driftsforum Voksen Somatik kl. 15.00–16.00" in result.stdout
    _clean(cli, repo_copy)


def test_meeting_plan_moves_off_a_holiday(cli: RunCli, repo_copy: Path) -> None:
    # Ascension Day 2028 is Thursday 25 May: a forum meeting on the fourth Thursday of May moves a week
    path = repo_copy / "forums/vest/meetings/2027-06-10.yaml"
    text = path.read_text(encoding="utf-8").replace("date: 2027-06-10", "date: 2027-05-27")
    path.unlink()
    (path.parent / "2027-05-27.yaml").write_text(text, encoding="utf-8")
    result = cli("meeting", "plan", "vest", "2028", "--dry-run", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "torsdag den 1. juni 2028" not in result.stdout
    assert "torsdag den 18. maj 2028" in result.stdout


def test_notepad_members_file_keeps_crlf_and_bom(cli: RunCli, repo_copy: Path) -> None:
    path = repo_copy / MEMBERS
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("member", "update", "nord", "plo", "--title", "Praksiskonsulent", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")
    assert b"      title: Praksiskonsulent\r\n" in raw


def test_two_commands_at_the_same_time_both_land(repo_copy: Path) -> None:
    commands = [
        ("member", "update", "nord", "plo", "--title", "Praksiskonsulent", *TODAY),
        ("member", "replace", "nord", "hjoerring-afdelingsleder", "--name", "Dorte Ny", "--from", "2026-12-01", *TODAY),
        ("meeting", "cancel", "nord", "2027-03-09", *TODAY),
        ("meeting", "move", "nord", "2027-06-08", "--to", "2027-06-15", *TODAY),
        # two edits of the same meeting file
        ("minutes", "attendance", "nord", "2026-11-24", "--present", "plo", *TODAY),
        ("action", "add", "nord", "2026-11-24", "--what", "Noget", "--owner", "plo", *TODAY),
    ]
    processes = [start_cli(repo_copy, *args) for args in commands]
    results = [finish(process) for process in processes]
    assert [code for code, _ in results] == [0] * len(commands), results
    members = load_file(repo_copy / MEMBERS, "m", Members).model
    assert members is not None
    seats = {seat.id: seat for seat in members.seats}
    assert seats["plo"].person is not None and seats["plo"].person.title == "Praksiskonsulent"
    holder = seats["hjoerring-afdelingsleder"].person
    assert holder is not None and holder.name == "Dorte Ny"
    cancelled = load_file(repo_copy / "forums/nord/meetings/2027-03-09.yaml", "m", Meeting).model
    assert cancelled is not None and cancelled.cancelled
    assert (repo_copy / "forums/nord/meetings/2027-06-15.yaml").exists()
    taken = load_file(repo_copy / MEETING, "m", Meeting).model
    assert taken is not None and taken.attendance is not None and taken.attendance.present == ["plo"]
    assert [action.what for action in taken.actions] == ["Noget"]
    code, output = finish(start_cli(repo_copy, "validate", *TODAY))
    assert code == 0, output


#: A title as it comes from Word: soft hyphen, no-break space, zero-width space, byte-order mark (and curly
#: quotes, a dash and an apostrophe, which are real characters).
FROM_WORD = "Status\u00adopfølgning på\u00a0“udskrivnings\u200baftalen” – Lise’s forslag\ufeff "


def test_a_title_pasted_from_word_is_written_as_typed(cli: RunCli, repo_copy: Path) -> None:
    result = cli("agenda", "add", "vest", "2026-12-03", "--title", FROM_WORD, *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    typed = "Statusopfølgning på “udskrivningsaftalen” – Lise’s forslag"
    assert f"Punktet '{typed}' er tilføjet som punkt 8 på dagsordenen." in result.stdout
    assert f"  - title: {typed}\n" in _read(repo_copy, "forums/vest/meetings/2026-12-03.yaml")
    assert f"## 8. {typed}\n" in cli("agenda", "vest", "2026-12-03", *TODAY, cwd=repo_copy).stdout
    _clean(cli, repo_copy)


def test_validate_points_at_invisible_characters_typed_into_a_file(cli: RunCli, repo_copy: Path) -> None:
    path = repo_copy / "forums/vest/meetings/2026-12-03.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(index for index, line in enumerate(lines) if line.startswith("  - title: "))
    lines[number] = lines[number].replace("  - title: ", "  - title: Ny\u00adt \u200b", 1)
    path.write_text("".join(lines), encoding="utf-8")
    result = cli("validate", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output  # a warning: the text still reads
    assert (
        f"forums/vest/meetings/2026-12-03.yaml:{number + 1}:14: advarsel [word-marks] linjen indeholder et usynligt "
        "tegn (blød bindestreg og nul-bredde-mellemrum), fx indsat fra Word" in result.stdout
    )


def test_a_dry_run_is_refused_where_the_real_run_would_be(cli: RunCli, repo_copy: Path) -> None:
    """Hjørring's department head was at the meeting of 8 September: the seat cannot have been vacant since 1
    September. The dry run says so (exit 1), as the real run does, instead of showing a diff as if it would work."""
    before = _read(repo_copy, "forums/nord/members.yaml")
    command = ("member", "vacate", "nord", "hjoerring-afdelingsleder", "--from", "2026-09-01", *TODAY)
    dry = cli(*command, "--dry-run", cwd=repo_copy)
    real = cli(*command, cwd=repo_copy)
    assert dry.code == real.code == 1, (dry.output, real.output)
    reason = (
        "forums/nord/meetings/2026-09-08.yaml:45:7: pladsen 'hjoerring-afdelingsleder' (Hjørring Kommune) var ledig "
        "den 8. september 2026, så ingen kan stå som til stede"
    )
    assert (
        "forums/nord/members.yaml kan ikke ændres (prøvekørsel), for ændringen ville give fejl: " + reason in dry.stderr
    )
    assert "forums/nord/members.yaml er ikke ændret, for ændringen ville give fejl: " + reason in real.stderr
    assert _read(repo_copy, "forums/nord/members.yaml") == before


def test_a_corrected_agenda_sent_from_outlook_is_recorded_as_an_update(cli: RunCli, repo_copy: Path) -> None:
    """Vest's agenda for 3 December went out on 19 November; a corrected one is sent from Outlook (`send agenda
    --update --eml`) and recorded afterwards, as `send --update --send` would record it."""
    name = "forums/vest/meetings/2026-12-03.yaml"
    before = _read(repo_copy, name)
    again = cli("agenda", "mark-sent", "vest", "2026-12-03", *TODAY, cwd=repo_copy)
    assert again.code == 1 and "registrér rettelsen med --update --note TEKST" in again.stderr
    command = ("agenda", "mark-sent", "vest", "2026-12-03", "--update", "--note", "Nyt mødelokale: 2.14", *TODAY)
    result = cli(*command, cwd=repo_copy)
    assert result.code == 0, result.output
    assert (
        "Den rettede dagsorden er registreret som udsendt 1. december 2026 (rettelse nr. 1: Nyt mødelokale: 2.14)."
        in (result.stdout)
    )
    assert _diff(before, _read(repo_copy, name)) == (
        [],
        ["agenda_updates:", "  - date: 2026-12-01", "    note: 'Nyt mødelokale: 2.14'"],
    )
    assert (
        "Rettet 1. december 2026: Nyt mødelokale: 2.14"
        in cli("agenda", "vest", "2026-12-03", *TODAY, cwd=repo_copy).stdout
    )
    twice = cli(*command, cwd=repo_copy)
    assert twice.code == 1 and "er allerede registreret som udsendt 1. december 2026" in twice.stderr
    alone = cli("agenda", "mark-sent", "vest", "2026-12-03", "--update", *TODAY, cwd=repo_copy)
    assert alone.code == 2 and "--update og --note bruges sammen" in alone.stderr
    _clean(cli, repo_copy)


def test_approved_minutes_are_not_rewritten_by_a_command(cli: RunCli, repo_copy: Path) -> None:
    """Nord's November minutes are approved (the document log has their fingerprint): a new action on that
    meeting, or a member put on a seat from a date before it, would change what was approved – refused, file
    untouched, with the way to record a correction."""
    present = cli("minutes", "attendance", "nord", "2026-11-24", "--present", "plo,hjoerring-chef", "--today",
                  "2026-11-25", cwd=repo_copy)  # fmt: skip
    assert present.code == 0, present.output
    assert cli("minutes", "mark-sent", "nord", "2026-11-24", "--on", "2026-11-26", "--today", "2026-11-26",
               cwd=repo_copy).code == 0  # fmt: skip
    assert cli("minutes", "mark-revised", "nord", "2026-11-24", "--force", *TODAY, cwd=repo_copy).code == 0
    meeting, members = _read(repo_copy, MEETING), _read(repo_copy, "forums/nord/members.yaml")
    action = ("action", "add", "nord", "2026-11-24", "--what", "Ring til PLO", "--owner", "plo", "--due", "2027-01-15")
    replace = ("member", "replace", "nord", "plo", "--name", "Lise Ny", "--from", "2026-11-01")
    for command in (action, replace):
        for dry in ((), ("--dry-run",)):
            result = cli(*command, *dry, *TODAY, cwd=repo_copy)
            assert result.code == 1, result.output
            assert "referatet blev godkendt den 1. december 2026, men ville nu se anderledes ud" in result.stderr
            assert "registrér den under 'corrections:'" in result.stderr
    assert (_read(repo_copy, MEETING), _read(repo_copy, "forums/nord/members.yaml")) == (meeting, members)
    # a change that leaves the approved minutes as they were still goes through
    later = cli(*replace[:-1], "2026-12-01", *TODAY, cwd=repo_copy)
    assert later.code == 0, later.output


def test_responses_to_comments_are_written_by_command_and_missing_ones_are_told_on_approval(
    cli: RunCli, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2026, 12, 10))
    steps = [
        ("minutes", "mark-sent", "nord", "2026-11-24", "--on", "2026-11-26", "--today", "2026-11-26"),
        ("minutes", "add-comment", "nord", "2026-11-24", "--by", "plo", "--text", "Punkt 5 mangler PLO", "--today",
         "2026-11-27"),
        ("minutes", "add-comment", "nord", "2026-11-24", "--by", "hjoerring-chef", "--text", "Ret datoen.", "--today",
         "2026-11-27"),
    ]  # fmt: skip
    for step in steps:
        assert cli(*step, cwd=repo_copy).code == 0
    wrong = cli("minutes", "respond", "nord", "2026-11-24", "3", "--text", "x", *TODAY, cwd=repo_copy)
    assert wrong.code == 1 and "har ingen bemærkning 3; det har bemærkning 1–2" in wrong.stderr
    before = _read(repo_copy, MEETING)
    result = cli("minutes", "respond", "nord", "2026-11-24", "1", "--text", "Indarbejdet under punkt 5.", *TODAY,
                 cwd=repo_copy)  # fmt: skip
    assert result.code == 0, result.output
    assert "Behandlingen af bemærkning 1 (fra 'plo', 27. november 2026) er skrevet." in result.stdout
    assert _diff(before, _read(repo_copy, MEETING)) == ([], ["      response: Indarbejdet under punkt 5."])
    minutes = cli("minutes", "nord", "2026-11-24", *TODAY, cwd=repo_copy).stdout
    assert (
        "- 27. november 2026, Ib Eksempel: Punkt 5 mangler PLO  \n  Behandling: Indarbejdet under punkt 5.\n" in minutes
    )
    approved = cli("minutes", "mark-revised", "nord", "2026-11-24", "--today", "2026-12-04", cwd=repo_copy)
    assert approved.code == 0, approved.output
    assert (
        "Bemærk: bemærkning nr. 2 har ingen behandling, så det godkendte referat siger ikke, hvordan den er "
        "indarbejdet." in approved.stdout
    )


def test_member_replace_says_what_a_secretary_would_otherwise_miss(cli: RunCli, repo_copy: Path) -> None:
    """The same name again (an e-mail to correct, not a new person) is refused; a new person without an e-mail
    address is told they get nothing by e-mail; an agenda sent before the change is named with the command that
    sends it to the new person."""
    same = cli("member", "replace", "vest", "plo", "--name", "Rasmus Eksempel", "--from", "2026-12-01", *TODAY,
               cwd=repo_copy)  # fmt: skip
    assert same.code == 1
    assert (
        "Rasmus Eksempel har allerede pladsen 'plo'; skal e-mailadressen eller stillingen rettes, så brug "
        "'driftsforum member update vest plo" in same.stderr
    )
    new = cli("member", "replace", "vest", "plo", "--name", "Søren Ny", "--from", "2026-12-01", *TODAY, cwd=repo_copy)
    assert new.code == 0, new.output
    assert "Bemærk: Søren Ny har ingen e-mailadresse og får ingen dagsordener og referater med e-mail" in new.stdout
    assert (
        "Dagsordenen til mødet 3. december 2026 er udsendt før skiftet; send den til Søren Ny med 'driftsforum send "
        "agenda vest 2026-12-03 --to plo'." in new.stdout
    )


def test_a_command_tells_the_warnings_its_change_gives_and_only_those(cli: RunCli, repo_copy: Path) -> None:
    """README's own example: a seat for Aalborg, which is not among Nord's municipalities, and vacant – validate
    warns about both; the command says so at once, and a later unrelated change does not say it again."""
    added = cli("member", "add", "nord", "aalborg-chef", "--organisation", "Aalborg Kommune", "--sector", "kommune",
                "--municipality", "Aalborg", "--level", "chef", "--from", "2026-12-01", *TODAY, cwd=repo_copy)  # fmt: skip
    assert added.code == 0, added.output
    warnings = [line for line in added.stderr.splitlines() if ": advarsel [" in line]
    assert [line.split(" advarsel ")[1].split("]")[0] + "]" for line in warnings] == [
        "[vacant-seat]",
        "[unknown-municipality]",
    ]
    assert (
        "forums/nord/members.yaml:" in warnings[0] and "'Aalborg' er ikke en af kommissoriets kommuner" in warnings[1]
    )
    group = ("group", "add", "nord", "medicin", "--name", "Medicinlister", "--mandate", "Fælles medicinliste.",
             "--members", "plo", "--started", "2026-11-24", "--report-back", "2027-03-10", "--ends", "2027-06-30",
             *TODAY)  # fmt: skip
    for dry in (("--dry-run",), ()):
        later = cli(*group, *dry, cwd=repo_copy)
        assert later.code == 0, later.output
        assert [line for line in later.stderr.splitlines() if ": advarsel [" in line] == [
            "forums/nord/groups.yaml:21:18: advarsel [unknown-reference] der er intet møde den 2027-03-10, hvor "
            "arbejdsgruppen kan melde tilbage"
        ]
