"""Validate the loaded content: schema, ids, references, translations, quotes, numbers and sums.

Every check appends to one list of problems; nothing stops at the first one,
so a contributor sees everything that is wrong in a single run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from . import LANGUAGES
from .errors import Location, Problem, display_path
from .figure_check import SectionFacts, check_figures, check_number_grouping, check_section_summaries
from .load import Document, KeyPath, format_key_path
from .model import VALUE_KINDS, dated_series, make_value, value_kinds
from .plausible import check_plausible
from .quotes import explain_mismatch, quote_occurs, read_archived
from .record_kinds import KINDS, record_kind
from .schema import check_schema, suggest_id
from .termbase import check_terms
from .translation import (
    LANGUAGE_NAMES,
    STALE,
    TRANSLATED,
    UNTRACKED,
    document_states,
    get_path,
    number_differences,
    original_hash,
    text_fields,
    wanted_languages,
)
from .voice import Message, t


@dataclass
class Report:
    """The outcome of validation."""

    problems: list[Problem] = field(default_factory=list)
    quotes_checked: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for problem in self.problems if problem.severity == severity)

    def failed(self, strict: bool) -> bool:
        return self.count("error") > 0 or (strict and self.count("warning") > 0)


def _is_figure(value: object) -> bool:
    """A number as the schema's "number" accepts it (YAML's true and false are not)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


# Ids that would take the place of a page the site writes itself: sources/index.md, entities/index.md.
RESERVED_IDS = {"sources": {"index": t("the bibliography")},
                "entities": {"index": t("the list of people, organisations and provisions")}}


def validate_content(documents: list[Document], load_problems: list[Problem], archive: Path | None,
                     only: set[Path] | None = None) -> Report:
    """Check every document, or only the files in `only` (against all the records they refer to);
    the report lists problems sorted by file and position."""
    report = Report(list(load_problems))
    checker = _Checker(documents, report, only)
    checker.run(archive)
    # A value the loader refused (a control or invisible character) reaches the schema as nothing: say it once.
    refused = {(problem.location.file, problem.key) for problem in load_problems if problem.key}
    report.problems = [problem for problem in report.problems if problem in load_problems
                       or (problem.location.file, problem.key) not in refused or not problem.message.text.startswith("expected ")]
    if only is not None:
        report.problems = [problem for problem in report.problems
                           if problem.severity == "note" or Path(os.path.abspath(problem.location.file)) in only]
    report.problems.sort(key=lambda p: (p.severity != "note", p.location))
    return report


