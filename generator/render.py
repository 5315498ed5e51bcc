"""Render the knowledge base into Markdown pages for one language, through Jinja2 templates."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import jinja2
from babel.units import format_unit

from .charts import Chart, chart_figure, chart_title, find_charts
from .citing import Edition, csl_item, csl_json, permalink
from .i18n import format_long_date, load_translations
from .languages import LANGUAGES
from .markdown_text import MarkdownSource, escape_attribute, finalize_output
from .model import Citation, Entity, Fact, KnowledgeBase, Source, Text, Topic, Value
from .open_data import DATA_FOLDER, chart_csv_name, language_files, site_charts
from .pages import SITE_PAGES, Record, handout_path, html_path, page_path
from .provenance import Provenance
from .status import CatalogStatus, catalog_status
from .structured_data import StructuredData
from .termbase import glossary_order
from .timeline import TimelineEntry, timeline_entries
from .translation import MISSING, ORIGINAL, STALE, TRANSLATED, UNTRACKED
from .wording import Wording, natural_key


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
    """Every page of the site in one language: the site's own pages, then one for each topic, source and entity."""
    renderer = PageRenderer(kb, language, edition)
    pages = [renderer.render(page.path, page.template) for page in SITE_PAGES]
    pages += [renderer.render(page_path(topic), "topic.md.j2", topic=topic) for topic in kb.topics]
    pages += [renderer.render(handout_path(topic), "handout.md.j2", topic=topic, handout=True) for topic in kb.topics]
    pages += [renderer.render(page_path(source), "source.md.j2", source=source) for source in kb.sources.values()]
    pages += [renderer.render(page_path(entity), "entity.md.j2", entity=entity) for entity in kb.entities.values()]
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


