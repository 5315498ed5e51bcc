"""Screenshots of the built site, for a person to look at: python -m tests.screenshots [SITE_DIR] [OUT_DIR].

Opens each kind of page (home, every topic, every handout, the timeline, open data, a source page, an entity
page) in each language from file://, at desktop (1280 px) and phone (390 px) width, and writes full-page PNGs;
the topic and timeline pages also in the dark scheme.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator import LANGUAGES

from .browser_support import chromium

WIDTHS = {"desktop": 1280, "phone": 390}
DARK = ("topics/amnesty.html", "timeline.html")


def pages_of(site: Path) -> list[str]:
    topics = sorted(path.name for path in (site / "en" / "topics").glob("*.html"))
    return (["index.html"] + [f"topics/{name}" for name in topics] + [f"handouts/{name}" for name in topics]
            + ["timeline.html", "data.html", "sources/pri-press-release-prison-radicalisation.html",
               "entities/yerzhan-sadenov.html", "entities/index.html"])


def take_screenshots(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as browser:
        for device, width in WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
                for language in LANGUAGES:
                    for name in pages_of(site):
                        if scheme == "dark" and name not in DARK:
                            continue
                        page.goto((site / language / name).resolve().as_uri())
                        stem = name.replace("/", "-").removesuffix(".html")
                        target = out / f"{language}-{stem}-{device}{'-dark' if scheme == 'dark' else ''}.png"
                        page.screenshot(path=str(target), full_page=True)
                        written.append(target)
                context.close()
    return written


if __name__ == "__main__":
    site_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site")
    out_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("screenshots")
    for path in take_screenshots(site_dir, out_dir):
        print(path)
