"""Open data: the facts with their values and citations as JSON, CSV and CSL-JSON, for each language, and the
figures of each chart as a CSV of its own (data/charts/<chart id>.csv), which the chart links.

Every file is deterministic: records sorted by fact id, JSON keys sorted, LF
line endings in JSON and CRLF in CSV (RFC 4180). A CSV is UTF-8 with a byte
order mark, which spreadsheet programs need to read Kazakh and Russian text
correctly when the file is opened directly.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .charts import Chart, find_charts
from .citing import Edition, csl_item, csl_json, permalink
from .deceptive_text import spreadsheet_cell
from .languages import LANGUAGES
from .model import Citation, Fact, KnowledgeBase, Value
from .wording import Wording, text_in

DATA_FOLDER = "data"
CHARTS_FOLDER = "charts"  # inside DATA_FOLDER: one CSV for each chart
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


# --- the figures of each chart ---------------------------------------------------------------------------------------


def site_charts(kb: KnowledgeBase) -> list[Chart]:
    """Every chart of the site, once, in the order of the pages: topic by topic, each under its fact's home topic."""
    return [chart for topic in kb.topics for fact in topic.facts if fact.home_topic_id == topic.id for chart in find_charts(fact)]


def chart_csv_name(chart: Chart) -> str:
    """The chart's CSV inside a language's data folder: 'charts/art172-cases-by-year-chart-1.csv'."""
    return f"{CHARTS_FOLDER}/{chart.id}.csv"


def chart_table_rows(chart: Chart, words: Wording) -> list[list[object]]:
    """The chart's figures as a table in the page's language: a header row, then one row for each point (a date of
    a series, or the total and each part), with its label, its number (and, stacked, each part's), the figure as the
    page writes it, and the id of the fact it comes from."""
    fact_id = chart.fact.id
    as_shown, fact_column = words.gettext("As shown on the page"), words.gettext("Fact id")
    if chart.kind == "series":
        parts = [words.text(part.label) for part in chart.values[0].parts] if chart.stacked else []
        rows: list[list[object]] = [[words.gettext("Date"), *parts, words.gettext("Total") if parts else words.gettext("Number"),
                                     as_shown, fact_column]]
        rows += [[words.date(value.date or ""), *([part.number for part in value.parts] if parts else []), value.number,
                  words.value_text(value), fact_id] for value in chart.values]
        return rows
    (total,) = chart.values
    rows = [[words.gettext("Category"), words.gettext("Number"), as_shown, fact_column],
            [words.text(total.label), total.number, words.value_text(total), fact_id]]
    rows += [[words.text(part.label), part.number, words.number(part.number), fact_id] for part in total.parts]
    return rows


def chart_csv_text(chart: Chart, words: Wording) -> str:
    """The chart's table as CSV, written as facts.csv is: every text quoted, none able to start a formula, CR LF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerows([[spreadsheet_cell(cell) for cell in row] for row in chart_table_rows(chart, words)])
    return buffer.getvalue()


def json_text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# The last files made for each language, with the knowledge base and edition they were made from: the open-data
# page gives their sizes and the build writes them, and they are made once for both.
_MADE: dict[str, tuple[KnowledgeBase, Edition, tuple[dict[str, Any], dict[str, bytes]]]] = {}


def language_files(kb: KnowledgeBase, language: str, edition: Edition) -> tuple[dict[str, Any], dict[str, bytes]]:
    """One language's document and the bytes of each of its files, by name: facts.json, facts.csv, facts.csl.json,
    and charts/<chart id>.csv for each chart."""
    made = _MADE.get(language)
    if made is not None and made[0] is kb and made[1] is edition:
        return made[2]
    document = language_document(kb, language, edition)
    items = [csl_item(fact, language, edition, document["site"], text_in(fact.statement, language))
             for fact in sorted(kb.facts.values(), key=lambda fact: fact.id)]
    words = Wording(kb, language, edition)
    files = {
        "facts.json": json_text(document).encode("utf-8"),
        "facts.csv": csv_text(document).encode("utf-8-sig"),
        "facts.csl.json": csl_json(items).encode("utf-8"),
        **{chart_csv_name(chart): chart_csv_text(chart, words).encode("utf-8-sig") for chart in site_charts(kb)},
    }
    _MADE[language] = (kb, edition, (document, files))
    return document, files


def write_language_data(kb: KnowledgeBase, language: str, edition: Edition, docs: Path) -> dict[str, Any]:
    """Write data/facts.json, data/facts.csv, data/facts.csl.json and data/charts/*.csv into a language's docs, and
    remove the CSV of a chart that is gone (a folder the preview keeps); return the document."""
    folder = docs / DATA_FOLDER
    (folder / CHARTS_FOLDER).mkdir(parents=True, exist_ok=True)
    document, files = language_files(kb, language, edition)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for path in (folder / CHARTS_FOLDER).glob("*.csv"):
        if f"{CHARTS_FOLDER}/{path.name}" not in files:
            path.unlink()
    return document


def write_all_languages(documents: dict[str, dict[str, Any]], site: Path) -> None:
    """site/data/facts.json: the three languages' documents in one file."""
    folder = site / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    payload = {"languages": {language: documents[language] for language in LANGUAGES}}
    (folder / "facts.json").write_bytes(json_text(payload).encode("utf-8"))
