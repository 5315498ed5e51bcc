"""Words in one language: texts, numbers, dates, values with their units and qualifiers, labels, interface messages.

Pages, charts, open data and the timeline all word things through a Wording, so a figure reads the
same everywhere: '2 000 адамнан астам' on a page, in a chart's description and in the CSV. Nothing
here knows about Markdown or HTML; the page renderer builds on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from babel import Locale

from .citing import Edition
from .i18n import format_number, format_partial_date, load_translations
from .kazakh import with_case
from .languages import LANGUAGES
from .languages import language as language_row
from .model import Citation, Entity, Fact, KnowledgeBase, Source, Text, Topic, Value

Record = Fact | Entity | Source | Topic


class Wording:
    """How one language words the knowledge base."""

    def __init__(self, kb: KnowledgeBase, language: str, edition: Edition) -> None:
        self.kb = kb
        self.language = language
        self.edition = edition
        self.row = language_row(language)
        self.translations = load_translations(language)
        self.locale = Locale.parse(language)
        self.site_title = edition.title[language]

    # --- texts ------------------------------------------------------------------

    def text(self, value: Text | None) -> str:
        return text_in(value, self.language)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    @staticmethod
    def shown_language(value: Text, record: Record) -> str:
        """The language a missing translation falls back to: the record's original, else the first there is."""
        original = record.translation.original
        return original if original in value else next(code for code in LANGUAGES if code in value)

    def quote_language(self, citation: Citation) -> str:
        """Show the quote in the page's language when the source has it, else in the source's first language."""
        if self.language in citation.quote:
            return self.language
        return next(language for language in citation.source.languages if language in citation.quote)

    def language_name(self, code: str) -> str:
        """The language's name as this language writes it mid-sentence: 'English', 'английский'."""
        return self.locale.languages.get(code, code)

    @staticmethod
    def shorten(text: str, limit: int = 90) -> str:
        return shorten(text, limit)

    def record_name(self, record: Record) -> str:
        original = record.translation.original
        if isinstance(record, Fact):
            return shorten(text_in(record.statement, self.language, original))
        if isinstance(record, Entity):
            return text_in(record.name, self.language, original)
        return text_in(record.title, self.language, original)

    def primary_source(self, fact: Fact) -> str:
        """The fact's first source as plain text: 'Lada.kz, “Title”, 11 January 2026' (a title we supplied in brackets)."""
        source = fact.citations[0].source
        opening, closing = self.row.quote_marks
        original = self.language if self.language in source.languages else source.languages[0]
        title = source.title.get(original) or self.text(source.title)
        parts = [self.text(source.publisher)]
        if source.author:
            parts.append(self.text(source.author))
        parts.append(f"[{self.text(source.title)}]" if source.title_supplied else f"{opening}{title}{closing}")
        parts.append(self.date(source.date) if source.date else self.gettext("date not given"))
        return ", ".join(parts)

    # --- numbers, dates and values ------------------------------------------------

    def number(self, number: float | int) -> str:
        return format_number(number, self.language)

    def date(self, value: str) -> str:
        return format_partial_date(value, self.language)

    def value_text(self, value: Value) -> str:
        if value.kind == "date" and value.date:
            return self.date(value.date)
        if value.kind == "period" and value.period:
            return f"{self.date(value.period[0])}–{self.date(value.period[1])}"
        assert value.number is not None
        return self.qualified(self.quantity(value.number, value.unit), value.qualifier)

    def qualified(self, quantity: str, qualifier: str | None) -> str:
        """'more than 2,000 people', 'более 2 000 человек', '2 000 адамнан астам'."""
        if qualifier is None:
            return quantity
        if qualifier in self.row.qualifier_cases:
            quantity = with_case(quantity, self.row.qualifier_cases[qualifier])
        return qualifier_text(self.translations.gettext, qualifier) % {"value": quantity}

    def quantity(self, number: float | int, unit: str | None) -> str:
        formatted = self.number(number)
        if unit is None:
            return formatted
        return unit_text(self.translations.ngettext, unit, number, formatted)

    def parts_sum(self, value: Value) -> str:
        return self.number(sum(part.number for part in value.parts))

    # --- labels -------------------------------------------------------------------

    def entity_kind(self, kind: str, count: int = 1) -> str:
        return entity_kind_label(self.translations.ngettext, kind, count)

    def source_kind(self, kind: str) -> str:
        return source_kind_label(self.translations.gettext, kind)


