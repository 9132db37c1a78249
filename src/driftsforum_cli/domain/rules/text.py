"""The texts in the files are as typed: no invisible characters pasted from Word or a web page."""

from __future__ import annotations

import re

from driftsforum_cli.danish import plural
from driftsforum_cli.domain.rules.registry import WARNING, Findings, ForumContext, RuleList
from driftsforum_cli.models.common import WORD_MARKS

RULES = RuleList()

#: The marks that hide inside a word (the no-break spaces are left alone: a hand-typed one is Danish typography).
_HIDDEN = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
#: At most this many lines are reported per file; the rest are counted.
MAX_LINES = 5


@RULES.rule(
    "word-marks",
    WARNING,
    "teksterne har ingen usynlige tegn fra Word eller en hjemmeside (blød bindestreg, nul-bredde-mellemrum, "
    "byte-order-mærke inde i teksten); de bryder søgning og genkendelse af ord",
)
def word_marks(forum: ForumContext, out: Findings) -> None:
    for loaded in forum.files.all_files():
        if loaded.source is None or not _HIDDEN.search(loaded.source.text):
            continue
        lines = [
            (number, line, found)
            for number, line in enumerate(loaded.source.text.splitlines(), start=1)
            if (found := _HIDDEN.search(line)) and not line.lstrip().startswith("#")
        ]
        for number, line, found in lines[:MAX_LINES]:
            names = " og ".join(dict.fromkeys(WORD_MARKS[char] for char in _HIDDEN.findall(line)))
            out.warning(
                loaded,
                (),
                f"linjen indeholder et usynligt tegn ({names}), fx indsat fra Word; skriv teksten igen med "
                "tastaturet, eller lad en driftsforum-kommando skrive den (kommandoerne fjerner tegnene)",
                position=(number, found.start() + 1),
            )
        if len(lines) > MAX_LINES:
            rest = len(lines) - MAX_LINES
            number = lines[MAX_LINES][0]
            out.warning(
                loaded,
                (),
                f"og {plural(rest, 'linje', 'linjer')} mere i filen med usynlige tegn fra Word",
                position=(number, 1),
            )
