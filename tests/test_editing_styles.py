"""A life-cycle edit changes only its own lines, whatever the file's style: indentation (two, three, four
spaces, lists at column 0), flow style, comments everywhere, quoting, folded and literal text, `---` and
`...`, a `%YAML 1.1` directive, trailing spaces, no final line break, Notepad's CRLF with a byte-order mark.
Every style goes through every step of the minutes' life cycle, one edit at a time."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.domain import lifecycle
from driftsforum_cli.domain.lifecycle import AppendItem, DeleteValue, Edit, MoveItem, MoveToList, SetValue
from driftsforum_cli.editing import EditError, apply_edits, edit_text
from driftsforum_cli.loader import parse_yaml
from driftsforum_cli.models import Meeting, Seat

HEAD = "date: 2026-11-24\nstart: '13:00'\nend: '15:30'\nplace: Rådhuset\nkind: ordinært\n"

#: style → (file text, indentation of a key's values, of a list's dash, of a list item's keys)
STYLES: dict[str, tuple[str, int, int, int]] = {
    "two": (
        HEAD + "agenda:\n  - title: Punkt et\n    kind: drøftelse\n    agreements: [SA-04]\nminutes:\n"
        "  type: beslutningsreferat\n",
        2,
        2,
        4,
    ),
    "four": (
        HEAD + "agenda:\n    - title: Punkt et\n      kind: drøftelse\n      agreements:\n          - SA-04\n"
        "minutes:\n    type: beslutningsreferat\n",
        4,
        4,
        6,
    ),
    "col0": (HEAD + "agenda:\n- title: Punkt et\n  kind: drøftelse\nminutes:\n  type: beslutningsreferat\n", 2, 0, 2),
    "three": (
        HEAD + "agenda:\n   - title: Punkt et\n     kind: drøftelse\nminutes:\n   type: beslutningsreferat\n",
        3,
        3,
        5,
    ),
    "four-col0": (
        HEAD + "agenda:\n- title: Punkt et\n  kind: drøftelse\nminutes:\n    type: beslutningsreferat\n",
        4,
        0,
        2,
    ),
    "comments": (
        "# øverst\ndate: 2026-11-24  # dato\nstart: '13:00'\nend: '15:30'\n\n# sted\nplace: Rådhuset\n"
        "kind: ordinært\nagenda:\n  # punkter\n  - title: Punkt et  # første\n    kind: drøftelse\nminutes:\n"
        "  # referat\n  type: beslutningsreferat  # typen\n",
        2,
        2,
        4,
    ),
    "yaml11": (
        "%YAML 1.1\n---\ndate: 2026-11-24\nstart: 13:00\nend: 15:30\nplace: NO\nkind: ordinært\nnote: +12\n"
        "agenda:\n  - title: yes\n    kind: drøftelse\n    duration_minutes: +12\nminutes:\n"
        "  type: beslutningsreferat\n",
        2,
        2,
        4,
    ),
    "quoted": (
        'date: "2026-11-24"\nstart: "13:00"\nend: \'15:30\'\nplace: "Rådhuset, \\"salen\\""\n'
        "kind: 'ordinært'\nagenda:\n  - title: 'Punkt: et'\n    kind: \"drøftelse\"\nminutes:\n"
        "  type: 'beslutningsreferat'\n",
        2,
        2,
        4,
    ),
    "folded": (
        HEAD + "agenda:\n  - title: Punkt et\n    background: >\n      En lang sagsfremstilling, der er foldet\n"
        "      over flere linjer,\n\n      og med et nyt afsnit.\n    recommendation: |\n      Det indstilles,\n"
        "      at forummet drøfter sagen.\nminutes:\n  type: beslutningsreferat\n",
        2,
        2,
        4,
    ),
    "document-markers": (
        "---\n" + HEAD + "agenda: []\nminutes:\n  type: beslutningsreferat\n...\n",
        2,
        2,
        4,
    ),
    "trailing-spaces": (
        "date: 2026-11-24   \nstart: '13:00'\t\nend: '15:30'\nplace: Rådhuset  \nkind: ordinært\n"
        "agenda: []   \nminutes:  \n  type: beslutningsreferat    \n",
        2,
        2,
        4,
    ),
    "no-final-newline": (HEAD + "agenda: []\nminutes:\n  type: beslutningsreferat", 2, 2, 4),
    "blank-lines": (
        HEAD + "\n\nagenda: []\n\n\nminutes:\n\n  type: beslutningsreferat\n\n# slut\n",
        2,
        2,
        4,
    ),
    "no-minutes": (HEAD + "agenda: []\n", 2, 2, 4),
    "flow": (HEAD + "agenda: [{title: Punkt et, kind: drøftelse}]\nminutes: {type: beslutningsreferat}\n", 0, 0, 0),
}

SEATS = [Seat(id="plo", organisation="PLO Nordjylland", sector="almen praksis")]
COMMENTS_DUE = date(2026, 12, 1)

#: step → (the edits, given the meeting as it is now)
STEPS: dict[str, Callable[[Meeting], list[Edit]]] = {
    "agenda-sent": lambda meeting: lifecycle.agenda_sent(meeting, date(2026, 11, 17)),
    "minutes-sent": lambda meeting: lifecycle.minutes_sent(meeting, date(2026, 11, 25)),
    "comment": lambda meeting: lifecycle.comment_added(
        meeting, SEATS, "plo", "Enig.", date(2026, 11, 26), COMMENTS_DUE
    ),
    "revised": lambda meeting: lifecycle.minutes_revised(meeting, date(2026, 12, 2), COMMENTS_DUE),
}


def _expected(step: str, indent: int, dash: int, item: int) -> list[str]:
    """The lines a step adds in a block-style file."""
    m = " " * indent
    return {
        "agenda-sent": ["agenda_sent: 2026-11-17"],
        "minutes-sent": [f"{m}sent: 2026-11-25"],
        "comment": [
            f"{m}comments:",
            f"{m}{' ' * dash}- by: plo",
            f"{m}{' ' * item}received: 2026-11-26",
            f"{m}{' ' * item}text: Enig.",
        ],
        "revised": [f"{m}revised_sent: 2026-12-02"],
    }[step]


def _meeting(text: str) -> Meeting:
    return Meeting.model_validate(parse_yaml(text, "møde.yaml").data)


def _run_steps(path: Path, check: Callable[[str, str, str], None]) -> None:
    for step, edits_for in STEPS.items():
        before = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        apply_edits(path, edits_for(_meeting(before)), Meeting, path.name, path.parent)
        check(step, before, path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n"))


def _unchanged_fields(original: str, final: str) -> None:
    """Every value that no step touches reads as before."""
    touched = {"agenda_sent", "minutes"}
    before, after = parse_yaml(original, "før").data, parse_yaml(final, "efter").data
    assert {k: v for k, v in before.items() if k not in touched} == {k: v for k, v in after.items() if k not in touched}
    assert (before.get("minutes") or {}).get("type") == after["minutes"]["type"]
    meeting = _meeting(final)
    assert meeting.agenda_sent == date(2026, 11, 17)
    assert meeting.minutes.sent == date(2026, 11, 25)
    assert [(c.by, c.received, c.text) for c in meeting.minutes.comments] == [("plo", date(2026, 11, 26), "Enig.")]
    assert meeting.minutes.revised_sent == date(2026, 12, 2)


@pytest.mark.parametrize("style", sorted(set(STYLES) - {"flow", "no-minutes"}))
@pytest.mark.parametrize("notepad", [False, True], ids=["lf", "crlf-bom"])
def test_every_step_only_adds_its_own_lines(tmp_path: Path, style: str, notepad: bool) -> None:
    text, indent, dash, item = STYLES[style]
    path = tmp_path / "2026-11-24.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode() if notepad else text.encode())

    def check(step: str, before: str, after: str) -> None:
        matcher = difflib.SequenceMatcher(None, before.split("\n"), after.split("\n"), autojunk=False)
        changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        assert [op[0] for op in changes] == ["insert"], f"{step}: {changes}"
        _, _, _, start, end = changes[0]
        assert after.split("\n")[start:end] == _expected(step, indent, dash, item)

    _run_steps(path, check)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == notepad
    assert raw.count(b"\r\n") == (raw.count(b"\n") if notepad else 0)
    _unchanged_fields(text, raw.decode("utf-8-sig").replace("\r\n", "\n"))


def test_no_minutes_gets_its_block_in_the_files_style(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-24.yaml"
    path.write_text(STYLES["no-minutes"][0], encoding="utf-8")
    _run_steps(path, lambda step, before, after: None)
    assert path.read_text(encoding="utf-8").endswith(
        "minutes:\n  sent: 2026-11-25\n  comments:\n    - by: plo\n      received: 2026-11-26\n      text: Enig.\n"
        "  revised_sent: 2026-12-02\n"
    )


def test_flow_style_changes_only_the_minutes_line(tmp_path: Path) -> None:
    text = STYLES["flow"][0]
    path = tmp_path / "2026-11-24.yaml"
    path.write_text(text, encoding="utf-8")
    _run_steps(path, lambda step, before, after: None)
    final = path.read_text(encoding="utf-8")
    assert final.split("\n")[:6] == text.split("\n")[:6]
    assert "minutes: {type: beslutningsreferat, sent: 2026-11-25, comments: [{by: plo, received: 2026-11-26, " in final
    _unchanged_fields(text, final)


def test_yaml_1_1_values_on_other_lines_are_not_reinterpreted(tmp_path: Path) -> None:
    text = STYLES["yaml11"][0]
    path = tmp_path / "2026-11-24.yaml"
    path.write_text(text, encoding="utf-8")
    _run_steps(path, lambda step, before, after: None)
    final = path.read_text(encoding="utf-8")
    for line in ("%YAML 1.1", "---", "place: NO", "note: +12", "  - title: yes", "    duration_minutes: +12"):
        assert line in final.split("\n")
    meeting = _meeting(final)
    assert (meeting.place, meeting.note, meeting.agenda[0].title) == ("NO", "+12", "yes")


def test_a_new_value_that_yaml_1_1_would_misread_is_quoted() -> None:
    text = STYLES["yaml11"][0]
    edited = edit_text(text, [SetValue(("minutes", "standard_items", "any_other_business"), "no")], "m.yaml")
    assert "    any_other_business: 'no'" in edited.split("\n")
    assert "place: NO" in edited.split("\n")


SEATS_FILE = """# pladser
seats:
    -   id: plo   # fast
        organisation: PLO
        sector: almen praksis
        person:
            name: Anne Eksempel  # nuværende
            email: anne@example.org
            from: 2026-01-01
        history:
            -   name: Bo Før
                to: 2025-12-31
