"""The project's own content: valid under --strict, every quote found in its source, every document cited."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator import LANGUAGES
from generator.i18n import LOCALE_DIR
from generator.load import load_content
from generator.quotes import normalise_text
from generator.schema import SCHEMA_DIR
from generator.settings import LIMITS, PROJECT_ROOT, load_settings
from generator.stamp import stamp_file
from generator.validate import validate_content

from .conftest import SEEDS

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the archive of source documents {SEEDS} is absent")


@pytest.fixture(scope="module")
def documents():
    loaded, problems = load_content(load_settings().content)
    assert problems == []
    return loaded


@needs_seeds
def test_the_content_is_valid_under_strict(documents):
    report = validate_content(documents, [], SEEDS)
    assert [problem.format_text() for problem in report.problems] == []
    assert report.quotes_checked > 0


@needs_seeds
def test_every_quote_occurs_in_its_archived_source(documents):
    sources = {doc.data["id"]: doc.data for doc in documents if doc.kind == "sources"}
    missing = []
    for document in documents:
        for index, citation in enumerate(document.data.get("citations", [])):
            archived = normalise_text((SEEDS / sources[citation["source"]]["archive"]["file"]).read_text(encoding="utf-8"))
            missing += [f"{document.path.name} citations[{index}] {language}" for language, quote in citation["quote"].items()
                        if normalise_text(quote) not in archived]
    assert missing == []


@needs_seeds
def test_each_of_the_five_documents_is_cited(documents):
    sources = {doc.data["id"]: doc.data["archive"]["file"] for doc in documents if doc.kind == "sources"}
    cited = {sources[citation["source"]] for doc in documents for citation in doc.data.get("citations", [])}
    seeds = {path.name for path in SEEDS.glob("*.txt")}
    assert len(seeds) == 5
    assert cited == seeds


def test_the_three_topics_exist_in_three_languages(documents):
    topics = {doc.data["id"]: doc.data for doc in documents if doc.kind == "topics"}
    assert set(topics) == {"amnesty", "article-172", "prison-radicalisation"}
    for topic in topics.values():
        assert set(topic["title"]) == set(LANGUAGES)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_interface_string_is_translated(language):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    with (LOCALE_DIR / "messages.pot").open("rb") as pot_file:
        template = read_po(pot_file)
    untranslated = [message.id for message in catalog if message.id and (
        message.fuzzy or not (all(message.string) if isinstance(message.string, tuple) else message.string))]
    assert untranslated == []
    assert {message.id if isinstance(message.id, str) else message.id[0] for message in template if message.id} == {
        message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}
    assert catalog.num_plurals == {"kk": 2, "ru": 3}[language]


def test_the_kazakh_interface_translates_every_key_of_materials_english():
    from material import templates

    english = Path(templates.__path__[0]) / "partials" / "languages" / "en.html"
    pattern = re.compile(r'^\s*"([\w.]+)":', re.MULTILINE)
    en_keys = pattern.findall(english.read_text(encoding="utf-8"))
    kk_text = (PROJECT_ROOT / "theme" / "partials" / "languages" / "kk.html").read_text(encoding="utf-8")
    assert pattern.findall(kk_text) == en_keys
    assert '"search.config.lang": "en"' in kk_text  # lunr has no Kazakh: a "kk" here would stop search


def test_the_readme_documents_the_commands_and_every_content_field():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    guide = (PROJECT_ROOT / "content" / "README.md").read_text(encoding="utf-8")
    for command in ("make site", "make test", "python -m generator validate", "python -m generator build",
                    "python -m generator bundle", "python -m generator i18n", "--strict", "--format github", "--archive",
                    "--content", "--out", "--markdown-only", "make golden", "make screenshots", "make benchmark",
                    "benchmarks/run", "benchmarks/make_corpus.py", "python -m generator serve",
                    "python -m generator new", "python -m generator status", "python -m generator stamp", "make check-content"):
        assert command in readme, command
    for path in SCHEMA_DIR.glob("*.schema.json"):
        fields = _schema_fields(json.loads(path.read_text(encoding="utf-8")))
        undocumented = sorted(field for field in fields if not re.search(rf"\b{field}:", guide))
        assert undocumented == [], f"{path.name}: fields missing from content/README.md"


def _schema_fields(schema: object) -> set[str]:
    fields: set[str] = set()
    if isinstance(schema, dict):
        fields |= {key for key in schema.get("properties", {}) if key not in LANGUAGES}
        for value in schema.values():
            fields |= _schema_fields(value)
    elif isinstance(schema, list):
        for value in schema:
            fields |= _schema_fields(value)
    return fields


@needs_seeds
def test_the_readmes_worked_example_validates(tmp_path):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    example = textwrap.dedent(re.search(r"   ```yaml\n(   # yaml-language-server.*?)   ```", readme, re.DOTALL).group(1))
    content = tmp_path / "content"
    shutil.copytree(load_settings().content, content)
    example_file = content / "facts" / "art172-cases-2024.yaml"
    example_file.write_text(example, encoding="utf-8")
    stamped = stamp_file(example_file)  # step 3 of the example
    assert sorted(stamped) == ["kk", "ru"]
    documents, problems = load_content(content)
    report = validate_content(documents, problems, SEEDS)
    assert [problem.format_text() for problem in report.problems] == []
    assert "art172-cases-2024" in [doc.data["id"] for doc in documents if doc.kind == "facts"]


def test_the_readme_documents_every_limit_and_the_lock_command():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for limit in dataclasses.fields(LIMITS):
        assert f"| `{limit.name}` | {getattr(LIMITS, limit.name):,} |" in readme, limit.name
    assert "make lock" in readme
