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
