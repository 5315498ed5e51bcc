"""Render the knowledge base into Markdown pages for one language, through Jinja2 templates."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import jinja2
from babel import Locale

from . import LANGUAGES
from .charts import Chart, dated_series, find_charts, render_chart
from .citing import Edition, csl_item, csl_json, permalink
from .i18n import format_long_date, format_number, format_partial_date, load_translations
from .kazakh import with_case
from .markdown_text import MarkdownSource, escape_attribute, finalize_output
from .model import Citation, Entity, Fact, KnowledgeBase, Source, Text, Topic, Value
from .numbers import extract_numbers
from .status import CatalogStatus, catalog_status
from .termbase import glossary_order
from .timeline import TimelineEntry, timeline_entries
from .translation import MISSING, ORIGINAL, STALE, TRANSLATED, UNTRACKED

Record = Fact | Entity | Source | Topic

QUOTE_MARKS = {"kk": ("«", "»"), "ru": ("«", "»"), "en": ("\u201c", "\u201d")}
ENTITY_KINDS = ("person", "organisation", "legal-provision", "legal-act")


@dataclass(frozen=True)
class Page:
    """One Markdown page: its path inside docs/ and its text."""

    path: str
    markdown: str

    @property
    def root(self) -> str:
        """The relative path from this page back to the docs root."""
        return "../" * self.path.count("/")


def render_pages(kb: KnowledgeBase, language: str, edition: Edition) -> list[Page]:
    """Every page of the site in one language."""
    renderer = PageRenderer(kb, language, edition)
    pages = [renderer.render("index.md", "home.md.j2"), renderer.render("methodology.md", "methodology.md.j2"),
             renderer.render("timeline.md", "timeline.md.j2", entries=timeline_entries(kb)),
             renderer.render("data.md", "data.md.j2"), renderer.render("status.md", "status.md.j2"),
             renderer.render("sources/index.md", "bibliography.md.j2"), renderer.render("entities/index.md", "entities.md.j2")]
    pages += [renderer.render(f"topics/{topic.id}.md", "topic.md.j2", topic=topic) for topic in kb.topics]
    pages += [renderer.render(f"sources/{source.id}.md", "source.md.j2", source=source) for source in kb.sources.values()]
    pages += [renderer.render(f"entities/{entity.id}.md", "entity.md.j2", entity=entity) for entity in kb.entities.values()]
    pages.append(renderer.render("glossary.md", "glossary.md.j2", terms=glossary_order(kb.terms.values(), language)))
    return pages


@lru_cache(maxsize=2 * len(LANGUAGES))
def make_environment(language: str, raw_html: bool = False) -> jinja2.Environment:
    """Templates of Markdown pages (escaped for Markdown by finalize) or, with raw_html, of HTML blocks (autoescaped).

    Kept, so that each template is compiled once; after a template or a catalog changes, clear this cache
    (with load_translations', for a catalog)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        extensions=["jinja2.ext.i18n"],
        finalize=None if raw_html else finalize_output,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=not raw_html,
        autoescape=raw_html,  # for Markdown, the finalize hook escapes, which HTML autoescaping cannot do
        auto_reload=False,  # no file check at every include; the preview clears this cache when a template changes
    )
    environment.install_gettext_translations(load_translations(language), newstyle=True)  # type: ignore[attr-defined]
    environment.filters["svg"] = svg_number
    return environment


