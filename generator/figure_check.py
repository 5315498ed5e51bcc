"""Figures checked against their quotes: a fact says no number its sources do not give, and a section's summary
no number its facts do not give.

Every number in a fact's statement, in the language the fact is written in, must
occur in a quote of one of its citations (in whatever language the quote is), or
be listed under the fact's `derived` with how it was worked out from them (a sum,
a difference, a date computed). Every structured value (a number, a total, a part)
must occur in the statement and in a quote, or be listed under `derived` (a figure worked out may stand in the
values only).

A topic's section may open with a summary of its facts. Every number in it, in every language, must be a value of
a fact of the section (a number, a total, a part) or a number in one of their statements: a summary restates, it
adds no figure.

Numbers are read as generator.numbers reads them, and number words count too:
«более 2 тысяч», «двух тысяч», «екі мыңнан астам» and "more than 2,000" all hold 2000.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .errors import Problem
from .load import Document, KeyPath, format_key_path
from .numbers import extract_numbers
from .settings import LIMITS
from .translation import text_fields
from .voice import Message, t

# Cardinal words a statement or a quote may spell out. 'One' is left out in every language: it is more often
# a pronoun or an article ("no one", «бір адам») than a figure; a spelt-out 1 next to a number word is caught below.
_WORDS = {
    "ru": {
        2: "два|две|двух|двум|двумя", 3: "три|трех|трёх|трем|трём|тремя", 4: "четыре|четырех|четырёх|четырем|четырём",
        5: "пять|пяти", 6: "шесть|шести", 7: "семь|семи", 8: "восемь|восьми", 9: "девять|девяти", 10: "десять|десяти",
    },
    "kk": {2: "екі", 3: "үш", 4: "төрт", 5: "бес", 6: "алты", 7: "жеті", 8: "сегіз", 9: "тоғыз", 10: "он"},
    "en": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"},
}
_SCALE = {
    "ru": ("тысяч[аиуе]?|тыс\\.", "миллион[аов]*|млн", "миллиард[аов]*|млрд"),
    "kk": ("мың", "миллион|млн", "миллиард|млрд"),
    "en": ("thousand", "million", "billion"),
}
_FACTORS = (1_000, 1_000_000, 1_000_000_000)
_ORDER = ("kk", "ru", "en")


def _word_pattern(language: str) -> re.Pattern[str]:
    words = "|".join(_WORDS[language].values())
    scales = "|".join(f"({scale})" for scale in _SCALE[language])
    # A word stands alone (no letter around it), and may be followed by a scale word: «двух тысяч», "two thousand".
    return re.compile(rf"(?<![^\W\d_])({words})(?![^\W\d_])(?:[\s\u00a0-]+(?:{scales}))?", re.IGNORECASE)


_WORD_PATTERNS = {language: _word_pattern(language) for language in _WORDS}
_VALUES = {language: {word: number for number, alternatives in words.items() for word in alternatives.split("|")}
           for language, words in _WORDS.items()}


_ADDRESS = re.compile(r"https?://\S+")  # the digits of a web address are not figures
QUOTED_TEXT = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")  # words in quotation marks are cited as the source writes them


# The number of a provision or a document names it, it does not count anything: "Article 172", «статьи 172», «172-бабы»,
# "No. 10", «№ 10».
_PROVISION = {
    "en": re.compile(r"\b(?:Articles?|Art\.|No\.|Nos\.)\s*\d+|№\s*\d+"),
    "ru": re.compile(r"(?<![^\W\d_])(?:[Сс]тать(?:ями|ях|ям|ей|я|и|е|ю)|ст\.)\s*\d+|№\s*\d+"),
    "kk": re.compile(r"\d+-(?:бап|баб)\w*|№\s*\d+"),
}


def extract_figures(text: str, language: str) -> list[Decimal]:
    """Every number in text, written in digits or in words, multiplied out by a following scale word; the numbers of
    provisions and documents are names, not figures."""
    text = _ADDRESS.sub(" ", text)
    text = _PROVISION[language].sub(lambda match: " " * len(match.group()), text) if language in _PROVISION else text
    figures = extract_numbers(text, language)
    for match in _WORD_PATTERNS[language].finditer(text):
        number = Decimal(_VALUES[language][match.group(1).lower()])
        scale = next((index for index in range(3) if match.group(index + 2)), None)
        figures.append(number * _FACTORS[scale] if scale is not None else number)
    return figures


def _number_text(number: Decimal | float | int) -> str:
    return f"{Decimal(str(number)).normalize():f}"


def check_figures(document: Document) -> list[Problem]:
    """The problems of one fact whose statement or values hold a number that its quotes do not give."""
    data = document.data
    statement = data.get("statement")
    if document.kind != "facts" or not isinstance(statement, dict) or not data.get("citations"):
        return []  # a fact without citations is reported as such
    # The original language; a record that does not name it is read in its first language (the numbers of the
    # three are compared with each other elsewhere).
    written_in = data.get("written_in")
    original: str = written_in if written_in in statement else next((code for code in _ORDER if code in statement), "")
    if not isinstance(statement.get(original), str) or not statement[original].strip():
        return []  # an empty statement is reported as empty; there is nothing yet to check its figures against
    problems: list[Problem] = []

    def add(key_path: KeyPath, message: Message) -> None:
        problems.append(Problem(document.locate(key_path), format_key_path(key_path), message))

    quoted = _quoted_figures(data.get("citations", []))
    entries = data.get("derived")
    derived = {Decimal(str(entry["number"])).normalize(): index for index, entry in enumerate(entries if isinstance(entries, list) else [])
               if isinstance(entry, dict) and _is_number(entry.get("number"))}
    stated = {number.normalize() for number in extract_figures(statement[original], original)}
    for number in dict.fromkeys(number.normalize() for number in extract_figures(statement[original], original)):
        if number not in quoted and number not in derived:
            add(("statement", original), _not_quoted(number))
    values = data.get("values")
    for index, value in enumerate(values if isinstance(values, list) else []):
        for key_path, written in _value_figures(value, ("values", index)):
            figure = Decimal(str(written)).normalize()
            if figure in derived:
                continue  # worked out, and said so under derived
            if figure not in stated:
                add(key_path, t("the number {number} is not in the statement ({path}): write the figure in the statement, "
                                "or correct the value", number=_number_text(figure), path=format_key_path(("statement", original))))
            if figure not in quoted and figure not in derived:
                add(key_path, _not_quoted(figure))
    valued = {Decimal(str(written)).normalize() for index, value in enumerate(values if isinstance(values, list) else [])
              for _, written in _value_figures(value, ("values", index))}
    for number, index in derived.items():
        if number in quoted:
            add(("derived", index, "number"), t("the number {number} is in a quote of the fact's citations, so it is not "
                                                "derived: remove it from derived", number=_number_text(number)))
        elif number not in stated and number not in valued:
            add(("derived", index, "number"), t("the number {number} is not in the statement ({path}) nor in the values: "
                                                "remove it from derived, or write it in the statement",
                                                number=_number_text(number), path=format_key_path(("statement", original))))
    return problems


def _not_quoted(number: Decimal) -> Message:
    return t("the number {number} is in no quote of the fact's citations: quote the words of the source that give it, "
             "or list it under derived with how it was worked out", number=_number_text(number))


# The facts placed in each section, as written: {(topic id, section id): [fact data, ...]}.
SectionFacts = Mapping[tuple[str, str], list[dict[str, Any]]]


def check_section_summaries(document: Document, section_facts: SectionFacts) -> list[Problem]:
    """The problems of a topic whose section summary says a number that no fact of the section gives.

    Every language is read (number words included), the original first; each number is reported once, at the
    first language that says it."""
    data = document.data
    if document.kind != "topics" or not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return []
    problems: list[Problem] = []
    for index, section in enumerate(data["sections"]):
        summary = section.get("summary") if isinstance(section, dict) else None
        if not isinstance(summary, dict) or not isinstance(section.get("id"), str):
            continue
        given = _section_figures(section_facts.get((str(data.get("id")), section["id"]), []))
        reported: set[Decimal] = set()
        languages = sorted(summary, key=lambda code: (code != data.get("written_in"), _ORDER.index(code) if code in _ORDER else 3))
        for language in languages:
            text = summary[language]
            if language not in _WORDS or not isinstance(text, str):
                continue
            for number in dict.fromkeys(figure.normalize() for figure in extract_figures(text, language)):
                if number in given or number in reported:
                    continue
                reported.add(number)
                key_path: KeyPath = ("sections", index, "summary", language)
                problems.append(Problem(document.locate(key_path), format_key_path(key_path),
                                        t("the number {number} is in no fact of section '{section}': write only the figures "
                                          "the section's facts give, in a statement or under values",
                                          number=_number_text(number), section=section["id"])))
    return problems


def _section_figures(facts: list[dict[str, Any]]) -> set[Decimal]:
    """Every number the facts of a section give: in their statements, in any language, and under their values."""
    found: set[Decimal] = set()
    for fact in facts:
        statement = fact.get("statement")
        for language, text in (statement.items() if isinstance(statement, dict) else []):
            if language in _WORDS and isinstance(text, str):
                found.update(number.normalize() for number in extract_figures(text, language))
        values = fact.get("values")
        for index, value in enumerate(values if isinstance(values, list) else []):
            found.update(Decimal(str(written)).normalize() for _, written in _value_figures(value, ("values", index)))
    return found


def _quoted_figures(citations: Any) -> set[Decimal]:
    found: set[Decimal] = set()
    for citation in citations if isinstance(citations, list) else []:
        quote = citation.get("quote") if isinstance(citation, dict) else None
        for language, text in (quote.items() if isinstance(quote, dict) else []):
            if language in _WORDS and isinstance(text, str):
                found.update(number.normalize() for number in extract_figures(text, language))
    return found


def _value_figures(value: Any, key_path: KeyPath) -> list[tuple[KeyPath, float | int]]:
    """The figures of a value; what is not a number (a malformed value) is left to the schema's message."""
    if not isinstance(value, dict):
        return []
    parts = value.get("parts")
    figures: list[tuple[KeyPath, Any]] = [(key_path + (name,), value.get(name)) for name in ("number", "total")]
    figures += [(key_path + ("parts", index, "number"), part.get("number") if isinstance(part, dict) else None)
                for index, part in enumerate(parts if isinstance(parts, list) else [])]
    return [(path, number) for path, number in figures if _is_number(number)]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# Four or more digits in a row, not part of a decimal or of a telephone number such as +7-7172-79-88-84.
