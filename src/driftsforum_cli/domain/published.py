"""The privacy check of what is published: the texts the rendered site contains, traced back to where they came from.

`check_privacy` (domain.privacy) scans the texts of the YAML files that the site shows (`domain.publish`'s
exposures) and locates each finding in its file. This module scans the outputs themselves – every text of every
HTML page (text, comments and attribute values such as title, alt, aria-label, content and the links' targets),
the PDFs' text and metadata, the file names and the text of every public attachment – so that what the list of
exposures misses cannot reach the site unnoticed:

- a finding in an output that no exposure has (its text came from somewhere the check does not scan) is a finding
  of its own, on the output (kind as the hit: 'cpr', 'email', 'phone', 'marker'); it cannot be accepted;
- a word of an output that is neither in a scanned text, nor in the templates, nor in driftsforum's own texts
  (`Vocabulary`), is a finding ('untraced'): a text the check cannot trace is not published (fail closed);
- a finding in a public attachment is located in the attachment and may be accepted in the meeting file that
  publishes it; an attachment that a website should not serve is a finding ('attachment').

Pure: the texts are extracted by the caller (services.published).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from driftsforum_cli.domain.privacy import (
    _FIX,
    Acceptance,
    Finding,
    Hit,
    Known,
    PrivacyReport,
    _acceptances,
    covers,
    explain,
    mask,
    normalise,
    phone_key,
    scan_text,
)
from driftsforum_cli.domain.publish import Exposure
from driftsforum_cli.loader import Loaded

#: Where the findings on the outputs point: the site's files are shown below this name.
SITE_PREFIX = "hjemmeside"

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class OutputText:
    """One text of one file of the site."""

    file: str  # relative to the site folder, e.g. 'nord/2026-09-08-referat.pdf'
    where: str  # Danish: 'tekst', "attributten 'alt'", 'PDF-metadata: forfatter', 'filnavnet'
    text: str
    line: int = 1
    #: Every word must be traced (False for text read back from a finished PDF, whose words a line break may
    #: join or split: its hits are traced, its words were traced in the HTML it was made from).
    traced_words: bool = True


@dataclass(frozen=True)
class AttachmentText:
    """One text of a public attachment; the meeting file that publishes it may accept its findings."""

    display: str  # the attachment in the repository
    meeting: Loaded[Any]
    seats: dict[str, str | None]  # the forum's seats: id → the person's name
    where: str  # Danish: 'tekst', 'side 2', 'metadata: forfatter'
    text: str
    line: int = 1


@dataclass(frozen=True)
class Refusal:
    """A public attachment the site will not serve, and why (Danish)."""

    display: str
    reason: str


@dataclass
class Vocabulary:
    """The words a published text may consist of: those of the scanned texts, the templates and driftsforum's own
    texts (casefolded)."""

    words: set[str] = field(default_factory=set)

    def add(self, text: str) -> None:
        self.words.update(word.casefold() for word in _WORD.findall(normalise(text).text))

    def untraced(self, text: str) -> list[str]:
        """The words of `text` that are not in the vocabulary, as written, each once."""
        found: dict[str, str] = {}
        for word in _WORD.findall(normalise(text).text):
            if word.casefold() not in self.words:
                found.setdefault(word.casefold(), word)
        return list(found.values())


def hit_key(hit: Hit) -> tuple[str, str]:
    """What makes two hits the same finding wherever they are written: the digits of a CPR number (with its birth
    date) or a phone number, an e-mail address in any case, a marker's word without hyphens."""
    if hit.kind == "cpr":
        digits = re.sub(r"\D", "", hit.text)
        return ("cpr", hit.detail + digits[-4:])
    if hit.kind == "phone":
        return ("phone", phone_key(hit.text))
    if hit.kind == "email":
        return ("email", normalise(hit.text).text.casefold())
    return ("marker", re.sub(r"[\W_]+", "", normalise(hit.text).text).casefold())


def traced_keys(exposures: Iterable[Exposure], known: Known, markers: Sequence[str]) -> set[tuple[str, str]]:
    """The keys of every hit in the scanned texts: an output hit with one of them is a finding there already."""
    return {hit_key(hit) for exposure in exposures for hit in scan_text(exposure.text, known, markers)}


