"""Content is data: every string from YAML is escaped before it enters a Markdown page.

Templates print values through Jinja's `finalize` hook, which escapes every
string unless it is a `MarkdownSource`: Markdown the generator wrote itself.
So `<script>`, `{{ }}`, `[^1]`, `*` and `|` in a statement appear literally.
"""

from __future__ import annotations

import html
import re

# A run of ASCII white space other than a single space (which is left as it is, and is by far the most common).
_ASCII_SPACE_RUN = re.compile(r"[\t\r\n\f\v][ \t\r\n\f\v]*| [ \t\r\n\f\v]+")
# Characters that start inline Markdown in the extensions this site enables.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
_SPECIAL = re.compile(r"[\\`*_{}\[\]|&<>]")
# Where the footnotes extension puts the notes; templates write it, content must not.
FOOTNOTES_MARKER = "///Footnotes Go Here///"
# Markers that only mean something at the start of a block: headings, lists, quotes, admonitions.
_BLOCK_START = re.compile(r"^(#|[-+]\s|\d+[.)]\s|!!!|-{3,})")


class MarkdownSource(str):
    """Markdown written by the generator; printed as it is."""


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text, on one line (runs of ASCII white space become one space)."""
    # No-break spaces (15 970) are kept; a space at the start would let '1. ' or '# ' begin a list or a heading.
    text = _ASCII_SPACE_RUN.sub(" ", str(text)).lstrip(" ")
    if _SPECIAL.search(text):
        text = _INLINE.sub(r"\\\1", text)
        text = html.escape(text, quote=False)  # & < > become entities, so no raw HTML gets through
    # The footnotes extension puts the notes in place of the first element holding its marker, even a heading.
    text = text.replace(FOOTNOTES_MARKER, "&#47;" + FOOTNOTES_MARKER[1:])
    match = _BLOCK_START.match(text)
    if match:
        text = "\\" + text if text[0] in "#-+!" else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def escape_attribute(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def finalize_output(value: object) -> str:
    """Jinja's finalize hook: escape whatever is not MarkdownSource."""
    if value is None:
        return ""
    if isinstance(value, MarkdownSource):
        return value
    return escape_markdown(str(value))
