"""Seat suggestions, also for ids pasted from Word with characters nobody can see."""

from __future__ import annotations

import pytest

from driftsforum_cli.domain.seats import did_you_mean
from driftsforum_cli.models import Seat


def _seat(seat_id: str) -> Seat:
    return Seat.model_validate(
        {"id": seat_id, "organisation": "Region Nordjylland", "sector": "psykiatri", "roles": ["medlem"]}
    )


SEATS = [_seat("psykiatri-klinikledelse"), _seat("plo")]


@pytest.mark.parametrize(
    ("pasted", "named"),
    [
        ("psykiatri-klinik\u00adledelse", "blød bindestreg"),
        ("psykiatri-\u200bklinikledelse", "nul-bredde-mellemrum"),
        ("\ufeffplo", "usynligt tegn"),
    ],
)
def test_an_invisible_character_is_named(pasted: str, named: str) -> None:
    hint = did_you_mean(pasted, SEATS)
    assert named in hint and "fx fra Word" in hint
    assert "mente du" not in hint


def test_a_misspelling_gets_a_suggestion() -> None:
    assert did_you_mean("psykiatri-klinikledels", SEATS) == " (mente du 'psykiatri-klinikledelse'?)"
