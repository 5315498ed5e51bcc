"""MkDocs hooks for the per-language builds: let go of each page's text as soon as MkDocs is done with it, and give
the 404 page links that work at any depth.

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


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    """The 404 page is served at any address, so its links start from the server's root. MkDocs takes that root
    from site_url, or '/' without one; the language's own folder is added, so that its styles, scripts and
    links load (on GitHub Pages under /<repository>/<language>/, under /<language>/ from `python -m http.server`)."""
    if template_name == "404.html":
        root = config.extra.get("kb", {}).get("site_path", "/")
        context["base_url"] = f"{root}{config.theme['language']}"
    return context
