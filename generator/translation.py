"""Translation tracking: which texts of a record exist in each language, and which are out of date.

A record names the language it is written in (`written_in`). Each translation records, under
`translated_from`, a short hash of the original text it was made from. When the original changes,
its hash changes, and the translation is stale until a translator updates it and records the new
hash (`python -m generator stamp FILE`).

The original text of a record is every text in its `written_in` language, and every quote (a
quote's translation is made from the quote, whatever language the record is written in).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from .languages import LANGUAGE_TABLE, LANGUAGES
from .load import Document, KeyPath
from .numbers import compare_numbers
from .voice import Message

# The states of one record in one language, in the order reports list them.
ORIGINAL, TRANSLATED, STALE, MISSING, UNTRACKED = "original", "translated", "stale", "missing", "untracked"
STATES = (ORIGINAL, TRANSLATED, STALE, MISSING, UNTRACKED)
HASH_LENGTH = 8
_LANGUAGE_SET = frozenset(LANGUAGES)
LANGUAGE_NAMES = {row.code: row.name for row in LANGUAGE_TABLE}  # for messages to contributors


def text_fields(data: Any, key_path: KeyPath = ()) -> Iterator[tuple[KeyPath, dict[str, str]]]:
    """Every mapping whose keys are all language codes (a text in several languages), with its key path."""
    if isinstance(data, dict):
        if data and data.keys() <= _LANGUAGE_SET:
            yield key_path, data
            return
        for key, value in data.items():
            if key != "translated_from":
                yield from text_fields(value, key_path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_fields(value, key_path + (index,))


def wanted_languages(data: dict[str, Any], key_path: KeyPath) -> list[str]:
    """The languages a text field should have: all three, except those a citation quotes verbatim."""
    if key_path[-1] == "quote":
        return []
    if key_path[-1] == "translation":
        quote = get_path(data, key_path[:-1] + ("quote",))
        quoted = quote if isinstance(quote, dict) else {}
        return [language for language in LANGUAGES if language not in quoted]
    return list(LANGUAGES)


def missing_texts(data: dict[str, Any], language: str) -> list[KeyPath]:
    """The key paths of the texts that have no version in language."""
    return [key_path + (language,) for key_path, text in text_fields(data)
            if language in wanted_languages(data, key_path) and language not in text]


def original_hash(data: dict[str, Any]) -> str:
    """A short hash of the record's original text: what a translation is made from."""
    original = data.get("written_in")
    texts = []
    for key_path, text in text_fields(data):
        if key_path[-1] == "quote":
            texts.append([list(key_path), sorted(text.items())])
        elif isinstance(original, str) and original in text:
            texts.append([list(key_path), text[original]])
    encoded = json.dumps(texts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:HASH_LENGTH]


def record_states(data: dict[str, Any]) -> dict[str, str]:
    """The state of the record in each language: original, translated, stale, missing or untracked."""
    original = data.get("written_in")
    recorded = data.get("translated_from")
    recorded = recorded if isinstance(recorded, dict) else {}
    current = original_hash(data) if original else None
    states = {}
    for language in LANGUAGES:
        if language == original:
            states[language] = ORIGINAL
        elif missing_texts(data, language):
            states[language] = MISSING
        elif current is None or language not in recorded:
            states[language] = UNTRACKED
        elif recorded[language] != current:
            states[language] = STALE
        else:
            states[language] = TRANSLATED
    return states


def document_states(document: Document) -> dict[str, str]:
    """record_states of a loaded record, worked out once: the validator, the model and the status report all ask."""
    if document.translation_states is None:
        document.translation_states = record_states(document.data)
    return document.translation_states


def get_path(data: Any, key_path: KeyPath) -> Any:
    """The value at key_path, or None where the path does not lead."""
    for part in key_path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def number_differences(data: dict[str, Any], kind: str, languages: tuple[str, ...] | list[str] = LANGUAGES,
                       with_quotes: bool = True) -> Iterator[tuple[KeyPath, Message]]:
    """Each text of a record whose languages give different numbers, and how they differ.

    A quote is the source's own; its translation is compared with it (with_quotes), or left out. A source's
    titles and publishers are copied as the source writes them."""
    if kind == "sources":
        return
    for key_path, text in text_fields(data):
        if key_path[-1] == "quote" or (key_path[-1] == "translation" and not with_quotes):
            continue
        texts = {language: text[language] for language in languages if isinstance(text.get(language), str)}
        if key_path[-1] == "translation":
            quote = get_path(data, key_path[:-1] + ("quote",))
            texts.update(quote if isinstance(quote, dict) else {})  # a malformed quote: the schema reports it
        difference = compare_numbers(texts) if len(texts) > 1 else None
        if difference is not None:
            yield key_path, difference

