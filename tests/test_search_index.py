"""The prebuilt search index (generator/search_index.py) and its ranking, run in node by the browser's own code."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from generator import LANGUAGES
from generator.build import load_knowledge_base
from generator.render import PageRenderer
from generator.search_index import (
    BODY,
    FIGURE,
    TITLE,
    build_index,
    index_from_entries,
    index_path,
    index_script,
    write_search_index,
)
from generator.settings import load_settings

from .site_support import edition_on
from .test_search_stemming import run_in_node

EDITION = edition_on(datetime.date(2026, 1, 1))

# Inflected forms a reader types, each with the topic page or fact that must be among the first three results.
INFLECTED_QUERIES = {
    "ru": [
        ("амнистию", "topics/amnesty.html"),
        ("амнистией", "topics/amnesty.html"),
        ("осуждённых женщин", "topics/amnesty.html#women-amnesty-non-violent"),
        ("радикализации", "topics/prison-radicalisation.html"),
        ("вооружённых конфликтах", "topics/article-172.html"),
        ("статьёй 172", "topics/article-172.html"),
        ("представлений", "topics/amnesty.html#constitution-amnesty-submissions"),
        ("экстремизмом", "topics/prison-radicalisation.html"),
    ],
    "kk": [
        ("түрмеде", "topics/prison-radicalisation.html"),
        ("рақымшылыққа", "topics/amnesty.html"),
        ("рақымшылықтың", "topics/amnesty.html"),
        ("әйелдерге", "topics/amnesty.html#women-amnesty-serving-sentences"),
        ("радикалдануға", "topics/prison-radicalisation.html"),
        ("қақтығыстарға", "topics/article-172.html"),
        ("ұсыныстарды", "topics/amnesty.html#constitution-amnesty-submissions"),
        ("экстремизмнің", "topics/prison-radicalisation.html"),
    ],
    "en": [
        ("amnesties", "topics/amnesty.html"),
        ("radicalization", "topics/prison-radicalisation.html"),
        ("radicalised", "topics/prison-radicalisation.html"),
        ("conflicts", "topics/article-172.html"),
        ("submission", "topics/amnesty.html#constitution-amnesty-submissions"),
        ("women serving sentences", "topics/amnesty.html#women-amnesty-serving-sentences"),
        ("prisoner", "topics/prison-radicalisation.html#radic-religious-prisoners-may-2017"),
        ("sentence reduced", "topics/amnesty.html#constitution-amnesty-sentences-reduced"),
    ],
}


@pytest.fixture(scope="module")
def kb():
    settings = load_settings()
    return load_knowledge_base(settings.content, None)


@pytest.fixture(scope="module")
def indexes(kb, tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for language in LANGUAGES:
        assert write_search_index(kb, language, EDITION, docs) is True
    return docs


def search(index_file: Path, queries: list[str], closest: list[str] | None = None) -> dict:
    return run_in_node({"index": str(index_file), "queries": queries, "closest": closest or []})


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_topic_and_fact_has_an_entry_linking_to_its_page_or_anchor(kb, language):
    index = build_index(kb, language, EDITION)
    links = [entry[1] for entry in index["entries"]]
    assert len(links) == len(set(links))
    for topic in kb.topics:
        assert f"topics/{topic.id}.html" in links
    renderer = PageRenderer(kb, language, EDITION)
    facts = {entry[1].split("#")[1]: entry for entry in index["entries"] if entry[0] == "fact"}
    assert sorted(facts) == sorted(kb.facts)
    for fact in kb.facts.values():
        kind, link, title, topic, text, figure = facts[fact.id]
        assert (kind, title) == ("fact", "")
        assert link == f"topics/{fact.home_topic_id}.html#{fact.id}"
        assert topic == kb.topic(fact.home_topic_id).title[language]
        assert text == fact.statement[language]
        key = PageRenderer.key_figure(fact)
        assert figure == (f"{key.label[language]}: {renderer.value_text(key)}" if key else "")
    assert {entry[1] for entry in index["entries"] if entry[0] == "source"} == {f"sources/{s}.html" for s in kb.sources}
    assert {entry[1] for entry in index["entries"] if entry[0] == "entity"} == {f"entities/{e}.html" for e in kb.entities}


@pytest.mark.parametrize("language", LANGUAGES)
def test_source_and_entity_entries_do_not_repeat_the_facts_that_cite_them(kb, language):
    index = build_index(kb, language, EDITION)
    statements = {fact.statement[language] for fact in kb.facts.values()}
    for kind, _, title, _, text, _ in index["entries"]:
        if kind in ("source", "entity"):
            assert not any(statement in text or statement in title for statement in statements)


def test_the_index_is_a_script_with_stems_postings_and_the_interface_in_its_language(indexes):
    script = index_path(indexes, "kk").read_text(encoding="utf-8")
    assert script.startswith("window.__kbSearchIndex = {") and script.endswith("};\n")
    index = json.loads(script.removeprefix("window.__kbSearchIndex = ").removesuffix(";\n"))
    assert index["language"] == "kk"
    assert index["words"] == sorted(index["words"])
    assert len(index["words"]) == len(index["stems"]) == len(index["postings"])
    position = index["words"].index("түрмелерінде")
    assert index["stems"][position] == "түрме"
    assert index["kazakh"]["slots"][0]["name"] == "personal"
    assert index["interface"]["none"] == "«%(query)s» бойынша ештеңе табылмады."
    ru = json.loads(index_path(indexes, "ru").read_text(encoding="utf-8").removeprefix("window.__kbSearchIndex = ").removesuffix(";\n"))
    assert ru["interface"]["count"] == "Результатов: %(count)s"
    assert ru["kazakh"] is None
    assert "осуждённых" not in ru["words"] and "осужденных" in ru["words"]


def test_an_unchanged_index_is_not_written_again(kb, indexes):
    path = index_path(indexes, "en")
    before = path.stat().st_mtime_ns
    assert write_search_index(kb, "en", EDITION, indexes) is False
    assert path.stat().st_mtime_ns == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_inflected_queries_find_their_topic_or_fact_in_the_first_three_results(indexes, language):
    queries = INFLECTED_QUERIES[language]
    assert len(queries) >= 8
    results = search(index_path(indexes, language), [query for query, _ in queries])
    misses = {query: [link for _, link in results[query][:3]] for query, expected in queries
              if expected not in [link for _, link in results[query][:3]]}
    assert misses == {}


@pytest.mark.parametrize(("language", "query"), [
    ("ru", "женщин"), ("ru", "амнистия"), ("ru", "радикализации"), ("kk", "әйелдер"), ("en", "women"), ("en", "prison"),
])
def test_topics_and_facts_come_before_source_and_entity_pages(indexes, language, query):
    kinds = [kind for kind, _ in search(index_path(indexes, language), [query])[query]]
    assert kinds[:5] and set(kinds[:5]) <= {"topic", "fact"}
    first_other = next((number for number, kind in enumerate(kinds) if kind not in ("topic", "fact")), len(kinds))
    assert all(kind in ("topic", "fact") for kind in kinds[:first_other])


def small_index(tmp_path: Path, language: str, entries: list[tuple[list, list]]) -> Path:
    path = tmp_path / f"index.{language}.js"
    path.write_text(index_script(index_from_entries(entries, language)), encoding="utf-8")
    return path


def test_exact_words_rank_above_stems_above_prefixes_above_typos(tmp_path):
    entries = [
        (["fact", "a.html#typo", "", "T", "мекене", ""], [(BODY, "мекене")]),
        (["fact", "a.html#prefix", "", "T", "мекемелік", ""], [(BODY, "мекемелік")]),
        (["fact", "a.html#stem", "", "T", "мекемеде", ""], [(BODY, "мекемеде")]),
        (["fact", "a.html#exact", "", "T", "мекеме", ""], [(BODY, "мекеме")]),
        (["fact", "a.html#other", "", "T", "түрмелерде", ""], [(BODY, "түрмелерде")]),
    ]
    results = search(small_index(tmp_path, "kk", entries), ["мекеме", "түр", "түрмеге", "тү"])
    assert [link for _, link in results["мекеме"]] == ["a.html#exact", "a.html#stem", "a.html#prefix", "a.html#typo"]
    assert [link for _, link in results["түр"]] == ["a.html#other"]  # a prefix from three letters
    assert [link for _, link in results["түрмеге"]] == ["a.html#other"]  # by stem: түрме
    assert results["тү"] == []  # two letters are no prefix


def test_typos_count_on_long_words_only(tmp_path):
    entries = [(["fact", "a.html#prison", "", "T", "prison", ""], [(BODY, "prison")]),
               (["fact", "a.html#law", "", "T", "law", ""], [(BODY, "law")])]
    results = search(small_index(tmp_path, "en", entries), ["prisno", "prizon", "lwa", "lav"])
    assert [link for _, link in results["prisno"]] == ["a.html#prison"]  # two letters swapped
    assert [link for _, link in results["prizon"]] == ["a.html#prison"]
    assert results["lwa"] == results["lav"] == []


def test_title_and_key_figure_rank_above_body_and_topics_above_sources_for_the_same_match(tmp_path):
    entries = [
        (["source", "s.html", "Women in prison", "Report", "", ""], [(TITLE, "Women in prison")]),
        (["fact", "t.html#body", "", "T", "The women were released.", ""], [(BODY, "The women were released.")]),
        (["fact", "t.html#figure", "", "T", "Released.", "Women: 12"], [(BODY, "Released."), (FIGURE, "Women: 12")]),
        (["entity", "e.html", "Committee", "Organisation", "On women.", ""], [(TITLE, "Committee"), (BODY, "On women.")]),
        (["topic", "t.html", "Women", "", "", ""], [(TITLE, "Women")]),
    ]
    results = search(small_index(tmp_path, "en", entries), ["women"])
    assert [link for _, link in results["women"]] == ["t.html#figure", "t.html", "t.html#body", "s.html", "e.html"]


def test_every_typed_word_must_match_before_entries_that_match_some(tmp_path):
    entries = [(["fact", "a.html#one", "", "T", "amnesty", ""], [(TITLE, "amnesty")]),
               (["fact", "a.html#both", "", "T", "amnesty for women", ""], [(BODY, "amnesty for women")])]
    results = search(small_index(tmp_path, "en", entries), ["amnesty women"])
    assert [link for _, link in results["amnesty women"]] == ["a.html#both", "a.html#one"]


def test_the_closest_indexed_word_is_suggested(tmp_path):
    entries = [(["fact", "a.html#a", "", "T", "", ""], [(BODY, "радикализация радикализация экстремизм")]),
               (["fact", "a.html#b", "", "T", "", ""], [(BODY, "радикализация")])]
    results = search(small_index(tmp_path, "ru", entries), ["радекализацея"], closest=["радекализацея", "экстримизм", "квфцйу"])
    assert results["радекализацея"] == []  # two typos: no match, but a suggestion
    assert results["closest"] == {"радекализацея": "радикализация", "экстримизм": "экстремизм", "квфцйу": None}


def test_a_bare_word_finds_its_inflected_forms_where_the_stemmer_takes_its_ending_for_a_suffix(tmp_path):
    # Қазақстан ends like the ablative -тан, so its own stem is қазақс, while Қазақстанда's is қазақстан.
    entries = [(["fact", "a.html#locative", "", "T", "", ""], [(BODY, "Қазақстанда")]),
               (["fact", "a.html#genitive", "", "T", "", ""], [(BODY, "Қазақстанның")])]
    results = search(small_index(tmp_path, "kk", entries), ["Қазақстан", "Қазақстанға"])
    assert [link for _, link in results["Қазақстан"]] == ["a.html#locative", "a.html#genitive"]
    assert [link for _, link in results["Қазақстанға"]] == ["a.html#locative", "a.html#genitive"]
