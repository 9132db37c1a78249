"""Delivering messages over SMTP (stdlib smtplib), one recipient per transaction, with Danish errors.

A transaction is MAIL FROM, RCPT TO and DATA. What went wrong decides what happens next:
- `Refused`: the server said no to this one message (the recipient, or the content); the connection
  is still good and the next recipient can be tried.
- `ConnectionLost`: the connection is gone or the server will not go on (421, a dropped connection,
  a timeout); nothing more can be sent in this run. `uncertain` is true when the connection went while
  the message itself was being delivered, so the server may have accepted it without saying so.

The login is AUTH PLAIN or LOGIN with the user name and password as UTF-8 (RFC 4616), so a password with
æ, ø and å works (smtplib's own login encodes it as ASCII and fails with the password's character in the
error). No message made here ever contains any part of the password: errors are described from the
server's reply code and text (with the password removed should a server echo it), never from the
exception of a failed login.
"""

from __future__ import annotations

import base64
import contextlib
import smtplib
import socket
import ssl
from types import TracebackType

from driftsforum_cli.domain.mailing import SmtpSettings
from driftsforum_cli.errors import UserError
from driftsforum_cli.files import describe_os_error

TIMEOUT_SECONDS = 30.0


class SmtpError(UserError):
    """A Danish description of what the server or the network did."""


class ConnectionLost(SmtpError):
    def __init__(self, message: str, *, uncertain: bool = False) -> None:
        super().__init__(message)
        self.uncertain = uncertain


class Refused(SmtpError):
    pass


def describe(exc: BaseException, settings: SmtpSettings) -> str:
    """Danish for the things that go wrong between us and the server (never a part of the password)."""
    return scrub(_describe(exc, settings), settings.password)


def scrub(text: str, password: str | None) -> str:
    """`text` without the password, in clear or base64 (a server that echoes what it got)."""
    if not password:
        return text
    secret = password.encode("utf-8")
    for form in (password, base64.b64encode(secret).decode("ascii")):
        text = text.replace(form, "***")
    return text


