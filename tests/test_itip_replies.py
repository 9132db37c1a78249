"""Reading iTIP replies from .eml files in the shapes Outlook, Gmail and Apple Mail write them."""

from __future__ import annotations

import email
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
import vobject  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from driftsforum_cli.itip_replies import PARTSTATS, normal_address, parse_reply_message, read_reply_file
from tests.helpers.replies import Client, ReplySpec, calendar_text, reply_message

UID = "nord-2026-11-24-meeting@driftsforum"
STAMP = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
CLIENTS: tuple[Client, ...] = ("outlook", "outlook-winmail", "gmail", "apple")


def _spec(partstat: str = "DECLINED", **extra: object) -> ReplySpec:
    delegate = ("soeren.stedfortraeder@laesoe.example.org", "Søren Stedfortræder") if partstat == "DELEGATED" else None
    values: dict[str, object] = {"delegate": delegate, "comment": "Jeg er på kursus den dag"}
    values.update(extra)
    return ReplySpec(UID, "erik.eksempel@laesoe.example.org", "Erik Eksempel", partstat, STAMP, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("partstat", PARTSTATS)
def test_every_client_and_answer_is_read(client: Client, partstat: str) -> None:
    read = parse_reply_message(reply_message(_spec(partstat), client), "svar.eml")
    assert read.problem is None
    assert len(read.replies) == 1  # Gmail's inline calendar and invite.ics are one reply
    reply = read.replies[0]
    assert (reply.uid, reply.answer, reply.stamp, reply.sequence) == (UID, partstat, STAMP, 0)
    assert normal_address(reply.address) == "erik.eksempel@laesoe.example.org"
    assert reply.sender == "erik.eksempel@laesoe.example.org"
    assert reply.start == date(2026, 11, 24)
    assert reply.comment == "Jeg er på kursus den dag"
    if partstat == "DELEGATED":
        assert reply.delegate == ("soeren.stedfortraeder@laesoe.example.org", "Søren Stedfortræder")
    else:
        assert reply.delegate is None


def _calendar_parts(data: bytes) -> list[EmailMessage]:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return [part for part in message.walk() if part.get_content_type() in ("text/calendar", "application/ics")]


@pytest.mark.parametrize("client", CLIENTS)
def test_the_corpus_has_the_shapes_the_clients_write(client: Client) -> None:
    data = reply_message(_spec("DELEGATED"), client)
    parts = _calendar_parts(data)
    methods = {str(part.get_param("method")) for part in parts if part.get_param("method")}
    encodings = {part.get("Content-Transfer-Encoding", "").lower() for part in parts}
    text = data.decode("ascii")
    if client.startswith("outlook"):
        assert methods == {"REPLY"} and encodings == {"base64"}
        assert "Subject: =?utf-8?q?Videresendt?=" in text or "Subject: Videresendt:" in text
        assert ("winmail.dat" in text) == (client == "outlook-winmail")
    elif client == "gmail":
        assert methods == {"reply"}  # lower case, as Gmail writes it
        assert [part.get_filename() for part in parts] == [None, "invite.ics"]
    else:
        assert methods == {"REPLY"} and encodings == {"quoted-printable"}
        message = email.message_from_bytes(data, policy=policy.default)
        assert [part.get_content_type() for part in message.iter_parts()] == ["multipart/alternative", "text/calendar"]
    for part in parts:  # a second iCalendar parser reads every calendar part the same way
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        calendar = vobject.readOne(payload.decode("utf-8"))
        assert calendar.method.value.upper() == "REPLY"
        event = calendar.vevent
        assert event.uid.value == UID
        attendees = {line.value.lower(): line.params for line in event.contents["attendee"]}
        assert attendees["mailto:erik.eksempel@laesoe.example.org"]["PARTSTAT"] == ["DELEGATED"]
        assert attendees["mailto:soeren.stedfortraeder@laesoe.example.org"]["DELEGATED-FROM"] == [
            "mailto:erik.eksempel@laesoe.example.org"
        ]


@pytest.mark.parametrize(
    ("subject", "answer"), [("Afvist", "DECLINED"), ("Accepteret", "ACCEPTED"), ("Foreløbig", "TENTATIVE")]
)
def test_outlooks_danish_subjects_are_not_what_decides(subject: str, answer: str) -> None:
    data = reply_message(_spec(answer), "outlook")
    message = email.message_from_bytes(data, policy=policy.default)
    assert str(message["Subject"]).startswith(f"{subject}: ")
    assert parse_reply_message(data, "svar.eml").replies[0].answer == answer


def test_winmail_dat_is_ignored_with_a_danish_note() -> None:
    read = parse_reply_message(reply_message(_spec(), "outlook-winmail"), "afbud.eml")
    assert read.notes == [
        "afbud.eml: vedhæftningen winmail.dat (Outlooks eget format) er ikke læst; svaret læses af kalenderdelen"
    ]
    assert [reply.answer for reply in read.replies] == ["DECLINED"]


def test_a_message_with_only_winmail_dat_says_so() -> None:
    message = EmailMessage(policy=policy.default)
    message["From"] = "Erik Eksempel <erik.eksempel@laesoe.example.org>"
    message["Subject"] = "Afvist: Driftsforum Nord: Møde"
    message.set_content("Afvist")
    message.add_attachment(b"\x78\x9f\x3e\x22", maintype="application", subtype="ms-tnef", filename="winmail.dat")
    read = parse_reply_message(message.as_bytes(), "afbud.eml")
    assert read.problem is None and read.notes == []  # the e-mail is read; it holds no reply that can be read
    assert read.ignored == (
        "svaret ligger kun i winmail.dat (Outlooks eget format), som ikke kan læses; bed afsenderen svare igen, "
        "eller gem svaret fra Outlook på nettet"
    )


def test_the_method_parameter_stands_in_for_a_missing_method_line() -> None:
    text = calendar_text(_spec(), "outlook").replace("METHOD:REPLY\r\n", "")
    message = EmailMessage(policy=policy.default)
    message["From"] = "erik.eksempel@laesoe.example.org"
    message["Subject"] = "Afvist"
    message.set_content(text, subtype="calendar", params={"method": "Reply"}, cte="base64")
    assert [reply.answer for reply in parse_reply_message(message.as_bytes(), "a.eml").replies] == ["DECLINED"]
    message.replace_header("Content-Type", 'text/calendar; charset="utf-8"')
    read = parse_reply_message(message.as_bytes(), "a.eml")
    assert read.replies == [] and read.problem is None
    assert read.ignored == (
        "e-mailen indeholder en kalender (uden METHOD), men intet svar på en mødeindkaldelse (METHOD:REPLY)"
    )


def test_a_forwarded_invitation_is_not_a_reply() -> None:
    message = EmailMessage(policy=policy.default)
    message["From"] = "erik.eksempel@laesoe.example.org"
    message["Subject"] = "VS: Driftsforum Nord: Møde"
    message.set_content("Se nedenfor")
    message.add_attachment(
        calendar_text(_spec(), "outlook", method="REQUEST").encode(), maintype="text", subtype="calendar",
        filename="invite.ics",
    )  # fmt: skip
    read = parse_reply_message(message.as_bytes(), "vs.eml")
    assert read.replies == [] and read.problem is None
    assert read.ignored is not None and read.ignored.startswith("e-mailen indeholder en kalender (METHOD:REQUEST)")


def test_a_proposal_of_a_new_time_is_named_as_such() -> None:
    text = calendar_text(_spec("TENTATIVE"), "outlook", method="COUNTER")
    message = EmailMessage(policy=policy.default)
    message["From"] = "erik.eksempel@laesoe.example.org"
    message["Subject"] = "Nyt tidspunkt foreslået: Driftsforum Nord: Møde"
    message.set_content(text, subtype="calendar", params={"method": "COUNTER"}, cte="base64")
    read = parse_reply_message(message.as_bytes(), "nyt.eml")
    assert read.replies == [] and read.problem is None
    assert read.ignored == (
        "afsenderen foreslår et nyt tidspunkt (METHOD:COUNTER); det registreres ikke – svar afsenderen selv"
    )


def test_an_ordinary_e_mail_is_read_and_holds_no_reply() -> None:
    read = parse_reply_message(b"From: a@b.dk\nSubject: Hej\n\nIngen kalender\n", "x.eml")
    assert read.problem is None and read.replies == []
    assert read.ignored == "e-mailen indeholder intet svar på en mødeindkaldelse (ingen kalenderdel med METHOD:REPLY)"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "x.eml er ikke en e-mail (.eml)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "x.eml er en Outlook-fil (.msg)"),
        (b"", "x.eml er ikke en e-mail (.eml)"),
        (
            b"From: a@b.dk\nContent-Type: text/calendar; method=REPLY\n\nBEGIN:VCALENDAR\nikke iCalendar\n",
            "x.eml: kalenderdelen (text/calendar) kan ikke læses som iCalendar",
        ),
    ],
)
def test_what_is_not_a_reply_is_named_in_danish(data: bytes, expected: str) -> None:
    read = parse_reply_message(data, "x.eml")
    assert read.replies == []
    assert read.problem is not None and read.problem.startswith(expected)


