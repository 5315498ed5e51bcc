"""Open data: the facts with their values and citations as JSON, CSV and CSL-JSON, for each language.

Every file is deterministic: records sorted by fact id, JSON keys sorted, LF
line endings in JSON and CRLF in CSV (RFC 4180). The CSV is UTF-8 with a byte
order mark, which spreadsheet programs need to read Kazakh and Russian text
correctly when the file is opened directly.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .citing import Edition, csl_item, csl_json, permalink
from .deceptive_text import spreadsheet_cell
from .languages import LANGUAGES
from .model import Citation, Fact, KnowledgeBase, Value
from .wording import Wording, text_in

DATA_FOLDER = "data"
CSV_COLUMNS = ("fact_id", "topic", "section", "statement", "value_label", "kind", "number", "unit", "qualifier", "date",
               "period_start", "period_end", "part_of", "value_text", "source_ids", "citations", "link")


def language_document(kb: KnowledgeBase, language: str, edition: Edition) -> dict[str, Any]:
    """Everything the JSON file of one language holds."""
    words = Wording(kb, language, edition)
    return {
        "site": words.site_title,
        "language": language,
        "accessed": edition.access_date.isoformat(),
        "facts": [fact_record(fact, words, edition) for fact in sorted(kb.facts.values(), key=lambda fact: fact.id)],
    }


def fact_record(fact: Fact, r: Wording, edition: Edition) -> dict[str, object]:
    return {
        "id": fact.id,
        "link": permalink(fact, r.language, edition),
        "topics": [{"topic": topic_id, "topic_title": r.text(r.kb.topic(topic_id).title), "section": section_id,
                    "section_title": r.text(next(s for s in r.kb.topic(topic_id).sections if s.id == section_id).title)}
                   for topic_id, section_id in fact.placements],
        "statement": r.text(fact.statement),
        "values": [value_record(value, r) for value in fact.values],
        "entities": [{"id": entity.id, "name": r.text(entity.name)} for entity in fact.entities],
        "related": [other.id for other in fact.related],
        "discrepancy": r.text(fact.discrepancy) or None,
        "citations": [citation_record(citation, r) for citation in fact.citations],
    }


def value_record(value: Value, r: Wording) -> dict[str, object]:
    return {
        "label": r.text(value.label),
        "kind": value.kind,
        "number": value.number,
        "unit": value.unit,
        "qualifier": value.qualifier,
        "date": value.date,
        "period_start": value.period[0] if value.period else None,
        "period_end": value.period[1] if value.period else None,
        "parts": [{"label": r.text(part.label), "number": part.number} for part in value.parts],
        "text": r.value_text(value),
        "discrepancy": r.text(value.discrepancy) or None,
    }


def citation_record(citation: Citation, r: Wording) -> dict[str, object]:
    source = citation.source
    quote_language = r.quote_language(citation)
    return {
        "label": citation.label,
        "source": source.id,
        "source_title": text_in(source.title, r.language),
        "publisher": r.text(source.publisher),
        "source_date": source.date,
        "source_url": source.url,
        "quote": citation.quote[quote_language],
        "quote_language": quote_language,
        "translation": citation.translation.get(r.language) if quote_language != r.language else None,
        "locator": r.text(citation.locator) or None,
    }


def csv_rows(document: dict) -> list[dict[str, object]]:
    """One row for each figure (a value, or a part of a total); one row for a fact without values."""
    rows = []
    for fact in document["facts"]:
        common = {"fact_id": fact["id"], "topic": fact["topics"][0]["topic"], "section": fact["topics"][0]["section"],
                  "statement": fact["statement"], "source_ids": "\n".join(c["source"] for c in fact["citations"]),
                  "citations": "\n".join(citation_line(c) for c in fact["citations"]), "link": fact["link"]}
        if not fact["values"]:
            rows.append(common)
        for value in fact["values"]:
            rows.append({**common, "value_label": value["label"], "kind": value["kind"], "number": value["number"],
                         "unit": value["unit"], "qualifier": value["qualifier"], "date": value["date"],
                         "period_start": value["period_start"], "period_end": value["period_end"], "value_text": value["text"]})
            for part in value["parts"]:
                rows.append({**common, "value_label": part["label"], "kind": "part", "number": part["number"],
                             "unit": value["unit"], "date": value["date"], "part_of": value["label"]})
    return rows


def citation_line(citation: dict) -> str:
    """'Publisher, title, 2026-01-11: "quote" (translation)': one citation readable in one spreadsheet cell."""
    line = f"{citation['publisher']}, {citation['source_title']}, {citation['source_date'] or '-'}: \"{citation['quote']}\""
    if citation["translation"]:
        line += f" ({citation['translation']})"
    return line


def csv_text(document: dict) -> str:
    buffer = io.StringIO()
    # Every text quoted, and none able to start a formula (OWASP's advice on CSV injection): see deceptive_text.py.
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    for row in csv_rows(document):
        writer.writerow({column: "" if row.get(column) is None else spreadsheet_cell(row[column]) for column in CSV_COLUMNS})
    return buffer.getvalue()


def json_text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# The last files made for each language, with the knowledge base and edition they were made from: the open-data
# page gives their sizes and the build writes them, and they are made once for both.
_MADE: dict[str, tuple[KnowledgeBase, Edition, tuple[dict[str, Any], dict[str, bytes]]]] = {}


def language_files(kb: KnowledgeBase, language: str, edition: Edition) -> tuple[dict[str, Any], dict[str, bytes]]:
    """One language's document and the bytes of each of its files, by name: facts.json, facts.csv, facts.csl.json."""
    made = _MADE.get(language)
    if made is not None and made[0] is kb and made[1] is edition:
        return made[2]
    document = language_document(kb, language, edition)
    items = [csl_item(fact, language, edition, document["site"], text_in(fact.statement, language))
             for fact in sorted(kb.facts.values(), key=lambda fact: fact.id)]
    files = {
        "facts.json": json_text(document).encode("utf-8"),
        "facts.csv": csv_text(document).encode("utf-8-sig"),
        "facts.csl.json": csl_json(items).encode("utf-8"),
    }
    _MADE[language] = (kb, edition, (document, files))
    return document, files


def write_language_data(kb: KnowledgeBase, language: str, edition: Edition, docs: Path) -> dict[str, Any]:
    """Write data/facts.json, data/facts.csv and data/facts.csl.json into a language's docs; return the document."""
    folder = docs / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    document, files = language_files(kb, language, edition)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return document


def write_all_languages(documents: dict[str, dict[str, Any]], site: Path) -> None:
    """site/data/facts.json: the three languages' documents in one file."""
    folder = site / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    payload = {"languages": {language: documents[language] for language in LANGUAGES}}
    (folder / "facts.json").write_bytes(json_text(payload).encode("utf-8"))
