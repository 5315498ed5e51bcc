"""An Atom feed of what changed, per language: feed.xml beside the language's home page.

Entries are the facts added, changed and corrected, newest first, in the feed's language. Their ids are
urn:uuid names derived from the language, the fact id, the kind of change and its commit (or the
correction's day), so they stay the same from one build to the next; every date is a commit's.
"""

from __future__ import annotations

import uuid
from xml.sax.saxutils import escape, quoteattr

from .citing import Edition, permalink
from .provenance import CORRECTED, FactChange, Provenance

FEED_FILE = "feed.xml"
FEED_ENTRIES = 100  # the newest; the "what changed" page lists them all
_NAMESPACE = uuid.UUID("6f1c0c5e-4a7e-5b7a-9d2a-3f0d7c1e8b42")  # this knowledge base's own namespace for feed ids


def entry_id(language: str, change: FactChange) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{language}/{change.fact.id}/{change.kind}/{change.commit or change.date}')}"


def feed_id(language: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{language}/feed')}"


def atom_feed(provenance: Provenance) -> str:
    r = provenance.r
    edition: Edition = r.edition
    language = r.language
    changes = provenance.changes()
    site = r.site_title
    updated = changes[0].instant if changes else f"{(edition.version_date or edition.access_date).isoformat()}T00:00:00Z"
    root = edition.site_root
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">',
        f"  <id>{feed_id(language)}</id>",
        f"  <title>{escape(site)}: {escape(r.gettext('What changed'))}</title>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(edition.publication.publisher_in(language) or site)}</name></author>",
    ]
    if root:
        lines.append(f'  <link rel="self" type="application/atom+xml" href={quoteattr(f"{root}{language}/{FEED_FILE}")}/>')
        lines.append(f'  <link rel="alternate" type="text/html" href={quoteattr(f"{root}{language}/changes.html")}/>')
    if edition.publication.texts_licence:
        licence = edition.publication.texts_licence
        lines.append(f"  <rights>{escape(licence.name)} {escape(licence.url)}</rights>")
    for change in changes[:FEED_ENTRIES]:
        lines += entry_lines(provenance, change)
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def entry_lines(provenance: Provenance, change: FactChange) -> list[str]:
    r = provenance.r
    statement = r.text(change.fact.statement)
    title = f"{provenance.change_kind(change.kind)}: {r.shorten(statement)}"
    summary = statement
    if change.kind == CORRECTED and change.note:
        correction = r.gettext("Correction")
        summary = f"{statement} {correction}: {r.text(change.note)}"
    link = permalink(change.fact, r.language, r.edition)
    # Without a published address, the fact's place relative to feed.xml, which sits in the language's folder.
    href = link if r.edition.base_url else link.split("/", 1)[1]
    return [
        "  <entry>",
        f"    <id>{entry_id(r.language, change)}</id>",
        f"    <title>{escape(title)}</title>",
        f"    <updated>{change.instant}</updated>",
        f'    <link rel="alternate" type="text/html" href={quoteattr(href)}/>',
        f'    <category term="{change.kind}"/>',
        f"    <summary>{escape(summary)}</summary>",
        "  </entry>",
    ]
