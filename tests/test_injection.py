"""Script injection: classic XSS vectors in every text field of a topic, a fact, a source and an entity.

The site is built with the real command line and opened from file:// in Debian's Chromium. No script
may run (no dialog, no console message, no navigation, no request), no element or attribute may come
from the content, and every field must show its text literally.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import LANGUAGES
from generator.settings import PROJECT_ROOT

from .conftest import schema_line
from .site_support import normalise

pytest.importorskip("playwright")  # installed by `make test`; a missing install fails loudly below, not here
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.build, pytest.mark.browser]

# No digits: the validator compares the numbers of the three languages, and these carry none.
VECTORS = " ".join([
    "<script>console.log('xss-marker')</script>",
    "<img src=x onerror=\"console.log('xss-marker')\">",
    "<svg onload=alert(document.domain)><script>alert(document.domain)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(document.domain)\"><text>svg</text></a></svg>",
    "[click](javascript:alert(document.domain))",
    "[ref]: javascript:alert(document.domain)",
    "<a href=\"javascript:alert(document.domain)\">anchor</a>",
    "<javascript:alert(document.domain)>",
    "![image](x\" onerror=\"alert(document.domain))",
    "&lt;script&gt;alert(document.domain)&lt;/script&gt;",
    "&#x3C;img src=x onerror=alert(document.domain)&#x3E;",
    "<div markdown=\"block\"><b onmouseover=alert(document.domain)>raw</b></div>",
    "<iframe src=\"javascript:alert(document.domain)\"></iframe>",
    "<details open ontoggle=alert(document.domain)>",
    "{: onclick=\"alert(document.domain)\" } [^note] *[HTML]: abbreviation",
    "{{ config }} {% raw %}jinja{% endraw %} {# comment #}",
    "--> <!-- ]]> <![CDATA[ x ]]>",
    "</title><script>alert(document.domain)</script>",
    "&lt;/title&gt;&lt;img src=x onerror=alert(document.domain)&gt;",
    "</textarea></noscript></style><script>alert(document.domain)</script>",
    "///Footnotes Go Here/// :material-alert: :smile: \\u003cscript\\u003e",
])

# One text per field and language, each starting with a tag that says where it belongs.
FIELDS = {
    "topic": ["title", "summary", "section", "section-summary"],
    "fact": ["statement", "value-label", "part-label", "value-discrepancy", "discrepancy", "locator", "translation",
             "chart-title"],
    "source": ["title", "publisher", "author", "date-note", "note"],
    "entity": ["name", "description", "locator", "translation"],
}
QUOTES = {"fact": "fact quote: " + VECTORS, "entity": "entity quote: " + VECTORS}
ARCHIVE_FILE = "page <img src=x onerror=alert(document.domain)> {{ config }}.txt"  # read by the build, not shown
ARCHIVE_TEXT = f"An archived page.\n{QUOTES['fact']}\n{QUOTES['entity']}\n"
URL = "https://example.org/\"onmouseover=\"alert(document.domain)\"><script>alert(document.domain)</script>"


# Raw HTML and Markdown blocks: each starts a line of its own, as a block would.
BLOCKS = ("<div markdown=\"block\" onmouseover=\"alert(document.domain)\">\n\n", "\n\n</div>\n\n# heading {#evil}\n\n- item\n\n!!! note\n    admonition")


def field_text(record: str, field: str, language: str) -> str:
    return f"{BLOCKS[0]}{record} {field} {language}: {VECTORS}{BLOCKS[1]}"


def text(record: str, field: str, indent: str = "") -> str:
    """A translatable text as a YAML block: one double-quoted line per language."""
    return "".join(f"{indent}  {code}: {yaml_string(field_text(record, field, code))}\n" for code in LANGUAGES)


def yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def hostile_tree() -> dict[str, str]:
    archive = ARCHIVE_TEXT
    digest = hashlib.sha256(archive.encode()).hexdigest()
    return {
        f"archive/{ARCHIVE_FILE}": archive,
        "content/topics/alpha.yaml": schema_line("topic") + "id: alpha\norder: 1\n"
        + "title:\n" + text("topic", "title") + "summary:\n" + text("topic", "summary")
        + "sections:\n  - id: main\n    title:\n" + text("topic", "section", "    ")
        + "    summary:\n" + text("topic", "section-summary", "    ") + "    key_facts: [claim]\n",
        "content/sources/page.yaml": schema_line("source") + "id: page\nkind: news-report\nlanguages: [en]\n"
        + "title:\n" + text("source", "title") + "publisher:\n" + text("source", "publisher")
        + "author:\n" + text("source", "author") + "date_note:\n" + text("source", "date-note")
        + "note:\n" + text("source", "note") + f"url: {yaml_string(URL)}\n"
        + f"archive:\n  file: {yaml_string(ARCHIVE_FILE)}\n  sha256: {digest}\n",
        "content/entities/board.yaml": schema_line("entity") + "id: board\nkind: organisation\n"
        + "name:\n" + text("entity", "name") + "description:\n" + text("entity", "description")
        + "citations:\n  - source: page\n" + f"    quote: {{en: {yaml_string(QUOTES['entity'])}}}\n"
        + "    locator:\n" + text("entity", "locator", "    ")
        + "    translation:\n" + "".join(f"      {code}: {yaml_string(field_text('entity', 'translation', code))}\n" for code in ("kk", "ru")),
        "content/facts/claim.yaml": schema_line("fact") + "id: claim\ntopics:\n  - topic: alpha\n    section: main\n"
        + "statement:\n" + text("fact", "statement")
        + "values:\n  - label:\n" + text("fact", "value-label", "    ") + "    total: 6\n    parts:\n"
        + "      - label:\n" + text("fact", "part-label", "        ") + "        number: 2\n"
        + "      - label: {kk: б, ru: б, en: b}\n        number: 3\n"
        + "    discrepancy:\n" + text("fact", "value-discrepancy", "    ")
        + "derived:\n" + "".join(f"  - {{number: {number}, how: {{kk: а, ru: а, en: a}}}}\n" for number in (6, 2, 3))
        + "entities: [board]\n" + "discrepancy:\n" + text("fact", "discrepancy")
        + "citations:\n  - source: page\n" + f"    quote: {{en: {yaml_string(QUOTES['fact'])}}}\n"
        + "    locator:\n" + text("fact", "locator", "    ")
        + "    translation:\n" + "".join(f"      {code}: {yaml_string(field_text('fact', 'translation', code))}\n" for code in ("kk", "ru")),
        # A dated series is drawn as a chart, under its own title.
        "content/facts/series.yaml": schema_line("fact") + "id: series\ntopics:\n  - topic: alpha\n    section: main\n"
        + "statement: {kk: Қатар., ru: Ряд., en: A series.}\n"
        + "values:\n  - label: {kk: а, ru: а, en: a}\n    number: 2\n    unit: case\n    date: '2020'\n"
        + "  - label: {kk: б, ru: б, en: b}\n    number: 3\n    unit: case\n    date: '2021'\n"
        + "derived:\n" + "".join(f"  - {{number: {number}, how: {{kk: а, ru: а, en: a}}}}\n" for number in (2, 3))
        + "chart:\n  title:\n" + text("fact", "chart-title", "  ")
        + "citations:\n  - source: page\n" + f"    quote: {{en: {yaml_string(QUOTES['fact'])}}}\n"
        + "    translation: {kk: Дәйексөз, ru: Цитата}\n",
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for relative, content in hostile_tree().items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(content, encoding="utf-8")
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), NO_MKDOCS_2_WARNING="1")
    validate = subprocess.run([sys.executable, "-m", "generator", "validate", "--strict", "--content", "content", "--archive", "archive"],
                              cwd=root, env=environment, capture_output=True, text=True, check=False)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    build = subprocess.run([sys.executable, "-m", "generator", "build", "--content", "content", "--archive", "archive", "--out", "site"],
                           cwd=root, env=environment, capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    return root / "site"


class Watched:
    """A page that records dialogs, console messages, navigations and requests."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.events: list[str] = []
        self.allowed_navigations: set[str] = set()
        page.on("dialog", self._dialog)
        page.on("console", lambda message: self.events.append(f"console {message.type}: {message.text}")
                if "xss-marker" in message.text or message.type == "log" else None)
        page.on("pageerror", lambda error: self.events.append(f"page error: {error}"))
        page.on("framenavigated", self._navigated)
        page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _navigated(self, frame) -> None:
        if frame.url not in self.allowed_navigations and frame.url != "about:blank":
            self.events.append(f"navigation to {frame.url}")

    def _route(self, route, request) -> None:
        if request.url.startswith("file:") and not request.url.endswith("/x"):
            route.continue_()
        else:
            self.events.append(f"request {request.url}")
            route.abort()

    def open(self, url: str) -> None:
        self.allowed_navigations.add(url)
        self.page.goto(url)


