"""`minutes import-comments`: a member's comments and tracked changes in the draft minutes in Word, recorded
on the minutes. The test plays the member: it makes the draft, comments on it and changes it as Word does."""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

import pytest

from driftsforum_cli.domain.seats import holder_on
from driftsforum_cli.services.comments_import import match_seat
from driftsforum_cli.word_comments import read_remarks
from driftsforum_cli.workspace import load_repository
from tests.helpers import RunCli
from tests.helpers.word import WordChange, WordComment, member_docx

MEETING = "forums/nord/meetings/2026-11-24.yaml"
TODAY = ("--today", "2026-11-30")


@pytest.fixture
def sent_minutes(cli: RunCli, repo_copy: Path) -> str:
    """The November minutes of Nord sent on 26 November (comments until 3 December); their Markdown."""
    sent = cli(
        "minutes", "mark-sent", "nord", "2026-11-24", "--on", "2026-11-26", "--today", "2026-11-26", cwd=repo_copy
    )
    assert sent.code == 0, sent.output
    draft = cli("minutes", "nord", "2026-11-24", *TODAY, cwd=repo_copy)
    assert draft.code == 0, draft.output
    return draft.stdout


def _bents_file(tmp_path: Path, minutes: str) -> Path:
    return member_docx(
        tmp_path / "referat-bent.docx",
        minutes,
        [
            WordComment(
                "Opfølgning på samarbejdsaftale om medicinhåndtering",
                "Vi savner, at kommunernes erfaringer med medicinlister står i referatet.",
                "Bent Eksempel",
                "BE",
                "2026-11-27T10:15:00Z",
            ),
            WordComment("Mødeplan og årshjul for 2027", "Mødet i juni flyttes?", "BE", None, "2026-11-28T08:00:00Z"),
        ],
        [
            WordChange("ins", "Hjørring Rådhus, mødelokale 2", " og på Teams", "Bent Eksempel", "2026-11-27T10:20:00Z"),
            WordChange("del", "(eksempel)", "", "Bent Eksempel", "2026-11-27T10:21:00Z"),
        ],
    )


def _added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert [line for line in diff if line.startswith("- ")] == []  # nothing else changed
    return [line[2:] for line in diff if line.startswith("+ ")]


def test_comments_and_tracked_changes_are_recorded_with_passage_and_seat(
    cli: RunCli, repo_copy: Path, tmp_path: Path, sent_minutes: str
) -> None:
    meeting = repo_copy / MEETING
    before = meeting.read_text(encoding="utf-8")
    word = _bents_file(tmp_path, sent_minutes)
    result = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "4 bemærkninger registreret" in result.stdout
    assert "- Bent Eksempel (hjoerring-afdelingsleder), 27. november 2026: Vi savner" in result.stdout
    place = (
        "Tid og sted: tirsdag den 24. november 2026 kl. 13.00–15.30 (uge 48), Hjørring Rådhus, mødelokale 2 (eksempel)"
    )
    assert _added_lines(before, meeting.read_text(encoding="utf-8")) == [
        "  comments:",
        "    - by: hjoerring-afdelingsleder",
        "      received: 2026-11-27",
        "      text: Vi savner, at kommunernes erfaringer med medicinlister står i referatet.",
        "      passage: Opfølgning på samarbejdsaftale om medicinhåndtering",
        "      item: 5",  # the anchor is the heading "5. Opfølgning …" itself
        "    - by: hjoerring-afdelingsleder",
        "      received: 2026-11-28",
        "      text: Mødet i juni flyttes?",
        "      passage: Mødeplan og årshjul for 2027",
        "      item: 6",
        "    - by: hjoerring-afdelingsleder",
        "      received: 2026-11-27",
        "      text: 'Ændringsforslag: indsæt »og på Teams«'",
        f"      passage: '{place}'",
        "    - by: hjoerring-afdelingsleder",
        "      received: 2026-11-27",
        "      text: 'Ændringsforslag: slet »(eksempel)«'",
        f"      passage: '{place}'",
    ]
    check = cli("validate", *TODAY, cwd=repo_copy)
    assert check.code == 0, check.output
    # the minutes list the comments with the passage they are about
    minutes = cli("minutes", "nord", "2026-11-24", *TODAY, cwd=repo_copy).stdout
    assert "## Bemærkninger til referatet" in minutes
    assert (
        "- 27. november 2026, Bent Eksempel: Vi savner, at kommunernes erfaringer med medicinlister står i "
        "referatet. (Til punkt 5: »Opfølgning på samarbejdsaftale om medicinhåndtering«.)"
    ) in minutes


