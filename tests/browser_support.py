"""Debian's Chromium driven by Playwright, shared by the browser tests, screenshots and the benchmark."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--allow-file-access-from-files",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium; never a downloaded browser."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class OfflinePage:
    """A page whose non-file requests are aborted and recorded, with console errors collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.blocked: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _route(self, route: Route, request: Request) -> None:
        if request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()

    def _console(self, message: ConsoleMessage) -> None:
        # Chromium refuses fetch() of the sitemaps from file://; that is expected and harmless.
        if message.type == "error" and "sitemap.xml" not in message.text and "sitemap.xml" not in (message.location or {}).get("url", ""):
            self.errors.append(message.text)
