"""Danish text search, pure: words are stemmed with the Snowball Danish stemmer (so "aftaler", "aftalen" and
"aftale" are one word) and folded (case; æ/ae, ø/oe, å/aa and the letter without its mark, so "hjorring",
"hjoerring" and "Hjørring" are one word). A query word matches a text word that is the same, that starts with
it (Danish compounds: "udskrivning" finds "udskrivningsaftale"), whose stem starts the query word, or – more
weakly – that holds it inside (long compounds: "aftale" in "udskrivningsaftale"). Every query word must
match; the score adds each query word's best match in each field times the field's weight.

The site's search page (render/search_index.py) does the same matching in JavaScript on the terms this module
writes into the index; change both together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
#: Match strengths: same stem, a prefix either way (inflection, compound), inside a compound.
EXACT, PREFIX, INSIDE = 3.0, 2.0, 1.0
#: Shortest stem that may match as a prefix or inside another word (shorter ones match too much).
MIN_PREFIX, MIN_INSIDE = 3, 4


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("danish")


def fold(word: str) -> str:
    """'Hjørring' -> 'hjorring', 'Ålborg'/'Aalborg' -> 'alborg', 'Læsø' -> 'laso': case and the Danish
    letters with their two-letter spellings folded to one form, and accents dropped."""
    text = word.lower().replace("ae", "æ").replace("oe", "ø").replace("aa", "å")
    text = text.replace("æ", "a").replace("ø", "o").replace("å", "a")
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """The word as the index keeps it: its Danish stem, folded."""
    stem: str = _stemmer().stemWord(word.lower())  # type: ignore[attr-defined]
    return fold(stem)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def terms(text: str) -> list[str]:
    """Every word of `text` as an index term, in order (repeats kept)."""
    return [term(word) for word in words(text)]


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: its index term, and the whole word folded (for a stem that starts it)."""

    term: str
    folded: str


def parse_query(text: str) -> list[QueryWord]:
    """The query's words (repeats dropped, order kept)."""
    seen: dict[str, QueryWord] = {}
    for word in words(text):
        query = QueryWord(term(word), fold(word))
        seen.setdefault(query.term, query)
    return list(seen.values())


def match_strength(query: QueryWord, found: str) -> float:
    """How well the index term `found` matches the query word (0 for not at all)."""
    if found == query.term:
        return EXACT
    if len(query.term) >= MIN_PREFIX and found.startswith(query.term):
        return PREFIX
    if len(found) >= MIN_PREFIX + 1 and query.folded.startswith(found):
        return PREFIX
    if len(query.term) >= MIN_INSIDE and query.term in found:
        return INSIDE
    return 0.0


@dataclass(frozen=True)
class Field:
    """Some text of a document, as terms, with the weight a hit in it carries."""

    terms: frozenset[str]
    weight: float


def field(texts: Iterable[str | None], weight: float) -> Field:
    return Field(frozenset(t for text in texts if text for t in terms(text)), weight)


def score(query: Sequence[QueryWord], fields: Sequence[Field]) -> float:
    """The document's score for the query: for each query word, its best match in each field times the
    field's weight, added up (a word in the title and the decision counts twice); 0 unless every query word
    matches somewhere."""
    total = 0.0
    for word in query:
        found_any = False
        for part in fields:
            best = (
                EXACT
                if word.term in part.terms
                else max((match_strength(word, found) for found in part.terms), default=0.0)
            )
            if best:
                found_any = True
                total += best * part.weight
        if not found_any:
            return 0.0
    return total
