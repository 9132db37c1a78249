"""Every message as multipart/alternative – plain text and accessible HTML – with the documents attached as
before; received by a real SMTP server (aiosmtpd) and taken apart with the `email` package."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import RunCli
from tests.helpers.browser import Chromium, serve_directory
from tests.helpers.repos import copy_of_bundled
from tests.helpers.smtp import Recorder, serving

MEETING = "forums/nord/meetings/2027-03-09.yaml"
PLACE = 'Rådhuset <script>alert("x")</script> & "Salen"'
TITLE = "Budget <b>2027</b> & takster <img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def _looking_back_from_2028(monkeypatch: pytest.MonkeyPatch) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 1))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    with serving(monkeypatch) as recorder:
        yield recorder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = copy_of_bundled(tmp_path / "repo", schemas=True)
    meeting = repo / MEETING
    text = meeting.read_text(encoding="utf-8")
    assert "place: " in text and "agenda:" not in text
    lines = [f"place: '{PLACE}'" if line.startswith("place: ") else line for line in text.splitlines()]
    meeting.write_text("\n".join(lines) + f"\nagenda:\n  - title: '{TITLE}'\n", encoding="utf-8")
    return repo


class Outline(HTMLParser):
    """The tags, the headings and the text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3"):
            self._heading = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)

    @property
    def content(self) -> str:
        return " ".join(" ".join(self.text).split())


def _outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def _parts(message: EmailMessage) -> tuple[str, str]:
    """The structure (multipart/mixed: multipart/alternative with text and HTML, then the attachments), and
    the plain text and the HTML."""
    assert message.get_content_type() == "multipart/mixed"
    first, *attachments = list(message.iter_parts())
    assert first.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in first.iter_parts()] == ["text/plain", "text/html"]
    assert all(part.get_content_disposition() == "attachment" for part in attachments)
    plain, html = first.iter_parts()
    assert plain["Content-Language"] == "da" and html["Content-Language"] == "da"
    assert html.get_content_charset() == "utf-8"
    assert isinstance(plain, EmailMessage) and isinstance(html, EmailMessage)
    return str(plain.get_content()), str(html.get_content())


def _send(cli: RunCli, repo: Path, *args: str) -> None:
    result = cli("--repo", str(repo), "send", *args, "--send")
    assert result.code == 0, result.output


def test_the_agenda_is_plain_text_and_accessible_html_with_the_documents_attached(
    cli: RunCli, repo: Path, server: Recorder
) -> None:
    _send(cli, repo, "agenda", "nord", "2027-03-09", "--today", "2027-02-20")
    assert len(server.received) == 11
    for item in server.received:
        message = item.message
        plain, html = _parts(message)
        assert sorted(part.get_filename() or "" for part in message.iter_attachments()) == [
            "dagsorden-nord-2027-03-09.pdf",
            "moede-nord-2027-03-09.ics",
        ]
        outline = _outline(html)
        name = message["To"].addresses[0].display_name
        assert html.lstrip().startswith("<!DOCTYPE html>")
        assert ("html", {"lang": "da"}) in outline.tags
        assert [level for level, _ in outline.headings] == ["h1", "h2", "h2", "h2"]
        assert [text for _, text in outline.headings] == [
            "Dagsorden: Driftsforum Voksenpsykiatri – Klynge Nord",
            "Tid og sted",
            "Dagsordenens punkter",
            "Vedhæftet",
        ]
        tags = {tag for tag, _ in outline.tags}
        assert not tags & {"img", "script", "style", "b", "iframe", "object"}, "data is text, never markup"
        assert all(not key.startswith("on") for _, attrs in outline.tags for key in attrs)
        # The same facts in both parts; in the HTML the data is escaped, so it reads as written.
        for fact in (f"Kære {name}", "tirsdag den 9. marts 2027 kl. 13.00–15.30", PLACE, TITLE):
            assert fact in " ".join(plain.split()), fact
            assert fact in outline.content, fact
        assert "&lt;script&gt;" in html and "<script" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "Afbud og spørgsmål sendes til sekretariatet" in outline.content


