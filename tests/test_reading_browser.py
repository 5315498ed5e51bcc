"""Reading, printing and using the offline site in Chromium: handouts printed to PDF, the phone, the keyboard,
the timeline's filter, the dark scheme, and the accessibility audit in both schemes at both widths."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest

from generator import LANGUAGES

pytest.importorskip("playwright")  # installed by `make test`
from pypdf import PdfReader

from .browser_support import OfflinePage
from .test_browser import AXE

pytestmark = pytest.mark.browser
TOPICS = ("amnesty", "article-172", "prison-radicalisation")
# Page counts of the printed handouts, reported at the end of the run.
HANDOUT_PAGES: dict[str, int] = {}


def squeezed(text: str) -> str:
    """Text as a PDF's text layer gives it back: without white space (spaces may be lost or added)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def printer(browser):
    context = browser.new_context()
    yield OfflinePage(context.new_page())
    context.close()


def printed_pages(printer: OfflinePage, path: Path) -> list[str]:
    printer.page.goto(path.as_uri())
    pdf = printer.page.pdf(format="A4", prefer_css_page_size=True)
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def frame_texts(printer: OfflinePage) -> tuple[str, str]:
    """The title and date the page's running head and foot print (from its own h1 and edition line)."""
    title = printer.page.evaluate("() => document.querySelector('article h1').firstChild.textContent")
    date = printer.page.evaluate("""() => {
        const rules = document.querySelector('style.kb-print-frame').sheet.cssRules[0];
        return [...rules.cssRules].find(rule => rule.cssText.includes('bottom-right')).style.content;
    }""")
    return title.strip(), json.loads(date)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_handout_prints_on_at_most_four_a4_pages_each_with_its_title_and_date(unpacked, printer, language):
    for topic in TOPICS:
        pages = printed_pages(printer, unpacked / language / "handouts" / f"{topic}.html")
        title, date = frame_texts(printer)
        HANDOUT_PAGES[f"{language}/handouts/{topic}"] = len(pages)
        assert 1 <= len(pages) <= 4, f"{language}/{topic}: {len(pages)} pages"
        for number, text in enumerate(pages, start=1):
            assert squeezed(title) in squeezed(text), f"{language}/{topic} page {number}: no title"
            assert squeezed(date) in squeezed(text), f"{language}/{topic} page {number}: no date"
            assert squeezed(f"{language}/topics/{topic}.html") in squeezed(text)
    assert printer.blocked == [] and printer.errors == []


def test_a_full_topic_page_prints_with_the_same_head_and_foot_on_every_page(unpacked, printer):
    pages = printed_pages(printer, unpacked / "ru" / "topics" / "article-172.html")
    title, date = frame_texts(printer)
    assert len(pages) > 4
    for text in pages:
        assert squeezed(title) in squeezed(text) and squeezed(date) in squeezed(text)
    printer.page.emulate_media(media="print")
    # Notes as large as the text's smaller type, and black; nothing of the fact disclosure is printed.
    note_size = printer.page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.footnote li p')).fontSize)")
    assert note_size >= 11.5  # 9 pt
    assert printer.page.evaluate("() => getComputedStyle(document.querySelector('.footnote li p')).color") == "rgb(0, 0, 0)"
    assert printer.page.evaluate("() => getComputedStyle(document.querySelector('details.kb-fact-more')).display") == "none"
    assert printer.page.evaluate("() => getComputedStyle(document.querySelector('article h2')).breakAfter") == "avoid"
    printer.page.emulate_media(media="screen")


# The box of every tap target a reader meets in the text, and the rendered size of each chart's text.
TARGETS = """() => [...document.querySelectorAll('article sup a.footnote-ref, article a.kb-chart__note, article details > summary, '
    + 'article .kb-chart__download a')]
    .filter(a => a.offsetParent !== null).map(a => {
        const box = a.getBoundingClientRect();
        return {text: a.textContent.trim().slice(0, 30), width: box.width, height: box.height};
    })"""
CHART_TEXT = """() => [...document.querySelectorAll('svg.kb-chart__svg text')].map(text =>
    ({text: text.textContent, size: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a}))"""
