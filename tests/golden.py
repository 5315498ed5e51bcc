"""Golden Markdown: the pages rendered from tests/fixtures/content, kept in tests/golden/.

Regenerate after an intended change with `make golden` (python -m tests.golden) and review the diff.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from generator import LANGUAGES
from generator.build import load_knowledge_base
from generator.render import render_pages

from .site_support import edition_on

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
GOLDEN_EDITION = edition_on(datetime.date(2026, 1, 11))


def render_fixture() -> dict[str, str]:
    """{language/path: markdown} for every page of the fixture site."""
    kb = load_knowledge_base(FIXTURES / "content", FIXTURES / "archive")
    return {f"{language}/{page.path}": page.markdown for language in LANGUAGES for page in render_pages(kb, language, GOLDEN_EDITION)}


def write_golden() -> list[Path]:
    written = []
    for stale in GOLDEN.rglob("*.md"):
        stale.unlink()
    for name, markdown in render_fixture().items():
        path = GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_golden():
        print(path)
