"""Measure search on built sites: benchmarks/search.py NAME=SITE_DIR [NAME=SITE_DIR ...] [--runs 5] [--json FILE].

For each site and language: the size of the search index, the number of pages, and the time from starting to open a
topic page from file:// in headless Chromium to the first search result on screen (the box clicked, the query
typed), the median of --runs fresh browser contexts; and, apart, the part of it after the page's load event, which
leaves out loading Material's page. Every request that is not a file is aborted.

It measures this site's search (theme/assets/javascripts/kb-search.js, index in search/index.<language>.js) and
Material's (search/search_index.js, rebuilt in the browser), so that a site built before the change can be measured
beside one built after it. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_support import chromium  # noqa: E402

LANGUAGES = ("kk", "ru", "en")
QUERIES = {"kk": "рақымшылық", "ru": "амнистия", "en": "amnesty"}  # topic titles in the content and in the corpus
OURS = ("#kb-search-form input", ".md-search-result__item")
MATERIALS = ("input[data-md-component='search-query']", ".md-search-result__item")


def index_file(site: Path, language: str) -> tuple[Path, str]:
    ours = site / language / "search" / f"index.{language}.js"
    return (ours, "ours") if ours.is_file() else (site / language / "search" / "search_index.js", "material")


def first_result_seconds(browser, page_path: Path, query: str, kind: str, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from opening the page to the first result, and from the page's load event to the first result."""
    field_selector, result_selector = OURS if kind == "ours" else MATERIALS
    times, after_load = [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        start = time.perf_counter()
        page.goto(page_path.as_uri())
        loaded = time.perf_counter()
        field = page.locator(field_selector)
        field.click()
        field.fill(query)
        if kind == "material":
            field.press("End")  # Material reads the query on keyup
        page.locator(result_selector).first.wait_for(state="visible", timeout=120_000)
        end = time.perf_counter()
        times.append(end - start)
        after_load.append(end - loaded)
        context.close()
    return times, after_load


def measure_site(name: str, site: Path, runs: int) -> list[dict]:
    rows = []
    with chromium() as browser:
        for language in LANGUAGES:
            index, kind = index_file(site, language)
            pages = sum(1 for path in (site / language).rglob("*.html") if path.name != "404.html")
            topic = sorted((site / language / "topics").glob("*.html"))[0]
            times, after_load = first_result_seconds(browser, topic, QUERIES[language], kind, runs)
            row = {"site": name, "search": kind, "language": language, "pages": pages, "index_bytes": index.stat().st_size,
                   "bytes_per_page": round(index.stat().st_size / pages), "first_result_s": round(statistics.median(times), 3),
                   "after_load_s": round(statistics.median(after_load), 3),
                   "runs_s": [round(seconds, 3) for seconds in times], "query": QUERIES[language], "page": topic.name}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", metavar="NAME=SITE_DIR")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    arguments = parser.parse_args()
    rows = []
    for item in arguments.sites:
        name, _, directory = item.partition("=")
        rows += measure_site(name, Path(directory), arguments.runs)
    if arguments.json:
        arguments.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