def _describe(exc: BaseException, settings: SmtpSettings) -> str:
    where = f"{settings.host}:{settings.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"SMTP-serveren {where} afviste brugernavnet eller adgangskoden ({_reply(exc.smtp_code, exc.smtp_error)})"
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"SMTP-serveren {where} lukkede forbindelsen"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"SMTP-serveren {where} svarede {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"SMTP-serveren {where} understøtter ikke det, der skal bruges ({exc})"
    if isinstance(exc, socket.gaierror):
        return f"SMTP-serveren '{settings.host}' kan ikke findes (navneopslag mislykkedes)"
    if isinstance(exc, ConnectionRefusedError):
        return f"SMTP-serveren {where} afviser forbindelsen (kører den, og er porten rigtig?)"
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"SMTP-serveren {where} svarer ikke (ingen svar inden for {TIMEOUT_SECONDS:.0f} sekunder)"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"SMTP-serverens certifikat kan ikke godkendes ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return (
            f"den krypterede forbindelse til {where} mislykkedes ({exc.reason or exc}); passer 'security' og "
            "'port' sammen? Typisk starttls med port 587 og tls med port 465"
        )
    if isinstance(exc, OSError):
        return f"forbindelsen til SMTP-serveren {where} mislykkedes ({describe_os_error(exc)})"
    return f"SMTP-fejl ved {where}: {exc}"


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(message.split())}".strip()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in once with PLAIN or LOGIN (over TLS), the user name and password as UTF-8, so a wrong password is
    one refusal, not one per mechanism. Raises SMTPAuthenticationError (the server's reply) or ConnectionLost."""
    offered = (smtp.esmtp_features.get("auth") or "").upper().split()
    name, secret = user.encode("utf-8"), password.encode("utf-8")
    if "PLAIN" in offered:
        code, reply = smtp.docmd("AUTH", "PLAIN " + _b64(b"\0" + name + b"\0" + secret))
    elif "LOGIN" in offered:
        code, reply = smtp.docmd("AUTH", "LOGIN " + _b64(name))
        if code == 334:
            code, reply = smtp.docmd(_b64(secret))
    elif user.isascii() and password.isascii():
        smtp.login(user, password)  # CRAM-MD5 and the like: smtplib's own, which only takes ASCII
        return
    else:
        raise ConnectionLost(
            f"SMTP-serveren tilbyder kun login med {', '.join(offered) or 'ukendte metoder'}, som ikke kan bruges med "
            "æ, ø og å i brugernavn eller adgangskode; brug en server, der tilbyder AUTH PLAIN eller LOGIN over TLS"
        )
    if code not in (235, 503):  # 503: already logged in
        raise smtplib.SMTPAuthenticationError(code, reply)


class SmtpConnection:
    """`with SmtpConnection(settings) as server: server.deliver(sender, recipient, data)`."""

    def __init__(self, settings: SmtpSettings, timeout: float = TIMEOUT_SECONDS) -> None:
        self.settings = settings
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpConnection:
        settings = self.settings
        context = ssl.create_default_context()
        try:
            if settings.security == "tls":
                self._smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=self.timeout, context=context)
            else:
                self._smtp = smtplib.SMTP(settings.host, settings.port, timeout=self.timeout)
            smtp = self._smtp
            smtp.ehlo()
            if settings.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise ConnectionLost(
                        f"SMTP-serveren {settings.host}:{settings.port} tilbyder ikke STARTTLS; ret 'security' under "
                        "'email' i driftsforum.yaml (tls for port 465, none kun for en server på denne maskine)"
                    )
                smtp.starttls(context=context)
                smtp.ehlo()
            if settings.user:
                if not smtp.has_extn("auth"):
                    raise ConnectionLost(
                        f"SMTP-serveren {settings.host}:{settings.port} tilbyder ikke login (AUTH); fjern 'user' eller "
                        "brug en anden server"
                    )
                try:
                    _login(smtp, settings.user, settings.password or "")
                except (ConnectionLost, smtplib.SMTPException, OSError):
                    raise
                except Exception as exc:  # never its text: it may hold a part of the password
                    raise ConnectionLost(
                        f"login på SMTP-serveren {settings.host}:{settings.port} mislykkedes ({type(exc).__name__})"
                    ) from None
        except ConnectionLost:
            self._close()
            raise
        except (smtplib.SMTPException, OSError) as exc:
            self._close()
            raise ConnectionLost(describe(exc, settings)) from None
        return self

    def deliver(self, sender: str, recipient: str, data: bytes) -> str:
        """Send one message to one recipient; return the server's acceptance reply."""
        smtp = self._smtp
        if smtp is None:  # pragma: no cover - only used inside `with`
            raise ConnectionLost("der er ingen forbindelse til SMTP-serveren")
        settings = self.settings
        try:
            code, reply = smtp.mail(sender)
            if code != 250:
                self._rset()
                raise ConnectionLost(f"SMTP-serveren afviste afsenderen {sender} ({_reply(code, reply)})")
            code, reply = smtp.rcpt(recipient)
            if code == 421:
                raise ConnectionLost(describe(smtplib.SMTPResponseException(code, reply), settings))
            if code not in (250, 251):
                self._rset()
                raise Refused(f"serveren afviste modtageren ({_reply(code, reply)})")
        except SmtpError:
            raise
        except (smtplib.SMTPException, OSError) as exc:
            raise ConnectionLost(describe(exc, settings)) from None
        try:
            code, reply = smtp.data(data)
        except smtplib.SMTPDataError as exc:  # the server would not take the message at all
            if exc.smtp_code == 421:
                raise ConnectionLost(describe(exc, settings)) from None
            self._rset()
            raise Refused(f"serveren afviste beskeden ({_reply(exc.smtp_code, exc.smtp_error)})") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise ConnectionLost(describe(exc, settings), uncertain=True) from None
        if code == 421:
            raise ConnectionLost(describe(smtplib.SMTPResponseException(code, reply), settings))
        if code != 250:
            self._rset()
            raise Refused(f"serveren afviste beskeden ({_reply(code, reply)})")
        return _reply(code, reply)

    def _rset(self) -> None:
        if self._smtp is None:  # pragma: no cover
            return
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self._smtp.rset()

    def _close(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.quit()
        except (smtplib.SMTPException, OSError):
            with contextlib.suppress(OSError):
                self._smtp.close()
        self._smtp = None

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._close()
