"""The e-mails end with a signature a secretariat would write: the secretariat's members with title,
organisation, phone and e-mail from members.yaml, or driftsforum.yaml's own `email.signature`."""

from __future__ import annotations

import email
from email.message import Message
from pathlib import Path

from tests.helpers.cli import RunCli
from tests.helpers.repos import copy_of_bundled


def _bodies(folder: Path) -> list[str]:
    bodies = []
    for path in sorted(folder.glob("*.eml")):
        message: Message = email.message_from_bytes(path.read_bytes())
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                payload = part.get_payload(decode=True)
                assert isinstance(payload, bytes)
                bodies.append(payload.decode(part.get_content_charset() or "utf-8").replace("\r\n", "\n"))
    return bodies


def _eml(cli: RunCli, root: Path, folder: Path, *what: str) -> list[str]:
    result = cli("--repo", str(root), "send", *what, "--eml", str(folder))
    assert result.code == 0, result.output
    return _bodies(folder)


def test_the_signature_names_the_secretariat(cli: RunCli, tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path / "repo")
    members = root / "forums/nord/members.yaml"
    text = members.read_text(encoding="utf-8")
    line = "      email: jette.eksempel@hjoerring.example.org\n"
    assert line in text
    members.write_text(text.replace(line, line + "      phone: 72 33 33 33\n"), encoding="utf-8")
    bodies = _eml(cli, root, tmp_path / "eml", "agenda", "nord", "2027-03-09", "--today", "2027-02-20")
    assert len(bodies) == 11
    for body in bodies:
        signature = body.split("Med venlig hilsen\n\n", 1)[1]
        assert signature.startswith(
            "Jette Eksempel\nKonsulent, kommunernes sekretariatsrepræsentant\nHjørring Kommune\n"
            "Tlf. 72 33 33 33 · jette.eksempel@hjoerring.example.org\n\n"
            "Karen Eksempel\nKonsulent, Psykiatriens sekretariatsrepræsentant\nPsykiatrien, Klinik Psykiatri Nord\n"
        )
        assert signature.rstrip().endswith("Sekretariatet for driftsfora voksenpsykiatri")


def test_a_signature_in_the_configuration_wins(cli: RunCli, tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path / "repo")
    config = root / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\n  reply_to: driftsfora@example.org\n" in text
    signature = "  signature: |\n    Jette Eksempel og Karen Eksempel\n    Sekretariatet, tlf. 72 33 33 33\n"
    config.write_text(
        text.replace("\n  reply_to: driftsfora@example.org\n", "\n  reply_to: driftsfora@example.org\n" + signature),
        encoding="utf-8",
    )
    minutes = _eml(cli, root, tmp_path / "eml", "minutes", "vest", "2026-12-03", "--today", "2026-12-04", "--force")
    assert minutes
    for body in minutes:
        assert body.rstrip().endswith(
            "Med venlig hilsen\n\nJette Eksempel og Karen Eksempel\nSekretariatet, tlf. 72 33 33 33"
        ), body[-300:]
