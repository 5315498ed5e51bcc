"""Project settings, read from [tool.generator] in pyproject.toml; command-line options override them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
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


def load_settings(root: Path = PROJECT_ROOT) -> Settings:
    """Read the settings; paths are relative to the project root."""
    table: dict[str, str] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("generator", {})
    return Settings(
        content=root / table.get("content", "content"),
        archive=root / table.get("archive", "../shared/seeds"),
        site=root / table.get("site", "site"),
        dist=root / table.get("dist", "dist"),
        name=table.get("name", "penal-policy-kb"),
        base_url=table.get("base_url") or None,
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
