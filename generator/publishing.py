"""What a build adds for readers and programs beyond the pages: the footer's facts, the feed, the Wikidata
export, the sitemap index and the 404 page at the site's root.

- `language_settings` gives each language's MkDocs configuration its footer and 404 texts (under
  extra.kb) and, when the site has an address, its site_url, which makes MkDocs write the sitemap.
- `write_language_files` writes feed.xml and data/wikidata.txt into a language's docs.
- `write_root_pages` writes 404.html at the site's root (GitHub Pages serves it for any missing address,
  at any depth) and, when the site has an address, sitemap.xml, the index of the three sitemaps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from babel.dates import get_date_format, get_month_names

from .citing import Edition
from .feed import FEED_FILE, atom_feed
from .i18n import DATE_LOCALES, format_long_date, load_translations
from .languages import LANGUAGES
from .model import KnowledgeBase
from .open_data import DATA_FOLDER
from .provenance import Provenance
from .wikidata import WIKIDATA_FILE, quickstatements
from .wording import Wording, text_in


def site_path(edition: Edition) -> str:
    """The path of the site's root on its server, ending in '/': '/repo/' on GitHub Pages, '/' without an address."""
    return urlsplit(edition.site_root).path if edition.site_root else "/"


def date_pattern(language: str) -> dict[str, Any]:
    """How the language writes a long date, for the script that writes the reader's today: CLDR pattern, month names."""
    locale = DATE_LOCALES.get(language, language)
    return {"pattern": get_date_format("long", locale=locale).pattern,
            "months": list(get_month_names("wide", "format", locale=locale).values())}


def language_settings(kb: KnowledgeBase, language: str, edition: Edition) -> dict[str, Any]:
    """Additions to a language's MkDocs configuration: extra.kb for the theme, and site_url when there is one."""
    _ = load_translations(language).gettext
    publication = edition.publication
    version_date = edition.version_date or edition.access_date

    def licence(value: Any) -> dict[str, str] | None:
        return {"name": value.name, "url": value.url} if value else None

    kb_extra = {
        "footer": {
            "publisher_label": _("Published by"),
            "publisher": publication.publisher_in(language),
            "texts_label": _("Texts"),
            "texts_licence": licence(publication.texts_licence),
            "data_label": _("Data"),
            "data_licence": licence(publication.data_licence),
            "version_label": _("Content version"),
            "version": edition.version,
            "undated_label": _("Content as of"),
            "date": version_date.isoformat(),
            "date_text": format_long_date(version_date, language),
            "changes": _("What changed"),
            "feed": _("Feed of changes (Atom)"),
            "report": _("Report an error"),
        },
        "feed_title": f"{edition.title[language]}: {_('What changed')}",
        "not_found": {
            "title": _("Page not found"),
            "text": _("There is no page at this address. It may have moved, or the address may be mistyped."),
            "home": _("Home"),
            "topics": _("Topics"),
            "topic_links": [{"title": text_in(topic.title, language), "path": f"topics/{topic.id}.html"} for topic in kb.topics],
            "other": _("Other languages"),
        },
        "site_path": site_path(edition),
        "site_root": edition.site_root or "",
        "languages": list(LANGUAGES),
        "cite": {"copied": _("Copied."), "failed": _("Select the citation and copy it."), **date_pattern(language)},
    }
    settings: dict[str, Any] = {"kb": kb_extra}
    return settings


def site_url(language: str, edition: Edition) -> dict[str, str]:
    """site_url for a language's configuration when the site has an address (sitemaps, canonical links), else nothing."""
    return {"site_url": f"{edition.site_root}{language}/"} if edition.site_root else {}


def write_language_files(kb: KnowledgeBase, language: str, edition: Edition, docs: Path) -> None:
    """feed.xml and data/wikidata.txt in a language's docs; MkDocs copies them into the site."""
    provenance = Provenance(Wording(kb, language, edition))
    docs.mkdir(parents=True, exist_ok=True)
    (docs / FEED_FILE).write_bytes(atom_feed(provenance).encode("utf-8"))
    (docs / DATA_FOLDER).mkdir(parents=True, exist_ok=True)
    (docs / DATA_FOLDER / WIKIDATA_FILE).write_bytes(quickstatements(kb, edition).encode("utf-8"))


def write_root_pages(site: Path, edition: Edition) -> None:
    """404.html at the site's root, in the three languages; and the sitemap index when the site has an address."""
    environment = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), autoescape=True)
    root = site_path(edition)
    languages = []
    for code in LANGUAGES:
        _ = load_translations(code).gettext
        languages.append({"code": code, "title": _("Page not found"), "site": edition.title[code],
                          "text": _("There is no page at this address. It may have moved, or the address may be mistyped."),
                          "home": _("Go to the home page"), "href": f"{root}{code}/index.html"})
    html = environment.get_template("not_found.html.j2").render(languages=languages, root=root)
    (site / "404.html").write_text(html, encoding="utf-8")
    if edition.site_root:
        sitemaps = "".join(f"  <sitemap><loc>{edition.site_root}{code}/sitemap.xml</loc></sitemap>\n" for code in LANGUAGES)
        (site / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                                          '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                          f"{sitemaps}</sitemapindex>\n", encoding="utf-8")
