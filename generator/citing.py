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
from dataclasses import dataclass, field
from pathlib import Path

from .history import NO_HISTORY, History, read_history
from .model import Fact, Text
from .pages import html_path, page_path
from .publication import Publication
from .settings import Settings
from .version import content_version, source_date_epoch


@dataclass(frozen=True)
class Edition:
    """What one build stamps on every page, computed once: its time, the site's title and its address if known,
    who publishes it under which licences, the content's version and the history of its records.

    The time is SOURCE_DATE_EPOCH when set, else the content version's: the dates MkDocs writes (the
    sitemaps) and the access date in citations are the content's, not the clock's.
    """

    timestamp: int
    title: Text
    base_url: str | None = None
    publication: Publication = field(default_factory=Publication)
    history: History = NO_HISTORY
    version: str | None = None  # the content's commit (short), or None outside git
    version_date: datetime.date | None = None  # the commit's day; the build's date outside git

    @property
    def access_date(self) -> datetime.date:
        return datetime.datetime.fromtimestamp(self.timestamp, datetime.UTC).date()

    @property
    def site_root(self) -> str | None:
        """The published address of the site's root, ending in '/', or None for a copy without one."""
        return self.base_url.rstrip("/") + "/" if self.base_url else None


def edition_of(settings: Settings, content: Path) -> Edition:
    """The edition a build of content makes."""
    version = content_version(content)
    timestamp = source_date_epoch() or version.timestamp
    version_date = datetime.datetime.fromtimestamp(version.timestamp if version.commit else timestamp, datetime.UTC).date()
    return Edition(timestamp, settings.title, settings.base_url, Publication.from_settings(settings), read_history(content),
                   version.commit[:12] if version.commit else None, version_date)



def fact_path(fact: Fact, language: str) -> str:
    """The fact's place from the site's root: 'en/topics/amnesty.html#constitution-amnesty-submissions'."""
    return f"{language}/{html_path(page_path(fact))}"


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
