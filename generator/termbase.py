"""The termbase: one term for each concept, enforced in the knowledge base's own texts, and found where it is used.

A term record (content/terms/) names the term to use in each language, a short form (`short`) that texts
may use for it, its abbreviations, and variants to avoid. The validator warns (an error under --strict) when a
text that is not a verbatim quote holds a variant to avoid, or an abbreviation before the words it stands for.
Terms are found in a text by the stems of their words, so that inflected forms count: «пробационным контролем»
is a use of «пробационный контроль», «министрлігінің» of «министрлігі».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from . import LANGUAGES
from .errors import Problem, display_path
from .figure_check import QUOTED_TEXT
from .load import Document, KeyPath, format_key_path
from .translation import text_fields
from .voice import Listed, Message, listed, t

_LETTER_BEFORE = r"(?<![^\W\d_])"  # no letter just before
_LETTER_AFTER = r"(?![^\W\d_])"  # no letter just after
_BETWEEN_WORDS = r"[\s\u00a0\-]+"
# Texts that are copied, not written: quotes, and a source's title, publisher and author as the source gives them.
_COPIED = {"quote", "title_supplied"}
_COPIED_SOURCE_FIELDS = {"title", "publisher", "author"}


def _stem(word: str, language: str) -> str:
    """The start of a word that its inflected forms keep.

    Kazakh adds endings to the word: only a possessive -і/-ы comes off (министрлігі, министрлігінің), and a final
    қ, к or п, which turns voiced before an ending (рақымшылық, рақымшылығы). Russian changes the ending: up to two
    letters come off a long word (контроль, контролем). English drops a final y (amnesty, amnesties).
    """
    if language == "kk":
        if len(word) > 5 and word[-1] in "іы":
            return word[:-1]
        return word[:-1] if len(word) > 4 and word[-1] in "қкп" else word
    if language == "ru":
        return word[:-2] if len(word) >= 7 else word[:-1] if len(word) == 6 else word
    return word[:-1] if len(word) > 4 and word.endswith("y") else word


@lru_cache(maxsize=1024)
def words_pattern(words: str, language: str) -> re.Pattern[str]:
    """A pattern that finds words in a text in any inflected form, letter case aside."""
    parts = [re.escape(_stem(word, language)) + r"[^\W\d_]*" for word in re.split(_BETWEEN_WORDS, words.strip()) if word]
    return re.compile(_LETTER_BEFORE + _BETWEEN_WORDS.join(parts), re.IGNORECASE)


@lru_cache(maxsize=1024)
def exact_pattern(words: str) -> re.Pattern[str]:
    """A pattern that finds words exactly as written (letter case included), as whole words."""
    return re.compile(_LETTER_BEFORE + re.escape(words) + _LETTER_AFTER)


def term_forms(data: dict[str, Any], language: str) -> list[str]:
    """The full forms a term is written in, in one language: the term itself and its short form."""
    return [data[name][language] for name in ("term", "short")
            if isinstance(data.get(name), dict) and isinstance(data[name].get(language), str) and data[name][language].strip()]


def uses_term(text: str, data: dict[str, Any], language: str) -> bool:
    """Whether text uses the term, in its full or short form or as its abbreviation."""
    if any(words_pattern(form, language).search(text) for form in term_forms(data, language)):
        return True
    abbreviation = term_abbreviation(data, language)
    return bool(abbreviation and exact_pattern(abbreviation).search(text))


def term_abbreviation(data: dict[str, Any], language: str) -> str | None:
    """The term's abbreviation in language, if it has one."""
    entries = data.get("abbreviations")
    return next((entry["abbreviation"] for entry in entries if isinstance(entry, dict) and entry.get("language") == language
                 and isinstance(entry.get("abbreviation"), str)), None) if isinstance(entries, list) else None


def written_texts(document: Document) -> Iterable[tuple[KeyPath, str, str]]:
    """(key path, language, text) for every text the knowledge base writes itself: not quotes, not copied names."""
    data = document.data
    for key_path, text in text_fields(data):
        if not key_path or key_path[-1] in _COPIED:  # a record that is itself a text: its schema problem says so
            continue
        if document.kind == "sources" and key_path[0] in _COPIED_SOURCE_FIELDS:
            continue
        if document.kind == "terms" and key_path[0] in ("term", "short"):
            continue
        for language in LANGUAGES:
            if isinstance(text.get(language), str):
                yield key_path + (language,), language, text[language]


