"""The privacy check: personal data in what the website would publish.

It looks for CPR numbers (CPR-loven § 54, stk. 3: never published), e-mail addresses and phone numbers that do
not belong to a member in members.yaml (or the site's own contact address), and the configured markers of citizen
cases and health details (sensitive personal data, GDPR art. 9). Every finding is located by file, line and
column in the YAML source, also inside multi-line (folded or literal) scalars, and explained in Danish.

A finding can be accepted in the meeting file it is in (`publication.accepted_findings`: text, by, reason, on);
the acceptance covers every occurrence of that text in the file. Findings outside meeting files cannot be
accepted: the text must be corrected.

How a text is matched: every text is normalised first (`normalise`): Unicode NFKC (decomposed letters as macOS
writes them are composed), soft hyphens and zero-width characters (U+200B-U+200D, U+2060, U+FEFF) removed, every
dash (hyphen, non-breaking hyphen, en/em dash, minus sign) read as '-' and every blank (tab, line break, NBSP,
thin and narrow no-break spaces) as ' '. A hit in the normalised text is mapped back to its place in the original,
so file:line:column point at what the file says.

The CPR rule. Ten digits DD MM YY SSSS, with any run of dashes, slashes, dots, underscores and blanks allowed
between the pairs (the date, the serial's pairs, a four-digit year DD.MM.YYYY-SSSS), letters or dots in front
not hiding it ("CPR070761-4285", "cpr.nr.070761-4285"), is a CPR number when the first six digits are a real date
in the century the seventh digit gives (`cpr_birth_date`; a four-digit year must be that year). Modulus 11 is
not demanded (valid numbers need not pass it since 2007). It is not a CPR number when
- it is part of a longer number: a digit before or after it, directly or across dashes, slashes, dots or
  underscores – regional journal numbers "1-01-72-30-17", KLE numbers "29.09.00-A00-1-26", time ranges –
  or a letter or two tied to a number before them (a KLE number's facet and serial "29.09.00-A01-100000-26");
- it has the layout YYYY-NNNNNN (a year, a separator, six digits: the journal number "2026-012345");
- it is a date followed by a blank and a clock time "HH.MM" (hours 00-23, minutes 00-59): "10.03.26 13.00".
Dates alone (2026-03-10, 10.03.2026), money ("1.234.567,50 kr."), percentages and ids such as SA-03 have too
few digits or the wrong grouping.

Phone numbers: eight digits, together, in pairs with one and the same separator (blank, dash or dot: so a time
range "13.00-15.30" is none), 4+4 with a blank or 3-2-3; with +45/0045 in front or not. A marker matches in any
case, hyphenated (also across a line break), at the start of a word or inside a compound when the word in front
of it has at least four letters ("psykosediagnose"; "medborgeren" is no finding for "borgeren").

Pure: the texts come from `domain.publish` and the YAML source text through `read_source`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.publish import Exposure, SitePlan
from driftsforum_cli.loader import Loaded, Mark
from driftsforum_cli.models import Meeting, Members, RepoConfig
from driftsforum_cli.models.meeting import AcceptedFinding

FindingKind = Literal["cpr", "email", "phone", "marker", "small-number", "untraced", "attachment"]

#: What `read_source` gives: the text of a file as the loader read it (UTF-8, BOM removed), or None.
SourceReader = Callable[[Path], str | None]

_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")  # soft hyphen, zero-width characters
#: Dashes that NFKC leaves apart (NFKC already turns U+2011 into U+2010 and the full-width forms into ASCII).
_DASH_CHARS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")

_ASCII_BLANKS = {code: " " for code in range(128) if chr(code).isspace()}
#: A character that needs the general path of `normalise`: an invisible one, or one outside Latin-1, Latin Extended,
#: general punctuation (dashes, blanks), the currency signs and the minus sign – where combining marks live.
_NOT_SIMPLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]|[^\x00-\u02ff\u2000-\u206f\u20a0-\u20cf\u2212]")
#: Every blank (str.isspace: none above U+3000) as ' ' and every dash as '-', for text that needs nothing else.
_ONE_FOR_ONE = {code: " " for code in range(0x3001) if chr(code).isspace()} | {ord(char): "-" for char in _DASH_CHARS}
_SEP = r"[-/._ ]+"  # in the normalised text: any run of dashes, slashes, dots, underscores and blanks
_CHAIN = "-/._"  # separators that tie digit groups into one longer number (a blank does not)
_CPR = re.compile(
    rf"(?P<d>\d\d)(?:(?P<s1>{_SEP})?(?P<m>\d\d)(?P<s2>{_SEP})?(?P<y>\d\d(?:\d\d)?))"
    rf"(?P<s3>{_SEP})?(?P<a>\d\d)(?P<s4>{_SEP})?(?P<b>\d\d)(?!\d)"
)
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[ .-])(?:(?:\+|00)45 ?)?"
    r"(?:\d{8}|\d\d(?P<p>[ .-])\d\d(?P=p)\d\d(?P=p)\d\d|\d{4} \d{4}|\d{3}(?P<q>[ .-])\d\d(?P=q)\d{3})"
    r"(?![ .-]?\d)(?!\w)"
)
_YEAR_PAIR = re.compile(r"^(19|20)\d\d (19|20)\d\d$")
_LINE_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
#: A marker inside a compound counts when the word in front of it has at least this many letters
#: ("psykosediagnose"), so that a prefix does not make one ("medborgeren" is no citizen's case).
_COMPOUND_HEAD = 4


# --- normalising: what the text says, whatever characters spell it ---------------------------------------


@dataclass(frozen=True)
class Normalised:
    """A text normalised for matching, with where each of its characters came from.

    `starts[i]`/`ends[i]` are the original offsets of the character cluster that gave normalised character i.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the normalised [start, end) (end > start)."""
        return self.starts[start], self.ends[end - 1]


def normalise(text: str) -> Normalised:
    """NFKC, without soft hyphens and zero-width characters; every dash becomes '-' and every blank ' '.

    A base character and its combining marks (decomposed Unicode, as macOS writes it) are composed together;
    every output character keeps the original span of the characters it came from, so hits found in the
    normalised text are reported where they are in the original.
    """
    if text.isascii():  # the common case: nothing to compose or remove, only blanks to read as ' '
        return Normalised(text.translate(_ASCII_BLANKS), tuple(range(len(text))), tuple(range(1, len(text) + 1)))
    if not _NOT_SIMPLE.search(text) and unicodedata.is_normalized("NFKC", text):
        # Latin letters, punctuation and blanks, already composed (as Danish text usually is), nothing to remove
        # and no combining marks: one character for one.
        return Normalised(text.translate(_ONE_FOR_ONE), tuple(range(len(text))), tuple(range(1, len(text) + 1)))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index, length = 0, len(text)
    while index < length:
        if text[index] in _INVISIBLE:
            index += 1
            continue
        stop = index + 1
        while stop < length and (unicodedata.combining(text[stop]) or text[stop] in _INVISIBLE):
            stop += 1
        cluster = "".join(char for char in text[index:stop] if char not in _INVISIBLE)
        for char in unicodedata.normalize("NFKC", cluster):
            if char in _DASH_CHARS:
                char = "-"
            elif char.isspace():
                char = " "
            chars.append(char)
            starts.append(index)
            ends.append(stop)
        index = stop
    return Normalised("".join(chars), tuple(starts), tuple(ends))


# --- what counts as a finding -------------------------------------------------------------------------------


def cpr_birth_date(digits: str) -> date | None:
    """The birth date of a 10-digit CPR number, or None if its first six digits are no date.

    The 7th digit and the year give the century (cpr.dk): 0-3 → 1900-1999; 4 and 9 → 2000-2036, else 1937-1999;
    5-8 → 2000-2057, else 1858-1899. Modulus 11 is never checked: since 2007 valid numbers need not pass it.
    """
    if len(digits) != 10 or not digits.isdigit():
        return None
    day, month, year, seventh = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if year <= 36 else 1900
    else:
        century = 2000 if year <= 57 else 1800
    try:
        return date(century + year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Hit:
    """A match in one text: [start, end) is what is shown; [start, core_end) is what an acceptance must cover."""

    kind: FindingKind
    start: int
    end: int
    core_end: int
    text: str
    detail: str  # Danish: the birth date of a CPR number, the marker of a marker hit


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def phone_key(text: str) -> str:
    """A phone number's last 8 digits (Danish numbers without +45/0045)."""
    return _digits(text)[-8:]


