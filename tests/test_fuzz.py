"""Property tests of the loader and the validator on random and mutated input (Hypothesis).

Whatever a file holds, loading and validating never raise, and every problem names a file of the
tree with a line and a column inside it. Three sources of input: random text and bytes, random YAML
documents made of the schema's own keys, and the project's real content files mutated line by line.
A fourth property guards the pages: any text, escaped and rendered by Python-Markdown with the site's
extensions, shows exactly that text and makes no element of its own.
The "ci" profile is derandomized, so every run tries the same examples; HYPOTHESIS_PROFILE=explore
draws new ones.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import LANGUAGES
from generator.load import KINDS, Document, load_content, load_document
from generator.markdown_text import escape_markdown
from generator.settings import load_settings
from generator.validate import validate_content

from .conftest import SEEDS, minimal_tree

pytestmark = pytest.mark.fuzz

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("explore", parent=settings.get_profile("ci"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CONTENT = load_settings().content
REAL_FILES = sorted(path.relative_to(CONTENT).as_posix() for kind in KINDS for path in (CONTENT / kind).glob("*.yaml"))


@pytest.fixture(scope="module")
def small_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Document]]:
    """The minimal valid tree, loaded once; a fuzzed file is validated beside its records."""
    root = tmp_path_factory.mktemp("fuzz")
    for relative, text in minimal_tree().items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    for kind in KINDS:  # a fuzzed file of any kind, terms included, has its folder
        (root / "content" / kind).mkdir(exist_ok=True)
    documents, problems = load_content(root / "content")
    assert problems == []
    return root, documents


@pytest.fixture(scope="module")
def real_content(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Document]]:
    """The project's content, loaded once, and a folder to write mutated copies into."""
    documents, problems = load_content(CONTENT)
    assert [problem for problem in problems if problem.severity == "error"] == []
    root = tmp_path_factory.mktemp("mutated")
    for kind in KINDS:
        (root / kind).mkdir()
    return root, {document.path.relative_to(CONTENT).as_posix(): document for document in documents}


def check_report(documents: list[Document], load_problems: list, archive: Path | None, *trees: Path) -> None:
    """Validation does not raise, and every problem stands at a real place in a file of the trees."""
    report = validate_content(documents, load_problems, archive)
    for problem in report.problems:
        location = problem.location
        if problem.severity == "note":
            continue
        tree = next((tree for tree in trees if location.file.is_relative_to(tree)), None)
        assert tree is not None, problem
        assert location.line >= 1 and location.column >= 1, problem
        if location.file.is_file():
            data = location.file.read_bytes()
            lines = max(data.count(b"\n"), data.count(b"\r")) + 1  # a lone CR breaks lines in YAML and in editors
            assert location.line <= lines, problem
        text = problem.format_text(tree)
        assert text.startswith(f"{location.file.relative_to(tree).as_posix()}:{location.line}:{location.column}: "), text
        for language in LANGUAGES:  # every problem is worded in each language the contributor may choose
            worded = problem.message.render(language)
            assert worded and "Traceback" not in worded, (language, worded)


# --- random text and bytes -----------------------------------------------------------------------

YAML_PIECES = [":", ": ", "- ", "-", "{", "}", "[", "]", ",", "\n", "  ", "\t", "&a ", "*a", "&b ", "*b", "!!python/object:os.system ",
               "!x ", "!!binary ", "!!set ", "<<: ", "'", '"', "#", "---\n", "...\n", "? ", "|", ">", "~", "null", "1e400", ".nan", ".inf",
               "0x1F", "1_000", "99999999999999999999999999999999999", "\\", "\\x00", "\\ud800", "\x00", "\ufeff", "\x85", "é", "ё", "қ",
               "2026-02-30", "javascript:", "id", "kk", "ru", "en", "quote", "citations", "source", "statement", "yes", "no", "%YAML 1.1\n"]


