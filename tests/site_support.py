"""Helpers for reading a built site: parsed pages, link resolution, text normalisation."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from generator.citing import Edition
from generator.settings import Settings, load_settings


@lru_cache(maxsize=512)
def parse_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def html_pages(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.html") if path.name != "404.html")


def resolve_link(page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link points at, or None for external and special links."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith(("//", "mailto:", "javascript:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    return (page.parent / unquote(parts.path)).resolve(), unquote(parts.fragment)


def element_ids(path: Path) -> set[str]:
    return {element["id"] for element in parse_html(path).find_all(id=True)}


def settings_for(content: Path, archive: Path | None, **overrides: object) -> Settings:
    """The project's settings with another content folder and archive, as the command line's --content and --archive give."""
    return replace(load_settings(), content=content, archive=archive, **overrides)


def edition_on(day: datetime.date, base_url: str | None = None) -> Edition:
    """The edition a build stamps when its content is dated day (midnight UTC)."""
    timestamp = int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())
    return Edition(timestamp, load_settings().title, base_url)
