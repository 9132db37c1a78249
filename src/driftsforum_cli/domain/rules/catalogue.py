"""Every code `driftsforum validate` can give, in one place: the rules' own (from the registry) and the
codes given outside the rules – reading a file as YAML (loader), the data model (messages) and the
repository's layout (workspace). The README's table of codes is made from it; a test fails when a code
the source can give is missing here, or the README's table differs.
"""

from __future__ import annotations

from driftsforum_cli.domain.rules.registry import ERROR, WARNING, Code
from driftsforum_cli.loader import MAX_DEPTH, MAX_VALUES

_MAX_VALUES = f"{MAX_VALUES:,}".replace(",", ".")

#: driftsforum_cli.loader: the file can be read as safe YAML.
FILE_CODES: tuple[Code, ...] = (
    Code(
        "missing-file",
        (ERROR,),
        "`driftsforum.yaml` og hvert forums `forum.yaml`, `members.yaml` og `agreements.yaml` findes",
    ),
    Code("unreadable", (ERROR,), "filen kan læses (den er fx ikke låst af et andet program)"),
    Code(
        "special-file", (ERROR,), "hver fil, der læses, er en almindelig fil (ikke en mappe, FIFO, enhed eller sokkel)"
    ),
    Code("encoding", (ERROR,), "filen er gemt som UTF-8"),
    Code("empty-file", (ERROR,), "filen er ikke tom"),
    Code(
        "yaml-syntax",
        (ERROR,),
        "filen er gyldig YAML: kolon efter hver nøgle, ens indrykning og almindelige anførselstegn",
    ),
    Code("yaml-depth", (ERROR,), f"værdierne er indlejret højst {MAX_DEPTH} niveauer dybt"),
    Code("not-a-mapping", (ERROR,), "filen består af nøgler og værdier (`nøgle: værdi`)"),
    Code("invalid-key", (ERROR,), "nøglerne er almindelig tekst"),
    Code("duplicate-key", (ERROR,), "ingen nøgle står to gange"),
    Code("merge-key", (ERROR,), "der ikke flettes med `<<` (nøglerne skrives ud)"),
    Code("unsafe-tag", (ERROR,), "ingen mærker opretter objekter (fx `!!python/object`)"),
    Code(
        "alias-limit",
        (ERROR,),
        f"ankre og aliaser udfolder sig til højst {_MAX_VALUES} værdier og "
        f'{MAX_DEPTH} niveauer, og intet alias henviser til sig selv ("billion laughs")',
    ),
)

#: driftsforum_cli.messages: the values fit the data model.
MODEL_CODES: tuple[Code, ...] = (
    Code(
        "unknown-key",
        (ERROR,),
        "der ikke er ukendte nøgler (ved en stavefejl foreslås den nærmeste: \"mente du 'start'?\")",
    ),
    Code("missing-key", (ERROR,), "de nøgler, datamodellen kræver, er der"),
    Code("missing-value", (ERROR,), "hver nøgle har en værdi, og ingen tekst er tom"),
    Code("wrong-type", (ERROR,), "hver værdi har den rette form: tekst, en liste eller nøgler og værdier"),
    Code(
        "invalid-value",
        (ERROR,),
        "værdierne er gyldige (datoer, klokkeslæt, e-mailadresser, faste "
        "valg med forslag) og passer sammen, fx slut efter start",
    ),
    Code("too-short", (ERROR,), "en liste, der skal have indhold, har mindst ét element"),
    Code("out-of-range", (ERROR,), "et tal ligger inden for grænserne, fx en måned fra 1 til 12"),
)

#: driftsforum_cli.workspace: the repository's layout ('file-name' for a .yml file is the rule's code).
LAYOUT_CODES: tuple[Code, ...] = (
    Code("path-outside", (ERROR,), "`forums_dir` i `driftsforum.yaml` peger på en mappe inde i samlingen"),
    Code(
        "link-outside",
        (ERROR,),
        "ingen fil i samlingen er et symbolsk link til en fil uden for den (filen læses ikke)",
    ),
    Code("no-forums", (ERROR,), "mappen med fora (`forums_dir`, som standard `forums`) findes"),
    Code(
        "joint-partner",
        (ERROR, WARNING),
        "et fællesmødes `partner_forum` er et andet forum i samlingen, og det har et møde samme dag (advarsel)",
    ),
    Code("joint-twice", (ERROR,), "et fællesmøde mellem to fora i samlingen er kun beskrevet i det ene forums mødefil"),
)


#: driftsforum_cli.services.fingerprints: what was sent and approved stays put (the document log).
DOCUMENT_CODES: tuple[Code, ...] = (
    Code(
        "changed-after-sending",
        (WARNING,),
        "en udsendt dagsorden eller et udsendt referat ser ud som dengang (ellers: send igen, eller registrér en rettelse)",
    ),
    Code(
        "changed-after-approval",
        (ERROR, WARNING),
        "et godkendt referat ser ud som dengang, eller ændringen står under `corrections` og trykkes som "
        "'Rettet den …: …' (en advarsel, når kun 'Næste møde' er ændret, fordi et senere møde er flyttet)",
    ),
    Code("document-log-changed", (ERROR,), "dokumentloggen (`document-log.jsonl`) har kun fået linjer tilføjet"),
)

#: driftsforum_cli.render.templates: the repository's own templates (templates/) run in Jinja's sandbox.
TEMPLATE_CODES: tuple[Code, ...] = (
    Code("template-syntax", (ERROR,), "hver skabelon i samlingens `templates/` kan oversættes (gyldig Jinja)"),
    Code(
        "template-unsafe",
        (ERROR,),
        "en skabelon i `templates/` bruger ikke det, sandkassen forbyder: navne, der begynder med `_` "
        "(fx `__globals__`), `os`, `environ`, `import`, og henter ingen skabelon uden for skabelonmapperne",
    ),
)


def catalogue() -> tuple[Code, ...]:
    """Every code, each once: reading a file, the data model, the layout, the closure days, then the rules as
    they run."""
    from driftsforum_cli.domain.rules import RULES
    from driftsforum_cli.domain.rules.data import DATA_CODES
    from driftsforum_cli.domain.rules.history import CALENDAR_CODES
    from driftsforum_cli.domain.rules.publishing import PUBLISHING_CODES

    codes = (
        *FILE_CODES,
        *MODEL_CODES,
        *LAYOUT_CODES,
        *CALENDAR_CODES,
        *RULES,
        *DOCUMENT_CODES,
        *TEMPLATE_CODES,
        *DATA_CODES,
        *PUBLISHING_CODES,
    )
    seen: set[str] = set()
    for code in codes:
        if code.code in seen:
            raise ValueError(f"the code '{code.code}' is declared twice")
        seen.add(code.code)
    return codes


README_BEGIN = "<!-- codes: generated from driftsforum_cli/domain/rules by `python scripts/readme_codes.py` -->"
README_END = "<!-- codes: end -->"


def readme_table() -> str:
    """The README's table of codes (Markdown)."""
    rows = ["| kode | alvor | det kontrolleres, at … |", "| --- | --- | --- |"]
    rows += [f"| `{code.code}` | {code.severity_label} | {_cell(code.summary)} |" for code in catalogue()]
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def with_readme_table(readme: str) -> str:
    """The README's text with the table of codes between its markers made anew."""
    try:
        start = readme.index(README_BEGIN) + len(README_BEGIN)
        end = readme.index(README_END, start)
    except ValueError:
        raise ValueError(f"README.md has no '{README_BEGIN}' … '{README_END}'") from None
    return f"{readme[:start]}\n{readme_table()}\n{readme[end:]}"