class _Checker:
    def __init__(self, documents: list[Document], report: Report, only: set[Path] | None = None) -> None:
        self.documents = documents
        # The documents whose references, translations, numbers and quotes are checked; all of them by default.
        self.checked = [document for document in documents if only is None or Path(os.path.abspath(document.path)) in only]
        self.report = report
        self.valid: set[Document] = set()  # by identity: a set keeps the reference checks linear
        self.index: dict[str, dict[str, Document]] = {kind: {} for kind in KINDS}

    def add(self, document: Document, key_path: KeyPath, message: Message, severity: str = "error") -> None:
        self.report.problems.append(Problem(document.locate(key_path), format_key_path(key_path), message, severity))

    def run(self, archive: Path | None) -> None:
        for document in self.documents:
            self.check_document_shape(document)
        checks = (self.check_references, self.check_translations, self.check_numbers, self.check_values, self.check_figures)
        for document in self.checked:
            if not isinstance(document.data, dict):
                continue
            for check in checks:
                try:
                    check(document)
                except (KeyError, IndexError, TypeError, AttributeError):
                    # The record is malformed where this check looks; its schema problems say where.
                    if document in self.valid:
                        raise
        self.report.problems.extend(check_terms(self.documents))  # the termbase: generator/termbase.py
        self.check_archive(archive)

    # --- each file on its own -------------------------------------------------

    def check_document_shape(self, document: Document) -> None:
        if document.data is None:  # did not parse: the loader has said why
            self.index[document.kind].setdefault(document.path.stem, document)
            return
        schema_line = record_kind(document.kind).schema_line
        if document.first_line != schema_line:
            self.add(document, (), t("the first line must name the schema, for editors to check the file: '{line}'",
                                     line=schema_line), "warning")
        if not isinstance(document.data, dict):
            self.add(document, (), t("the file must hold a mapping of keys to values, as every {kind} file does (see content/README.md)",
                                     kind=record_kind(document.kind).spoken))
            return
        problems = check_schema(document) + check_plausible(document)
        self.report.problems.extend(problems)
        record_id = document.data.get("id")
        if not isinstance(record_id, str):
            return
        if record_id != document.path.stem:
            self.add(document, ("id",), t("id '{id}' differs from the file name '{name}': rename the file to '{id}.yaml' "
                                          "or change the id", id=record_id, name=document.path.name))
        if record_id in RESERVED_IDS.get(document.kind, {}):
            self.add(document, ("id",), t("'{id}' names the page of {page}: choose another id (and rename the file to match)",
                                          id=record_id, page=RESERVED_IDS[document.kind][record_id]))
        seen = self.index[document.kind]
        if record_id in seen:
            other = seen[record_id]
            self.add(document, ("id",), t("duplicate {kind} id '{id}' (also in {file} line {line}): give each record its own id",
                                          kind=record_kind(document.kind).spoken, id=record_id, file=other.path.name,
                                          line=other.locate(("id",)).line))
            return
        seen[record_id] = document
        if not problems:
            self.valid.add(document)

    # --- references between records -------------------------------------------

    def check_references(self, document: Document) -> None:
        data = document.data
        if document.kind == "topics":
            self.check_ids(document, ("related",), "topics")
            for index, fact_id in enumerate(data.get("key_facts", [])):
                fact = self.check_id(document, ("key_facts", index), "facts", fact_id)
                if fact and data["id"] not in [entry["topic"] for entry in fact.data["topics"]]:
                    self.add(document, ("key_facts", index),
                             t("fact '{fact}' is not in topic '{topic}': add the topic to the fact's topics or choose another fact",
                               fact=fact_id, topic=data["id"]))
            section_ids = [section["id"] for section in data["sections"]]
            for index, section_id in enumerate(section_ids):
                if section_id in section_ids[:index]:
                    self.add(document, ("sections", index, "id"),
                             t("duplicate section id '{id}': give each section its own id", id=section_id))
            for index, section in enumerate(data["sections"]):
                self.check_section_key_facts(document, index, section)
        if document.kind == "facts":
            placed = [entry["topic"] for entry in data["topics"]]
            for index, entry in enumerate(data["topics"]):
                if entry["topic"] in placed[:index]:  # its anchor and its footnotes would appear twice on one page
                    self.add(document, ("topics", index, "topic"),
                             t("the fact is already in topic '{topic}' (topics[{index}]): a fact appears once on a topic's page; "
                               "remove one of them", topic=entry["topic"], index=placed.index(entry["topic"])))
                topic = self.check_id(document, ("topics", index, "topic"), "topics", entry["topic"])
                if topic:
                    sections = [section["id"] for section in topic.data["sections"]]
                    if entry["section"] not in sections:
                        hint = suggest_id(entry["section"], sections) or t(" (its sections: {sections})",
                                                                             sections=", ".join(sections))
                        self.add(document, ("topics", index, "section"), t("topic '{topic}' has no section '{section}'{hint}",
                                                                           topic=entry["topic"], section=entry["section"], hint=hint))
            self.check_ids(document, ("entities",), "entities")
            self.check_ids(document, ("related",), "facts")
            for index, related in enumerate(data.get("related", [])):
                if related == data["id"]:
                    self.add(document, ("related", index), t("a fact cannot be related to itself: remove it"))
        for index, citation in enumerate(data.get("citations", [])):
            source = self.check_id(document, ("citations", index, "source"), "sources", citation["source"])
            if source:
                for language in citation["quote"]:
                    if language not in source.data["languages"]:
                        self.add(document, ("citations", index, "quote", language),
                                 t("source '{source}' is written in {languages}, not {language}: put the quote under the "
                                   "language it is written in", source=source.data["id"],
                                   languages=", ".join(source.data["languages"]), language=language))

    def check_section_key_facts(self, document: Document, index: int, section: dict) -> None:
        """A section's key figures come from its own facts, each with a figure to show."""
        topic_id = document.data["id"]
        for position, fact_id in enumerate(section.get("key_facts", [])):
            key_path: KeyPath = ("sections", index, "key_facts", position)
            fact = self.check_id(document, key_path, "facts", fact_id)
            if fact is None:
                continue
            placements = fact.data["topics"]
            if (topic_id, section["id"]) not in [(entry["topic"], entry["section"]) for entry in placements]:
                elsewhere = [entry["section"] for entry in placements if entry["topic"] == topic_id]
                where = (t("it is in section '{section}'", section=elsewhere[0]) if elsewhere
                         else t("it is not in topic '{topic}'", topic=topic_id))
                self.add(document, key_path, t("fact '{fact}' is not in section '{section}' ({where}): choose a fact of this "
                                               "section, or remove it from key_facts", fact=fact_id, section=section["id"],
                                               where=where))
            elif not any(value_kinds(value) in (["number"], ["total"]) for value in fact.data.get("values", [])):
                self.add(document, key_path, t("fact '{fact}' has no number or total under values to show as a key figure: "
                                               "choose a fact of this section with a figure, or remove it from key_facts",
                                               fact=fact_id))

    def check_ids(self, document: Document, key_path: KeyPath, kind: str) -> None:
        for index, record_id in enumerate(get_path(document.data, key_path) or []):
            self.check_id(document, key_path + (index,), kind, record_id)

    def check_id(self, document: Document, key_path: KeyPath, kind: str, record_id: str) -> Document | None:
        found = self.index[kind].get(record_id)
        if found is None and record_id:  # an empty id: the schema has said "is empty"
            hint = suggest_id(record_id, sorted(self.index[kind]))
            self.add(document, key_path, t("unknown {kind} '{id}'{hint}", kind=record_kind(kind).spoken, id=record_id, hint=hint))
        return found if found is not None and found in self.valid else None

    # --- languages and numbers ------------------------------------------------

    def check_translations(self, document: Document) -> None:
        data = document.data
        original = data.get("written_in")  # a missing original text is an error of its own (check_tracking)
        for key_path, text in text_fields(data):
            for language in wanted_languages(data, key_path):
                if language not in text and language != original:
                    wanted_path = format_key_path(key_path + (language,))
                    self.add(document, key_path, t("missing translation '{language}': add {path}", language=language,
                                                   path=wanted_path), "warning")
        for index, citation in enumerate(data.get("citations", [])):
            missing = [language for language in LANGUAGES if language not in citation["quote"]]
            if missing and "translation" not in citation:
                self.add(document, ("citations", index),
                         t("missing translation of the quote into {languages}: add citations[{index}].translation",
                           languages=", ".join(missing), index=index), "warning")
        self.check_tracking(document)

    def check_tracking(self, document: Document) -> None:
        """The original must be complete; each translation must have been made from the current original."""
        data = document.data
        original = data.get("written_in")
        if original not in LANGUAGES:
            return
        name = LANGUAGE_NAMES[original]
        for key_path, text in text_fields(data):
            if original in wanted_languages(data, key_path) and original not in text:
                self.add(document, key_path, t("the record is written in {name} (written_in: {code}), but this text has no "
                                               "{name} version: add {path} or correct written_in", name=name, code=original,
                                               path=format_key_path(key_path + (original,))))
        recorded = data.get("translated_from", {})
        if original in recorded:
            self.add(document, ("translated_from", original), t("the {name} text is the original, not a translation: "
                                                                "remove translated_from.{code}", name=name, code=original))
        stamp = f"python -m generator stamp {display_path(document.path, None)}"
        states = document_states(document)
        if not {STALE, UNTRACKED} & set(states.values()):
            return
        current = original_hash(data)  # record_states has hashed it too; only a record to stamp needs it again
        # The line `stamp` would write, for a contributor who edits in the browser, without Python.
        stamped = ", ".join(f'{language}: "{current}"' for language, state in states.items() if state in (TRANSLATED, STALE, UNTRACKED))
        line = f"translated_from: {{{stamped}}}"
        by_hand = (t("write {line} in place of the translated_from lines", line=line) if recorded
                   else t("add {line} after written_in", line=line))
        for language, state in states.items():
            if state == STALE:
                self.add(document, ("translated_from", language),
                         t("the {language} translation is out of date: the {name} original changed after it was made "
                           "(translated from {recorded}, the original is now {current}); update the {language} texts, then "
                           "run '{stamp}' (in the browser: write {line} in place of the translated_from lines)",
                           language=LANGUAGE_NAMES[language], name=name, recorded=recorded[language], current=current,
                           stamp=stamp, line=line), "warning")
            elif state == UNTRACKED:
                self.add(document, ("written_in",),
                         t("the {language} translation does not record which original it was made from: once it is checked "
                           "against the {name} text, run '{stamp}' (in the browser: {by_hand})",
                           language=LANGUAGE_NAMES[language], name=name, stamp=stamp, by_hand=by_hand), "warning")

    def check_numbers(self, document: Document) -> None:
        for key_path, difference in number_differences(document.data, document.kind):
            self.add(document, key_path, difference)

    def check_figures(self, document: Document) -> None:
        self.report.problems.extend(check_figures(document) + check_number_grouping(document)  # generator/figure_check.py
                                    + check_section_summaries(document, self.section_facts))

    @cached_property
    def section_facts(self) -> SectionFacts:
        """The facts placed in each section of each topic, as written; a malformed placement is left to the schema."""
        placed: dict[tuple[str, str], list[dict]] = {}
        for fact in self.index["facts"].values():
            entries = fact.data.get("topics") if isinstance(fact.data, dict) else None
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict) and isinstance(entry.get("topic"), str) and isinstance(entry.get("section"), str):
                    placed.setdefault((entry["topic"], entry["section"]), []).append(fact.data)
        return placed

    def check_values(self, document: Document) -> None:
        for index, value in enumerate(document.data.get("values", []) if document.kind == "facts" else []):
            key_path: KeyPath = ("values", index)
            kinds = value_kinds(value)
            if len(kinds) != 1:
                found = [name for name in VALUE_KINDS if name in value]
                self.add(document, key_path, t("a value holds exactly one of number, date, period or total; a number or "
                                               "total may also carry its date (found {found})",
                                               found=", ".join(found) if found else t("none")))
                continue
            parts = value.get("parts") if isinstance(value.get("parts"), list) else []
            for figure_path, figure in [(key_path + (kinds[0],), value[kinds[0]])] + [
                    (key_path + ("parts", part_index, "number"), part.get("number"))
                    for part_index, part in enumerate(parts) if isinstance(part, dict)]:
                if _is_figure(figure) and figure < 0:
                    self.add(document, figure_path, t("{figure} is below zero: a source counts people, cases, sums and years "
                                                      "from zero up; write the figure the source gives", figure=figure))
            for key in ("unit", "qualifier"):
                if key in value and kinds[0] not in ("number", "total"):
                    self.add(document, key_path + (key,), t("a {kind} has no {key}: remove it", kind=kinds[0], key=key))
            if kinds[0] == "period" and "date" in value:
                self.add(document, key_path + ("date",), t("a period has no date: its start and end are its dates"))
            if ("parts" in value) != (kinds[0] == "total"):
                self.add(document, key_path, t("a total needs its parts, and parts need a total"))
                continue
            parts = value.get("parts") if isinstance(value.get("parts"), list) else []
            figures = [value.get("total")] + [part.get("number") if isinstance(part, dict) else None for part in parts]
            if kinds[0] == "total" and all(_is_figure(figure) for figure in figures):  # else the schema says what is wrong
                parts_sum = sum(Decimal(str(part["number"])) for part in value["parts"])
                total = Decimal(str(value["total"]))
                if parts_sum != total and "discrepancy" not in value:
                    shown = " + ".join(f"{part['number']}" for part in value["parts"])
                    self.add(document, key_path + ("total",),
                             t("the parts add up to {sum} ({shown}), not {total}: correct the figures, or, if the source "
                               "gives them so, add values[{index}].discrepancy saying so", sum=f"{parts_sum:f}", shown=shown,
                               total=f"{total:f}", index=index))
                if parts_sum == total and "discrepancy" in value:
                    self.add(document, key_path + ("discrepancy",),
                             t("the parts add up to the total ({total}): remove the discrepancy note", total=f"{total:f}"))
            if kinds[0] == "period" and value["period"]["start"] > value["period"]["end"]:
                self.add(document, key_path + ("period",), t("the period ends before it starts: swap start and end"))
        if document.kind == "facts":
            self.check_chart(document)

    def check_chart(self, document: Document) -> None:
        """A dated series of figures is drawn as a chart, which needs a short title; a chart needs a series."""
        figures = [make_value(value) for value in document.data.get("values", []) if value_kinds(value) in (["number"], ["total"])]
        series = dated_series(figures)
        if "chart" in document.data and not series:
            self.add(document, ("chart",), t("there is no series to chart: give two or more numbers or totals of one unit "
                                             "each its own date, or remove chart"))
        elif series and "chart" not in document.data:
            self.add(document, ("values",), t("these dated figures are drawn as a chart: add chart.title, "
                                              "a short title for it in each language"), "warning")

    # --- the archive ----------------------------------------------------------

    def check_archive(self, archive: Path | None) -> None:
        sources = self.index["sources"]
        if archive is None or not archive.is_dir():
            where = Location(archive or Path("."))
            self.report.problems.append(Problem(where, "", t("quotes were not checked: the archive folder '{archive}' was not "
                                                             "found (pass --archive DIR)", archive=archive), "note"))
            return
        usable: dict[str, str] = {}
        cited = {str(citation.get("source")) for document in self.checked if isinstance(document.data, dict)
                 for citation in _citations(document)}
        checked = set(self.checked)
        for source_id, document in sources.items():
            if document not in self.valid or (document not in checked and source_id not in cited):
                continue
            file = document.data["archive"]["file"]
            path = archive / file
            if not path.is_file():
                self.add(document, ("archive", "file"), t("'{file}' is not in the archive folder {archive}: check the file name, "
                                                          "or add the archived copy", file=file, archive=archive))
                continue
            try:
                text, digest = read_archived(path)
            except UnicodeDecodeError as error:
                self.add(document, ("archive", "file"), t("'{file}' is not UTF-8 text (byte {byte}): archive the source's text "
                                                          "as a UTF-8 .txt file", file=file, byte=error.start))
                continue
            if digest != document.data["archive"]["sha256"]:
                self.add(document, ("archive", "sha256"), t("'{file}' has SHA-256 {digest}, not the one recorded: if the archived "
                                                            "copy was replaced on purpose, check every quote of this source and "
                                                            "update sha256", file=file, digest=digest))
            usable[source_id] = text
        for document in self.checked:
            for index, citation in enumerate(_citations(document)):
                if not isinstance(citation.get("quote"), dict):
                    continue
                archived = usable.get(str(citation.get("source")))
                if archived is None:
                    continue
                for language, quote in citation["quote"].items():
                    if not isinstance(quote, str):
                        continue
                    self.report.quotes_checked += 1
                    if not quote_occurs(quote, archived):
                        self.add(document, ("citations", index, "quote", language),
                                 t("quote not found in the archived copy of '{source}': {why}", source=citation["source"],
                                   why=explain_mismatch(quote, archived)))


def _citations(document: Document) -> list[dict]:
    """The citations of a record that are mappings; the schema reports any other shape."""
    citations = document.data.get("citations") if isinstance(document.data, dict) else None
    return [citation for citation in citations if isinstance(citation, dict)] if isinstance(citations, list) else []