def test_the_same_passage_under_two_items_is_told_apart_by_the_item(
    cli: RunCli, repo_copy: Path, tmp_path: Path, sent_minutes: str
) -> None:
    """ "Ingen beslutning registreret." stands under items 5, 6 and 7; a comment on it under 5 and one under 6."""
    same = "Ingen beslutning registreret."
    assert sent_minutes.count(same) >= 3
    word = member_docx(
        tmp_path / "to-punkter.docx",
        sent_minutes,
        [
            WordComment(same, "Her manglede en beslutning.", "Bent Eksempel", "BE", "2026-11-27T10:15:00Z"),
            WordComment(same, "Her manglede en beslutning.", "Bent Eksempel", "BE", "2026-11-27T10:16:00Z"),
        ],
    )
    assert [(r.item, r.item_title, r.passage) for r in read_remarks(word)] == [
        (5, "Opfølgning på samarbejdsaftale om medicinhåndtering", same),
        (6, "Mødeplan og årshjul for 2027", same),
    ]
    meeting = repo_copy / MEETING
    before = meeting.read_text(encoding="utf-8")
    result = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "2 bemærkninger registreret" in result.stdout
    assert _added_lines(before, meeting.read_text(encoding="utf-8")) == [
        "  comments:",
        "    - by: hjoerring-afdelingsleder",
        "      received: 2026-11-27",
        "      text: Her manglede en beslutning.",
        f"      passage: {same}",
        "      item: 5",
        "    - by: hjoerring-afdelingsleder",
        "      received: 2026-11-27",
        "      text: Her manglede en beslutning.",
        f"      passage: {same}",
        "      item: 6",
    ]
    assert cli("validate", *TODAY, cwd=repo_copy).code == 0
    minutes = cli("minutes", "nord", "2026-11-24", *TODAY, cwd=repo_copy).stdout
    for item in (5, 6):
        assert (
            f"- 27. november 2026, Bent Eksempel: Her manglede en beslutning. (Til punkt {item}: »{same}«.)"
        ) in minutes
    html = cli("minutes", "nord", "2026-11-24", "--format", "html", *TODAY, cwd=repo_copy).stdout
    assert f"(Til punkt 6: »{same}«.)" in html
    recorded = meeting.read_bytes()
    again = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), *TODAY, cwd=repo_copy)
    assert again.code == 0, again.output
    assert "2 bemærkninger var allerede registreret og er ikke tilføjet igen." in again.stdout
    assert meeting.read_bytes() == recorded


def test_importing_the_same_file_twice_adds_nothing(
    cli: RunCli, repo_copy: Path, tmp_path: Path, sent_minutes: str
) -> None:
    word = _bents_file(tmp_path, sent_minutes)
    first = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), *TODAY, cwd=repo_copy)
    assert first.code == 0, first.output
    recorded = (repo_copy / MEETING).read_bytes()
    again = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), str(word), *TODAY, cwd=repo_copy)
    assert again.code == 0, again.output
    assert "8 bemærkninger var allerede registreret og er ikke tilføjet igen." in again.stdout
    assert "er ikke ændret" in again.stdout
    assert (repo_copy / MEETING).read_bytes() == recorded


def test_by_names_the_seat_when_the_author_is_unknown(
    cli: RunCli, repo_copy: Path, tmp_path: Path, sent_minutes: str
) -> None:
    word = member_docx(
        tmp_path / "kommentar.docx",
        sent_minutes,
        [WordComment("Evaluering af samarbejdsformen", "Enig.", "Brugernavn HJK-12345", "HJ", "2026-11-29T09:00:00Z")],
    )
    refused = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), *TODAY, cwd=repo_copy)
    assert refused.code == 1
    assert "kommentarerne fra 'Brugernavn HJK-12345'" in refused.stderr
    assert "angiv pladsen med --by PLADS" in refused.stderr
    assert "comments:" not in (repo_copy / MEETING).read_text(encoding="utf-8")
    by = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), "--by", "plo", *TODAY, cwd=repo_copy)
    assert by.code == 0, by.output
    assert "- Ib Eksempel (plo), 29. november 2026: Enig. – til »Evaluering af samarbejdsformen«" in by.stdout