def test_a_file_that_cannot_be_read_is_named_in_danish(tmp_path: Path) -> None:
    assert (
        read_reply_file(tmp_path / "mangler.eml").problem == f"{tmp_path / 'mangler.eml'} kan ikke læses: findes ikke"
    )
    assert read_reply_file(tmp_path, "svar").problem == "svar kan ikke læses: er en mappe"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("mailto:Erik.Eksempel@Laesoe.Example.ORG", "erik.eksempel@laesoe.example.org"),
        ("MAILTO:anne@læsø.dk", "anne@xn--ls-1ia7e.dk"),
        ("<anne@LÆSØ.dk.>", "mailto:ANNE@xn--ls-1ia7e.dk"),
    ],
)
def test_addresses_compare_without_case_and_across_idn(one: str, other: str) -> None:
    assert normal_address(one) == normal_address(other)


def test_different_addresses_stay_different() -> None:
    assert normal_address("anne@laesoe.dk") != normal_address("anne@læsø.dk")
    assert normal_address("anne@hjoerring.dk") != normal_address("anna@hjoerring.dk")


def test_a_later_sequence_and_stamp_sort_last() -> None:
    first = parse_reply_message(reply_message(_spec(sequence=1), "outlook"), "a.eml").replies[0]
    later_stamp = replace(_spec("ACCEPTED"), stamp=datetime(2026, 11, 21, tzinfo=UTC))
    second = parse_reply_message(reply_message(later_stamp, "gmail"), "b.eml").replies[0]
    assert second.order < first.order  # a reply to the newer version of the invitation counts