@dataclass(frozen=True)
class Known:
    """Contact details that may be published: the members' (and the site's own)."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()


def _cpr_date(match: re.Match[str], text: str) -> date | None:
    """The birth date of a CPR-shaped match, or None when its layout is that of another kind of number."""
    s1, s2, s3, s4 = (match.group(name) or "" for name in ("s1", "s2", "s3", "s4"))
    year = match.group("y")
    if len(year) == 4 and not (s1 and s2):
        return None  # a four-digit year only in a written-out date: DD.MM.YYYY-SSSS
    if s2 and not s1 and not s3 and not s4 and s2.strip():
        return None  # YYYY-NNNNNN: a year and a serial number (journal number "2026-012345")
    if s3 and not s3.strip() and s4 == "." and int(match.group("a")) <= 23 and int(match.group("b")) <= 59:
        return None  # a date followed by a time: "10.03.26 13.00"
    before = match.start()
    while before > 0 and text[before - 1] in _CHAIN:
        before -= 1
    if before > 0 and text[before - 1].isdigit():
        return None  # the end of a longer number: "1-01-72-30-17", "12310190123456"
    if _after_facet(text, before):
        return None  # a KLE number's handling facet and serial: "29.09.00-A01-100000-26"
    after = match.end()
    while after < len(text) and text[after] in _CHAIN:
        after += 1
    if after > match.end() and after < len(text) and text[after].isdigit():
        return None  # the beginning of a longer number: "29.09.00-01-26-…", a time range
    if text[match.end() : match.end() + 1] == "," and text[match.end() + 1 : match.end() + 2].isdigit():
        return None  # its last pair has decimals, so it is an amount: "01.01.2000. 10,0 %"
    digits = match.group("d") + match.group("m") + year[-2:] + match.group("a") + match.group("b")
    born = cpr_birth_date(digits)
    if born is None or (len(year) == 4 and born.year != int(year)):
        return None
    return born


def _after_facet(text: str, start: int) -> bool:
    """Whether the digits at `start` follow a letter or two that are themselves tied to a number before them
    ("…00-A01-…", the handling facet of a KLE journal number); letters alone in front ("CPR070761-4285",
    "cpr.nr.070761-4285") do not hide a CPR number."""
    letters = start
    while letters > 0 and start - letters < 2 and text[letters - 1].isalpha():
        letters -= 1
    if letters == start or letters == 0 or text[letters - 1] not in _CHAIN:
        return False
    return letters > 1 and text[letters - 2].isdigit()


def _cpr_matches(text: str) -> Iterable[tuple[re.Match[str], date]]:
    """CPR-shaped numbers in a normalised text; after a rejected candidate the search goes on one digit later."""
    position = 0
    while (match := _CPR.search(text, position)) is not None:
        born = _cpr_date(match, text)
        if born is None:
            position = match.start() + 1
            continue
        yield match, born
        position = match.end()


@cache
def _marker_pattern(marker: str) -> re.Pattern[str] | None:
    """A marker as it may be written: any case, hyphenated (also at a line break), words apart by blanks."""
    words = normalise(marker).text.split()
    if not words:
        return None
    hyphen = r"(?:-\s*)?"
    core = r"\s+".join(hyphen.join(re.escape(char) for char in word) for word in words)
    return re.compile(rf"({core})\w*", re.IGNORECASE)


def scan_text(text: str, known: Known, markers: Sequence[str]) -> list[Hit]:
    """Every finding in one text, in order of position (offsets in `text` as given, not normalised)."""
    norm = normalise(text)
    flat = norm.text

    def hit(kind: FindingKind, start: int, end: int, core_end: int, detail: str) -> Hit:
        first, last = norm.span(start, end)
        core = norm.span(start, core_end)[1]
        shown = "".join(char for char in text[first:last] if char not in _INVISIBLE)
        return Hit(kind, first, last, core, shown, detail)

    hits: list[Hit] = []
    for match, born in _cpr_matches(flat):
        hits.append(hit("cpr", match.start(), match.end(), match.end(), long_date(born)))
    emails: list[tuple[int, int]] = []
    for match in _EMAIL.finditer(flat):
        emails.append(match.span())
        if match.group().casefold() not in known.emails:
            hits.append(hit("email", match.start(), match.end(), match.end(), ""))
    for match in _PHONE.finditer(flat):
        if _YEAR_PAIR.match(match.group()) or phone_key(match.group()) in known.phones:
            continue
        if any(start <= match.start() < end for start, end in emails):
            continue
        if any(other.kind == "cpr" and other.start <= norm.starts[match.start()] < other.end for other in hits):
            continue
        hits.append(hit("phone", match.start(), match.end(), match.end(), ""))
    marker_hits: dict[int, Hit] = {}
    for marker in markers:
        pattern = _marker_pattern(marker)
        if pattern is None:
            continue
        for match in pattern.finditer(flat):
            start = match.start()
            head = start
            while head > 0 and flat[head - 1].isalnum():
                head -= 1
            if 0 < start - head < _COMPOUND_HEAD:
                continue  # a prefix, not a word of its own, in front: "medborgeren"
            found = hit("marker", head, match.end(), match.end(1), marker.strip())
            earlier = marker_hits.get(found.start)
            if earlier is None or found.core_end > earlier.core_end:
                marker_hits[found.start] = found
    hits.extend(marker_hits.values())
    return sorted(hits, key=lambda hit: (hit.start, hit.kind))


def mask_text(text: str) -> str:
    """A text with the last four digits of every CPR number in it hidden (for acceptances and notes)."""
    for found in reversed([found for found in scan_text(text, Known(), []) if found.kind == "cpr"]):
        text = text[: found.start] + mask(found) + text[found.end :]
    return text


def mask(hit: Hit) -> str:
    """The text as reports show it: a CPR number without its last four digits."""
    if hit.kind != "cpr":
        return hit.text
    chars, hidden = list(hit.text), 0
    for index in range(len(chars) - 1, -1, -1):  # the last four digits, however they are spaced
        if hidden < 4 and chars[index].isdigit():
            chars[index] = "x"
            hidden += 1
    return "".join(chars)


# --- where a finding is in the YAML source ------------------------------------------------------------------


class SourceText:
    """One file's text with its line starts, to turn the loader's marks into offsets and back."""

    def __init__(self, text: str, marks: Iterable[Mark]) -> None:
        self.text = text
        self.line_starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
        self.mark_offsets = sorted({self.offset(mark) for mark in marks})

    def offset(self, mark: Mark) -> int:
        line = min(max(mark.line, 1), len(self.line_starts))
        return min(self.line_starts[line - 1] + mark.column - 1, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def locate(self, mark: Mark, value: str, hit: Hit) -> tuple[int, int, bool]:
        """Line and column of `hit` inside the scalar that starts at `mark` and whose value is `value`.

        The value's characters are walked alongside the scalar's source: in plain, folded, literal and quoted
        scalars the non-blank characters come in the same order, and only blanks, line breaks and indentation
        differ (that is what folding and indentation do). When the source spells a character differently before
        the hit (an escape in a quoted scalar), the scalar's start is given instead and the third value is False.
        """
        text = self.text
        position = self.offset(mark)
        after = bisect_right(self.mark_offsets, position)
        end = self.mark_offsets[after] if after < len(self.mark_offsets) else len(text)
        indicator = text[position : position + 1]
        if indicator in (">", "|"):  # block scalar: the content starts on the next line
            brk = _LINE_BREAK.search(text, position, end)
            position = brk.end() if brk else end
        elif indicator in ('"', "'"):
            position += 1
        for index in range(min(hit.start + 1, len(value))):
            char = value[index]
            if char.isspace():
                continue
            while position < end and text[position].isspace():
                position += 1
            if position >= end or text[position] != char:
                break
            if index == hit.start:
                line, column = self.position(position)
                return line, column, True
            position += 1
        return mark.line, mark.column, False


# --- the check -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Acceptance:
    """An accepted finding as the meeting file records it."""

    text: str
    by: str  # seat id
    by_name: str | None  # the person in the seat
    reason: str
    on: date | None
    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    column: int
    exact: bool  # False: the column is the start of the value (the text is spelled differently in the file)
    kind: FindingKind
    text: str  # masked for CPR numbers
    where: str  # Danish: which text on the site
    message: str  # Danish explanation and what to do
    accepted: Acceptance | None = None

    @property
    def code(self) -> str:
        return f"privacy-{self.kind}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.kind)


@dataclass(frozen=True)
class Note:
    """Something about the acceptances themselves (unknown seat, no longer used); Danish."""

    file: str
    line: int
    column: int
    message: str


@dataclass
class PrivacyReport:
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    texts: int = 0  # how many texts were checked
    files: int = 0

    @property
    def open(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.accepted is None]

    @property
    def accepted(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.accepted is not None]


_ACCEPT = "acceptér fundet under 'publication.accepted_findings' i mødefilen (text, by, reason)"
_FIX = "; ret teksten (fund uden for mødefilerne kan ikke accepteres)"


def explain(hit: Hit, acceptable: bool) -> str:
    """The Danish explanation of a hit, with what to do about it."""
    if hit.kind == "cpr":
        what = (
            f"'{mask(hit)}' ligner et CPR-nummer (fødselsdato {hit.detail}); et CPR-nummer må aldrig offentliggøres "
            "(CPR-loven § 54, stk. 3)"
        )
        todo = f"; fjern det – eller, hvis det ikke er et CPR-nummer, {_ACCEPT}"
    elif hit.kind == "email":
        what = (
            f"e-mailadressen '{hit.text}' tilhører ikke et medlem i members.yaml, og andre personers "
            "kontaktoplysninger må ikke offentliggøres"
        )
        todo = f"; fjern den – eller, hvis den må offentliggøres, {_ACCEPT}"
    elif hit.kind == "phone":
        what = (
            f"telefonnummeret '{hit.text}' tilhører ikke et medlem i members.yaml, og andre personers "
            "kontaktoplysninger må ikke offentliggøres"
        )
        todo = f"; fjern det – eller, hvis det må offentliggøres, {_ACCEPT}"
    else:
        what = (
            f"'{hit.text}' (markøren '{hit.detail}' i driftsforum.yaml) kan tyde på en borgersag eller "
            "helbredsoplysninger, som er følsomme personoplysninger (databeskyttelsesforordningens art. 9)"
        )
        todo = f"; kontrollér teksten, og fjern oplysningerne – eller, hvis teksten må offentliggøres, {_ACCEPT}"
    return what + (todo if acceptable else _FIX)


def known_contacts(config: RepoConfig | None, members: Iterable[Members | None]) -> Known:
    emails: set[str] = set()
    phones: set[str] = set()
    if config is not None:
        for address in (
            config.publishing.contact_email,
            config.email.sender if config.email else None,
            config.email.reply_to if config.email else None,
        ):
            if address:
                emails.add(address.casefold())
    for model in members:
        if model is None:
            continue
        for seat in model.seats:
            if seat.person is None:
                continue
            if seat.person.email:
                emails.add(seat.person.email.casefold())
            if seat.person.phone and len(_digits(seat.person.phone)) >= 8:
                phones.add(phone_key(seat.person.phone))
    return Known(frozenset(emails), frozenset(phones))


@dataclass(frozen=True)
class _Entry:
    index: int
    accepted: AcceptedFinding
    valid: Acceptance | None  # None: `by` is not a seat of the forum
    at_text: Mark
    at_by: Mark


@dataclass
class _Accepting:
    """The acceptances of one meeting file, and which of them were used."""

    entries: list[_Entry]
    used: set[int] = field(default_factory=set)


def _acceptances(loaded: Loaded[Any], seats: dict[str, str | None]) -> _Accepting:
    model = loaded.model
    entries: list[_Entry] = []
    if isinstance(model, Meeting):
        for index, accepted in enumerate(model.publication.accepted_findings):
            at_text = loaded.at(("publication", "accepted_findings", index, "text"))
            at_by = loaded.at(("publication", "accepted_findings", index, "by"))
            valid = None
            if accepted.by in seats:
                valid = Acceptance(
                    accepted.text,
                    accepted.by,
                    seats[accepted.by],
                    accepted.reason,
                    accepted.on,
                    at_text.line,
                    at_text.column,
                )
            entries.append(_Entry(index, accepted, valid, at_text, at_by))
    return _Accepting(entries)


def covers(accepted_text: str, value: str, hit: Hit) -> bool:
    """Whether an accepted text covers the hit; both are compared normalised (an invisible character or
    another dash in either does not matter)."""
    words = normalise(accepted_text).text.split()
    if not words:
        return False
    norm = normalise(value)
    pattern = r"\s+".join(re.escape(word) for word in words)
    return any(
        norm.span(*match.span())[0] <= hit.start and hit.core_end <= norm.span(*match.span())[1]
        for match in re.finditer(pattern, norm.text, re.IGNORECASE)
        if match.end() > match.start()
    )


def check_privacy(plan: SitePlan, config: RepoConfig | None, read_source: SourceReader) -> PrivacyReport:
    """Check every text the site would show."""
    markers = list(config.publishing.privacy_markers) if config else []
    known = known_contacts(config, plan.members)
    accepting: dict[str, _Accepting] = {}
    for forum in plan.forums:
        model = forum.files.members.model
        seats = {seat.id: seat.person.name if seat.person else None for seat in model.seats} if model else {}
        for page in forum.pages:
            accepting[page.loaded.display] = _acceptances(page.loaded, seats)

    report = PrivacyReport()
    sources: dict[str, SourceText | None] = {}
    exposures = plan.all_exposures()
    report.texts = len(exposures)
    report.files = len({exposure.loaded.display for exposure in exposures})
    nothing = _Accepting([])
    for exposure in exposures:
        hits = scan_text(exposure.text, known, markers)
        if not hits:
            continue
        display = exposure.loaded.display
        if display not in sources:
            sources[display] = _source(exposure.loaded, read_source)
        state = accepting.get(display, nothing)
        for hit in hits:
            report.findings.append(_finding(exposure, hit, sources[display], state))
    for display, state in accepting.items():
        for entry in state.entries:
            if entry.valid is None:
                report.notes.append(
                    Note(
                        display,
                        entry.at_by.line,
                        entry.at_by.column,
                        f"fundet '{mask_text(entry.accepted.text)}' er accepteret af '{entry.accepted.by}', som ikke er en plads "
                        "i members.yaml, så accepten gælder ikke; skriv id'et på pladsen for den, der har vurderet det",
                    )
                )
            elif entry.index not in state.used:
                report.notes.append(
                    Note(
                        display,
                        entry.at_text.line,
                        entry.at_text.column,
                        f"det accepterede fund '{mask_text(entry.accepted.text)}' findes ikke i det, der offentliggøres fra "
                        "mødet; fjern accepten, hvis den ikke længere skal bruges",
                    )
                )
    report.findings.sort(key=Finding.sort_key)
    report.notes.sort(key=lambda note: (note.file, note.line, note.column))
    return report


def _source(loaded: Loaded[Any], read_source: SourceReader) -> SourceText | None:
    if loaded.source is None:
        return None
    text = read_source(loaded.path)
    if text is None:
        return None
    source = loaded.source
    return SourceText(text, [*source.values.values(), *source.keys.values()])


def _finding(exposure: Exposure, hit: Hit, source: SourceText | None, state: _Accepting) -> Finding:
    loaded = exposure.loaded
    mark = loaded.at(exposure.loc)
    if source is not None:
        line, column, exact = source.locate(mark, exposure.text, hit)
    else:
        line, column, exact = mark.line, mark.column, False
    acceptance: Acceptance | None = None
    for entry in state.entries:
        if covers(entry.accepted.text, exposure.text, hit):
            state.used.add(entry.index)
            if entry.valid is not None and acceptance is None:
                acceptance = entry.valid
    message = explain(hit, acceptable=isinstance(loaded.model, Meeting))
    if not exact:
        message += " (placeringen er tekstens begyndelse, fordi teksten er skrevet anderledes i filen)"
    return Finding(loaded.display, line, column, exact, hit.kind, mask(hit), exposure.label, message, acceptance)
