"""Project settings, read from [tool.generator] in pyproject.toml; command-line options override them."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Settings:
    content: Path
    archive: Path
    site: Path
    dist: Path
    name: str
    base_url: str | None = None  # where the site is published; makes the permanent links in citations absolute
    # --- who publishes the site, under which licences, and where readers report errors (see generator/provenance.py)
    publisher: dict[str, str] = field(default_factory=dict)  # the publisher's name in kk, ru and en
    texts_licence: dict[str, str] = field(default_factory=dict)  # {"name": ..., "url": ...}: the licence of the site's texts
    data_licence: dict[str, str] = field(default_factory=dict)  # {"name": ..., "url": ...}: the licence of the open data
    repository: str | None = None  # GitHub "owner/name": "report an error" opens a prefilled issue there
    contact: str | None = None  # an e-mail address: "report an error" writes to it when no repository is named


def load_settings(root: Path = PROJECT_ROOT) -> Settings:
    """Read the settings; paths are relative to the project root."""
    table: dict = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("generator", {})
    return Settings(
        content=root / table.get("content", "content"),
        archive=root / table.get("archive", "../shared/seeds"),
        site=root / table.get("site", "site"),
        dist=root / table.get("dist", "dist"),
        name=table.get("name", "penal-policy-kb"),
        # The published address and the repository are known where the site is published (the Pages job sets
        # KB_BASE_URL and KB_REPOSITORY), so no address is written by hand into the repository.
        base_url=os.environ.get("KB_BASE_URL") or table.get("base_url") or None,
        publisher=dict(table.get("publisher", {})),
        texts_licence=dict(table.get("texts_licence", {})),
        data_licence=dict(table.get("data_licence", {})),
        repository=os.environ.get("KB_REPOSITORY") or table.get("repository") or None,
        contact=table.get("contact") or None,
    )


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