def test_minutes_and_cancellations_are_html_too(cli: RunCli, repo: Path, server: Recorder) -> None:
    _send(cli, repo, "minutes", "nord", "2026-11-24", "--today", "2026-12-01", "--force")
    plain, html = _parts(server.received[0].message)
    outline = _outline(html)
    assert [text for _, text in outline.headings] == [
        "Referat: Driftsforum Voksenpsykiatri – Klynge Nord",
        "Bemærkninger",
    ]
    assert "senest tirsdag den 8. december 2026" in outline.content
    assert "senest tirsdag den 8. december 2026" in " ".join(plain.split())

    meeting = repo / MEETING
    meeting.write_text(meeting.read_text(encoding="utf-8") + "cancelled: true\nnote: Flyttes <snart> & nyt.\n", "utf-8")
    _send(cli, repo, "cancellation", "nord", "2027-03-09", "--today", "2027-02-20")
    message = server.received[-1].message
    plain, html = _parts(message)
    assert [part.get_content_type() for part in message.iter_attachments()] == ["text/calendar"]
    outline = _outline(html)
    assert outline.headings[0] == ("h1", "Aflyst: Driftsforum Voksenpsykiatri – Klynge Nord")
    assert "Flyttes <snart> & nyt." in outline.content and "Flyttes &lt;snart&gt; &amp; nyt." in html
    assert "Flyttes <snart> & nyt." in plain


def test_the_html_passes_axe_in_chromium(cli: RunCli, repo: Path, server: Recorder, chromium: Chromium) -> None:
    _send(cli, repo, "agenda", "nord", "2027-03-09", "--today", "2027-02-20")
    _, html = _parts(server.received[0].message)
    folder = repo / "html"
    folder.mkdir()
    (folder / "besked.html").write_text(html, encoding="utf-8")
    with serve_directory(folder) as base_url:
        assert chromium.axe(base_url + "besked.html") == []
        with chromium.page(base_url + "besked.html", width=360, height=740) as page:
            assert chromium.axe_page(page) == []


def test_a_cancellation_says_why_and_when_the_forum_meets_next_signed_by_the_secretariat(
    cli: RunCli, repo: Path, server: Recorder
) -> None:
    meeting = repo / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8") + "cancelled: true\ncancelled_reason: For få tilmeldte.\n", "utf-8"
    )
    _send(cli, repo, "cancellation", "nord", "2027-03-09", "--today", "2027-02-20")
    plain, html = _parts(server.received[-1].message)
    text = " ".join(_outline(html).content.split())
    for shown in (" ".join(plain.split()), text):
        assert "er aflyst. Årsag: For få tilmeldte." in shown
        assert "Næste møde er tirsdag den 8. juni 2027 kl. 13.00." in shown
        # the same signature as the agenda's: both secretaries with title and address
        assert "Jette Eksempel Konsulent, kommunernes sekretariatsrepræsentant" in shown
        assert "Karen Eksempel Konsulent, Psykiatriens sekretariatsrepræsentant" in shown


def test_a_moved_meeting_is_told_as_moved(cli: RunCli, repo: Path, server: Recorder) -> None:
    moved = cli("--repo", str(repo), "meeting", "move", "nord", "2027-03-09", "--to", "2027-03-16",
                "--today", "2027-02-20")  # fmt: skip
    assert moved.code == 0, moved.output
    _send(cli, repo, "cancellation", "nord", "2027-03-09", "--today", "2027-02-20")
    message = server.received[-1].message
    assert str(message["Subject"]).startswith("Flyttet: Driftsforum Voksenpsykiatri")
    plain, html = _parts(message)
    assert _outline(html).headings[0] == ("h1", "Flyttet: Driftsforum Voksenpsykiatri – Klynge Nord")
    for shown in (" ".join(plain.split()), " ".join(_outline(html).content.split())):
        assert "er flyttet til tirsdag den 16. marts 2027. Dagsordenen til det nye møde følger." in shown
        assert "aflyst" not in shown.split("Med venlig hilsen")[0].replace("aflyser", "")
    # the new meeting's agenda, and its e-mail, say where the meeting came from
    agenda = cli("--repo", str(repo), "agenda", "nord", "2027-03-16", "--today", "2027-02-20")
    assert "> Mødet er flyttet fra tirsdag den 9. marts 2027.\n" in agenda.stdout
    _send(cli, repo, "agenda", "nord", "2027-03-16", "--today", "2027-02-20")
    plain, html = _parts(server.received[-1].message)
    assert "Mødet er flyttet fra tirsdag den 9. marts 2027." in " ".join(plain.split())
    assert "Mødet er flyttet fra tirsdag den 9. marts 2027." in " ".join(_outline(html).content.split())
