"""`normalise` reads text that is already NFKC (as Danish text usually is) one character for one: the result must
be the same as the general path's, character by character and position by position."""

from __future__ import annotations

import types
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from driftsforum_cli.domain import privacy

ALPHABET = "abcæøåÆØÅé0123456789 .-/_,:;()\t\n\u00a0\u2009\u202f\u2010\u2013\u2014\u2212\u00ad\u200bé\u0301"


def _general(text: str, monkeypatch: pytest.MonkeyPatch) -> privacy.Normalised:
    general = types.SimpleNamespace(
        is_normalized=lambda form, value: False,
        normalize=unicodedata.normalize,
        combining=unicodedata.combining,
    )
    with monkeypatch.context() as patched:
        patched.setattr(privacy, "unicodedata", general)
        return privacy.normalise(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_fast_path_gives_what_the_general_path_gives(text: str) -> None:
    monkeypatch = pytest.MonkeyPatch()
    try:
        assert privacy.normalise(text) == _general(text, monkeypatch)
        composed = unicodedata.normalize("NFKC", text)
        assert privacy.normalise(composed) == _general(composed, monkeypatch)
    finally:
        monkeypatch.undo()


def test_danish_text_takes_the_fast_path() -> None:
    text = "Mødet i Aalborg – kl. 13.00; tlf.\u202f20\u200930 40 50"
    assert unicodedata.is_normalized("NFKC", "Mødet i Aalborg – kl. 13.00")
    assert privacy.normalise(text).text == "Mødet i Aalborg - kl. 13.00; tlf. 20 30 40 50"