def test_late_comments_are_refused_with_the_deadline(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """The September minutes were sent on 15 September; comments ran until 22 September."""
    minutes = cli("minutes", "nord", "2026-09-08", *TODAY, cwd=repo_copy).stdout
    word = member_docx(
        tmp_path / "sent.docx",
        minutes,
        [
            WordComment(
                "Ventetid på udskrivningskonferencer",
                "For sent, men vigtigt.",
                "Bent Eksempel",
                "BE",
                "2026-09-25T09:00:00Z",
            ),
        ],
    )
    before = (repo_copy / "forums/nord/meetings/2026-09-08.yaml").read_bytes()
    result = cli("minutes", "import-comments", "nord", "2026-09-08", str(word), *TODAY, cwd=repo_copy)
    assert result.code == 1
    assert "1 bemærkning er modtaget efter fristen for bemærkninger, som udløb 22. september 2026" in result.stderr
    assert "Bent Eksempel, 25. september 2026: »For sent, men vigtigt.«" in result.stderr
    assert (repo_copy / "forums/nord/meetings/2026-09-08.yaml").read_bytes() == before


def _not_word(tmp_path: Path) -> list[tuple[Path, str]]:
    doc = tmp_path / "gammelt.docx"  # a Word 97-2003 file renamed
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    archive = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        out.writestr("content.xml", "<office:document-content/>")
    text = tmp_path / "noter.docx"
    text.write_text("Mine bemærkninger til referatet\n", encoding="utf-8")
    broken = tmp_path / "beskadiget.docx"
    with zipfile.ZipFile(broken, "w") as out:
        out.writestr("word/document.xml", "<w:document><w:body>")
    return [
        (doc, "er et ældre Word-dokument (.doc) eller beskyttet med adgangskode"),
        (archive, "er en zip-fil, men ikke et Word-dokument (word/document.xml mangler)"),
        (text, "er ikke et Word-dokument (.docx); gem referatet i Word som 'Word-dokument (*.docx)'"),
        (broken, "er beskadiget (word/document.xml er ikke gyldig XML"),
        (tmp_path / "findes-ikke.docx", "kan ikke læses: "),
    ]


def test_a_file_that_is_not_a_word_document_gets_a_danish_error(
    cli: RunCli, repo_copy: Path, tmp_path: Path, sent_minutes: str
) -> None:
    good = _bents_file(tmp_path, sent_minutes)
    before = (repo_copy / MEETING).read_bytes()
    for path, expected in _not_word(tmp_path):
        result = cli("minutes", "import-comments", "nord", "2026-11-24", str(good), str(path), *TODAY, cwd=repo_copy)
        assert result.code == 1, (path, result.output)
        assert result.stderr.startswith(f"Fejl: {path} "), result.stderr
        assert expected in result.stderr, result.stderr
        assert "Traceback" not in result.output
        assert (repo_copy / MEETING).read_bytes() == before  # nothing from the good file either


def test_minutes_not_sent_are_refused(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    minutes = cli("minutes", "nord", "2026-11-24", *TODAY, cwd=repo_copy).stdout
    word = _bents_file(tmp_path, minutes)
    result = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), *TODAY, cwd=repo_copy)
    assert result.code == 1
    assert "referatet er ikke registreret som udsendt" in result.stderr


def test_authors_match_names_in_any_order_and_initials(repo_copy: Path) -> None:
    files = load_repository(repo_copy, {"nord"}).forums[0]
    assert files.members.model is not None
    seats = files.members.model.seats
    day = files.meetings[0].model.date if files.meetings[0].model else None
    assert day is not None

    def seat(author: str, initials: str | None = None) -> str | None:
        found = match_seat(author, initials, seats, day)
        return found.id if found else None

    assert seat("Bent Eksempel") == "hjoerring-afdelingsleder"
    assert seat("Eksempel, Bent") == "hjoerring-afdelingsleder"
    assert seat("Bent Eksempel (BE) | Hjørring Kommune") == "hjoerring-afdelingsleder"
    assert seat("Ukendt", "BE") == "hjoerring-afdelingsleder"
    assert seat("BE") == "hjoerring-afdelingsleder"
    assert seat("Eksempel") is None  # every member is called Eksempel
    assert seat("Anne") is None
    holders = {holder_on(s, day).name for s in seats if holder_on(s, day) is not None}  # type: ignore[union-attr]
    assert "Bent Eksempel" in holders


