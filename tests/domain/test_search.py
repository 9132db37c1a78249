"""Danish text search: folding, stemming, matching and ranking."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from driftsforum_cli.domain.search import (
    EXACT,
    INSIDE,
    PREFIX,
    QueryWord,
    field,
    fold,
    match_strength,
    parse_query,
    score,
    term,
)


def _strength(query: str, text_word: str) -> float:
    (word,) = parse_query(query)
    return match_strength(word, term(text_word))


def test_danish_spellings_fold_to_one_form() -> None:
    assert fold("Hjørring") == fold("hjoerring") == fold("hjorring") == fold("HJØRRING")
    assert fold("Ålborg") == fold("Aalborg") == fold("aalborg")
    assert fold("Læsø") == fold("laesoe") == fold("Laeso")
    assert fold("Morsø") == fold("morsoe")
    assert fold("café") == "cafe"


def test_inflected_forms_share_a_term() -> None:
    assert term("aftale") == term("aftalen") == term("aftaler") == term("aftalerne")
    assert term("beslutning") == term("beslutninger")
    assert term("genindlæggelse") == term("genindlæggelser")


def test_match_strengths() -> None:
    assert _strength("udskrivning", "udskrivningsaftale") == PREFIX  # a compound that starts with the word
    assert _strength("Udskrivningsaftalen", "udskrivningsaftaler") == EXACT
    assert _strength("hjorring", "Hjørring") == EXACT
    assert _strength("aftale", "udskrivningsaftale") == INSIDE  # inside a compound
    assert _strength("kommunernes", "kommune") == EXACT
    # a query word not stemmed (as the site's page has it) whose start is the text's stem
    assert match_strength(QueryWord("aftalerne", "aftalerne"), term("aftale")) == PREFIX
    assert _strength("psykiatri", "somatik") == 0.0
    assert _strength("af", "aftale") == 0.0  # too short to match as a prefix


def test_every_query_word_must_match_and_weights_rank() -> None:
    title = [field(["Udskrivningsaftaler og koordinationsplaner"], 3.0)]
    body = [field(["Noget om udskrivningsaftaler og koordinationsplaner"], 1.0)]
    query = parse_query("udskrivning koordinationsplan")
    assert score(query, title) > score(query, body) > 0
    assert score(parse_query("udskrivning somatik"), title) == 0.0


_ANY = st.text(alphabet="abcdefghijklmnoprstuvyæøåÆØÅéü", min_size=1, max_size=20)
#: Without a, e and o beside the Danish letters, their two-letter spellings are not ambiguous ('aae' could be
#: 'åe' or 'aæ'; real words rarely have either).
_DANISH = st.text(alphabet="bcdfghijklmnprstuvyæøåÆØÅ", min_size=1, max_size=20)


@given(_ANY)
def test_fold_gives_ascii(word: str) -> None:
    assert fold(word).isascii()


@given(_DANISH)
def test_any_spelling_of_the_danish_letters_finds_the_word(word: str) -> None:
    spelt = word.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    assert fold(spelt) == fold(word)
    assert score(parse_query(word.upper()), [field([word], 1.0)]) > 0
