"""What a page says about where its facts come from and how current they are, for the templates.

`PageRenderer.provenance` (a page renderer is a Wording) is one of these: when a fact was added and last changed, how to report an
error in it, a link into the original that scrolls to the quoted words, and the list of changes the
"what changed" page and the feeds show.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from .citing import fact_path, permalink
from .history import ADDED, CHANGED
from .markdown_text import MarkdownSource, escape_attribute
from .model import Citation, Fact

if TYPE_CHECKING:
    from .wording import Wording

CORRECTED = "corrected"
FRAGMENT_WORDS = 4  # words at each end of a quote that a text fragment names


@dataclass(frozen=True)
class FactChange:
    """One line of "what changed": a fact added, changed or corrected on a day."""

    fact: Fact
    kind: str  # ADDED, CHANGED or CORRECTED
    date: str  # YYYY-MM-DD
    instant: str  # RFC 3339, for the feed
    commit: str | None  # the commit, or None for a correction note
    note: dict[str, str] | None = None  # a correction's explanation


def fact_changes(facts: list[Fact], history_of, corrections_of) -> list[FactChange]:
    """Every addition, change and correction of the facts, newest first (a fact changed twice in a day, once);
    a day's entries by kind, then fact id."""
    changes = []
    for fact in facts:
        seen: set[tuple[str, str]] = set()
        # Newest first, so that of a fact's several changes on one day only the last is listed.
        for change in reversed(history_of(fact.id).changes):
            if (change.kind, change.date) not in seen:
                seen.add((change.kind, change.date))
                changes.append(FactChange(fact, change.kind, change.date, change.instant, change.commit))
        for correction in corrections_of(fact):
            changes.append(FactChange(fact, CORRECTED, correction["date"], f"{correction['date']}T00:00:00Z", None,
                                      correction["note"]))
    order = {CORRECTED: 0, CHANGED: 1, ADDED: 2}
    changes.sort(key=lambda c: (order[c.kind], c.fact.id, c.commit or ""))
    return sorted(changes, key=lambda c: c.instant, reverse=True)  # stable: within one instant, the order above


def text_fragment(url: str, quote_text: str) -> str:
    """url with a text fragment that highlights the quote: '#:~:text=first%20words,last%20words'.

    Per the URL Fragment Text Directives specification, '-', ',' and '&' are written percent-encoded, as
    is everything outside the unreserved characters. A quote of up to twice FRAGMENT_WORDS words is named
    whole.
    """
    words = quote_text.split()
    if len(words) <= 2 * FRAGMENT_WORDS:
        directive = _directive_part(" ".join(words))
    else:
        directive = f"{_directive_part(' '.join(words[:FRAGMENT_WORDS]))},{_directive_part(' '.join(words[-FRAGMENT_WORDS:]))}"
    separator = ":~:" if "#" in url else "#:~:"
    return f"{url}{separator}text={directive}"


def _directive_part(text: str) -> str:
    # Strip punctuation a page may lay out differently at the ends, then encode; quote() leaves '-' alone.
    text = text.strip(" .,;:!?\u00ab\u00bb\"\u201c\u201d()")
    return quote(text, safe="").replace("-", "%2D")


class Provenance:
    """The helpers templates call through r.provenance."""

    def __init__(self, renderer: Wording) -> None:
        self.r = renderer
        self.edition = renderer.edition

    # --- a fact's dates and its "report an error" --------------------------------

    def fact_meta(self, fact: Fact) -> MarkdownSource:
        """'Added 21 November 2026; last changed 22 November 2026. Report an error in this fact' under a fact."""
        gettext = self.r.gettext
        history = self.edition.history.fact(fact.id)
        parts = []
        added, changed = history.added, history.last_changed
        if added is not None:
            parts.append(gettext("Added %(date)s") % {"date": self._time(added.date)})
        if changed is not None and (added is None or changed.commit != added.commit):
            parts.append(gettext("last changed %(date)s") % {"date": self._time(changed.date)})
        if not parts:
            parts.append(html.escape(gettext("Dates of change not known in this copy")))
        dates = "; ".join(parts)
        dates = dates[:1].upper() + dates[1:]
        # A date written with an abbreviation ('2026 г.') already ends the sentence.
        full_stop = "" if re.search(r"\.(</time>)?$", dates) else "."
        return MarkdownSource(f'<p class="kb-fact-more__item kb-fact-meta">{dates}{full_stop} {self.report(fact)}</p>')

    def _time(self, date: str) -> str:
        return f'<time datetime="{date}">{html.escape(self.r.date(date))}</time>'

    def report(self, fact: Fact) -> str:
        """A prefilled issue or e-mail naming the fact, the page and the language; plain text without either."""
        gettext = self.r.gettext
        language = self.r.language
        page = permalink(fact, language, self.edition)
        title = gettext("Error in the fact %(fact)s (%(language)s)") % {"fact": fact.id, "language": language}
        body = gettext("Fact: %(fact)s\nPage: %(page)s\nLanguage: %(language)s\n\nWhat is wrong, and the source that shows it:\n") % {
            "fact": fact.id, "page": page, "language": language}
        address = self.edition.publication.report_address(title, body)
        if address is None:
            text = gettext("To report an error, name the fact %(fact)s") % {"fact": f"<code>{fact.id}</code>"}
            return f'<span class="kb-report">{text}.</span>'
        label = html.escape(gettext("Report an error in this fact"))
        return f'<a class="kb-report" href="{escape_attribute(address)}" rel="nofollow">{label}</a>'

    # --- the link to the original, scrolled to the quote -----------------------

    def original_link(self, citation: Citation, quote_language: str) -> str:
        """The source's address; with a text fragment when the quote shown is in the source's own language."""
        url = citation.source.url or ""
        if quote_language in citation.source.languages and quote_language in citation.quote:
            return text_fragment(url, citation.quote[quote_language])
        return url

    # --- what changed ------------------------------------------------------------

    def changes(self) -> list[FactChange]:
        return fact_changes(sorted(self.r.kb.facts.values(), key=lambda fact: fact.id), self.edition.history.fact,
                            lambda fact: fact.corrections)

    def change_kind(self, kind: str) -> str:
        gettext = self.r.gettext
        return {ADDED: gettext("Added"), CHANGED: gettext("Changed"), CORRECTED: gettext("Corrected")}[kind]

    def history_available(self) -> bool:
        return self.edition.history.available

    def fact_place(self, fact: Fact) -> str:
        return fact_path(fact, self.r.language)