def text_in(value: Text | None, language: str, fallback: str | None = None) -> str:
    """The text in language; if its translation is missing, the text in fallback (the original), else in any language."""
    if not value:
        return ""
    if language in value:
        return value[language]
    if fallback in value:
        return value[fallback]
    return next(value[code] for code in LANGUAGES if code in value)


def shorten(text: str, limit: int = 90) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:—–-") + "…"


def natural_key(text: str) -> list[tuple[int, int, str]]:
    """Sort key that orders numbers by value and text without case: 'Article 78' < 'Article 172'.

    A run of digits 0-9 compares by its length without leading zeros, then its digits: no int(), so that
    neither a superscript ('15²', a digit to str.isdigit but not to int) nor a run of any length can fail.
    """
    key = []
    for part in re.split(r"([0-9]+)", text):
        if part:
            digits = part.lstrip("0") if part.isascii() and part.isdigit() else None
            key.append((0, len(digits), digits) if digits is not None else (1, 0, part.casefold()))
    return key


def unit_text(ngettext: Callable[[str, str, int], str], unit: str, number: float | int, formatted: str) -> str:
    """'141 cases', '141 дело', '141 іс': the number with its unit, in the right plural form.

    Each form is a lambda, so that only the one asked for is translated; the literal calls stay for extraction.
    """
    count = int(number) if float(number).is_integer() else 5  # a fraction takes the plural form
    forms = {
        "case": lambda: ngettext("%(num)s case", "%(num)s cases", count),
        "person": lambda: ngettext("%(num)s person", "%(num)s people", count),
        "woman": lambda: ngettext("%(num)s woman", "%(num)s women", count),
        "man": lambda: ngettext("%(num)s man", "%(num)s men", count),
        "child": lambda: ngettext("%(num)s child", "%(num)s children", count),
        "pregnant-woman": lambda: ngettext("%(num)s pregnant woman", "%(num)s pregnant women", count),
        "mother": lambda: ngettext("%(num)s mother", "%(num)s mothers", count),
        "submission": lambda: ngettext("%(num)s submission", "%(num)s submissions", count),
        "crime": lambda: ngettext("%(num)s offence", "%(num)s offences", count),
        "tenge": lambda: ngettext("%(num)s tenge", "%(num)s tenge", count),
        "tenge-per-day": lambda: ngettext("%(num)s tenge a day", "%(num)s tenge a day", count),
        "tenge-per-year": lambda: ngettext("%(num)s tenge a year", "%(num)s tenge a year", count),
        "year": lambda: ngettext("%(num)s year", "%(num)s years", count),
        "age": lambda: ngettext("%(num)s year old", "%(num)s years old", count),
        "times": lambda: ngettext("%(num)s-fold", "%(num)s-fold", count),
        "school-student": lambda: ngettext("%(num)s pupil", "%(num)s pupils", count),
    }
    return forms[unit]() % {"num": formatted}


def qualifier_text(gettext: Callable[[str], str], qualifier: str) -> str:
    texts = {
        "more-than": lambda: gettext("more than %(value)s"),
        "about": lambda: gettext("about %(value)s"),
        "at-least": lambda: gettext("at least %(value)s"),
        "up-to": lambda: gettext("up to %(value)s"),
        "older-than": lambda: gettext("older than %(value)s"),
    }
    return texts[qualifier]()


def entity_kind_label(ngettext: Callable[[str, str, int], str], kind: str, count: int) -> str:
    labels = {
        "person": lambda: ngettext("Person", "People", count),
        "organisation": lambda: ngettext("Organisation", "Organisations", count),
        "legal-provision": lambda: ngettext("Legal provision", "Legal provisions", count),
        "legal-act": lambda: ngettext("Legal act", "Legal acts", count),
    }
    return labels[kind]()


def source_kind_label(gettext: Callable[[str], str], kind: str) -> str:
    labels = {
        "news-report": lambda: gettext("News report"),
        "official-letter": lambda: gettext("Official letter"),
        "press-release": lambda: gettext("Press release"),
        "briefing": lambda: gettext("Briefing"),
    }
    return labels[kind]()