@given(st.one_of(
    st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4)), max_size=60).map("".join),
    st.text(max_size=200),
    st.binary(max_size=200),
), st.sampled_from(KINDS))
@settings(max_examples=450)
def test_random_text_never_breaks_the_loader_or_the_validator(small_tree, content, kind):
    root, documents = small_tree
    path = root / "content" / kind / "fuzzed.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8", errors="surrogatepass"))
    check_written_file(root, documents, kind, path)


def check_written_file(root: Path, documents: list[Document], kind: str, path: Path) -> None:
    """Load the file written in the tree beside the other records, check the report, and remove the file."""
    try:
        document, problems = load_document(kind, path)
        others = [existing for existing in documents if existing.path != path]
        check_report(others + [document or Document(kind, path, None)], problems, root / "archive", root)
    finally:
        path.unlink()


# --- random YAML documents made of the schema's keys ---------------------------------------------

KEYS = ["id", "topics", "topic", "section", "order", "statement", "values", "label", "number", "total", "parts", "date", "period",
        "start", "end", "unit", "qualifier", "discrepancy", "entities", "related", "citations", "source", "quote", "translation",
        "locator", "kk", "ru", "en", "kind", "title", "summary", "sections", "key_facts", "name", "description", "languages",
        "publisher", "author", "date_note", "url", "note", "archive", "file", "sha256", "title_supplied", "written_in",
        "translated_from", "chart"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["report", "alpha", "figures", "committee", "submissions", "report.txt", "2026-03-04", "2026-02-30", "9999",
                     "https://example.org/", "javascript:alert(1)", "case", "more-than", "news-report", "organisation", " ", ""]),
)
DATA = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
), max_leaves=30)


@given(st.dictionaries(st.sampled_from(KEYS), DATA, max_size=10), st.sampled_from(KINDS), st.booleans())
@settings(max_examples=350)
def test_random_records_never_break_the_validator(small_tree, data, kind, schema_line):
    root, documents = small_tree
    path = root / "content" / kind / "fuzzed.yaml"
    header = f"# yaml-language-server: $schema=../../generator/schemas/{kind[:-1] if kind != 'entities' else 'entity'}.schema.json\n"
    path.write_text((header if schema_line else "") + yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    check_written_file(root, documents, kind, path)


# --- the real content, mutated ---------------------------------------------------------------------

@st.composite
def mutated_file(draw: Any) -> tuple[str, str]:
    """A real content file with one to four small edits: lines deleted, repeated, moved or re-indented, text inserted."""
    name = draw(st.sampled_from(REAL_FILES))
    lines = (CONTENT / name).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "repeat", "swap", "indent", "dedent", "insert", "cut", "truncate"]))
        line = lines[index]
        if operation == "delete" and len(lines) > 1:
            del lines[index]
        elif operation == "repeat":
            lines.insert(index, line)
        elif operation == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], line
        elif operation == "indent":
            lines[index] = "  " + line
        elif operation == "dedent":
            lines[index] = line.lstrip()
        elif operation == "insert":
            at = draw(st.integers(0, len(line)))
            piece = draw(st.one_of(st.sampled_from(YAML_PIECES), st.text(min_size=1, max_size=3)))
            lines[index] = line[:at] + piece + line[at:]
        elif operation == "cut" and line:
            start = draw(st.integers(0, len(line) - 1))
            lines[index] = line[:start] + line[start + draw(st.integers(1, 8)):]
        elif operation == "truncate":
            lines = lines[: index + 1]
    return name, "\n".join(lines)


def neighbours(documents: dict[str, Document], name: str) -> list[Document]:
    """The records a file refers to, directly: enough to resolve its references without validating everything."""
    data = documents[name].data
    wanted = {f"sources/{citation['source']}.yaml" for citation in data.get("citations", [])}
    wanted |= {f"topics/{entry['topic']}.yaml" for entry in data.get("topics", [])} if name.startswith("facts/") else set()
    wanted |= {f"entities/{entity}.yaml" for entity in data.get("entities", [])}
    wanted |= {f"facts/{fact}.yaml" for fact in data.get("related", []) + data.get("key_facts", [])}
    wanted |= {f"topics/{topic}.yaml" for topic in data.get("related", [])} if name.startswith("topics/") else set()
    return [documents[other] for other in sorted(wanted - {name}) if other in documents]


