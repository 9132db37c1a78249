"""The texts in the files are as typed: no invisible characters pasted from Word or a web page."""

from __future__ import annotations

from driftsforum_cli.danish import plural
from driftsforum_cli.domain.rules.registry import WARNING, Findings, ForumContext, RuleList
from driftsforum_cli.models.common import HIDDEN_MARKS, WORD_MARKS

RULES = RuleList()

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
        if loaded.source is None or not HIDDEN_MARKS.search(loaded.source.text):
            continue
        lines = [
            (number, line, found)
            for number, line in enumerate(loaded.source.text.splitlines(), start=1)
            if (found := HIDDEN_MARKS.search(line)) and not line.lstrip().startswith("#")
        ]
        for number, line, found in lines[:MAX_LINES]:
            names = " og ".join(dict.fromkeys(WORD_MARKS[char] for char in HIDDEN_MARKS.findall(line)))
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
