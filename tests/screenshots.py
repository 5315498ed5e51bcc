"""Screenshots of the built site, for a person to look at: python -m tests.screenshots [SITE_DIR] [OUT_DIR].

Opens the home page, every topic page, the timeline and the open-data page in each language from file://
and writes full-page PNGs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator import LANGUAGES

from .browser_support import chromium


def take_screenshots(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    pages = ["index.html"] + sorted(f"topics/{path.name}" for path in (site / "en" / "topics").glob("*.html")) + [
        "timeline.html", "data.html", "glossary.html"]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for language in LANGUAGES:
            for name in pages:
                page.goto((site / language / name).resolve().as_uri())
                target = out / f"{language}-{name.replace('/', '-').removesuffix('.html')}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
    return written


if __name__ == "__main__":
    site_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site")
    out_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("screenshots")
    for path in take_screenshots(site_dir, out_dir):
        print(path)
