"""The offline bundle in Debian's Chromium, opened from file:// with every other request aborted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import LANGUAGES

pytest.importorskip("playwright")  # installed by `make test`; a missing install fails loudly below, not here
from playwright.sync_api import ConsoleMessage, Page, Request, Route, expect

from .browser_support import CHROMIUM, chromium

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"


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


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it with apt-get"
    with chromium() as instance:
        yield instance


@pytest.fixture
def offline(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = OfflinePage(context.new_page())
    yield page
    context.close()
    assert page.blocked == [], "requests left file://"
    assert page.errors == [], "console errors"


def search(page: Page, words: str) -> None:
    field = page.locator("input[data-md-component='search-query']")
    field.click()
    field.fill(words)
    field.press("End")  # Material reads the query on keyup
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_chooses_a_language_opens_a_topic_and_follows_a_footnote(unpacked, offline, language):
    page = offline.page
    page.goto((unpacked / "index.html").as_uri())
    page.locator(f"main a[hreflang='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert page.url.endswith(f"/{language}/index.html")

    page.locator(".kb-topics a[href='topics/amnesty.html']").first.click()
    assert page.url.endswith(f"/{language}/topics/amnesty.html")
    reference = page.locator("#constitution-amnesty-submissions a.footnote-ref").first
    target = reference.get_attribute("href")
    reference.click()
    note = page.locator(f"li[id='{target.removeprefix('#')}']")
    expect(note).to_be_in_viewport()
    note.locator("a[href^='../sources/']").first.click()
    assert page.url.endswith(f"/{language}/sources/lada-2026-01-11-amnesty.html")
    expect(page.locator("#facts")).to_be_visible()


@pytest.mark.parametrize(("language", "words", "expected"), [
    ("kk", "рақымшылық", "/kk/topics/amnesty.html"),  # ә ғ қ ң ө ұ ү һ і: here қ and ы
    ("kk", "ұсыныс", "/kk/topics/amnesty.html"),
    ("ru", "амнистия", "/ru/topics/amnesty.html"),
    ("en", "amnesty", "/en/topics/amnesty.html"),
])
def test_search_works_offline_and_returns_that_languages_pages(unpacked, offline, language, words, expected):
    page = offline.page
    page.goto((unpacked / language / "index.html").as_uri())
    search(page, words)
    links = page.locator(".md-search-result__item a").evaluate_all("links => links.map(link => link.href)")
    assert links and all(f"/{language}/" in link for link in links)
    assert any(expected in link for link in links)
    page.locator(".md-search-result__item a[href*='topics/amnesty.html']").first.click()
    assert expected in page.url


@pytest.mark.parametrize(("language", "term"), [("kk", "пробациялық бақылау"), ("ru", "пробационный контроль"),
                                              ("en", "probation control")])
def test_a_term_in_a_fact_leads_to_its_glossary_entry_in_the_three_languages(unpacked, offline, language, term):
    page = offline.page
    page.goto((unpacked / language / "topics" / "amnesty.html").as_uri())
    page.locator("#women-amnesty-serving-sentences a[href$='glossary.html#probation-control']").click()
    assert page.url.endswith(f"/{language}/glossary.html#probation-control")
    entry = page.locator("h2#probation-control")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text(term)
    others = page.locator("h2#probation-control + p + ul li span[lang]").all_inner_texts()
    assert len(others) == 2 and term not in others
    assert page.locator("nav.md-nav--primary a[href$='glossary.html']").count() >= 1


def test_switching_language_keeps_the_page(unpacked, offline):
    page = offline.page
    page.goto((unpacked / "ru" / "topics" / "article-172.html").as_uri())
    page.locator(".md-header__option .md-select button").hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    assert page.url.endswith("/en/topics/article-172.html")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".md-header__option .md-select button").hover()
    page.locator("a.md-select__link[hreflang='kk']").click()
    assert page.url.endswith("/kk/topics/article-172.html")


def test_a_printed_topic_page_has_content_and_notes_but_no_navigation(unpacked, offline):
    page = offline.page
    page.goto((unpacked / "en" / "topics" / "article-172.html").as_uri())
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator(".footnote")).to_be_visible()
    external = page.locator(".footnote a.kb-external").first
    written_out = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in written_out


# Every text of every chart on a page: its box, and the box of the chart it belongs to.
CHART_TEXT_BOXES = """() => [...document.querySelectorAll('svg.kb-chart__svg')].map(svg => {
    const frame = svg.getBoundingClientRect();
    return {id: svg.closest('figure').id, frame: [frame.left, frame.top, frame.right, frame.bottom],
            texts: [...svg.querySelectorAll('text')].map(text => {
                const box = text.getBoundingClientRect();
                return {text: text.textContent, box: [box.left, box.top, box.right, box.bottom]};
            })};
})"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [1280, 390])
def test_chart_labels_neither_overlap_nor_leave_the_chart(unpacked, browser, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = OfflinePage(context.new_page())
    problems, charts = [], 0
    for topic in ("amnesty", "article-172", "prison-radicalisation"):
        page.page.goto((unpacked / language / "topics" / f"{topic}.html").as_uri())
        for chart in page.page.evaluate(CHART_TEXT_BOXES):
            charts += 1
            left, top, right, bottom = chart["frame"]
            assert right - left > 200, chart["id"]
            texts = chart["texts"]
            for index, text in enumerate(texts):
                box = text["box"]
                if box[0] < left - 1 or box[2] > right + 1 or box[1] < top - 1 or box[3] > bottom + 1:
                    problems.append(f"{chart['id']}: '{text['text']}' leaves the chart")
                problems += [f"{chart['id']}: '{text['text']}' overlaps '{other['text']}'"
                             for other in texts[index + 1:] if _overlap(box, other["box"])]
    context.close()
    assert charts == 7
    assert problems == []
    assert page.blocked == [] and page.errors == []


def test_a_chart_prints_and_the_citation_block_opens_on_screen_but_not_in_print(unpacked, offline):
    page = offline.page
    page.goto((unpacked / "kk" / "topics" / "article-172.html").as_uri())
    chart = page.locator("#art172-cases-by-year-chart-1 svg.kb-chart__svg")
    expect(chart).to_be_visible()
    assert [text.strip() for text in page.locator("#art172-cases-by-year-chart-1 text.kb-chart__value").all_text_contents()] == [
        "23", "36", "141"]
    cite = page.locator("#art172-cases-by-year details.kb-cite")
    expect(cite.locator(".kb-cite__text")).to_be_hidden()
    cite.locator("summary").click()
    expect(cite.locator(".kb-cite__text")).to_be_visible()
    expect(cite.locator(".kb-cite__text")).to_contain_text("kk/topics/article-172.html#art172-cases-by-year")
    page.emulate_media(media="print")
    expect(chart).to_be_visible()
    assert chart.evaluate("svg => getComputedStyle(svg.querySelector('rect.kb-chart__bar')).fill") != "none"
    assert cite.evaluate("e => getComputedStyle(e).display") == "none"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["index.html", "topics/amnesty.html", "topics/prison-radicalisation.html", "timeline.html",
                                  "data.html", "glossary.html"])
def test_no_serious_accessibility_violations(unpacked, offline, language, name):
    page = offline.page
    page.goto((unpacked / language / name).as_uri())
    page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