@given(mutated_file())
@settings(max_examples=300)
def test_mutated_content_files_never_break_the_validator(real_content, mutation):
    root, documents = real_content
    name, text = mutation
    path = root / name
    path.write_text(text, encoding="utf-8")
    try:
        kind = name.split("/")[0]
        document, problems = load_document(kind, path)
        check_report(neighbours(documents, name) + [document or Document(kind, path, None)], problems,
                     SEEDS if SEEDS.is_dir() else None, root, CONTENT)
    finally:
        path.unlink()


# --- any text, escaped, renders as exactly that text ---------------------------------------------------

MARKDOWN_PIECES = ["<", ">", "&", "&amp;", "&lt;", "&#60;", "*", "_", "`", "[", "]", "(", ")", "{", "}", "|", "\\", "#", "-", "+", "!",
                   "!!!", "1. ", "12) ", "- ", "+ ", "# ", "1.", ":", "^", "~", "=", "\n", "\n\n", "    ", "\t", "[^1]", "[TOC]", "*[HTML]: x", "{: #x }",
                   "///Footnotes Go Here///", "<script>", "</div>", "<b onclick=x>", "javascript:", "http://x.y", "<http://x.y>",
                   "{{ x }}", "{% y %}", "---", "***", "___", "> ", "| a | b |", "\u00a0", "ё", "қ"]
# (template around the text, the tags its HTML may hold): how the page templates place a text.
CONTEXTS = [
    ("{}\n", {"p"}),
    ("# {}\n", {"h1"}),
    ("- {}\n", {"ul", "li"}),
    ("Term\n:   {}\n", {"dl", "dt", "dd"}),
    ('!!! note "Title"\n    {}\n', {"div", "p"}),
    ("[{}](page.md)\n", {"p", "a"}),
]
_MARKDOWN = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html", "footnotes", "admonition", "def_list", "tables"])


# The loader refuses control characters other than tab and line breaks, and the unusual line breaks.
PLAIN = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"), max_size=3)


# What starts a block when it opens a line: every text is tried with one of these in front half of the time.
BLOCK_STARTS = ["1. ", "12) ", "- ", "+ ", "* ", "# ", "!!! note ", "???+ note ", "--- ", "> ", "    ", "[^x]: ", "*[A]: ", ": ",
                "| a |", "<div>", "```", "~~~", "=== ", "Term\n:   ", "1.\tx", "[x]: http://a.b"]


@given(st.tuples(st.one_of(st.just(""), st.sampled_from(BLOCK_STARTS)),
                 st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), PLAIN), min_size=1, max_size=12).map("".join)).map("".join),
       st.sampled_from(CONTEXTS))
@example(" 1. a leading space once let a number start a list", CONTEXTS[0])
@example("  # or a hash a heading", CONTEXTS[4])
@settings(max_examples=300)
def test_any_escaped_text_renders_as_that_text_and_nothing_else(text, context):
    template, tags = context
    escaped = escape_markdown(text)
    assert "\n" not in escaped
    _MARKDOWN.reset()
    soup = BeautifulSoup(_MARKDOWN.convert(template.format(escaped)), "html.parser")
    # Runs of ASCII white space become one space; white space at either end is not shown.
    expected = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()
    if not expected:
        return  # nothing to show: blank texts are refused
    found = {element.name for element in soup.find_all(True)}
    assert found <= tags | {"p"}, (escaped, str(soup))
    element = soup.find(["a", "h1", "li", "dd"]) or soup.find_all("p")[-1]
    assert re.sub(r"[ \t\r\n\f\v]+", " ", element.get_text()).strip() == expected, (escaped, str(soup))
