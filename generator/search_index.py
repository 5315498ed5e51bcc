"""The prebuilt search index of one language, written as a script the search box loads on first use.

Each entry is a page or a fact. A fact links to its anchor on its home topic page and shows the topic's title,
its statement and its key figure; a source or an entity page holds its own title and description only, not the
facts that cite it, so that it does not outrank the topic page that states them. Every word is indexed with its
field (title, key figure, body) and with its stem (generator/stemming.py); the browser matches the typed word
exactly, by stem, by prefix and with one typo, and ranks the results (theme/assets/javascripts/kb-search.js).

The index is `search/index.<language>.js` in the language's docs folder, which MkDocs copies into the site: a
script that assigns one global, so that it loads from file:// where fetch() cannot.
"""

from __future__ import annotations

import json
from pathlib import Path

from .citing import Edition
from .i18n import load_translations
from .model import Entity, Fact, KnowledgeBase, Source, Topic
from .pages import html_path, navigation_pages, page_path
from .stemming import kazakh_table, stem, words
from .wording import Wording, text_in

SEARCH_FOLDER = "search"
FORMAT = 1

# The kinds of entries, in the order the browser ranks them for an equal match; see RANK in kb-search.js.
TOPIC, FACT, SOURCE, ENTITY, PAGE = "topic", "fact", "source", "entity", "page"

# Where a word was found, as bits of a posting: a title or key-figure match ranks above the body's.
BODY, TITLE, FIGURE = 1, 2, 4

Fields = list[tuple[int, str]]  # (where, text) of one entry


def index_path(docs: Path, language: str) -> Path:
    return docs / SEARCH_FOLDER / f"index.{language}.js"


def write_search_index(kb: KnowledgeBase, language: str, edition: Edition, docs: Path) -> bool:
    """Write the language's index into docs/search/ and say whether it changed; an unchanged index is left alone,
    so that the preview's rebuilds do not copy it again."""
    path = index_path(docs, language)
    script = index_script(build_index(kb, language, edition))
    if path.is_file() and path.read_text(encoding="utf-8") == script:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script, encoding="utf-8")
    return True


def index_script(index: dict) -> str:
    """The index as a script that assigns it to a global: a <script> tag loads it from file://, where fetch() cannot."""
    return "window.__kbSearchIndex = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"


def build_index(kb: KnowledgeBase, language: str, edition: Edition) -> dict:
    """The index as data: entries, the sorted vocabulary with each word's stem and postings, the interface texts."""
    return index_from_entries(index_entries(kb, language, edition), language)


def index_from_entries(entries: list[tuple[list, Fields]], language: str) -> dict:
    postings: dict[str, dict[int, int]] = {}
    for number, (_, fields) in enumerate(entries):
        for bit, text in fields:
            for word in words(text):
                found = postings.setdefault(word, {})
                found[number] = found.get(number, 0) | bit
    vocabulary = sorted(postings, key=lambda word: word.encode("utf-16-be"))  # the order of JavaScript's < on strings
    stems = [stem(word, language) for word in vocabulary]
    return {
        "format": FORMAT,
        "language": language,
        "entries": [entry for entry, _ in entries],
        "words": vocabulary,
        "stems": ["" if stemmed == word else stemmed for word, stemmed in zip(vocabulary, stems, strict=True)],
        # Each word's entries and where in them it stands, as entry * 8 + field bits, in entry order.
        "postings": [[number * 8 + bits for number, bits in sorted(postings[word].items())] for word in vocabulary],
        "kazakh": kazakh_table() if language == "kk" else None,
        "interface": interface_texts(language),
    }


def index_entries(kb: KnowledgeBase, language: str, edition: Edition) -> list[tuple[list, Fields]]:
    """(entry, fields) for every page and fact; an entry is [kind, link, title, topic, text, key figure]."""
    renderer = Wording(kb, language, edition)
    _ = load_translations(language).gettext

    def text(value: dict[str, str] | None) -> str:
        return text_in(value, language) if value else ""

    found: list[tuple[list, Fields]] = []
    for topic in kb.topics:
        found.append(_topic_entry(topic, text))
        found += [_fact_entry(fact, topic, renderer, text) for fact in topic.facts if fact.home_topic_id == topic.id]
    found += [_source_entry(source, renderer, text) for source in kb.sources.values()]
    found += [_entity_entry(entity, renderer, text) for entity in kb.entities.values()]
    for nav_title, path in navigation_pages():  # the site's own pages; the home page is found by the site's title
        title = edition.title[language] if path == "index.md" else _(nav_title)
        found.append(([PAGE, html_path(path), title, "", "", ""], [(TITLE, title)]))
    return found


def _topic_entry(topic: Topic, text) -> tuple[list, Fields]:
    title, summary = text(topic.title), text(topic.summary)
    sections = " ".join(text(section.title) for section in topic.sections)
    return [TOPIC, html_path(page_path(topic)), title, "", summary, ""], [(TITLE, title), (BODY, summary), (BODY, sections)]


def _fact_entry(fact: Fact, topic: Topic, renderer: Wording, text) -> tuple[list, Fields]:
    statement = text(fact.statement)
    key = fact.key_figure
    figure = f"{text(key.label)}: {renderer.value_text(key)}" if key else ""
    labels = " ".join(text(value.label) for value in fact.values if value is not key)
    entry = [FACT, html_path(page_path(fact)), "", text(topic.title), statement, figure]
    return entry, [(BODY, statement), (FIGURE, figure), (BODY, labels), (BODY, text(fact.chart_title))]


def _source_entry(source: Source, renderer: Wording, text) -> tuple[list, Fields]:
    title = text(source.title)
    about = ", ".join(part for part in (text(source.publisher), text(source.author),
                                        renderer.date(source.date) if source.date else "") if part)
    return ([SOURCE, html_path(page_path(source)), title, renderer.source_kind(source.kind), about, ""],
            [(TITLE, title), (BODY, about), (BODY, text(source.note))])


def _entity_entry(entity: Entity, renderer: Wording, text) -> tuple[list, Fields]:
    name, description = text(entity.name), text(entity.description)
    return ([ENTITY, html_path(page_path(entity)), name, renderer.entity_kind(entity.kind), description, ""],
            [(TITLE, name), (BODY, description)])


def interface_texts(language: str) -> dict[str, str]:
    """The search box's texts in the page's language; the browser fills in %(query)s, %(word)s and %(count)s."""
    _ = load_translations(language).gettext
    return {
        "none": _("Nothing found for “%(query)s”."),
        "suggest": _("Did you mean %(word)s?"),
        "count": _("Results: %(count)s"),
        "short": _("Type at least two letters."),
        "topic": _("Topic"),
        "fact": _("Fact"),
        "page": _("Page"),
    }
