"""Project settings: [tool.generator] in pyproject.toml, each declared with its type and checked on reading.

Command-line options override the paths. A setting that is unknown, or of the wrong type, stops the
command with a message that names it: `pyproject.toml: [tool.generator].base_url: expected text, got 5`.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import GeneratorError
from .languages import LANGUAGE_TABLE, LANGUAGES
from .voice import Message, t

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_ROOT = Path(__file__).resolve().parent
TABLE = "[tool.generator]"


class SettingsError(GeneratorError):
    """pyproject.toml holds a setting the generator cannot use."""


@dataclass(frozen=True)
class Settings:
    """Every setting, with its default; the docstring under each is the documentation README's table repeats."""

    content: Path
    """The content folder, relative to the project (default: content)."""
    archive: Path
    """The folder of archived source documents that quotes are checked against (default: ../shared/seeds)."""
    site: Path
    """Where `build` writes the site (default: site)."""
    dist: Path
    """Where `bundle` writes the offline archive (default: dist)."""
    name: str
    """The offline archive's file name, without the date and extension (default: penal-policy-kb)."""
    title: dict[str, str]
    """The site's title in each language: a table with one text per language code."""
    base_url: str | None = None
    """Where the site is published (http:// or https://); citations then give absolute links. Unset for an offline copy.
    The environment variable KB_BASE_URL, set where the site is published (the Pages job), takes its place."""
    publisher: dict[str, str] | None = None
    """Who publishes the site, in each language: shown in every page's footer."""
    texts_licence: dict[str, str] | None = None
    """The licence of the site's texts: a table with its name and url (linked with rel="license")."""
    data_licence: dict[str, str] | None = None
    """The licence of the open data: a table with its name and url."""
    repository: str | None = None
    """GitHub 'owner/name': "report an error" opens a prefilled issue there. KB_REPOSITORY takes its place."""
    contact: str | None = None
    """An e-mail address: "report an error" writes to it when no repository is named."""
    archive_repository: str | None = None
    """The GitHub repository (owner/name) of the archive of source documents, which the pull-request check checks out."""


_DEFAULTS: dict[str, Any] = {
    "content": "content",
    "archive": "../shared/seeds",
    "site": "site",
    "dist": "dist",
    "name": "penal-policy-kb",
    "title": {"kk": "Қазақстанның қылмыстық саясаты", "ru": "Уголовная политика Казахстана",
              "en": "Penal policy of Kazakhstan"},
    "base_url": None,
    "publisher": None,
    "texts_licence": None,
    "data_licence": None,
    "repository": None,
    "contact": None,
    "archive_repository": None,
}
_PATHS = ("content", "archive", "site", "dist")
# Known where the site is published (the Pages job sets them), so that no address is written by hand into the repository.
_ENVIRONMENT = {"base_url": "KB_BASE_URL", "repository": "KB_REPOSITORY"}
_PER_LANGUAGE = {"title": t("the title"), "publisher": t("the publisher's name")}
_LICENCES = ("texts_licence", "data_licence")


def setting_names() -> list[str]:
    return [setting.name for setting in fields(Settings)]


def load_settings(root: Path = PROJECT_ROOT) -> Settings:
    """Read and check the settings; paths are relative to the project root."""
    table = _read_table(root / "pyproject.toml")
    values = dict(_DEFAULTS)
    for key, value in table.items():
        if key not in _DEFAULTS:
            close = difflib.get_close_matches(key, setting_names(), n=1)
            hint = (t("did you mean '{setting}'?", setting=close[0]) if close
                    else t("the settings are {settings}", settings=", ".join(setting_names())))
            raise SettingsError(t("{where}: unknown setting ({hint})", where=f"pyproject.toml: {TABLE}.{key}", hint=hint))
        values[key] = _checked(f"pyproject.toml: {TABLE}.{key}", key, value)
    for key, variable in _ENVIRONMENT.items():
        if os.environ.get(variable):
            values[key] = _checked(t("the environment variable {variable}", variable=variable), key, os.environ[variable])
    return Settings(**{key: root / value if key in _PATHS else value for key, value in values.items()})