TABLES = """() => [...document.querySelectorAll('article table')].map(table => {
    const box = table.closest('.md-typeset__scrollwrap') || table, style = getComputedStyle(box);
    return {overflow: style.overflowX, background: style.backgroundImage, right: box.getBoundingClientRect().right,
            scrolls: box.scrollWidth > box.clientWidth + 1};
})"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_targets_are_big_enough_chart_text_readable_and_wide_tables_scroll_in_their_box(unpacked, browser, language):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = OfflinePage(context.new_page())
    small, tiny_text, tables = [], [], []
    for name in ("topics/article-172.html", "topics/amnesty.html", "status.html", "handouts/prison-radicalisation.html"):
        page.page.goto((unpacked / language / name).as_uri())
        small += [f"{name}: {t}" for t in page.page.evaluate(TARGETS) if t["width"] < 24 or t["height"] < 24]
        tiny_text += [f"{name}: {t}" for t in page.page.evaluate(CHART_TEXT) if t["size"] < 12]
        tables += page.page.evaluate(TABLES)
        assert page.page.evaluate("() => document.documentElement.scrollWidth") <= 390, name
        # With every fact's disclosure open ('Cite this fact', the fact's id to report an error) the page stays as wide.
        page.page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
        assert page.page.evaluate("() => document.documentElement.scrollWidth") <= 390, f"{name}, disclosures open"
    context.close()
    assert small == []
    assert tiny_text == []
    assert len(tables) >= 3
    assert any(table["scrolls"] for table in tables)  # the status table is wider than a phone
    for table in tables:  # a table wider than the screen scrolls inside its box, with shadows where it has more
        assert table["overflow"] in ("auto", "scroll")
        assert "gradient" in table["background"]
        assert table["right"] <= 390
    assert page.blocked == [] and page.errors == []


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(tuple(float(n) for n in re.findall(r"[\d.]+", colour)[:3]))
                              for colour in (first, second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_keyboard_focus_is_a_clear_outline_of_two_pixels(unpacked, browser, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = OfflinePage(context.new_page())
    page.page.goto((unpacked / "kk" / "topics" / "amnesty.html").as_uri())
    page.page.locator("article a.footnote-ref").first.focus()
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Shift+Tab")
    focus = page.page.evaluate("""() => {
        const element = document.activeElement, style = getComputedStyle(element);
        let back = element, colour = 'rgba(0, 0, 0, 0)';
        while (back && (colour === 'rgba(0, 0, 0, 0)' || colour === 'transparent')) {
            colour = getComputedStyle(back).backgroundColor; back = back.parentElement;
        }
        return {tag: element.tagName, width: parseFloat(style.outlineWidth), style: style.outlineStyle,
                colour: style.outlineColor, background: colour};
    }""")
    context.close()
    assert focus["tag"] == "A"
    assert focus["style"] == "solid" and focus["width"] >= 2
    assert _contrast(focus["colour"], focus["background"]) >= 3, focus


def test_the_timeline_filters_by_topic_and_country_without_a_network(unpacked, offline):
    page = offline.page
    page.goto((unpacked / "en" / "timeline.html").as_uri())
    entries = page.locator("li.kb-timeline__entry")
    total = entries.count()
    form = page.locator("form.kb-timeline-filter")
    assert form.is_visible()
    form.locator("select[name=country]").select_option("KZ")
    visible = page.locator("li.kb-timeline__entry:visible")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("items => items.map(li => li.dataset.country)")) == {"KZ"}
    form.locator("select[name=topic]").select_option("article-172")
    assert set(visible.evaluate_all("items => items.map(li => li.dataset.topic)")) == {"article-172"}
    assert form.locator("output").inner_text() == f"{visible.count()} of {total} entries shown"
    assert page.locator("h2#year-2008").is_hidden()  # a year left empty loses its heading
    form.locator("select[name=country]").select_option("")
    form.locator("select[name=topic]").select_option("")
    assert visible.count() == total


def test_the_palette_toggle_switches_to_dark_and_the_charts_follow(unpacked, offline):
    page = offline.page
    page.goto((unpacked / "ru" / "topics" / "article-172.html").as_uri())
    bar = page.locator("rect.kb-chart__bar").first
    light = bar.evaluate("rect => getComputedStyle(rect).fill")
    toggle = page.locator("form[data-md-component='palette'] label:visible").first
    assert toggle.get_attribute("title") == "Включить темную тему"
    toggle.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert bar.evaluate("rect => getComputedStyle(rect).fill") != light


PAGES = ("index.html", "topics/amnesty.html", "handouts/prison-radicalisation.html", "timeline.html",
         "sources/lada-2026-01-11-amnesty.html")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violations_in_either_scheme_at_either_width(unpacked, browser, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = OfflinePage(context.new_page())
    found = {}
    for language in LANGUAGES:
        for name in PAGES:
            page.page.goto((unpacked / language / name).as_uri())
            assert page.page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
            page.page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
            page.page.add_script_tag(path=str(AXE))
            result = page.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            serious = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
                       for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if serious:
                found[f"{language}/{name}"] = serious
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
    assert page.blocked == [] and page.errors == []