def _untraced_hit(output: OutputText, hit: Hit) -> Finding:
    what = explain(hit, acceptable=False).removesuffix(_FIX)
    message = (
        f"{what}; teksten står på hjemmesiden, men kommer ikke fra en tekst i samlingens filer, som kontrollen kender "
        "(fx fra en skabelon i templates/ eller en oplysning, kontrollen ikke ved, bliver offentliggjort), og kan "
        "ikke accepteres: ret kilden"
    )
    return Finding(f"{SITE_PREFIX}/{output.file}", output.line, 1, False, hit.kind, mask(hit), output.where, message)


def _attachment_finding(report: PrivacyReport, text: AttachmentText, hit: Hit) -> Finding:
    state = _acceptances(text.meeting, text.seats)
    acceptance: Acceptance | None = None
    for entry in state.entries:
        if entry.valid is not None and covers(entry.accepted.text, text.text, hit):
            acceptance = entry.valid
            # Used after all: the note that no published text of the meeting has it goes.
            place = (text.meeting.display, entry.at_text.line, entry.at_text.column)
            report.notes = [note for note in report.notes if (note.file, note.line, note.column) != place]
            break
    what = explain(hit, acceptable=True)
    message = f"{what} (i bilaget; accepten skrives i {text.meeting.display})"
    line = text.line + text.text.count("\n", 0, hit.start)
    return Finding(text.display, line, 1, False, hit.kind, mask(hit), f"bilaget, {text.where}", message, acceptance)


def check_outputs(
    report: PrivacyReport,
    outputs: Iterable[OutputText],
    traced: set[tuple[str, str]],
    vocabulary: Vocabulary,
    known: Known,
    markers: Sequence[str],
    attachments: Iterable[AttachmentText] = (),
    refused: Iterable[Refusal] = (),
) -> None:
    """Add to `report` the findings on the outputs (see the module's description)."""
    untraced: dict[str, tuple[OutputText, str, set[str]]] = {}
    seen: set[tuple[str, tuple[str, str]]] = set()
    hits_of: dict[str, list[Hit]] = {}  # a site repeats most of its texts (headings, labels): each is scanned once
    words_of: dict[str, list[str]] = {}
    for output in outputs:
        report.texts += 1
        if output.text not in hits_of:
            hits_of[output.text] = [hit for hit in scan_text(output.text, known, markers) if hit_key(hit) not in traced]
        for hit in hits_of[output.text]:
            key = hit_key(hit)
            if (output.file, key) in seen:
                continue
            seen.add((output.file, key))
            report.findings.append(_untraced_hit(output, hit))
        if output.traced_words:
            if output.text not in words_of:
                words_of[output.text] = vocabulary.untraced(output.text)
            for word in words_of[output.text]:
                first = untraced.setdefault(word.casefold(), (output, word, set()))
                first[2].add(output.file)
    for output, word, files in untraced.values():
        others = len(files) - 1
        also = f" og {others} {'anden fil' if others == 1 else 'andre filer'}" if others else ""
        report.findings.append(
            Finding(
                f"{SITE_PREFIX}/{output.file}",
                output.line,
                1,
                False,
                "untraced",
                word,
                output.where,
                f"'{word}' står på hjemmesiden ({output.where} i {output.file}{also}), men kommer ikke fra en tekst, "
                "som privatlivskontrollen har kontrolleret (samlingens filer, skabelonerne eller driftsforum selv); "
                "intet offentliggøres, før det er fundet ud af, hvor teksten kommer fra – står den ikke i jeres "
                "skabeloner i templates/, så kontakt den, der vedligeholder driftsforum",
            )
        )
    for text in attachments:
        report.texts += 1
        for hit in scan_text(text.text, known, markers):
            report.findings.append(_attachment_finding(report, text, hit))
    for refusal in refused:
        report.findings.append(
            Finding(refusal.display, 1, 1, False, "attachment", refusal.display, "bilaget", refusal.reason)
        )
    report.findings.sort(key=Finding.sort_key)