def svg_number(number: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros, the same on every machine: 66.48, 470."""
    return f"{number:.2f}".rstrip("0").rstrip(".")


class PageRenderer:
    """Renders pages in one language; its methods are the helpers templates call."""

    def __init__(self, kb: KnowledgeBase, language: str, edition: Edition) -> None:
        self.kb = kb
        self.language = language
        self.edition = edition
        self.translations = load_translations(language)
        self.environment = make_environment(language)
        self.html_environment = make_environment(language, raw_html=True)
        self.locale = Locale.parse(language)
        self.page: Page | None = None
        self.note_numbers: dict[str, int] = {}
        self._source_labels: dict[str, MarkdownSource] = {}

    def render(self, path: str, template: str, **context: object) -> Page:
        self.page = Page(path, "")
        topic = context.get("topic")
        # A topic page defines its footnotes fact by fact, and Markdown numbers them in that order.
        citations = [citation for fact in topic.facts for citation in fact.citations] if isinstance(topic, Topic) else []
        self.note_numbers = {citation.label: number for number, citation in enumerate(citations, start=1)}
        markdown = self.environment.get_template(template).render(
            kb=self.kb, lang=self.language, root=MarkdownSource(self.page.root), r=self, **context)
        return Page(path, markdown)

    # --- text -----------------------------------------------------------------

    def text(self, value: Text | None) -> str:
        return text_in(value, self.language)

    def body(self, value: Text, record: Record) -> MarkdownSource:
        """A record's running text in the page's language; until it is translated, the original, marked with its lang."""
        if self.language in value:
            return MarkdownSource(finalize_output(value[self.language]))
        language = self.shown_language(value, record)
        return MarkdownSource(f'<span lang="{language}">{finalize_output(value[language])}</span>')

    @staticmethod
    def shown_language(value: Text, record: Record) -> str:
        """The language a missing translation falls back to: the record's original, else the first there is."""
        original = record.translation.original
        return original if original in value else next(code for code in LANGUAGES if code in value)

    def translation_note(self, record: Record) -> MarkdownSource:
        """A visible note on a record whose translation into the page's language is missing or out of date."""
        state = record.translation.state(self.language)
        original = record.translation.original or ""
        name = self.language_name(original) if original else ""
        if state == MISSING:
            note = self.gettext("Not yet translated: part of this text is shown in the original language (%(language)s).")
        elif state == STALE:
            note = self.gettext("The original text (%(language)s) has changed since this translation was made; "
                                "the translation may be out of date.")
        else:
            return MarkdownSource("")
        return MarkdownSource(f'<p class="kb-translation-note" role="note">{finalize_output(note % {"language": name})}</p>')

    def quoted(self, text: str, language: str) -> MarkdownSource:
        """The quote in the page language's quotation marks; a quote in another language gets its own lang."""
        opening, closing = QUOTE_MARKS[self.language]
        inner = finalize_output(text)
        if language != self.language:
            return MarkdownSource(f'{opening}<span lang="{language}">{inner}</span>{closing}')
        return MarkdownSource(f"{opening}{inner}{closing}")

    def language_name(self, code: str) -> str:
        """The language's name as the page's language writes it mid-sentence: 'English', 'английский'."""
        return self.locale.languages.get(code, code)

    def number(self, number: float | int) -> str:
        return format_number(number, self.language)

    def date(self, value: str) -> str:
        return format_partial_date(value, self.language)

    @staticmethod
    def separator() -> MarkdownSource:
        """Between two footnote references, so that 1 and 2 do not read as 12."""
        return MarkdownSource('<sup class="kb-separator">,</sup>')

    # --- links ----------------------------------------------------------------

    def link(self, text: str, target: str) -> MarkdownSource:
        """A Markdown link with escaped text (unless it is MarkdownSource); target is a path from the docs root."""
        return MarkdownSource(f"[{finalize_output(text)}]({self.page.root if self.page else ''}{target})")

    def raw_link(self, text: str, target: str) -> MarkdownSource:
        """A link outside this language's build (MkDocs would refuse it as a Markdown link), relative to the page."""
        href = escape_attribute(f"{self.page.root if self.page else ''}{target}")
        return MarkdownSource(f'<a href="{href}">{finalize_output(text)}</a>')

    def external_link(self, url: str, text: str | None = None) -> MarkdownSource:
        label = finalize_output(text if text is not None else url)
        return MarkdownSource(f'<a href="{escape_attribute(url)}" class="kb-external">{label}</a>')

    def fact_target(self, fact: Fact) -> str:
        return f"topics/{fact.home_topic_id}.md#{fact.id}"

    def fact_link(self, fact: Fact, current_topic: str | None = None) -> MarkdownSource:
        return self.fact_link_text(self.shorten(self.text(fact.statement)), fact, current_topic)

    def fact_link_text(self, text: str, fact: Fact, current_topic: str | None = None) -> MarkdownSource:
        """A link to the fact: its anchor on this page when the current topic shows it, else its home topic page."""
        if fact.home_topic_id == current_topic or current_topic in [topic for topic, _ in fact.placements]:
            return MarkdownSource(f"[{finalize_output(text)}](#{fact.id})")
        return self.link(text, self.fact_target(fact))

    @staticmethod
    def key_figure(fact: Fact) -> Value | None:
        """What a key figure shows: the latest figure of a dated series, else the fact's first number or total."""
        series = dated_series([value for value in fact.values if value.kind in ("number", "total")])
        if series:
            return series[-1]
        return next((value for value in fact.values if value.kind in ("number", "total")), None)

    @staticmethod
    def first_sentence(text: str) -> str:
        match = re.match(r"(.+?[.!?])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"“(])", text)
        return match.group(1) if match else text

    @staticmethod
    def shorten(text: str, limit: int = 90) -> str:
        if len(text) <= limit:
            return text
        return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:—–-") + "…"

    def html_link(self, target: str) -> str:
        """A Markdown path from the docs root as the built page's link from the current page, for raw HTML,
        whose links MkDocs does not rewrite: 'topics/amnesty.md#x' -> '../topics/amnesty.html#x'."""
        path, hash_sign, fragment = target.partition("#")
        if path.endswith(".md"):
            path = path.removesuffix(".md") + ".html"
        return f"{self.page.root if self.page else ''}{path}{hash_sign}{fragment}"

    # --- charts, citing the fact, the timeline --------------------------------

    def charts(self, fact: Fact) -> list[Chart]:
        return find_charts(fact)

    def charted(self, fact: Fact) -> list[Value]:
        """The values a chart and its table show; the fact's list leaves them out."""
        return [value for chart in find_charts(fact) for value in chart.values]

    def chart(self, chart: Chart) -> MarkdownSource:
        return MarkdownSource(render_chart(chart, self))

    def cite(self, fact: Fact) -> MarkdownSource:
        """A collapsed block with the fact's ready citation and its CSL-JSON."""
        statement = self.text(fact.statement)
        item = csl_item(fact, self.language, self.edition, self.gettext("Penal policy of Kazakhstan"), statement)
        block = self.html_environment.get_template("cite.html.j2").render(
            fact=fact, r=self, statement=statement, link=permalink(fact, self.language, self.edition),
            href=self.html_link(self.fact_target(fact)), accessed=format_long_date(self.edition.access_date, self.language),
            csl=csl_json([item]).rstrip("\n"), quote_marks=QUOTE_MARKS[self.language])
        return MarkdownSource(block.strip())

    def time(self, value: str) -> MarkdownSource:
        """A date as precise as its source, in a <time> element that machines read."""
        return MarkdownSource(f'<time datetime="{escape_attribute(value)}">{html.escape(self.date(value))}</time>')

    def timeline_date(self, entry: TimelineEntry) -> MarkdownSource:
        """The entry's date in bold; a period as a range."""
        if entry.end:
            return MarkdownSource(f"**{self.time(entry.start)}–{self.time(entry.end)}**")
        return MarkdownSource(f"**{self.time(entry.start)}**")

    def note_number(self, citation: Citation) -> int | None:
        """The number Markdown gives the citation's footnote on the current page, if it is on it."""
        return self.note_numbers.get(citation.label)

    def citations_for(self, fact: Fact, *numbers: float | int) -> list[Citation]:
        """The citations whose quote holds one of the numbers; all of the fact's citations when none does."""
        wanted = {Decimal(str(number)) for number in numbers}
        matching = [citation for citation in fact.citations
                    if any(wanted & set(extract_numbers(text, language)) for language, text in citation.quote.items())]
        return matching or fact.citations

    # --- sources and citations ------------------------------------------------

    def title(self, source: Source, language: str) -> MarkdownSource:
        """A title as the source gives it, in quotation marks; a title we supplied, in square brackets."""
        if source.title_supplied:
            return MarkdownSource(f"\\[{finalize_output(source.title[language])}\\]")
        return self.quoted(source.title[language], language)

    def source_label(self, source: Source) -> MarkdownSource:
        """Publisher, author, title, date: how a footnote names its source (made once per source and language)."""
        label = self._source_labels.get(source.id)
        if label is None:
            label = self._source_labels[source.id] = self._make_source_label(source)
        return label

    def _make_source_label(self, source: Source) -> MarkdownSource:
        """Publisher, author, title, date: how a footnote names its source.

        The title is the source's own; on a page in another language its translation follows in brackets.
        """
        parts = [finalize_output(self.text(source.publisher))]
        if source.author:
            parts.append(finalize_output(self.text(source.author)))
        original = self.language if self.language in source.languages else source.languages[0]
        if original == self.language or self.language not in source.title:
            title = self.title(source, original)
        elif source.title_supplied:  # a description we wrote: give it in the reader's language
            title = self.title(source, self.language)
        else:
            title = MarkdownSource(f"{self.title(source, original)} \\[{finalize_output(source.title[self.language])}\\]")
        parts.append(title)
        parts.append(finalize_output(self.date(source.date) if source.date else self.gettext("date not given")))
        return MarkdownSource(", ".join(parts))

    def sorted_entities(self, kind: str) -> list[Entity]:
        """Entities of one kind in the page language's alphabetical order; 'Article 78' before 'Article 172'."""
        members = [entity for entity in self.kb.entities.values() if entity.kind == kind]
        return sorted(members, key=lambda entity: natural_key(self.text(entity.name)))

    def quote_language(self, citation: Citation) -> str:
        """Show the quote in the page's language when the source has it, else in the source's first language."""
        if self.language in citation.quote:
            return self.language
        return next(language for language in citation.source.languages if language in citation.quote)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    # --- translation status ---------------------------------------------------

    def translation_counts(self, language: str) -> dict[str, int]:
        """How many records are original, translated (or untracked), stale and missing in language."""
        counts = dict.fromkeys((ORIGINAL, TRANSLATED, STALE, MISSING), 0)
        for _, record in self.records():
            state = record.translation.state(language)
            counts[TRANSLATED if state == UNTRACKED else state] += 1
        return counts

    @staticmethod
    def languages() -> tuple[str, ...]:
        return LANGUAGES

    def all_translation_counts(self) -> dict[str, dict[str, int]]:
        return {language: self.translation_counts(language) for language in LANGUAGES}

    def translation_tasks(self, language: str) -> list[tuple[Record, str, str]]:
        """(record, its state, its page) for every record whose translation into language is missing or stale."""
        return [(record, record.translation.state(language), target) for target, record in self.records()
                if record.translation.state(language) in (MISSING, STALE)]

    def records(self) -> list[tuple[str, Record]]:
        """Every record with the page that shows it."""
        kb = self.kb
        found: list[tuple[str, Record]] = [(f"topics/{topic.id}.md", topic) for topic in kb.topics]
        found += [(self.fact_target(fact), fact) for fact in kb.facts.values()]
        found += [(f"sources/{source.id}.md", source) for source in kb.sources.values()]
        found += [(f"entities/{entity.id}.md", entity) for entity in kb.entities.values()]
        return found

    def record_name(self, record: Record) -> str:
        original = record.translation.original
        if isinstance(record, Fact):
            return self.shorten(text_in(record.statement, self.language, original))
        if isinstance(record, Entity):
            return text_in(record.name, self.language, original)
        return text_in(record.title, self.language, original)

    @staticmethod
    def catalog(language: str) -> CatalogStatus:
        return catalog_status(language)

    # --- values ---------------------------------------------------------------

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
        if self.language == "kk" and qualifier in KAZAKH_CASES:
            quantity = with_case(quantity, KAZAKH_CASES[qualifier])
        return qualifier_text(self.translations.gettext, qualifier) % {"value": quantity}

    def quantity(self, number: float | int, unit: str | None) -> str:
        formatted = self.number(number)
        if unit is None:
            return formatted
        return unit_text(self.translations.ngettext, unit, number, formatted)

    def parts_sum(self, value: Value) -> str:
        return self.number(sum(part.number for part in value.parts))

    def entity_kind(self, kind: str, count: int = 1) -> str:
        return entity_kind_label(self.translations.ngettext, kind, count)

    def source_kind(self, kind: str) -> str:
        return source_kind_label(self.translations.gettext, kind)


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


def text_in(value: Text | None, language: str, fallback: str | None = None) -> str:
    """The text in language; if its translation is missing, the text in fallback (the original), else in any language."""
    if not value:
        return ""
    if language in value:
        return value[language]
    if fallback in value:
        return value[fallback]
    return next(value[code] for code in LANGUAGES if code in value)


def natural_key(text: str) -> list[tuple[int, int | str]]:
    """Sort key that orders numbers by value and text without case: 'Article 78' < 'Article 172'."""
    return [(0, int(part)) if part.isdigit() else (1, part.casefold()) for part in re.split(r"(\d+)", text) if part]


# Kazakh puts 'more than', 'older than' and 'up to' after the number, with a case ending on its last word.
KAZAKH_CASES = {"more-than": "ablative", "older-than": "ablative", "up-to": "dative"}


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