_UNGROUPED = re.compile(r"(?<![\d.,+-])\d{4,}(?![\d]|-\d)")
_GROUP_SEPARATOR = {"kk": " ", "ru": " ", "en": ","}


def check_number_grouping(document: Document) -> list[Problem]:
    """Figures of four digits and more are written as the values on the same page show them: 6 399 (kk, ru), 6,399 (en).

    A year (1900 to 2099) is written without grouping, so a four-digit figure in that range is left alone;
    quotes, their translations and words in quotation marks keep the source's own writing, and sources are
    copied as they are.
    """
    if document.kind not in ("facts", "topics", "entities") or not isinstance(document.data, dict):
        return []
    problems = []
    for key_path, text in text_fields(document.data):
        if "citations" in key_path:
            continue
        for language, value in text.items():
            if language not in _GROUP_SEPARATOR or not isinstance(value, str):
                continue
            blanked = QUOTED_TEXT.sub(_blank, _ADDRESS.sub(_blank, value))
            for match in _UNGROUPED.finditer(blanked):
                digits = match.group()
                if len(digits) > LIMITS.number_characters:
                    continue  # a run longer than any written figure is an identifier, not a quantity to group
                if len(digits) == 4 and 1900 <= int(digits) <= 2099:
                    continue
                grouped = f"{int(digits):,}".replace(",", _GROUP_SEPARATOR[language])
                path = key_path + (language,)
                problems.append(Problem(document.locate(path), format_key_path(path),
                                        t("'{digits}' is written without grouping its thousands: write '{grouped}', "
                                          "as the figures on the same page show it", digits=digits, grouped=grouped)))
    return problems


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())
