"""The JSON Schemas `driftsforum schema` writes speak Danish in the editor, and still accept the bundled forums."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from driftsforum_cli.models.schema import DANISH, SCHEMAS
from tests.helpers import REPO_ROOT, RunCli

# Words that are English and never Danish (so no Danish text trips on them: not "for", "to", "at", "in").
ENGLISH = frozenset(
    re.findall(
        r"\S+",
        "the of a an is are was were with without which this that these those its it been will should would "
        "must when where who what how if not one each every has record story own header headers column "
        "columns value values needs",
    )
)
# Short Danish words; a description has one of them, a Danish letter or a Danish ending (DANISH_INFLECTION).
DANISH_WORDS = frozenset(
    re.findall(
        r"\S+",
        "og i på en et der som med til af den det de for fra er at hvis når eller fx ikke kun om ved efter "
        "under hvad hvem hvor skal kan har blev ja nej også normalt standard",
    )
)
DANISH_INFLECTION = re.compile(r"\w{3,}(?:ets|ens|erne|ernes|ene|en|et)\b")  # dagen, rettelsen, kommissoriets
# Field titles that Pydantic would also derive from the field name, and that are correct Danish.
DANISH_AS_IN_ENGLISH = frozenset(
    {"Id", "Status", "Start", "Port", "Logo", "Note", "Person", "Definition", "Organisation"}
)
# Keys whose values are data (defaults, examples), not schemas: their strings are not shown as explanations.
DATA_KEYS = frozenset({"default", "examples", "const", "enum"})
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\([^)]*[A-Z]{3,}[^)]*\)")  # quoted values; (iTIP REPLY)-style codes


@pytest.fixture
def written(cli: RunCli, tmp_path: Path) -> dict[str, dict[str, Any]]:
    """The schema files exactly as `driftsforum schema -o DIR` writes them."""
    out = tmp_path / "skemaer"
    result = cli("schema", "-o", str(out))
    assert result.code == 0, result.output
    files = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in out.glob("*.schema.json")}
    assert sorted(files) == sorted(SCHEMAS)
    return files


def texts(node: object, where: str) -> Iterator[tuple[str, str, str]]:
    """(where, 'title' | 'description', text) for every title and description in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "description") and isinstance(value, str):
                yield where, key, value
            elif key not in DATA_KEYS:
                yield from texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{where}/{index}")


def english_words(text: str) -> set[str]:
    """English words in `text`, leaving out quoted values and codes such as pdf/a-2a or WAS-Tool."""
    tokens = re.findall(r"[\w/.:-]*\w", QUOTED.sub(" ", text))
    return {token for token in tokens if token.isalpha() and token.lower() in ENGLISH}


def test_the_checks_catch_english() -> None:
    assert english_words("A de-identified case story or an audit record.") >= {"A", "an", "record", "story"}
    assert english_words("The export's own column headers for the three values an indicator needs.")
    assert not english_words("Et afidentificeret borgerforløb (case) eller en audit: 'the' er et citat.")


def test_every_type_has_a_danish_title_and_description(written: dict[str, dict[str, Any]]) -> None:
    titles: set[str] = set()
    for name, schema in written.items():
        for class_name, definition in [(SCHEMAS[name].__name__, schema), *schema.get("$defs", {}).items()]:
            title, description = definition.get("title"), definition.get("description")
            assert title and description, f"{name}: {class_name} mangler titel eller beskrivelse"
            assert title != class_name, f"{name}: {class_name} har klassenavnet som titel"
            assert not re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+", title), f"{name}: {title!r}"
            titles.add(title)
    unused = [cls.__name__ for cls, (title, _) in DANISH.items() if title not in titles]
    assert not unused, f"DANISH har tekster til klasser, ingen skemaer bruger: {unused}"


def test_every_title_and_description_is_danish(written: dict[str, dict[str, Any]]) -> None:
    problems: list[str] = []
    for name, schema in written.items():
        for where, key, text in texts(schema, name):
            if english := english_words(text):
                problems.append(f"{where} {key} {text!r}: engelske ord {sorted(english)}")
            words = {word.lower() for word in re.findall(r"\w+", text)}
            danish = re.search("[æøåÆØÅ]", text) or words & DANISH_WORDS or DANISH_INFLECTION.search(text)
            if key == "description" and not danish:
                problems.append(f"{where} description {text!r}: ligner ikke dansk")
            field = re.fullmatch(r".*/properties/(\w+)", where)
            derived = field and field[1].replace("_", " ").strip().title()
            if key == "title" and text == derived and text not in DANISH_AS_IN_ENGLISH:
                problems.append(f"{where} title {text!r}: Pydantics titel fra feltnavnet")
    assert not problems, "\n".join(problems)


class Yaml12(yaml.SafeLoader):
    """YAML 1.2 as the editor reads it: dates and 13:00 stay strings, only true/false are booleans."""


RESOLVED_AGAIN = {f"tag:yaml.org,2002:{name}" for name in ("timestamp", "int", "bool")}
Yaml12.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in RESOLVED_AGAIN]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Yaml12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def test_the_written_schemas_accept_the_bundled_forums(written: dict[str, dict[str, Any]]) -> None:
    checked: dict[str, int] = {}
    for path in [REPO_ROOT / "driftsforum.yaml", *sorted((REPO_ROOT / "forums").rglob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        schema_name = Path(text.splitlines()[0].split("$schema=")[1]).name
        schema = written[schema_name]
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.load(text, Loader=Yaml12)))
        assert not errors, f"{path.relative_to(REPO_ROOT)}: {[error.message for error in errors]}"
        checked[schema_name] = checked.get(schema_name, 0) + 1
    assert set(checked) == set(SCHEMAS), checked  # every file kind is among the bundled files
