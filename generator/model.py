"""The knowledge base as objects: validated records with their references resolved both ways."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import ClassVar

from .load import Document
from .numbers import extract_numbers
from .record_kinds import KINDS
from .termbase import link_terms
from .translation import UNTRACKED, document_states

Text = dict[str, str]  # the same text under "kk", "ru" and "en"


class _Record:
    """Records point at each other both ways; show only the id, or the repr would walk the whole graph."""

    def __repr__(self) -> str:
        key = getattr(self, "id", None) or getattr(self, "label", None) or ""
        return f"{type(self).__name__}({key!r})"


@dataclass(frozen=True)
class Translation:
    """A record's original language (None when not recorded) and its state in each language (see translation.py)."""

    original: str | None = None
    states: dict[str, str] = field(default_factory=dict)

    def state(self, language: str) -> str:
        return self.states.get(language, UNTRACKED)


@dataclass(eq=False, repr=False)
class Source(_Record):
    KIND: ClassVar[str] = "sources"

    id: str
    kind: str
    languages: list[str]
    title: Text
    title_supplied: bool
    publisher: Text
    author: Text | None
    date: str | None
    date_note: Text | None
    url: str | None
    note: Text | None
    archive_file: str
    archive_sha256: str | None = None
    citing_facts: list[Fact] = field(default_factory=list)
    citing_entities: list[Entity] = field(default_factory=list)
    translation: Translation = field(default_factory=lambda: Translation())


@dataclass(eq=False, repr=False)
class Citation(_Record):
    label: str  # the footnote label: the citing record's id and the citation's number
    source: Source
    quote: Text  # verbatim, under the languages it is written in
    translation: Text
    locator: Text | None


@dataclass(eq=False, repr=False)
class Entity(_Record):
    KIND: ClassVar[str] = "entities"

    id: str
    kind: str
    name: Text
    description: Text
    citations: list[Citation]
    role: Text | None = None  # a person's office, for lists
    official_title: Text | None = None  # a legal provision's or act's official title
    official_url: str | None = None  # its page in the official legal database
    facts: list[Fact] = field(default_factory=list)
    translation: Translation = field(default_factory=lambda: Translation())


@dataclass(eq=False, repr=False)
class Part(_Record):
    label: Text
    number: float | int


@dataclass(eq=False, repr=False)
class Value(_Record):
    label: Text
    kind: str  # "number", "date", "period" or "total"
    number: float | int | None = None
    unit: str | None = None
    qualifier: str | None = None  # "more-than", "about", "at-least", "up-to" or "older-than"
    date: str | None = None  # a dated event, or the date a number or total refers to
    period: tuple[str, str] | None = None
    parts: list[Part] = field(default_factory=list)
    discrepancy: Text | None = None
    date_role: str = "event"  # a date alone: "event", "publication" or "as-of"


@dataclass(eq=False, repr=False)
class Fact(_Record):
    KIND: ClassVar[str] = "facts"

    id: str
    placements: list[tuple[str, str]]  # (topic id, section id), the first is the fact's home
    order: int
    statement: Text
    values: list[Value]
    entities: list[Entity]
    discrepancy: Text | None
    citations: list[Citation]
    chart_title: Text | None = None
    corrections: list[dict] = field(default_factory=list)  # {"date": "YYYY-MM-DD", "note": Text}, as written
    country: str | None = None  # ISO 3166-1 code of where it took place
    related: list[Fact] = field(default_factory=list)
    terms: dict[str, list[Term]] = field(default_factory=dict)  # language -> the terms its statement uses
    derived: list[tuple[float | int, Text]] = field(default_factory=list)  # (number, how it was worked out)
    translation: Translation = field(default_factory=lambda: Translation())

    @property
    def home_topic_id(self) -> str:
        return self.placements[0][0]

    @property
    def figures(self) -> list[Value]:
        """The values that are counts or amounts: numbers and totals."""
        return [value for value in self.values if value.kind in ("number", "total")]

    @property
    def key_figure(self) -> Value | None:
        """What a key figure shows: the latest figure of a dated series, else the fact's first number or total."""
        series = dated_series(self.figures)
        if series:
            return series[-1]
        return next(iter(self.figures), None)

    def citations_for(self, *numbers: float | int) -> list[Citation]:
        """The citations whose quote holds one of the numbers; all of the fact's citations when none does."""
        wanted = {Decimal(str(number)) for number in numbers}
        matching = [citation for citation in self.citations
                    if any(wanted & set(extract_numbers(text, language)) for language, text in citation.quote.items())]
        return matching or self.citations


