"""In Debian's Chromium: the language switcher keeps the fact (from file:// and over http), "Cite this fact" copies
from file:// with the reader's today, and the 404 pages work at two depths over http."""

from __future__ import annotations

import datetime
import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import Page, expect

from generator import LANGUAGES
from generator.i18n import load_translations

pytestmark = pytest.mark.browser
FACT = "women-amnesty-serving-sentences"


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Serves the site as a static host with custom error pages does: a missing address under /<language>/ gets
    that language's 404.html, any other the root 404.html, with the status 404 either way. With root_only, every
    missing address gets the root 404.html, as on GitHub Pages."""

    root_only = False

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.exists():
            return super().send_head()
        first = self.path.lstrip("/").split("/", 1)[0]
        in_language = first in LANGUAGES and not self.root_only
        page = Path(self.directory) / (f"{first}/404.html" if in_language else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, *arguments: object) -> None:
        pass


class PagesHandler(StaticHostHandler):
    root_only = True


@contextmanager
def served(root: Path, handler: type[StaticHostHandler] = StaticHostHandler) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    external: list[str] = []
    new_page = context.new_page()
    new_page.route("**/*", lambda route, request: route.continue_() if request.url.startswith(("file:", "http://127.0.0.1"))
                   else (external.append(request.url), route.abort()))
    yield new_page
    context.close()
    assert external == [], "requests left the machine"


def switch(page: Page, language: str) -> None:
    page.locator(".md-header__option .md-select button").hover()
    page.locator(f"a.md-select__link[hreflang='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_switching_language_keeps_the_fact_from_file(unpacked, page):
    page.goto((unpacked / "ru" / "topics" / "amnesty.html").as_uri() + f"#{FACT}")
    assert page.locator("a.md-select__link[aria-current='page']").get_attribute("hreflang") == "ru"
    switch(page, "en")
    assert page.url.endswith(f"/en/topics/amnesty.html#{FACT}")
    expect(page.locator(f"#{FACT}")).to_be_in_viewport()
    assert page.locator("a.md-select__link[aria-current='page']").get_attribute("hreflang") == "en"
    page.goto((unpacked / "en" / "topics" / "amnesty.html").as_uri() + "#women-amnesty-request")  # a new fact, same page
    switch(page, "kk")
    assert page.url.endswith("/kk/topics/amnesty.html#women-amnesty-request")


def test_switching_language_keeps_the_fact_over_http(unpacked, page):
    with served(unpacked) as address:
        page.goto(f"{address}/kk/topics/amnesty.html#{FACT}")
        switch(page, "ru")
        assert page.url == f"{address}/ru/topics/amnesty.html#{FACT}"
        expect(page.locator(f"#{FACT}")).to_be_in_viewport()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_copy_button_copies_the_citation_with_todays_date_from_file(unpacked, page, language):
    page.goto((unpacked / language / "topics" / "amnesty.html").as_uri())
    page.locator(f"#{FACT} details.kb-fact-more > summary").click()  # the disclosure under the fact holds the citation
    cite = page.locator(f"#{FACT} .kb-cite")
    button = cite.locator("button.kb-cite__copy")
    expect(button).to_be_visible()
    button.click()
    expect(cite.locator(".kb-cite__status")).to_have_text(load_translations(language).gettext("Copied."))
    today = page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }")
    assert cite.locator("time.kb-cite__accessed").get_attribute("datetime") == datetime.date(*today).isoformat()
    page.evaluate("() => { const area = document.createElement('textarea'); area.id = 'pasted'; document.body.append(area); area.focus(); }")
    page.keyboard.press("Control+V")
    pasted = page.locator("#pasted").input_value()
    shown = re.sub(r"[ \t\r\n]+", " ", cite.locator(".kb-cite__text").inner_text()).strip()
    assert pasted == shown
    assert f"{language}/topics/amnesty.html#{FACT}" in pasted
    assert cite.locator("time.kb-cite__accessed").inner_text() in pasted


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("missing", ["nothing-here.html", "topics/gone/deeper/still/nothing.html"])
def test_the_404_page_is_styled_and_its_links_lead_somewhere_at_any_depth(unpacked, page, language, missing):
    _ = load_translations(language).gettext
    with served(unpacked) as address:
        response = page.goto(f"{address}/{language}/{missing}")
        assert response.status == 404
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("article h1")).to_have_text(_("Page not found"))
        # Material's styles loaded: the header is coloured, and its icons are icon-sized, not page-sized.
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "")
        assert page.locator(".md-header .md-logo svg, .md-header__button svg").first.bounding_box()["height"] <= 48
        links = page.locator("article a[href], footer a[href]:not([rel~=license])").evaluate_all("links => links.map(a => a.href)")
        assert len(links) >= 6
        for link in links:
            assert page.request.get(link.split("#")[0]).status == 200, link


def test_the_root_404_page_puts_the_language_of_the_address_first(unpacked, page):
    with served(unpacked, PagesHandler) as address:
        response = page.goto(f"{address}/elsewhere/deep/page.html")
        assert response.status == 404
        assert [section.get_attribute("lang") for section in page.locator("section").all()] == list(LANGUAGES)
        for language, other in (("ru", ["ru", "kk", "en"]), ("en", ["en", "kk", "ru"])):
            page.goto(f"{address}/{language}/topics/gone/page.html")
            expect(page.locator("html")).to_have_attribute("lang", language)
            assert [section.get_attribute("lang") for section in page.locator("section").all()] == other
            assert page.title() == load_translations(language).gettext("Page not found")
        for link in page.locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
            assert page.request.get(link).status == 200, link
