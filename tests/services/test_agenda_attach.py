"""agenda attach names what is wrong with the file it is given: missing, or a folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.errors import UserError
from driftsforum_cli.services.agenda import attach_file

DAY = date(2026, 11, 24)
TODAY = date(2026, 12, 1)


def test_a_file_that_does_not_exist_is_named_as_missing(tmp_path: Path) -> None:
    missing = tmp_path / "findesikke.pdf"
    with pytest.raises(UserError) as refused:
        attach_file(tmp_path, "nord", DAY, 5, missing, TODAY)
    assert str(refused.value) == f"{missing} findes ikke"


def test_a_folder_is_named_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "bilag"
    folder.mkdir()
    with pytest.raises(UserError) as refused:
        attach_file(tmp_path, "nord", DAY, 5, folder, TODAY)
    assert str(refused.value) == f"{folder} er en mappe; vælg en fil i den"