@dataclass(eq=False, repr=False)
class Term(_Record):
    id: str
    kind: str  # "official-body", "legal-provision" or "legal-concept"
    term: Text
    short: Text | None
    abbreviation: Text | None
    definition: Text
    origin: Text
    citations: list[Citation]
    data: dict = field(default_factory=dict)  # the record as written, for finding the term in texts
    facts: dict[str, list[Fact]] = field(default_factory=dict)  # language -> the facts whose statement uses it
    translation: Translation = field(default_factory=lambda: Translation())


@dataclass(eq=False, repr=False)
class Section(_Record):
    id: str
    title: Text
    summary: Text | None = None  # a short paragraph under the heading, restating the section's facts
    key_facts: list[Fact] = field(default_factory=list)  # facts of the section whose key figure opens it
    facts: list[Fact] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Topic(_Record):
    KIND: ClassVar[str] = "topics"

    id: str
    order: int
    title: Text
    summary: Text
    sections: list[Section]
    key_facts: list[Fact] = field(default_factory=list)
    related: list[Topic] = field(default_factory=list)
    translation: Translation = field(default_factory=lambda: Translation())

    @property
    def facts(self) -> list[Fact]:
        return [fact for section in self.sections for fact in section.facts]


@dataclass(eq=False, repr=False)
class KnowledgeBase(_Record):
    topics: list[Topic]
    facts: dict[str, Fact]
    sources: dict[str, Source]
    entities: dict[str, Entity]
    terms: dict[str, Term] = field(default_factory=dict)

    def topic(self, topic_id: str) -> Topic:
        return self._topics_by_id[topic_id]

    @cached_property
    def _topics_by_id(self) -> dict[str, Topic]:
        return {topic.id: topic for topic in self.topics}


VALUE_KINDS = ("number", "date", "period", "total")


def value_kinds(data: dict) -> list[str]:
    """The kinds a value's data declares; exactly one for a valid value. A number or total may carry the date it
    refers to, so a date counts as the kind only when it stands alone (a dated event)."""
    found = [name for name in VALUE_KINDS if name in data]
    return [name for name in found if name != "date"] or found


def dated_series(figures: list[Value]) -> list[Value]:
    """Two or more figures of one unit with distinct dates, oldest first (a count per year); else nothing.

    Such a series is drawn as a chart and its latest figure is the fact's key figure."""
    dated = [value for value in figures if value.date]
    dates = [value.date for value in dated]
    if len(dated) < 2 or len({value.unit for value in dated}) != 1 or len(set(dates)) != len(dates):
        return []
    return sorted(dated, key=lambda value: partial_date_key(value.date or ""))


