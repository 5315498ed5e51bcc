"""The gettext catalogs, compiled in memory from their .po files so that they are never stale.

Two domains live side by side under `locales/<language>/LC_MESSAGES/`: `messages`, the site's interface, and
`commands`, what the validator and the command line say (generator/voice.py).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locales"


def catalog_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


@lru_cache(maxsize=16)
def load_catalog(language: str, domain: str) -> Translations:
    """The translations of one domain into language; OSError when its .po file cannot be read."""
    with catalog_path(language, domain).open("rb") as po_file:
        catalog = read_po(po_file, locale=language, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)