"""


def test_moving_a_person_to_the_history_keeps_the_style() -> None:
    edits: list[Edit] = [
        MoveToList(("seats", 0, "person"), ("seats", 0, "history"), {"to": date(2026, 6, 30)}),
        SetValue(("seats", 0, "person"), {"name": "Cai Ny", "from": date(2026, 7, 1)}),
    ]
    edited = edit_text(SEATS_FILE, edits, "members.yaml")
    data = parse_yaml(edited, "members.yaml").data["seats"][0]
    assert data["person"] == {"name": "Cai Ny", "from": "2026-07-01"}
    assert data["history"][-1] == {
        "name": "Anne Eksempel",
        "email": "anne@example.org",
        "from": "2026-01-01",
        "to": "2026-06-30",
    }
    assert edited.startswith("# pladser\nseats:\n    -   id: plo   # fast\n")
    assert "            -   name: Bo Før\n                to: 2025-12-31\n" in edited


def test_deleting_a_key_removes_only_its_lines() -> None:
    edited = edit_text(SEATS_FILE, [DeleteValue(("seats", 0, "person", "email"))], "members.yaml")
    assert edited == SEATS_FILE.replace("            email: anne@example.org\n", "")


def test_appending_in_a_yaml_1_1_file_keeps_other_values() -> None:
    edited = edit_text(STYLES["yaml11"][0], [AppendItem(("agenda",), {"title": "Nyt", "kind": "orientering"})], "m")
    assert "place: NO" in edited and "    duration_minutes: +12" in edited
    assert parse_yaml(edited, "m").data["agenda"][-1] == {"title": "Nyt", "kind": "orientering"}


def test_an_invalid_result_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-24.yaml"
    text = STYLES["two"][0].replace("\n", "\r\n")
    path.write_bytes(text.encode())
    with pytest.raises(EditError, match="ugyldig; intet er skrevet"):
        apply_edits(path, [SetValue(("minutes", "sent"), "i går")], Meeting, path.name, path.parent)
    assert path.read_bytes() == text.encode()


def test_a_change_that_would_reinterpret_its_own_line_is_refused() -> None:
    # a flow mapping on one line: ruamel.yaml would write the YAML 1.1 'NO' next to the new key as 'false'
    text = "%YAML 1.1\n---\n" + HEAD + "minutes: {type: beslutningsreferat, sent: 2026-11-25}\nnote: NO\n"
    flow = text.replace("note: NO\n", "").replace("{type: beslutningsreferat,", "{type: NO,")
    with pytest.raises(
        EditError, match="kan ikke laves uden at ændre andre linjer; ret filen i hånden; intet er skrevet"
    ):
        edit_text(flow, [SetValue(("minutes", "revised_sent"), date(2026, 12, 2))], "m.yaml")
    assert "note: NO" in edit_text(text, [SetValue(("minutes", "revised_sent"), date(2026, 12, 2))], "m.yaml")


def test_moving_an_item_moves_its_lines_with_their_comments() -> None:
    text = STYLES["comments"][0].replace(
        "    kind: drøftelse\n", "    kind: drøftelse\n  - title: Punkt to  # andet\n    kind: orientering\n"
    )
    edited = edit_text(text, [MoveItem(("agenda",), 1, 0)], "m.yaml")
    assert [item["title"] for item in parse_yaml(edited, "m").data["agenda"]] == ["Punkt to", "Punkt et"]
    assert "  - title: Punkt to  # andet\n    kind: orientering\n  - title: Punkt et  # første\n" in edited
    assert edited.replace("  - title: Punkt to  # andet\n    kind: orientering\n", "", 1) == text.replace(
        "  - title: Punkt to  # andet\n    kind: orientering\n", "", 1
    )