_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåÆØÅ -", min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(
    partstat=st.sampled_from(PARTSTATS),
    partstat_case=st.sampled_from([str.upper, str.lower, str.title]),
    method=st.sampled_from(["REPLY", "reply", "Reply", None]),
    cte=st.sampled_from(["base64", "quoted-printable", "8bit"]),
    placement=st.sampled_from(["alternative", "ics-file", "application/ics", "nested", "forwarded"]),
    name=_NAMES,
    crlf=st.booleans(),
)
def test_any_shape_of_a_reply_gives_the_one_answer(
    partstat: str,
    partstat_case: Callable[[str], str],
    method: str | None,
    cte: str,
    placement: str,
    name: str,
    crlf: bool,
) -> None:
    spec = replace(_spec(partstat), name=name.strip(), comment=None)
    text = calendar_text(spec, "outlook").replace(f"PARTSTAT={partstat}", f"PARTSTAT={partstat_case(partstat)}")
    text = text if crlf else text.replace("\r\n", "\n")
    params = {"method": method} if method else {}
    calendar = EmailMessage(policy=policy.default)
    if placement == "application/ics":
        calendar.set_content(text.encode("utf-8"), maintype="application", subtype="ics", cte="base64",
                             disposition="attachment", filename="invite.ics")  # fmt: skip
    else:
        attached = placement == "ics-file"
        calendar.set_content(text, subtype="calendar", cte=cte, params=params,
                             disposition="attachment" if attached else None, filename="møde.ics" if attached else None)  # fmt: skip
    message = EmailMessage(policy=policy.default)
    message["From"] = f"{spec.name} <{spec.address}>"
    message["Subject"] = "Svar: Driftsforum Nord"
    message.set_content(f"{spec.name} har svaret.", cte=cte)
    message.add_alternative("<p>Svar</p>", subtype="html", cte=cte)
    if placement == "alternative":
        message.attach(calendar)
    elif placement == "forwarded":
        inner = message
        message = EmailMessage(policy=policy.default)
        message["From"] = "jette.eksempel@hjoerring.example.org"
        message["Subject"] = "VS: Svar: Driftsforum Nord"
        message.set_content("Se svaret nedenfor.")
        inner.make_mixed()
        inner.attach(calendar)
        message.add_attachment(inner)
    else:
        message.make_mixed()
        if placement == "nested":
            outer = EmailMessage(policy=policy.default)
            outer.make_mixed()
            outer.attach(calendar)
            message.attach(outer)
        else:
            message.attach(calendar)
    read = parse_reply_message(message.as_bytes(), "svar.eml")
    assert read.problem is None and read.ignored is None
    assert [(reply.answer, reply.uid, normal_address(reply.address)) for reply in read.replies] == [
        (partstat, UID, "erik.eksempel@laesoe.example.org")
    ]
    assert read.replies[0].name == spec.name


def test_a_reply_without_an_answering_attendee_says_so() -> None:
    text = calendar_text(_spec(), "outlook").replace("ATTENDEE;PARTSTAT=DECLINED;", "ATTENDEE;")
    message = EmailMessage(policy=policy.default)
    message["From"] = "erik.eksempel@laesoe.example.org"
    message["Subject"] = "Afvist: Driftsforum Nord: Møde"
    message.set_content(text, subtype="calendar", params={"method": "REPLY"})
    read = parse_reply_message(message.as_bytes(), "a.eml")
    assert read.replies == [] and read.problem is None
    assert read.ignored == "svaret nævner ingen deltager med et svar (ATTENDEE med PARTSTAT); registrér det i hånden"
