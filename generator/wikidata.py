"""QuickStatements for Wikidata editors: each exact figure of each fact, with its references, to review and paste.

One line per figure, in QuickStatements' tab-separated form:

    ITEM  PROPERTY  15970  P585 +2026-01-11T00:00:00Z/11  S248 SOURCE_ITEM  S854 "https://..."
        S813 +2026-11-22T00:00:00Z/11  S1683 ru:"..."  /* fact id */

The knowledge base knows neither the Wikidata item a figure is about nor the property it is a value of, nor
the item of its source document: an editor replaces ITEM, PROPERTY and SOURCE_ITEM (or drops the S248 pair)
before pasting. References: P248 stated in, P854 reference URL (when the source has an address), P813
retrieved (the build's date), P1683 quotation, in the quote's own language. P585 point in time gives the
figure's date, as precise as its source. Figures the source qualifies ("more than", "about") are left out:
they need bounds an editor should choose.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .citing import Edition
from .model import Citation, Fact, KnowledgeBase, Value
from .numbers import extract_numbers

WIKIDATA_FILE = "wikidata.txt"
_PRECISION = {1: 9, 2: 10, 3: 11}  # Wikidata time precision: year, month, day


def wikidata_time(date: str) -> str:
    """'2025' -> '+2025-00-00T00:00:00Z/9'; '2026-01-11' -> '+2026-01-11T00:00:00Z/11'."""
    parts = date.split("-")
    padded = (parts + ["00", "00"])[:3]
    return f"+{padded[0]}-{padded[1]}-{padded[2]}T00:00:00Z/{_PRECISION[len(parts)]}"


def number_text(number: float | int) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def monolingual(language: str, text: str) -> str | None:
    """language:"text", or None when the text holds a double quote, which QuickStatements cannot carry."""
    folded = re.sub(r"\s+", " ", text).strip()
    return None if '"' in folded else f'{language}:"{folded}"'


def references(citation: Citation, edition: Edition) -> list[str]:
    source = citation.source
    cells = ["S248", "SOURCE_ITEM"]
    if source.url:
        cells += ["S854", f'"{source.url}"']
    cells += ["S813", wikidata_time(edition.access_date.isoformat())]
    language = next((code for code in source.languages if code in citation.quote), None)
    quotation = monolingual(language, citation.quote[language]) if language else None
    if quotation:
        cells += ["S1683", quotation]
    return cells


def figure_lines(fact: Fact, value: Value, edition: Edition) -> list[str]:
    if value.kind not in ("number", "total") or value.number is None or value.qualifier is not None:
        return []
    cells = ["ITEM", "PROPERTY", number_text(value.number)]
    if value.date:
        cells += ["P585", wikidata_time(value.date)]
    return ["\t".join([*cells, *references(citation, edition), f"/* {fact.id} */"])
            for citation in citations_holding(fact, value.number)]


def citations_holding(fact: Fact, number: float | int) -> list[Citation]:
    """The citations whose quote holds the number (a reference must show the figure); all of them when none does."""
    wanted = Decimal(str(number))
    holding = [citation for citation in fact.citations
               if any(wanted in extract_numbers(text, language) for language, text in citation.quote.items())]
    return holding or fact.citations


def quickstatements(kb: KnowledgeBase, edition: Edition) -> str:
    lines = [line for fact in sorted(kb.facts.values(), key=lambda fact: fact.id)
             for value in fact.values for line in figure_lines(fact, value, edition)]
    return "\n".join(lines) + "\n"
