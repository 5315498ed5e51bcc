"""Measure the pipeline and the offline bundle: python -m tests.benchmark (make benchmark).

Prints figures; asserts nothing. Times vary with the machine; they are reported, not tested.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path

from generator.build import build_site
from generator.bundle import build_bundle
from generator.load import load_content
from generator.settings import load_settings
from generator.validate import validate_content

from .browser_support import chromium


def timed(action, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def first_search_result(root: Path, language: str, words: str, runs: int = 5) -> list[float]:
    """Seconds from starting to open the home page from file:// to the first search result on screen."""
    results = []
    with chromium() as browser:
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            start = time.perf_counter()
            page.goto((root / language / "index.html").as_uri())
            field = page.locator("#kb-search-form input")
            field.click()
            field.fill(words)
            page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=30_000)
            results.append(time.perf_counter() - start)
            context.close()
    return results


def main() -> None:
    settings = load_settings()
    archive = settings.archive if settings.archive.is_dir() else None
    load_seconds, (documents, problems) = timed(lambda: load_content(settings.content))
    validate_seconds, _ = timed(lambda: validate_content(documents, problems, archive))
    print(f"content: {len(documents)} files; load {load_seconds * 1000:.0f} ms, validate {validate_seconds * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as work:
        build_seconds, _ = timed(lambda: build_site(replace(settings, archive=archive), Path(work) / "site"), repeat=1)
        print(f"build (3 languages): {build_seconds:.1f} s")
        bundle_seconds, bundle = timed(lambda: build_bundle(replace(settings, archive=archive), Path(work) / "dist"), repeat=1)
        with zipfile.ZipFile(bundle) as packed:
            entries = packed.infolist()
            packed.extractall(Path(work) / "usb")
        unpacked_size = sum(entry.file_size for entry in entries)
        print(f"bundle: {bundle.name}, {bundle.stat().st_size / 1e6:.2f} MB, {len(entries)} files "
              f"({unpacked_size / 1e6:.1f} MB unpacked), built in {bundle_seconds:.1f} s")
        (root,) = (Path(work) / "usb").iterdir()
        for language, words in (("kk", "рақымшылық"), ("ru", "амнистия"), ("en", "amnesty")):
            times = first_search_result(root, language, words)
            print(f"first search result, {language} '{words}': median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)")


if __name__ == "__main__":
    main()