# What content could have turned into: elements, handlers and addresses that no page of this site has
# (the site's own details elements are the search results' "more" and each fact's "cite this" block).
INJECTED = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
      if (/^\\s*(javascript|vbscript|data):/i.test(attribute.value) && attribute.name !== 'content') found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
    }
  }
  for (const selector of ['iframe[src]:not([src="about:blank"])', 'details:not(.md-search-result__more):not(.kb-fact-more)', 'img[src="x"]', 'main svg a', 'main b', 'abbr']) {
    for (const element of document.querySelectorAll(selector)) found.push(`<${element.tagName.toLowerCase()}>`);
  }
  for (const script of document.querySelectorAll('script:not([type="application/ld+json"])')) {
    if (/xss-marker|document\\.domain/.test(script.textContent)) found.push('script with the vector');
  }
  // JSON-LD holds the content's text as data, never run: it must parse as JSON and hold no markup that could end it.
  for (const data of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { JSON.parse(data.textContent); } catch (error) { found.push('JSON-LD that is not JSON'); }
    if (/[<>]/.test(data.textContent)) found.push('JSON-LD with markup');
  }
  return found;
}"""

PAGES = {"topic": "topics/alpha.html", "fact": "topics/alpha.html", "source": "sources/page.html", "entity": "entities/board.html"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_vector_runs_and_every_field_shows_its_text_literally(hostile_site, browser, language):
    context = browser.new_context()
    watched = Watched(context.new_page())
    try:
        shown: dict[str, str] = {}
        # The handout shows the section's summary and key figures too; the open-data page names each chart's CSV.
        for name in sorted(set(PAGES.values()) | {"index.html", "sources/index.html", "entities/index.html", "handouts/alpha.html",
                                                  "data.html"}):
            watched.open((hostile_site / language / name).as_uri())
            watched.page.wait_for_load_state("load")
            page = watched.page
            page.mouse.move(200, 300)  # hover handlers, had any been injected
            assert page.evaluate(INJECTED) == [], name
            shown[name] = normalise(page.locator("body").inner_text())
        expected = {field_text(record, field, language) for record, fields in FIELDS.items() for field in fields
                    if not (field == "translation" and language == "en")}
        expected |= {QUOTES["fact"], QUOTES["entity"]}
        missing = [text for text in expected if not any(normalise(text) in page_text for page_text in shown.values())]
        assert missing == []
        assert URL in shown["sources/page.html"]
        # The source page describes its archived copy by its fingerprint, not by a file the reader cannot open.
        assert ARCHIVE_FILE not in shown["sources/page.html"]
        assert hashlib.sha256(ARCHIVE_TEXT.encode()).hexdigest() in shown["sources/page.html"]
        watched.open((hostile_site / language / "entities" / "board.html").as_uri())
        assert normalise(watched.page.title()).startswith(normalise(field_text("entity", "name", language)))
        # The footnote's link to the original: the address as written, then the text fragment of the quote.
        original = watched.page.locator("a.kb-external").first.get_attribute("href")
        assert original.startswith(URL + "#:~:text=entity%20quote%3A%20%3Cscript%3E")

        # Search renders results from the index: the vectors must stay text there too.
        watched.open((hostile_site / language / "index.html").as_uri())
        field = watched.page.locator("#kb-search-form input")
        field.click()
        field.fill("onerror")
        expect(watched.page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
        assert watched.page.evaluate(INJECTED) == []
        watched.page.wait_for_timeout(300)  # let a late handler, had one been injected, fire
        assert watched.events == []
    finally:
        context.close()