def format_decimal_size(size: int, language: str) -> str:
    """A file size in kilobytes, rounded up, with the unit of the language: '84 kB', '84 КБ'."""
    kilobytes = -(-size // 1000)
    return format_unit(kilobytes, "digital-kilobyte", length="short", locale=language)


def css_string(text: str) -> str:
    """Text as a quoted CSS string; every character but ASCII letters and digits as a six-digit hex escape."""
    # A space after an escape would be read as the escape's end, so spaces are escaped too.
    return '"' + "".join(char if char.isascii() and char.isalnum() else f"\\{ord(char):06x}" for char in text) + '"'


def svg_number(number: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros, the same on every machine: 66.48, 470."""
    return f"{number:.2f}".rstrip("0").rstrip(".")


# '15 970', '№ 10': a figure grouped with a space, or a number sign and its number, never broken across two lines.
# Only on pages: open data, the search index and the feed keep the texts as they are written.
_BREAKABLE_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=№) (?=\S)")


def keep_together(text: str) -> str:
    return _BREAKABLE_SPACE.sub("\u00a0", text)


class PageRenderer(Wording):
    """Renders pages in one language: its wording, and the Markdown and HTML helpers templates call."""

    def __init__(self, kb: KnowledgeBase, language: str, edition: Edition) -> None:
        super().__init__(kb, language, edition)
        self.environment = make_environment(language)
        self.html_environment = make_environment(language, raw_html=True)
        self.page: Page | None = None
        self.note_numbers: dict[str, int] = {}
        self._fact_blocks: dict[tuple[str, str, str], MarkdownSource] = {}
        self.handout_notes: dict[tuple[str, str], tuple[int, Citation]] = {}
        self._sources_given_in_full: set[str] = set()
        self._source_labels: dict[str, MarkdownSource] = {}
        self.provenance = Provenance(self)  # dates, "report an error", links into the originals, what changed
        self.structured_data = StructuredData(self)  # JSON-LD for the page's head

    def render(self, path: str, template: str, **context: object) -> Page:
        self.page = Page(path, "")
        topic = context.get("topic")
        # A topic page defines its footnotes fact by fact, and Markdown numbers them in that order.
        citations = [citation for fact in topic.facts for citation in fact.citations] if isinstance(topic, Topic) else []
        self.note_numbers = {citation.label: number for number, citation in enumerate(citations, start=1)}
        self._sources_given_in_full = set()
        self.handout_notes = {}
        if context.get("handout"):
            # A handout numbers its notes by source and place in it, so that forty facts from one report share a few.
            for citation in citations:
                key = self._handout_note_key(citation)
                if key not in self.handout_notes:
                    self.handout_notes[key] = (len(self.handout_notes) + 1, citation)
            self.note_numbers = {citation.label: self.handout_notes[self._handout_note_key(citation)][0]
                                 for citation in citations}
        markdown = self.environment.get_template(template).render(
            kb=self.kb, lang=self.language, root=MarkdownSource(self.page.root), r=self, **context)
        return Page(path, markdown)

    # --- text -----------------------------------------------------------------

    def body(self, value: Text, record: Record) -> MarkdownSource:
        """A record's running text in the page's language; until it is translated, the original, marked with its lang."""
        if self.language in value:
            return MarkdownSource(keep_together(finalize_output(value[self.language])))
        language = self.shown_language(value, record)
        return MarkdownSource(f'<span lang="{language}">{keep_together(finalize_output(value[language]))}</span>')

    def text(self, value: Text | None) -> str:
        """A text on a page: as Wording words it, with its figures kept on one line."""
        return keep_together(super().text(value))

    def fact_block(self, fact: Fact, topic: Topic) -> MarkdownSource:
        """The fact as a topic page shows it: statement, figures, charts, notes and footnotes.

        Rendered once per fact, topic and language and kept for every page that shows it: its links and its
        footnote numbers belong to the topic's page."""
        key = (fact.id, topic.id, self.page.root if self.page else "")
        block = self._fact_blocks.get(key)
        if block is None:
            markdown = self.environment.get_template("_fact.md.j2").render(
                fact=fact, topic=topic, kb=self.kb, lang=self.language, root=MarkdownSource(key[2]), r=self)
            block = self._fact_blocks[key] = MarkdownSource(markdown)
        return block

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
        opening, closing = self.row.quote_marks
        inner = finalize_output(text)
        if language != self.language:
            return MarkdownSource(f'{opening}<span lang="{language}">{inner}</span>{closing}')
        return MarkdownSource(f"{opening}{inner}{closing}")

    @staticmethod
    def attribute(text: str) -> MarkdownSource:
        """Text for raw HTML that Markdown does not read (an attribute, an <option>): escaped for HTML, not Markdown."""
        return MarkdownSource(escape_attribute(text))

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
        """A link out of the site; one whose text is its address is marked, so that print does not write it twice."""
        label = finalize_output(text if text is not None else url)
        classes = "kb-external" if text is not None else "kb-external kb-external--bare"
        return MarkdownSource(f'<a href="{escape_attribute(url)}" class="{classes}">{label}</a>')

    @staticmethod
    def page_path(record: Record) -> str:
        return page_path(record)

    @staticmethod
    def handout_path(topic: Topic) -> str:
        return handout_path(topic)

    def fact_link(self, fact: Fact, current_topic: str | None = None) -> MarkdownSource:
        return self.fact_link_text(self.shorten(self.text(fact.statement)), fact, current_topic)

    def fact_link_text(self, text: str, fact: Fact, current_topic: str | None = None) -> MarkdownSource:
        """A link to the fact: its anchor on this page when the current topic shows it, else its home topic page."""
        if fact.home_topic_id == current_topic or current_topic in [topic for topic, _ in fact.placements]:
            return MarkdownSource(f"[{finalize_output(text)}](#{fact.id})")
        return self.link(text, page_path(fact))

    @staticmethod
    def key_figure(fact: Fact) -> Value | None:
        return fact.key_figure

    @staticmethod
    def first_sentence(text: str) -> str:
        match = re.match(r"(.+?[.!?])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"“(])", text)
        return match.group(1) if match else text

    def html_link(self, target: str) -> str:
        """A Markdown path from the docs root as the built page's link from the current page, for raw HTML,
        whose links MkDocs does not rewrite: 'topics/amnesty.md#x' -> '../topics/amnesty.html#x'."""
        return f"{self.page.root if self.page else ''}{html_path(target)}"

    # --- charts, citing the fact, the timeline --------------------------------

    def charts(self, fact: Fact) -> list[Chart]:
        return find_charts(fact)

    def charted(self, fact: Fact) -> list[Value]:
        """The values a chart and its table show; the fact's list leaves them out."""
        return [value for chart in find_charts(fact) for value in chart.values]

    def chart(self, chart: Chart) -> MarkdownSource:
        """The chart as one raw HTML <figure>: the SVG (titled and described for screen readers), its caption, its table
        and a link to its figures as CSV in this language's open data."""
        html_text = self.html_environment.get_template("chart.html.j2").render(
            figure=chart_figure(chart, self), r=self, csv_href=self.html_link(self.chart_csv_path(chart)),
            csv_download=self.chart_csv_download(chart))
        return MarkdownSource(html_text.strip())

    @staticmethod
    def chart_csv_path(chart: Chart) -> str:
        """The chart's CSV from the docs root: 'data/charts/<chart id>.csv'."""
        return f"{DATA_FOLDER}/{chart_csv_name(chart)}"

    def chart_csv_download(self, chart: Chart) -> str:
        """The name a download of the chart's CSV is saved under: the chart's id and the page's language."""
        return f"{chart.id}-{self.language}.csv"

    def chart_downloads(self) -> list[tuple[Chart, str, str, Topic]]:
        """Every chart of the site, in page order, with its title in this language, the size of its CSV and the topic
        whose page draws it."""
        sizes = self.data_file_sizes()
        return [(chart, chart_title(chart, self), sizes[chart_csv_name(chart)], self.kb.topic(chart.fact.home_topic_id))
                for chart in site_charts(self.kb)]

    def cite(self, fact: Fact) -> MarkdownSource:
        """'Cite this fact': the citation with the fact's address (or, offline, its place in the copy), its primary
        source and the access date, a copy button that the page's script shows, and the CSL-JSON."""
        statement = self.text(fact.statement)
        edition = self.edition
        # The CSL-JSON is data to copy into a reference manager: the statement as written, plain spaces and all.
        item = csl_item(fact, self.language, edition, self.site_title, Wording.text(self, fact.statement))
        block = self.html_environment.get_template("cite.html.j2").render(
            fact=fact, r=self, statement=statement, link=permalink(fact, self.language, edition), online=bool(edition.base_url),
            href=self.html_link(page_path(fact)), source=self.primary_source(fact).removesuffix("."),  # '2026 г.' ends a sentence
            accessed=format_long_date(edition.access_date, self.language), accessed_iso=edition.access_date.isoformat(),
            csl=csl_json([item]).rstrip("\n"), quote_marks=self.row.quote_marks)
        return MarkdownSource(block.strip())

    def data_file_sizes(self) -> dict[str, str]:
        """The size of each open-data file of this language, as a reader reads it: '84 kB'."""
        _, files = language_files(self.kb, self.language, self.edition)
        return {name: format_decimal_size(len(data), self.language) for name, data in files.items()}

    def time(self, value: str) -> MarkdownSource:
        """A date as precise as its source, in a <time> element that machines read."""
        return MarkdownSource(f'<time datetime="{escape_attribute(value)}">{html.escape(self.date(value))}</time>')

    def glossary_terms(self) -> list:
        """The terms in the page language's alphabetical order."""
        return glossary_order(self.kb.terms.values(), self.language)

    def timeline_entries(self) -> list[TimelineEntry]:
        return timeline_entries(self.kb)

    def timeline_date(self, entry: TimelineEntry) -> MarkdownSource:
        """The entry's date in bold; a period as a range."""
        if entry.end:
            return MarkdownSource(f"**{self.time(entry.start)}–{self.time(entry.end)}**")
        return MarkdownSource(f"**{self.time(entry.start)}**")

    home_country = "KZ"  # the knowledge base's own country: its entries stand out on the timeline

    def country_name(self, code: str) -> str:
        """A country's name in the page's language, from its ISO 3166-1 code: 'Kazakhstan', 'Казахстан'."""
        return self.locale.territories.get(code, code)

    def timeline_countries(self) -> list[str]:
        """The countries of the timeline's entries, the knowledge base's own first, then in alphabetical order."""
        codes = {entry.fact.country for entry in timeline_entries(self.kb) if entry.fact.country}
        return sorted(codes, key=lambda code: (code != self.home_country, natural_key(self.country_name(code))))

    def date_role(self, role: str) -> str:
        return {"publication": self.gettext("date of publication"),
                "as-of": self.gettext("figures as of this date")}.get(role, self.gettext("event"))

    def note_number(self, citation: Citation) -> int | None:
        """The number Markdown gives the citation's footnote on the current page, if it is on it."""
        return self.note_numbers.get(citation.label)

    def note_href(self, citation: Citation) -> str:
        """Where a link to the citation's note goes: the footnote on a topic page, the numbered note on a handout."""
        if self.handout_notes:
            return f"#note-{self.note_numbers[citation.label]}"
        return f"#fn:{citation.label}"

    # --- handouts and print ---------------------------------------------------

    def _handout_note_key(self, citation: Citation) -> tuple[str, str]:
        return citation.source.id, self.text(citation.locator) if citation.locator else ""

    def fact_note_numbers(self, fact: Fact) -> list[int]:
        """The handout's note numbers of a fact's citations, each once, in order."""
        return sorted({self.note_numbers[citation.label] for citation in fact.citations})

    def handout_note_list(self) -> list[tuple[int, Citation]]:
        return sorted(self.handout_notes.values(), key=lambda item: item[0])

    def handout_sources(self, topic: Topic) -> list[Source]:
        """The sources a topic's facts cite, in the order they are first cited."""
        found: dict[str, Source] = {}
        for fact in topic.facts:
            for citation in fact.citations:
                found.setdefault(citation.source.id, citation.source)
        return list(found.values())

    def edition_date(self) -> str:
        """The date of the content version the pages were built from, in the page's language."""
        return format_long_date(self.edition.access_date, self.language)

    def address(self, target: str) -> str:
        """A page's address: under the base URL when one is configured, else its path from the site's root."""
        path = f"{self.language}/{html_path(target)}"
        return f"{self.edition.base_url.rstrip('/')}/{path}" if self.edition.base_url else path

    def print_frame(self, title: str, target: str) -> MarkdownSource:
        """The running head and foot of every printed page: site, title, content version date and address.

        Chromium prints @page margin boxes; their text can only come from a CSS string, so each page carries
        its own, with every character outside [A-Za-z0-9 ] written as a CSS escape (content stays data)."""
        boxes = {
            "top-left": self.site_title,
            "top-right": title,
            "bottom-left": self.address(target),
            "bottom-right": self.edition_date(),
        }
        rules = " ".join(f"@{box} {{ content: {css_string(text)}; }}" for box, text in boxes.items())
        return MarkdownSource(f'<style class="kb-print-frame" media="print">@page {{ {rules} }}</style>')

    def source_reference(self, source: Source) -> MarkdownSource:
        """A source in a note: in full the first time the page cites it, then short (publisher, date), as in legal
        citation; the short form links to the source's page as the full one does."""
        if source.id in self._sources_given_in_full:
            return self.short_source_label(source)
        self._sources_given_in_full.add(source.id)
        return self.source_label(source)

    def cited_in_full_before(self, source: Source) -> bool:
        return source.id in self._sources_given_in_full

    def short_source_label(self, source: Source) -> MarkdownSource:
        date = self.date(source.date) if source.date else self.gettext("date not given")
        return MarkdownSource(f"{finalize_output(self.text(source.publisher))}, {finalize_output(date)}")

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
        records: list[Record] = [*kb.topics, *kb.facts.values(), *kb.sources.values(), *kb.entities.values()]
        return [(page_path(record), record) for record in records]

    @staticmethod
    def catalog(language: str) -> CatalogStatus:
        return catalog_status(language)
