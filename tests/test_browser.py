"""The offline bundle in Debian's Chromium, opened from file:// with every other request aborted."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import LANGUAGES

pytest.importorskip("playwright")  # installed by `make test`; a missing install fails loudly below, not here
from playwright.sync_api import Page, expect

from .browser_support import OfflinePage
from .test_search_index import INFLECTED_QUERIES

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"


def search(page: Page, words: str) -> None:
    field = page.locator("#kb-search-form input")
    field.click()
    field.fill(words)  # an input event, as typing, pasting and on-screen keyboards give
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


def first_links(page: Page, count: int = 3) -> list[str]:
    """The first results' links from the language's root: '../topics/amnesty.html' on a topic page is 'topics/amnesty.html'."""
    hrefs = page.locator("#kb-search-list a").evaluate_all(f"links => links.slice(0, {count}).map(link => link.getAttribute('href'))")
    return [from_root(href) for href in hrefs]


def from_root(href: str) -> str:
    return re.sub(r"^\.\.?/", "", href)


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


@pytest.mark.parametrize("language", LANGUAGES)
def test_inflected_words_find_their_topic_or_fact_in_the_first_three_results(unpacked, offline, language):
    page = offline.page
    page.goto((unpacked / language / "topics" / "amnesty.html").as_uri())
    misses = {}
    for words, expected in INFLECTED_QUERIES[language]:
        search(page, words)
        if expected not in first_links(page):
            misses[words] = first_links(page)
    assert misses == {}


def test_a_pasted_query_searches_with_no_key_pressed(unpacked, offline):
    page = offline.page
    page.goto((unpacked / "ru" / "topics" / "article-172.html").as_uri())
    page.evaluate("""() => { window.keys = 0;
        for (const type of ['keydown', 'keyup', 'keypress']) document.addEventListener(type, () => { window.keys += 1; }, true); }""")
    page.locator("#kb-search-form input").focus()
    page.keyboard.insert_text("осуждённых")  # as a paste with the mouse or an on-screen keyboard: an input event only
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert page.evaluate("window.keys") == 0
    assert all(link.startswith("topics/") for link in first_links(page))
    expect(page.locator("#kb-search-list mark").first).to_have_text(re.compile("^осужд", re.IGNORECASE))


def test_results_show_the_topic_the_fact_and_its_key_figure_and_the_keyboard_follows_one(unpacked, offline):
    page = offline.page
    page.goto((unpacked / "en" / "index.html").as_uri())
    search(page, "submissions")
    first = page.locator(".md-search-result__item").first
    expect(first.locator(".kb-search-result__kind")).to_have_text("Fact · Amnesty")
    expect(first.locator(".kb-search-result__statement")).to_contain_text("15,970")
    expect(first.locator(".kb-search-result__figure")).to_have_text(re.compile(r"^Submissions .*: 15,970"))
    expect(first.locator("mark").first).to_have_text(re.compile("^submissions$", re.IGNORECASE))
    expect(page.locator("#kb-search-meta")).to_have_text(re.compile(r"^Results: \d+$"))
    second = first_links(page, 2)[1]
    field = page.locator("#kb-search-form input")
    field.press("ArrowDown")
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_url(f"**/en/{second}")


@pytest.mark.parametrize(("language", "typed", "meta", "suggested"), [
    ("kk", "рақымшылеқтар", "«рақымшылеқтар» бойынша ештеңе табылмады. Мүмкін, рақымшылықтың?", "рақымшылықтың"),
    ("ru", "радекализацея", "По запросу «радекализацея» ничего не найдено. Возможно, вы имели в виду радикализация?",
     "радикализация"),
    ("en", "radekalisation", "Nothing found for “radekalisation”. Did you mean radicalisation?", "radicalisation"),
])
def test_no_results_names_the_query_and_suggests_the_closest_word(unpacked, offline, language, typed, meta, suggested):
    page = offline.page
    page.goto((unpacked / language / "index.html").as_uri())
    field = page.locator("#kb-search-form input")
    field.click()
    field.fill(typed)
    expect(page.locator("#kb-search-meta")).to_have_text(meta)
    assert page.locator(".md-search-result__item").count() == 0
    page.locator(".kb-search-suggestion__word").click()
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert field.input_value() == suggested


def test_search_in_debians_firefox_esr_offline(unpacked, tmp_path):
    """The same inflected queries and a paste in Firefox ESR, over WebDriver BiDi (puppeteer-core, pinned in tests/browser)."""
    assert Path(FIREFOX).exists(), "Debian's firefox-esr is missing: `make test` installs it with apt-get"
    request = tmp_path / "request.json"
    request.write_text(json.dumps({"root": str(unpacked), "firefox": FIREFOX, "queries": INFLECTED_QUERIES}, ensure_ascii=False),
                       encoding="utf-8")
    result = subprocess.run(["node", str(Path(__file__).parent / "browser" / "firefox_search.mjs"), str(request)],
                            capture_output=True, text=True, encoding="utf-8", timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["blocked"] == [] and report["errors"] == []
    misses = {(language, words): report["results"][language][words] for language, queries in INFLECTED_QUERIES.items()
              for words, expected in queries if expected not in map(from_root, report["results"][language][words])}
    assert misses == {}
    for language, queries in INFLECTED_QUERIES.items():
        assert report["pasted"][language]["keys"] == 0
        assert queries[0][1] in map(from_root, report["pasted"][language]["links"])


@pytest.mark.parametrize(("language", "term"), [("kk", "пробациялық бақылау"), ("ru", "пробационный контроль"),
                                              ("en", "probation control")])
def test_a_term_in_a_fact_leads_to_its_glossary_entry_in_the_three_languages(unpacked, offline, language, term):
    page = offline.page
    page.goto((unpacked / language / "topics" / "amnesty.html").as_uri())
    # The terms a fact uses are listed in the disclosure under it, as a reader opens it.
    page.locator("#women-amnesty-serving-sentences details.kb-fact-more > summary").click()
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
    cite = page.locator("#art172-cases-by-year details.kb-fact-more")
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