def test_a_change_split_in_several_elements_is_one_remark(tmp_path: Path) -> None:
    word = member_docx(
        tmp_path / "delt.docx",
        "Driftsforum drøftede status.",
        [],
        [
            WordChange("ins", "drøftede", " grundigt", "Bent Eksempel", "2026-11-27T10:20:00Z"),
            WordChange("ins", "drøftede", " og længe", "Bent Eksempel", "2026-11-27T10:20:00Z"),
        ],
    )
    remarks = read_remarks(word)
    assert [(r.kind, r.text, r.passage) for r in remarks] == [
        ("insertion", "grundigt og længe", "Driftsforum drøftede status.")
    ]


def test_add_comment_names_the_item(cli: RunCli, repo_copy: Path, sent_minutes: str) -> None:
    meeting = repo_copy / MEETING
    before = meeting.read_text(encoding="utf-8")
    args = ("minutes", "add-comment", "nord", "2026-11-24", "--by", "plo", "--on", "2026-11-28", *TODAY)
    wrong = cli(*args, "--text", "Enig.", "--item", "11", cwd=repo_copy)
    assert wrong.code == 1
    assert "--item: referatet har intet punkt 11 (punkterne er 1–10)" in wrong.stderr
    assert meeting.read_text(encoding="utf-8") == before
    added = cli(*args, "--text", "Enig i indstillingen.", "--item", "6", cwd=repo_copy)
    assert added.code == 0, added.output
    assert _added_lines(before, meeting.read_text(encoding="utf-8")) == [
        "  comments:",
        "    - by: plo",
        "      received: 2026-11-28",
        "      text: Enig i indstillingen.",
        "      item: 6",
    ]
    minutes = cli("minutes", "nord", "2026-11-24", *TODAY, cwd=repo_copy).stdout
    assert "- 28. november 2026, Ib Eksempel: Enig i indstillingen. (Til punkt 6.)" in minutes


def test_the_import_says_which_item(cli: RunCli, repo_copy: Path, tmp_path: Path, sent_minutes: str) -> None:
    word = member_docx(
        tmp_path / "punkt.docx",
        sent_minutes,
        [WordComment("Evaluering af samarbejdsformen", "Enig.", "Ib Eksempel", "IE", "2026-11-29T09:00:00Z")],
    )
    result = cli("minutes", "import-comments", "nord", "2026-11-24", str(word), "--by", "plo", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "- Ib Eksempel (plo), 29. november 2026: Enig. – til »Evaluering af samarbejdsformen« (punkt 7)" in (
        result.stdout
    )


def test_the_revised_minutes_email_names_the_item(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """The September minutes (sent 15 September, comments until 22 September) as .eml drafts for Outlook."""
    today = ("--today", "2026-09-29")
    added = cli(
        "minutes", "add-comment", "nord", "2026-09-08", "--by", "plo", "--text", "Punktet bør nævne almen praksis.",
        "--item", "3", "--on", "2026-09-17", *today, cwd=repo_copy,
    )  # fmt: skip
    assert added.code == 0, added.output
    out = tmp_path / "eml"
    drafts = cli("send", "minutes", "nord", "2026-09-08", "--revised", "--eml", str(out), *today, cwd=repo_copy)
    assert drafts.code == 0, drafts.output
    from email import message_from_bytes, policy

    first = sorted(out.glob("*.eml"))[0]
    message = message_from_bytes(first.read_bytes(), policy=policy.default)
    bodies = {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if part.get_content_type() in ("text/plain", "text/html")
    }
    line = "Ib Eksempel (17. september 2026), til punkt 3: Punktet bør nævne almen praksis."
    assert line in bodies["text/plain"]
    assert f"<li>{line}</li>" in bodies["text/html"]


def test_the_item_is_found_in_the_docx_the_tool_makes(
    cli: RunCli, repo_copy: Path, tmp_path: Path, sent_minutes: str
) -> None:
    """The member comments in the very DOCX `minutes --format docx` makes (house template, Heading 2 items)."""
    import docx

    made = tmp_path / "referat.docx"
    result = cli("minutes", "nord", "2026-11-24", "--format", "docx", "-o", str(made), *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    document = docx.Document(str(made))
    under = [p for p in document.paragraphs if "Ingen beslutning registreret." in p.text]
    assert len(under) >= 3
    for paragraph in under[1:3]:  # under items 6 and 7
        document.add_comment(paragraph.runs[-1], text="Hvorfor ingen beslutning?", author="Bent Eksempel")
    document.save(str(made))
    remarks = read_remarks(made)
    assert [(r.item, r.item_title) for r in remarks] == [
        (6, "Mødeplan og årshjul for 2027"),
        (7, "Evaluering af samarbejdsformen"),
    ]
