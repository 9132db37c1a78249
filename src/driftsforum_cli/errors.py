"""One error model: every problem the tool reports to a person is a `DriftsforumError` with a Danish message
and an exit code. The command line catches it once, in `driftsforum_cli.cli.main`; library callers catch
the base class. Anything else that escapes is a bug in driftsforum (exit 3, with a crash log).

Exit codes: 0 all well, 1 a problem with the user's files or data (`UserError`), 2 wrong use of a command
(`UsageError`), 3 a bug in driftsforum, 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from driftsforum_cli.diagnostics import Diagnostic


class DriftsforumError(Exception):
    """A problem the user can act on. `str(error)` is the Danish message, without the "Fejl: " prefix."""

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, *, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.message = message
        #: The located problems behind the error, when there are some (file, line, column).
        self.diagnostics: list[Diagnostic] = list(diagnostics)

    def within(self, context: str) -> DriftsforumError:
        """The same error (same class and exit code) with `context: ` before its message."""
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.message = f"{context}: {self.message}"
        copy.args = (copy.message,)
        return copy


class UserError(DriftsforumError):
    """A problem with the user's files, data or surroundings (exit 1)."""

    exit_code = 1


class UsageError(DriftsforumError):
    """Wrong use of a command: an option, argument or combination that cannot work (exit 2)."""

    exit_code = 2


EXIT_OK = 0
EXIT_USER = UserError.exit_code
EXIT_USAGE = UsageError.exit_code
EXIT_CRASH = 3
EXIT_INTERRUPTED = 130
