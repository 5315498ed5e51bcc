"""The editor: every schema field is described with an example, patterns explain themselves, and
yaml-language-server (what VS Code's YAML extension runs), driven over stdio, shows it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.schema import SCHEMA_DIR

from .conftest import minimal_tree, schema_line
from .language_server import SERVER, LanguageServer


def properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property (and $defs entry) of a schema, with its path."""
    if not isinstance(node, dict):
        return
    for name, child in node.get("properties", {}).items():
        yield f"{path}.{name}" if path else name, child
        yield from properties(child, f"{path}.{name}" if path else name)
    for name, child in node.get("$defs", {}).items():
        yield f"$defs.{name}", child
        yield from properties(child, f"$defs.{name}")
    if isinstance(node.get("items"), dict):
        yield from properties(node["items"], f"{path}[]")


def patterns(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "pattern" in node:
            yield node
        for child in node.values():
            yield from patterns(child)
    elif isinstance(node, list):
        for child in node:
            yield from patterns(child)


@pytest.mark.parametrize("schema", sorted(path.name for path in SCHEMA_DIR.glob("*.schema.json")))
def test_every_field_is_described_with_an_example_and_every_pattern_in_words(schema):
    document = json.loads((SCHEMA_DIR / schema).read_text(encoding="utf-8"))
    undescribed = [path for path, node in properties(document) if not node.get("description")]
    assert undescribed == []
    without_example = [path for path, node in properties(document)
                       if not node.get("markdownDescription", "").startswith(node["description"] + "\n\n```yaml\n")]
    assert without_example == []
    assert [node["pattern"] for node in patterns(document) if not node.get("patternErrorMessage")] == []


@pytest.fixture
def language_server(tmp_path: Path) -> Iterator[LanguageServer]:
    if not SERVER.exists():
        pytest.fail("yaml-language-server is missing: run 'cd tests/browser && npm ci' (make test does)")
    shutil.copytree(SCHEMA_DIR, tmp_path / "generator" / "schemas")
    server = LanguageServer(tmp_path)
    try:
        yield server
    finally:
        server.close()


def test_the_editor_explains_an_unknown_key_and_a_bad_date_and_completes_units(tmp_path, language_server):
    fact = minimal_tree()["content/facts/submissions.yaml"]
    fact = fact.replace("entities: [committee]", "entities: [committee]\nsorce: report\nvalues:\n"
                        "  - label: {kk: Сан, ru: Число, en: Number}\n    number: 15970\n    unit: \n    date: \"2026-13\"")
    path = tmp_path / "content" / "facts" / "submissions.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(fact, encoding="utf-8")
    assert fact.startswith(schema_line("fact"))
    uri = language_server.open(path)
    diagnostics = language_server.wait_for_diagnostics(uri)
    lines = fact.split("\n")
    found = sorted((item["range"]["start"]["line"], item["message"]) for item in diagnostics)
    assert found == [
        (lines.index("sorce: report"), "Property sorce is not allowed."),
        (lines.index("    unit: "), 'Value is not accepted. Valid values: "case", "person", "woman", "man", "child", '
         '"pregnant-woman", "mother", "submission", "crime", "tenge", "tenge-per-day", "tenge-per-year", "year", "age", '
         '"times", "school-student".'),
        (lines.index('    date: "2026-13"'), 'Not a date: write "YYYY-MM-DD", "YYYY-MM" or "YYYY", in quotes, e.g. "2026-03-04".'),
    ]
    unit_line = lines.index("    unit: ")
    completions = language_server.complete(uri, unit_line, len("    unit: "))
    units = json.loads((SCHEMA_DIR / "fact.schema.json").read_text(encoding="utf-8"))["$defs"]["unit"]["enum"]
    assert [item["label"] for item in completions] == units
    hover = language_server.hover(uri, lines.index("    number: 15970"), 6)
    assert hover["contents"]["value"].startswith("#### Fact\n\nThe figure, as the source gives it: digits without quotes "
                                                 "or spaces.\n\n```yaml\nnumber: 15970\n```")
