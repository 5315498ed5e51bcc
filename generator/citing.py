"""Citing the knowledge base itself: a fact's permanent link, a ready citation and its CSL-JSON.

The site has no address of its own (it is read from file:// as often as from a
server), so a fact's permanent link is its path from the site's root,
`<lang>/topics/<topic>.html#<fact-id>`, with the configured base URL
([tool.generator] base_url) in front when there is one. The fact id is the
anchor in every language. The access date is the build's date
(SOURCE_DATE_EPOCH), so two builds of one commit cite alike.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from .model import Fact


@dataclass(frozen=True)
class Edition:
    """What a build stamps on its pages: the date citations give as accessed, and the site's base URL if known."""

    access_date: datetime.date
    base_url: str | None = None

    @classmethod
    def from_timestamp(cls, timestamp: int, base_url: str | None = None) -> Edition:
        return cls(datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date(), base_url)


def fact_path(fact: Fact, language: str) -> str:
    """The fact's place from the site's root: 'en/topics/amnesty.html#constitution-amnesty-submissions'."""
    return f"{language}/topics/{fact.home_topic_id}.html#{fact.id}"


def permalink(fact: Fact, language: str, edition: Edition) -> str:
    """The fact's permanent link: absolute under the base URL when one is configured, else from the site's root."""
    if edition.base_url:
        return f"{edition.base_url.rstrip('/')}/{fact_path(fact, language)}"
    return fact_path(fact, language)


def csl_item(fact: Fact, language: str, edition: Edition, site_name: str, statement: str) -> dict[str, object]:
    """The fact as one CSL-JSON item, the format Zotero, Mendeley and citeproc read."""
    access = edition.access_date
    return {
        "id": f"{fact.id}-{language}",
        "type": "entry-encyclopedia",
        "title": statement,
        "container-title": site_name,
        "URL": permalink(fact, language, edition),
        "accessed": {"date-parts": [[access.year, access.month, access.day]]},
        "language": language,
    }


def csl_json(items: list[dict[str, object]]) -> str:
    """CSL-JSON text: a list of items, keys sorted, two-space indent, one final newline."""
    text = json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True)
    # A date on one line, as people write it: [[2026, 1, 11]].
    return re.sub(r"\[\s*\[\s*(\d+),\s*(\d+),\s*(\d+)\s*\]\s*\]", r"[[\1, \2, \3]]", text) + "\n"
