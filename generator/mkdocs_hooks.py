"""MkDocs hooks for the per-language builds: let go of each page's text as soon as MkDocs is done with it.

MkDocs reads and converts every page before it writes any, and keeps every page's Markdown and HTML until
the build ends; with thousands of pages in each of three builds running side by side, that is most of
their memory. The Markdown is not needed once converted (an empty string, not None: None would also
drop the page's title), nor the HTML once the page is written: the search index has taken its text by then.
"""

from __future__ import annotations

from typing import Any


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    page.markdown = ""
    return html


def on_post_page(output: str, page: Any, config: Any) -> str:
    page.content = None
    return output
