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
from typing import TYPE_CHECKING

from .history import NO_HISTORY, History, read_history
from .model import Fact
from .publication import Publication
from .version import content_version

if TYPE_CHECKING:
    from .render import PageRenderer


@dataclass(frozen=True)
class Edition:
    """What a build stamps on its pages: the date citations give as accessed, the site's base URL if known,
    who publishes it, the content's version and the history of its records."""

    access_date: datetime.date
    base_url: str | None = None
    publication: Publication = field(default_factory=Publication)
    history: History = NO_HISTORY
    version: str | None = None  # the content's commit (short), or None outside git
    version_date: datetime.date | None = None  # the commit's day; the build's date outside git

    @classmethod
    def from_timestamp(cls, timestamp: int, base_url: str | None = None, content: Path | None = None) -> Edition:
        """The edition of a build at timestamp; given the content folder, with its publisher, version and history."""
        access_date = datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date()
        if content is None:
            return cls(access_date, base_url)
        version = content_version(content)
        version_date = datetime.datetime.fromtimestamp(version.timestamp, datetime.UTC).date() if version.commit else access_date
        return cls(access_date, base_url, Publication.from_settings(), read_history(content),
                   version.commit[:12] if version.commit else None, version_date)

    @property
    def site_root(self) -> str | None:
        """The published address of the site's root, ending in '/', or None for a copy without one."""
        return self.base_url.rstrip("/") + "/" if self.base_url else None


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


def primary_source(fact: Fact, language: str) -> str:
    """The fact's first source as plain text: 'Lada.kz, “Title”, 11 January 2026' (a title we supplied in brackets)."""
    from .i18n import format_partial_date, load_translations
    from .render import QUOTE_MARKS, text_in

    source = fact.citations[0].source
    opening, closing = QUOTE_MARKS[language]
    original = language if language in source.languages else source.languages[0]
    title = source.title.get(original) or text_in(source.title, language)
    parts = [text_in(source.publisher, language)]
    if source.author:
        parts.append(text_in(source.author, language))
    parts.append(f"[{text_in(source.title, language)}]" if source.title_supplied else f"{opening}{title}{closing}")
    parts.append(format_partial_date(source.date, language) if source.date
                 else load_translations(language).gettext("date not given"))
    return ", ".join(parts)


def cite_block(r: PageRenderer, fact: Fact) -> str:
    """'Cite this fact': the citation with the fact's address (or, offline, its place in the copy), its primary
    source and the access date, a copy button that the page's script shows, and the CSL-JSON."""
    from babel.dates import format_date

    from .render import QUOTE_MARKS

    statement = r.text(fact.statement)
    edition = r.edition
    item = csl_item(fact, r.language, edition, r.gettext("Penal policy of Kazakhstan"), statement)
    block = r.html_environment.get_template("cite.html.j2").render(
        fact=fact, r=r, statement=statement, link=permalink(fact, r.language, edition), online=bool(edition.base_url),
        href=r.html_link(r.fact_target(fact)), source=primary_source(fact, r.language).removesuffix("."),  # '2026 г.' ends a sentence
        accessed=format_date(edition.access_date, "long", locale=r.language), accessed_iso=edition.access_date.isoformat(),
        csl=csl_json([item]).rstrip("\n"), quote_marks=QUOTE_MARKS[r.language])
    return block.strip()