def partial_date_key(value: str) -> tuple[int, int, int]:
    """'2014' < '2014-12' < '2014-12-16': a coarser date sorts before the finer dates inside it."""
    parts = [int(part) for part in value.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def build_knowledge_base(documents: list[Document]) -> KnowledgeBase:
    """Objects from validated documents: references resolved, backlinks filled in, everything sorted."""
    records = {kind: {doc.data["id"]: doc.data for doc in documents if doc.kind == kind}
               for kind in KINDS}
    sources = {source_id: _make_source(data) for source_id, data in sorted(records["sources"].items())}
    entities = {entity_id: Entity(entity_id, data["kind"], data["name"], data["description"],
                                  _make_citations(entity_id, data["citations"], sources), data.get("role"),
                                  data.get("official_title"), data.get("official_url"))
                for entity_id, data in sorted(records["entities"].items())}
    facts = {fact_id: _make_fact(data, entities, sources) for fact_id, data in sorted(records["facts"].items())}
    for fact_id, data in records["facts"].items():
        facts[fact_id].related = [facts[related] for related in data.get("related", [])]
    _link_both_ways(facts, entities, sources)
    terms = {term_id: Term(term_id, data["kind"], data["term"], data.get("short"), data.get("abbreviation"), data["definition"],
                           data["origin"], _make_citations(term_id, data.get("citations", []), sources), data)
             for term_id, data in sorted(records["terms"].items())}
    link_terms(facts.values(), terms.values())
    topics = sorted((_make_topic(data) for data in records["topics"].values()), key=lambda t: (t.order, t.id))
    by_id = {topic.id: topic for topic in topics}
    for fact in sorted(facts.values(), key=lambda f: (f.order, f.id)):
        for topic_id, section_id in fact.placements:
            next(s for s in by_id[topic_id].sections if s.id == section_id).facts.append(fact)
    for topic in topics:
        data = records["topics"][topic.id]
        topic.key_facts = [facts[fact_id] for fact_id in data.get("key_facts", [])]
        for section, section_data in zip(topic.sections, data["sections"], strict=True):
            section.key_facts = [facts[fact_id] for fact_id in section_data.get("key_facts", [])]
        for related_id in data.get("related", []):
            _add_once(topic.related, by_id[related_id])
            _add_once(by_id[related_id].related, topic)
    for topic in topics:
        topic.related.sort(key=lambda t: (t.order, t.id))
    by_kind: dict[str, dict] = {"topics": by_id, "facts": facts, "sources": sources, "entities": entities, "terms": terms}
    for document in documents:
        if document.kind in by_kind and isinstance(document.data, dict):
            record = by_kind[document.kind][document.data["id"]]
            record.translation = Translation(document.data.get("written_in"), document_states(document))
    return KnowledgeBase(topics, facts, sources, entities, terms)


def _add_once(items: list, item: object) -> None:
    if item not in items:
        items.append(item)


def _link_both_ways(facts: dict[str, Fact], entities: dict[str, Entity], sources: dict[str, Source]) -> None:
    for fact in facts.values():
        for related in fact.related:
            _add_once(related.related, fact)
        for entity in fact.entities:
            entity.facts.append(fact)
        for citation in fact.citations:
            _add_once(citation.source.citing_facts, fact)
    for entity in entities.values():
        for citation in entity.citations:
            _add_once(citation.source.citing_entities, entity)


def _make_source(data: dict) -> Source:
    return Source(
        id=data["id"], kind=data["kind"], languages=data["languages"], title=data["title"],
        title_supplied=data.get("title_supplied", False), publisher=data["publisher"], author=data.get("author"),
        date=data.get("date"), date_note=data.get("date_note"), url=data.get("url"), note=data.get("note"),
        archive_file=data["archive"]["file"], archive_sha256=data["archive"].get("sha256"),
    )


def _make_citations(owner_id: str, items: list[dict], sources: dict[str, Source]) -> list[Citation]:
    return [Citation(f"{owner_id}-{number}", sources[item["source"]], item["quote"], item.get("translation", {}),
                     item.get("locator"))
            for number, item in enumerate(items, start=1)]


def make_value(data: dict) -> Value:
    """A value from its valid data."""
    (kind,) = value_kinds(data)
    period = (data["period"]["start"], data["period"]["end"]) if kind == "period" else None
    return Value(
        label=data["label"], kind=kind, number=data.get("number", data.get("total")), unit=data.get("unit"),
        qualifier=data.get("qualifier"), date=data.get("date"), period=period,
        parts=[Part(part["label"], part["number"]) for part in data.get("parts", [])], discrepancy=data.get("discrepancy"),
        date_role=data.get("date_role", "event"),
    )


def _make_fact(data: dict, entities: dict[str, Entity], sources: dict[str, Source]) -> Fact:
    return Fact(
        id=data["id"], placements=[(entry["topic"], entry["section"]) for entry in data["topics"]],
        order=data.get("order", 100), statement=data["statement"],
        values=[make_value(value) for value in data.get("values", [])],
        entities=[entities[entity_id] for entity_id in data.get("entities", [])],
        discrepancy=data.get("discrepancy"), citations=_make_citations(data["id"], data["citations"], sources),
        chart_title=data.get("chart", {}).get("title"), corrections=list(data.get("corrections", [])),
        country=data.get("country"),
        derived=[(entry["number"], entry["how"]) for entry in data.get("derived", [])],
    )


def _make_topic(data: dict) -> Topic:
    return Topic(
        id=data["id"], order=data["order"], title=data["title"], summary=data["summary"],
        sections=[Section(section["id"], section["title"], section.get("summary")) for section in data["sections"]],
    )
