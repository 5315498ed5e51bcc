"""Words and their stems, the same at build time (here) and in the reader's browser (theme/assets/javascripts/search.js).

- Russian: Snowball's Russian stemmer (the `snowballstemmer` package), with ё folded to е first;
- English: Snowball's English stemmer, with British spellings folded to American ones first (-ise → -ize,
  -isation → -ization), so that "radicalisation" and "radicalization" meet;
- Kazakh: Snowball has no Kazakh stemmer, nor has any other library this project could find (lunr-languages,
  Orama, Pagefind, Lucene's analyzers for the browser), so Kazakh has its own rule-based suffix stripper below,
  driven by the table in `search/kk_suffixes.json` that the browser's copy reads too.

A word in Latin letters inside a Kazakh or Russian text (a name, an acronym) is stemmed as English; a word in
Cyrillic inside an English text is only lowercased.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer

KAZAKH_TABLE = Path(__file__).resolve().parent / "search" / "kk_suffixes.json"

# A word is a run of letters or digits; digit groups written with thousands separators ("15 970", "15,970") are one.
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f,](?=\d{3}(?!\d))")
_WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[a-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_BRITISH = re.compile(r"(?<=[a-z]{2})([iy])s(e|ed|es|ing|er|ers|ation|ations)$")


def normalise(text: str) -> str:
    """Lowercase, ё → е (Russian writes both), thousands separators dropped between digits."""
    return _THOUSANDS.sub("", text.lower()).replace("ё", "е")


def words(text: str) -> list[str]:
    """The words of a text, normalised; single letters are left out, single digits kept."""
    return [word for word in _WORD.findall(normalise(text)) if len(word) > 1 or word.isdigit()]


def stem(word: str, language: str) -> str:
    """The stem of one normalised word, as the given language's text holds it."""
    if _LATIN.match(word):
        return _english(word)
    if _CYRILLIC.match(word):
        if language == "ru":
            return _russian(word)
        if language == "kk":
            return kazakh_stem(word)
    return word


@lru_cache(maxsize=65536)
def _english(word: str) -> str:
    return _stemmer("english").stemWord(_BRITISH.sub(r"\1z\2", word))


@lru_cache(maxsize=65536)
def _russian(word: str) -> str:
    return _stemmer("russian").stemWord(word)


@lru_cache(maxsize=2)
def _stemmer(algorithm: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(algorithm)


# --- Kazakh ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def kazakh_table() -> dict:
    return json.loads(KAZAKH_TABLE.read_text(encoding="utf-8"))


@lru_cache(maxsize=65536)
def kazakh_stem(word: str) -> str:
    """Strip a Kazakh word's inflections: personal ending, case, possessive, plural, in that order from the end.

    түрмелерде → түрме, рақымшылыққа → рақымшылық, әйелдеріне → әйел, кітабы → кітап. Each slot takes at most
    one suffix, the longest that fits; what remains keeps at least `min_stem` letters and one vowel. Derivational
    suffixes (-лық, -шы, -сыз) and verb forms are left alone: they make other words, not other forms of one.
    """
    table = kazakh_table()
    vowels = table["vowels"]
    for slot in table["slots"]:
        word = _strip_one(word, slot["suffixes"], vowels, table["min_stem"])
    last = word[-1:]
    return word[:-1] + table["alternations"][last] if last in table["alternations"] else word


def _strip_one(word: str, rules: list[dict], vowels: str, min_stem: int) -> str:
    best = ""
    for rule in rules:
        for suffix in rule["suffix"]:
            if len(suffix) <= len(best) or not word.endswith(suffix):
                continue
            rest = word[: -len(suffix)]
            if len(rest) < max(min_stem, rule.get("stem", 0)) or not any(letter in vowels for letter in rest):
                continue
            after = rule.get("after")
            before = rest[-1]
            if (after == "vowel" and before not in vowels) or (after == "consonant" and before in vowels):
                continue
            if after not in (None, "vowel", "consonant") and before not in after:
                continue
            best = suffix
    return word[: -len(best)] if best else word
