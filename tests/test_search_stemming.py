"""The stemmers, in Python (generator/stemming.py) and in the browser's JavaScript (run in node): one table, one result."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator import LANGUAGES
from generator.settings import PROJECT_ROOT
from generator.stemming import kazakh_stem, normalise, stem, words

TABLE = json.loads((Path(__file__).parent / "search" / "stems.json").read_text(encoding="utf-8"))
RUNNER = Path(__file__).parent / "search" / "run.js"
NODE = shutil.which("node")


def run_in_node(request: dict) -> object:
    assert NODE, "node is missing: the browser's search code is tested with it"
    result = subprocess.run([NODE, str(RUNNER)], input=json.dumps(request, ensure_ascii=False), capture_output=True,
                            text=True, encoding="utf-8", check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("language", LANGUAGES)
def test_python_stems_the_tables_words(language):
    expected = TABLE["stems"][language]
    assert {word: stem(word, language) for word in expected} == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_javascript_stems_the_tables_words_alike(language):
    expected = TABLE["stems"][language]
    assert run_in_node({"stem": {language: list(expected)}})[language] == expected


def test_both_sides_cut_a_text_into_the_same_words():
    texts = [text for text, _ in TABLE["words"]]
    expected = [tokens for _, tokens in TABLE["words"]]
    assert [words(text) for text in texts] == expected
    assert run_in_node({"words": texts}) == expected


def content_vocabulary() -> dict[str, list[str]]:
    """Every word of every text of the project's content, by language."""
    found: dict[str, set[str]] = {language: set() for language in LANGUAGES}

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in found and isinstance(item, str):
                    found[key].update(words(item))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted((PROJECT_ROOT / "content").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return {language: sorted(vocabulary) for language, vocabulary in found.items()}


def test_python_and_javascript_agree_on_every_word_of_the_content():
    vocabulary = content_vocabulary()
    assert all(len(vocabulary[language]) > 1000 for language in LANGUAGES)
    python = {language: {word: stem(word, language) for word in vocabulary[language]} for language in LANGUAGES}
    javascript = run_in_node({"stem": vocabulary})
    disagreements = {language: [(word, python[language][word], javascript[language][word]) for word in vocabulary[language]
                                if python[language][word] != javascript[language][word]] for language in LANGUAGES}
    assert disagreements == {language: [] for language in LANGUAGES}


def test_russian_folds_yo_and_english_folds_british_spellings():
    assert normalise("Осуждённых") == "осужденных"
    assert stem(normalise("осуждённых"), "ru") == stem("осужденных", "ru") == stem("осужденные", "ru")
    assert stem("radicalisation", "en") == stem("radicalization", "en") == stem("radicalized", "en")
    assert stem("organisations", "en") == stem("organization", "en")
    assert stem("amnesties", "en") == stem("amnesty", "en")


def test_words_in_latin_letters_inside_russian_and_kazakh_texts_are_stemmed_as_english():
    assert stem("reforms", "ru") == stem("reforms", "kk") == stem("reform", "en") == "reform"
    assert stem("амнистии", "en") == "амнистии"  # Cyrillic in an English text is only lowercased


@pytest.mark.parametrize(("word", "expected"), [
    ("түрмелердегі", "түрме"),      # plural, then the attributive locative -дегі
    ("әйелдеріне", "әйел"),         # plural, possessive, dative after the possessive
    ("кітабы", "кітап"),            # б before a vowel is п at the end of the stem
    ("рақымшылығы", "рақымшылық"),  # so is ғ to қ
    ("тұтқын", "тұтқын"),           # -ын is part of the word: no accusative taken off a bare stem
    ("шешім", "шешім"),             # nor a first-person possessive: -ім makes nouns from verbs
    ("қатысушылар", "қатысушы"),    # derivational suffixes stay: a participant is not a participation
    ("мен", "мен"),                 # a suffix never takes the whole word (мен, "I" or "and")
])
def test_the_kazakh_stemmer_strips_inflections_and_keeps_word_building(word, expected):
    assert kazakh_stem(word) == expected


def test_the_kazakh_table_names_only_known_slots_and_conditions():
    table = json.loads((PROJECT_ROOT / "generator" / "search" / "kk_suffixes.json").read_text(encoding="utf-8"))
    assert [slot["name"] for slot in table["slots"]] == ["personal", "case", "possessive", "plural"]
    for slot in table["slots"]:
        for rule in slot["suffixes"]:
            assert set(rule) <= {"suffix", "after", "stem"}, rule
            assert all(re.fullmatch(r"[а-яәғқңөұүһі]+", suffix) for suffix in rule["suffix"]), rule
            after = rule.get("after")
            assert after in (None, "vowel", "consonant") or re.fullmatch(r"[а-яәғқңөұүһі]+", after), rule
