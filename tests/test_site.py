"""The built site, parsed with a real HTML parser, in each language."""

from __future__ import annotations

import json
import re

import pytest

from generator import LANGUAGES
from generator.i18n import load_translations

from .site_support import element_ids, html_pages, normalise, parse_html, resolve_link

pytestmark = pytest.mark.build


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_is_its_own_build_with_its_own_search_index(real_site, language):
    _, site = real_site
    script = (site / language / "search" / f"index.{language}.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("window.__kbSearchIndex = ").removesuffix(";\n"))
    assert index["language"] == language
    assert sorted(path.name for path in (site / language / "search").iterdir()) == [f"index.{language}.js"]
    pages = {page.relative_to(site / language).as_posix() for page in html_pages(site / language)}
    # Every page, except the handouts: each repeats its topic's page for print, and the search leads to the topic.
    assert {entry[1].split("#")[0] for entry in index["entries"]} == {page for page in pages if not page.startswith("handouts/")}
    for entry in index["entries"]:  # every link leads to a page of this language, and a fact to its anchor
        page, _, anchor = entry[1].partition("#")
        assert not anchor or anchor in element_ids(site / language / page), entry[1]
    home_title = parse_html(site / language / "index.html").find("h1").contents[0].strip()
    assert home_title in [entry[2] for entry in index["entries"] if entry[1] == "index.html"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_loads_the_search_script_which_points_at_its_languages_index(real_site, language):
    _, site = real_site
    for page in html_pages(site / language):
        script = parse_html(page).find("script", src=re.compile(r"kb-search\.js$"))
        assert script is not None, page
        assert (page.parent / script["data-index"]).resolve() == (site / language / "search" / f"index.{language}.js").resolve()
        assert (page.parent / script["data-stemmer"]).resolve().is_file()
        assert (page.parent / script["data-base"] / "index.html").resolve() == (site / language / "index.html").resolve()
        assert parse_html(page).find(attrs={"data-md-component": re.compile("^search")}) is None  # Material's search is off


def test_the_root_page_offers_the_three_languages(real_site):
    _, site = real_site
    links = {a["hreflang"]: a["href"] for a in parse_html(site / "index.html").select("main a")}
    assert links == {"kk": "kk/index.html", "ru": "ru/index.html", "en": "en/index.html"}
    names = [normalise(a.strong.get_text()) for a in parse_html(site / "index.html").select("main a")]
    assert names == ["Қазақ тілі", "Русский", "English"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_declares_its_language(real_site, language):
    _, site = real_site
    for page in html_pages(site / language):
        assert parse_html(page).html["lang"] == language, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fact_appears_with_a_footnote_naming_its_source_and_quoting_it(real_site, language):
    kb, site = real_site
    for fact in kb.facts.values():
        for topic_id, _ in fact.placements:
            page = site / language / "topics" / f"{topic_id}.html"
            soup = parse_html(page)
            block = soup.find(id=fact.id)
            assert block is not None, f"{fact.id} missing from {page}"
            assert normalise(fact.statement[language]) in normalise(block.get_text())
            for citation in fact.citations:
                reference = block.find("a", href=f"#fn:{citation.label}")
                assert reference is not None, f"{fact.id}: no reference to {citation.label}"
                note = soup.find(id=f"fn:{citation.label}")
                assert note is not None
                note_text = normalise(note.get_text())
                assert normalise(citation.source.publisher[language]) in note_text
                assert note.find("a", href=f"../sources/{citation.source.id}.html") is not None
                quoted = language if language in citation.quote else next(
                    code for code in citation.source.languages if code in citation.quote)
                assert normalise(citation.quote[quoted]) in note_text
                if quoted != language:
                    assert note.find(lang=quoted) is not None
                    assert normalise(citation.translation[language]) in note_text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_internal_link_and_anchor_resolves(real_site, language):
    _, site = real_site
    checked = {page.relative_to(site / language).as_posix() for page in html_pages(site / language)}
    assert {"index.html", "timeline.html", "data.html", "topics/amnesty.html", "sources/index.html", "glossary.html"} <= checked
    broken = []
    for page in html_pages(site / language):
        soup = parse_html(page)
        for element in soup.find_all(["a", "link", "script", "img"]):
            target = element.get("href") or element.get("src")
            if not target:
                continue
            resolved = resolve_link(page, target)
            if resolved is None:
                continue
            path, fragment = resolved
            if not path.exists():
                broken.append(f"{page.relative_to(site)}: {target} (no file)")
            elif fragment and path.suffix == ".html" and fragment not in element_ids(path):
                broken.append(f"{page.relative_to(site)}: {target} (no anchor)")
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_leads_to_the_same_page_in_the_other_languages(real_site, language):
    _, site = real_site
    for page in html_pages(site / language):
        relative = page.relative_to(site / language)
        soup = parse_html(page)
        switcher = {a["hreflang"]: resolve_link(page, a["href"])[0] for a in soup.select("a.md-select__link")}
        head = {link["hreflang"]: resolve_link(page, link["href"])[0] for link in soup.select("link[rel=alternate][hreflang]")}
        expected = {code: (site / code / relative).resolve() for code in LANGUAGES}
        assert switcher == expected, page
        assert head == expected, page
        assert all(path.is_file() for path in expected.values())


def test_the_kazakh_interface_is_in_kazakh(real_site):
    _, site = real_site
    soup = parse_html(site / "kk" / "topics" / "amnesty.html")
    assert soup.find("input", attrs={"name": "query"})["placeholder"] == "Іздеу"
    assert soup.select_one("nav.md-nav--secondary label.md-nav__title").get_text(strip=True) == "Мазмұны"
    assert soup.select_one("button[aria-label]")  # every Material button label comes from kk.html
    assert soup.select_one(".md-header__button.md-icon[aria-label='Тілді таңдау']") is not None
    backlink = soup.select_one("a.footnote-backref")
    assert backlink["title"] == "Мәтіндегі 1-ескертпеге оралу"
    assert backlink["aria-label"] == "Мәтіндегі 1-ескертпеге оралу"
    assert soup.select_one("a.footnote-ref")["aria-label"] == "1-ескертпе"


@pytest.mark.parametrize(("language", "backlink", "reference"), [
    ("ru", "Вернуться к сноске 1 в тексте", "Сноска 1"),
    ("en", "Back to reference 1 in the text", "Source note 1"),
])
def test_footnote_links_speak_the_page_language(real_site, language, backlink, reference):
    _, site = real_site
    soup = parse_html(site / language / "topics" / "amnesty.html")
    assert soup.select_one("a.footnote-backref")["title"] == backlink
    assert soup.select_one("a.footnote-backref")["aria-label"] == backlink
    assert soup.select_one("a.footnote-ref")["aria-label"] == reference


@pytest.mark.parametrize(("language", "figure", "date"), [
    ("kk", "15\u00a0970 ұсыныс", "2026\u202fж. 11 қаңтар"),  # CLDR puts a narrow no-break space before ж. and г.
    ("ru", "15\u00a0970 представлений", "11 января 2026\u202fг."),
    ("en", "15,970 submissions", "11 January 2026"),
])
def test_structured_values_are_formatted_for_the_locale(fixture_site, real_site, language, figure, date):
    _, site = fixture_site
    values = parse_html(site / language / "topics" / "alpha.html").find(id="alpha-submissions").find("ul")
    assert figure in values.get_text()
    _, real = real_site
    source = parse_html(real / language / "sources" / "lada-2026-01-11-amnesty.html")
    assert date in source.find("article").get_text()


def test_a_russian_plural_takes_the_form_its_number_needs():
    translations = load_translations("ru")
    assert [translations.ngettext("%(num)s case", "%(num)s cases", n) % {"num": n} for n in (1, 3, 5, 21)] == [
        "1 дело", "3 дела", "5 дел", "21 дело"]
    assert load_translations("kk").ngettext("%(num)s case", "%(num)s cases", 5) % {"num": 5} == "5 іс"


def test_text_from_content_appears_literally_never_as_markup(fixture_site):
    _, site = fixture_site
    for language, word in (("en", "*star* | pipe."), ("ru", "*звезда* | труба."), ("kk", "*жұлдыз* | құбыр.")):
        soup = parse_html(site / language / "topics" / "alpha.html")
        block = soup.find(id="alpha-held")
        assert f"<script>alert(1)</script> {{{{ x }}}} {{% y %}} [^1] {word}" in normalise(block.p.get_text())
        assert block.find("script") is None and block.find("em") is None
        assert not [script for script in soup.find_all("script")
                    if "alert(1)" in script.get_text() and script.get("type") != "application/ld+json"]
        # The JSON-LD holds the text as data: it can neither close its element nor open another.
        (data,) = soup.find_all("script", type="application/ld+json")
        assert "<" not in data.get_text() and "<script>alert(1)</script>" in json.dumps(json.loads(data.get_text()), ensure_ascii=False)


def test_a_quote_in_another_language_carries_its_own_lang(fixture_site):
    _, site = fixture_site
    note = parse_html(site / "en" / "topics" / "alpha.html").find(id="fn:alpha-held-1")
    quote = note.find("span", lang="kk")
    assert normalise(quote.get_text()) == "Барлығы 1220 адам (ТМ-157, ПҚ-1064)."
    assert "Translation: “In all, 1,220 people (correctional institutions 157, probation 1,064).”" in normalise(note.get_text())


def test_a_disagreement_and_an_unbalanced_total_are_shown(fixture_site):
    _, site = fixture_site
    block = parse_html(site / "en" / "topics" / "alpha.html").find(id="alpha-held")
    titles = [normalise(title.get_text()) for title in block.select(".admonition-title")]
    assert titles == ["Figures as published: the parts do not add up to the total", "Discrepancy"]
    assert "(sum of the parts: 1,221; total: 1,220)" in normalise(block.select_one(".admonition.warning").get_text())


def test_related_topics_link_both_ways(fixture_site):
    _, site = fixture_site
    alpha = parse_html(site / "en" / "topics" / "alpha.html").find(id="related-topics").find_next("ul")
    beta = parse_html(site / "en" / "topics" / "beta.html").find(id="related-topics").find_next("ul")
    assert [a["href"] for a in alpha.find_all("a")] == ["beta.html"]
    assert [a["href"] for a in beta.find_all("a")] == ["alpha.html"]


def test_entity_and_source_pages_list_the_facts_that_point_at_them(fixture_site):
    _, site = fixture_site
    entity = parse_html(site / "en" / "entities" / "example-committee.html").find(id="facts").find_next("ul")
    assert [a["href"] for a in entity.find_all("a")] == ["../topics/alpha.html#alpha-held", "../topics/alpha.html#alpha-submissions"]
    source = parse_html(site / "en" / "sources" / "example-report.html")
    assert [a["href"] for a in source.find(id="facts").find_next("ul").find_all("a")] == [
        "../topics/alpha.html#alpha-cases-by-year", "../topics/alpha.html#alpha-submissions", "../topics/beta.html#beta-offences"]
    address = source.find("a", class_="kb-external")
    assert address["href"] == "https://example.org/report?id=1&lang=en"
