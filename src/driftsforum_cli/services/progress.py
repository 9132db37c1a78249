"""Progress reporting for long workflows, without knowing who shows it.

A service asks its caller's `ProgressFactory` for a bar of `total` steps, uses it as a context manager and calls
`update(n)` as work is done. The command line passes a factory that makes a real bar when there is much to do;
everyone else gets `NullProgressBar`, which does nothing (as sqlite-utils' NullProgressBar).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Protocol


class ProgressBar(Protocol):
    def update(self, n_steps: int) -> None: ...


#: total steps → a context manager giving the bar to update.
ProgressFactory = Callable[[int], AbstractContextManager[ProgressBar]]


class NullProgressBar:
    """A progress bar that shows nothing."""

    def __enter__(self) -> NullProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        return None

    def update(self, n_steps: int) -> None:
        return None


def no_progress(total: int) -> NullProgressBar:
    """The default `ProgressFactory`: no bar, whatever the total."""
    return NullProgressBar()