def _read_table(pyproject: Path) -> dict[str, Any]:
    if not pyproject.is_file():
        return {}
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(t("{where}: {error} (check the TOML syntax)", where="pyproject.toml", error=str(error))) from error
    table = document.get("tool", {}).get("generator", {})
    if not isinstance(table, dict):
        raise SettingsError(t("{where}: expected a table of settings, got {value}", where=f"pyproject.toml: {TABLE}",
                              value=_shown(table)))
    return table


def _checked(where: str | Message, key: str, value: Any) -> Any:
    """The value, if it has the setting's type; else a SettingsError naming the setting (where: the setting's place)."""
    if key in _PER_LANGUAGE:
        return _checked_texts(where, value, _PER_LANGUAGE[key])
    if key in _LICENCES:
        if not isinstance(value, dict):
            raise SettingsError(t("{where}: expected a table with the licence's name and url, got {value}", where=where,
                                  value=_shown(value)))
        for extra in sorted(value.keys() - {"name", "url"}):
            raise SettingsError(t("{where}: unknown key (a licence has a name and a url)", where=where + f".{extra}"))
        for part in ("name", "url"):
            _checked(where + f".{part}", "base_url" if part == "url" else part, value.get(part, ""))
        return dict(value)
    if not isinstance(value, str):
        raise SettingsError(t("{where}: expected text, got {value}", where=where, value=_shown(value)))
    if key == "base_url":
        if not value.strip():
            return None
        if not value.startswith(("http://", "https://")) or any(character.isspace() for character in value):
            raise SettingsError(t("{where}: expected an address that starts with http:// or https:// and holds no spaces, "
                                  "got {value}", where=where, value=_shown(value)))
    elif key in ("repository", "archive_repository") and not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", value):
        raise SettingsError(t("{where}: expected a GitHub repository as owner/name, got {value}", where=where, value=_shown(value)))
    elif key == "contact" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise SettingsError(t("{where}: expected an e-mail address, got {value}", where=where, value=_shown(value)))
    elif not value.strip():
        raise SettingsError(t("{where}: expected text, got an empty text (remove the line to use the default)", where=where))
    return value


def _checked_texts(where: str | Message, value: Any, what: Message) -> dict[str, str]:
    """A table of one text per language, every language present."""
    if not isinstance(value, dict):
        raise SettingsError(t("{where}: expected a table of texts, one per language ({languages}), got {value}", where=where,
                              languages=", ".join(LANGUAGES), value=_shown(value)))
    for extra in sorted(value.keys() - set(LANGUAGES)):
        raise SettingsError(t("{where}: not a language of the site (write {languages})", where=where + f".{extra}",
                              languages=", ".join(LANGUAGES)))
    for language in LANGUAGE_TABLE:
        text = value.get(language.code)
        if not isinstance(text, str) or not text.strip():
            got = t("nothing") if text is None else _shown(text)
            raise SettingsError(t("{where}: expected {what} in {language}, got {value}", where=where + f".{language.code}",
                                  what=what, language=language.name, value=got))
    return dict(value)


def _shown(value: Any) -> str | Message:
    """A TOML value as the file writes it, for messages: 5, true, "x", a table, a list."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return t("a table")
    if isinstance(value, list):
        return t("a list")
    return str(value)


@dataclass(frozen=True)
class Limits:
    """Bounds on what one content file may hold, so that no file can exhaust memory, time or the stack.

    Each is far above what a real record needs (the largest record today is under 7 KB, nests 6 levels
    deep and holds about 150 values); a file over a limit is refused with a message that names it.
    """

    file_bytes: int = 256 * 1024
    """Size of one content file."""
    depth: int = 20
    """Mappings and lists nested inside one another."""
    values: int = 5_000
    """Values in one file once YAML aliases (*name) are expanded: a 'billion laughs' file stops here."""
    text_characters: int = 10_000
    """Characters in one text value."""
    number_characters: int = 30
    """Characters in one written number (larger integers cost quadratic time to convert)."""
    quote_characters: int = 10
    """The shortest quote, after white space is folded: a shorter one could be found almost anywhere."""


LIMITS = Limits()