def check_terms(documents: list[Document]) -> list[Problem]:
    """Warnings for variants to avoid and for abbreviations used before the words they stand for."""
    terms = [document for document in documents if document.kind == "terms" and isinstance(document.data, dict)
             and isinstance(document.data.get("id"), str)]
    problems: list[Problem] = []
    for document in documents:
        if not isinstance(document.data, dict):
            continue
        for key_path, language, text in written_texts(document):
            for term in terms:
                problems += _check_text(document, key_path, language, text, term)
    return problems


def _check_text(document: Document, key_path: KeyPath, language: str, text: str, term: Document) -> list[Problem]:
    data = term.data
    where = t("term '{id}' in {file}", id=data["id"], file=display_path(term.path, None))
    preferred = _preferred(data, language)
    problems = []
    unquoted = QUOTED_TEXT.sub(lambda quoted: " " * len(quoted.group()), text)  # a word in quotation marks is cited, not used
    avoid = data.get("avoid")
    for entry in avoid if isinstance(avoid, list) else []:  # a malformed list: the term's schema problem says so
        if not isinstance(entry, dict) or entry.get("language") != language or not isinstance(entry.get("variant"), str):
            continue
        variant = entry["variant"]
        forms = [variant]
        # With a capital at the start of a sentence or a label ('Convicts whose sentences…'), unless the variant is
        # the term itself in small letters ('мажилиса' for «Мажилиса»): then the capital is what the term wants.
        if not any(variant.lower().startswith(form.lower()) for form in term_forms(data, language)):
            forms.append(variant[:1].upper() + variant[1:])
        if any(exact_pattern(form).search(unquoted) for form in dict.fromkeys(forms)):
            problems.append(Problem(document.locate(key_path), format_key_path(key_path),
                                    t("'{variant}' is a variant to avoid: write {preferred} ({where})", variant=entry["variant"],
                                      preferred=preferred, where=where), "warning"))
    abbreviation = term_abbreviation(data, language)
    # A quote's translation follows the quote, which may use the abbreviation alone.
    found = exact_pattern(abbreviation).search(text) if isinstance(abbreviation, str) and "citations" not in key_path else None
    if found:
        before = text[: found.start()]
        if not any(words_pattern(form, language).search(before) for form in term_forms(data, language)):
            problems.append(Problem(document.locate(key_path), format_key_path(key_path),
                                    t("'{abbreviation}' is used before the words it stands for: write {preferred} "
                                      "({abbreviation}) at its first use in this text ({where})", abbreviation=abbreviation,
                                      preferred=preferred, where=where), "warning"))
    return problems


def _preferred(data: dict[str, Any], language: str) -> Listed | Message:
    forms = [f"'{form}'" for form in dict.fromkeys(term_forms(data, language))]
    return listed(forms, "or") if forms else t("the term")


def link_terms(facts: Iterable[Any], terms: Iterable[Any]) -> None:
    """Fill in, per language, the terms each fact's statement uses and the facts that use each term."""
    terms = list(terms)
    for fact in sorted(facts, key=lambda fact: (fact.order, fact.id)):
        for language in LANGUAGES:
            text = fact.statement.get(language, "")
            used = [term for term in terms if uses_term(text, term.data, language)]
            fact.terms[language] = used
            for term in used:
                term.facts.setdefault(language, []).append(fact)


# The order of the alphabet each language sorts its glossary by; letters outside it (Latin ones) come after.
_ALPHABETS = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "en": "abcdefghijklmnopqrstuvwxyz",
}


def glossary_order(terms: Iterable[Any], language: str) -> list[Any]:
    """The terms sorted by their text in language, in that language's alphabetical order."""
    alphabet = {letter: index for index, letter in enumerate(_ALPHABETS[language])}

    def key(term: Any) -> list[tuple[int, int | str]]:
        text = term.term.get(language) or next(iter(term.term.values()))
        return [(0, alphabet[letter]) if letter in alphabet else (1, letter) for letter in text.lower()]

    return sorted(terms, key=key)
