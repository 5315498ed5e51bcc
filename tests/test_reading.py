"""Reading the built site: handouts, one disclosure under each fact, short repeated citations, the timeline's
context and filter data, source and entity pages that say what they hold."""

from __future__ import annotations

import re

import pytest
from babel import Locale

from generator import LANGUAGES
from generator.charts import find_charts
from generator.citing import Edition, edition_of
from generator.render import PageRenderer, css_string, keep_together
from generator.settings import load_settings

from .site_support import normalise, parse_html, resolve_link

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def edition() -> Edition:
    settings = load_settings()
    return edition_of(settings, settings.content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_topic_has_a_handout_linked_from_its_page_and_the_home_page(real_site, language):
    kb, site = real_site
    home = parse_html(site / language / "index.html")
    for topic in kb.topics:
        page = site / language / "topics" / f"{topic.id}.html"
        handout = site / language / "handouts" / f"{topic.id}.html"
        (link,) = parse_html(page).select("p.kb-handout-link a")
        assert resolve_link(page, link["href"]) == (handout.resolve(), "")
        assert [a for a in home.select("a") if resolve_link(site / language / "index.html", a["href"]) == (handout.resolve(), "")]
        soup = parse_html(handout)
        assert normalise(soup.find("h1").get_text()).startswith(normalise(topic.title[language]))
        # The tab, the header once scrolled and the printed PDF's title name the topic in the page's language.
        assert soup.title.get_text().split(" - ")[0] == topic.title[language]
        assert soup.select_one(".md-header__topic:last-child .md-ellipsis").get_text(strip=True) == topic.title[language]
        text = normalise(soup.find("article").get_text())
        for fact in topic.facts:  # every fact, in short form: its statement without its values or quotes
            assert normalise(fact.statement[language]) in text, fact.id
        notes = soup.select("ol.kb-handout__notes > li")
        assert [note["id"] for note in notes] == [f"note-{number}" for number in range(1, len(notes) + 1)]
        for reference in soup.select("sup.kb-handout__refs a"):
            assert soup.find(id=reference["href"].removeprefix("#")) in notes
        assert len(soup.select("figure.kb-chart")) == sum(len(find_charts(fact)) for fact in topic.facts)


def section_blocks(heading) -> list:
    """The elements under a section's heading, up to the next heading."""
    blocks = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        blocks.append(sibling)
    return blocks


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_section_opens_with_its_key_figures_then_its_summary_then_its_facts(real_site, language, edition):
    kb, site = real_site
    renderer = PageRenderer(kb, language, edition)
    assert any(section.summary and section.key_facts for topic in kb.topics for section in topic.sections)
    for topic in kb.topics:
        for folder in ("topics", "handouts"):
            soup = parse_html(site / language / folder / f"{topic.id}.html")
            for section in topic.sections:
                blocks = section_blocks(soup.find("h2", id=section.id))
                if section.key_facts:
                    figures = blocks.pop(0)
                    assert figures["class"] == ["kb-key-figures", "kb-key-figures--section"], (folder, section.id)
                    items = figures.find_all("li")
                    assert len(items) == len(section.key_facts)
                    for item, fact in zip(items, section.key_facts, strict=True):
                        figure = renderer.key_figure(fact)
                        assert normalise(item.get_text()) == normalise(f"{renderer.value_text(figure)}: {figure.label[language]}")
                        assert [a["href"] for a in item.find_all("a")] == ([f"#{fact.id}"] if folder == "topics" else [])
                if section.summary:
                    summary = blocks.pop(0)
                    assert summary.name == "p" and summary["class"] == ["kb-section-summary"], (folder, section.id)
                    assert normalise(summary.get_text()) == normalise(section.summary[language])
                if folder == "topics":
                    assert blocks[0]["id"] == section.facts[0].id
                else:
                    assert normalise(blocks[0].li.get_text()).startswith(normalise(section.facts[0].statement[language]))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_printed_page_of_a_topic_carries_its_title_date_and_address(real_site, language, edition):
    kb, site = real_site
    for topic in kb.topics:
        for folder in ("topics", "handouts"):
            style = parse_html(site / language / folder / f"{topic.id}.html").find("style", class_="kb-print-frame")
            assert style["media"] == "print"
            rules = style.get_text()
            assert css_string(topic.title[language]) in rules
            assert css_string(edition.title[language]) in rules
            assert css_string(f"{language}/topics/{topic.id}.html") in rules


def test_a_css_string_holds_any_text_as_data():
    assert css_string('a "b" </style>\\ é') == (
        '"a\\000020\\000022b\\000022\\000020\\00003c\\00002fstyle\\00003e\\00005c\\000020\\0000e9"')


@pytest.mark.parametrize("language", LANGUAGES)
def test_under_each_fact_one_disclosure_holds_what_it_mentions_its_related_facts_and_its_citation(real_site, language):
    kb, site = real_site
    for fact in kb.facts.values():
        block = parse_html(site / language / "topics" / f"{fact.home_topic_id}.html").find(id=fact.id)
        (disclosure,) = block.find_all("details", recursive=False)
        assert "kb-fact-more" in disclosure["class"]
        summary = normalise(disclosure.summary.get_text())
        assert "\n" not in summary and len(summary) < 80
        assert [a["href"].rsplit("/", 1)[-1] for a in disclosure.select(".kb-fact-more__item a[href*='entities/']")] == [
            f"{entity.id}.html" for entity in fact.entities]
        assert len(disclosure.select(".kb-fact-more__item li a")) == len(fact.related)
        assert disclosure.find(class_="kb-cite") is not None
        assert not block.select(".kb-meta")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_source_cited_again_on_a_page_is_named_in_short_form(real_site, language):
    kb, site = real_site
    for topic in kb.topics:
        soup = parse_html(site / language / "topics" / f"{topic.id}.html")
        seen: set[str] = set()
        for fact in topic.facts:
            for citation in fact.citations:
                note = soup.find(id=f"fn:{citation.label}")
                first_line = normalise(note.find("p").get_text())
                publisher = normalise(citation.source.publisher[language])
                assert first_line.startswith(publisher)
                original = bool(note.find("p").select("a.kb-external"))
                if citation.source.id in seen:
                    assert not original, citation.label
                    title = citation.source.title.get(language, "")
                    assert normalise(title) not in first_line, citation.label
                elif citation.source.url:
                    assert original, citation.label
                seen.add(citation.source.id)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_timeline_entry_says_where_and_which_topic_and_can_be_filtered(real_site, language):
    kb, site = real_site
    soup = parse_html(site / language / "timeline.html")
    form = soup.find("form", class_="kb-timeline-filter")
    assert form.has_attr("hidden")  # shown by the script; without it, every entry shows
    topics = [option["value"] for option in form.find("select", attrs={"name": "topic"}).find_all("option")]
    assert topics == ["", *[topic.id for topic in kb.topics]]
    countries = [option["value"] for option in form.find("select", attrs={"name": "country"}).find_all("option")]
    assert countries[:2] == ["", "KZ"] and {"EG", "PK", "AU", "RU"} <= set(countries)
    territories = Locale.parse(language).territories
    for entry in soup.select("li.kb-timeline__entry"):
        topic = kb.topic(entry["data-topic"])
        where = normalise(entry.find(class_="kb-timeline__where").get_text())
        assert where.endswith(normalise(topic.title[language]))
        if entry["data-country"]:
            assert where.startswith(territories[entry["data-country"]])
        assert ("kb-timeline__entry--home" in entry["class"]) == (entry["data-country"] == "KZ")
    fact = kb.facts["constitution-amnesty-completed"]
    (entry,) = [li for li in soup.select("li.kb-timeline__entry") if li.find("a", href=lambda h: h.endswith(f"#{fact.id}"))]
    assert entry.find(class_="kb-timeline__role") is not None  # a publication date, labelled


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_source_page_says_what_its_archived_copy_is_and_labels_each_title(real_site, language):
    kb, site = real_site
    for source in kb.sources.values():
        soup = parse_html(site / language / "sources" / f"{source.id}.html")
        text = normalise(soup.find("article").get_text())
        assert source.archive_file not in text
        assert source.archive_sha256 in text
        titles = [normalise(dd.get_text()) for dd in soup.find("dt", string=lambda s: s and s.strip() in (
            "Атауы", "Название", "Title")).find_next_siblings("dd")]
        if language not in source.languages and not source.title_supplied:
            assert any(normalise(source.title[language]) in title for title in titles), source.id
            for original in source.languages:
                name = Locale.parse(language).languages[original]
                assert any(normalise(source.title[original]) in title and f"({name})" in title for title in titles)


@pytest.mark.parametrize("language", LANGUAGES)
def test_people_are_listed_with_their_role_and_facts_link_with_their_statement(real_site, language):
    kb, site = real_site
    index = parse_html(site / language / "entities" / "index.html")
    for entity in kb.entities.values():
        if entity.role:
            (item,) = [li for li in index.select("li") if li.find("a", href=f"{entity.id}.html")]
            assert len(item.find_all("a")) == 1  # one entry per person
            assert normalise(entity.role[language]) in normalise(item.get_text())
        page = parse_html(site / language / "entities" / f"{entity.id}.html")
        links = page.find(id="facts").find_next("ul").find_all("a")
        assert [normalise(a.get_text()) for a in links] == [normalise(fact.statement[language]) for fact in entity.facts]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_data_page_gives_each_files_size_and_downloads_it(real_site, language):
    _, site = real_site
    page = site / language / "data.html"
    items = parse_html(page).find(id="downloads").find_next("ul").find_all("li")
    for name in ("facts.csv", "facts.json", "facts.csl.json"):
        (item,) = [li for li in items if li.find("a", href=f"data/{name}")]
        link = item.find("a", href=f"data/{name}")
        assert link["download"] == f"facts-{language}.{name.removeprefix('facts.')}"
        kilobytes = -(-(site / language / "data" / name).stat().st_size // 1000)
        assert f"({kilobytes} {'kB' if language == 'en' else 'кБ'})" in normalise(item.get_text())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_data_page_lists_each_charts_csv_with_its_size_its_chart_and_the_licence(real_site, language):
    kb, site = real_site
    page = site / language / "data.html"
    heading = parse_html(page).find(id="chart-downloads")
    title = normalise("".join(heading.find_all(string=True, recursive=False)))  # without its permalink
    assert title == {"kk": "Әр диаграмманың сандары", "ru": "Цифры каждой диаграммы", "en": "The figures of each chart"}[language]
    items = heading.find_next("ul").find_all("li")
    charts = [chart for topic in kb.topics for fact in topic.facts if fact.home_topic_id == topic.id
              for chart in find_charts(fact)]  # in the order of the pages
    assert len(items) == len(charts) == 7
    for item, chart in zip(items, charts, strict=True):
        csv_link, chart_link = item.find_all("a")
        path = site / language / "data" / "charts" / f"{chart.id}.csv"
        assert resolve_link(page, csv_link["href"]) == (path.resolve(), "")
        assert csv_link["download"] == f"{chart.id}-{language}.csv"
        assert normalise(csv_link.get_text()) == normalise((chart.title or chart.values[0].label)[language])
        kilobytes = -(-path.stat().st_size // 1000)
        assert f"({kilobytes} {'kB' if language == 'en' else 'кБ'})" in normalise(item.get_text())
        topic = kb.topic(chart.fact.home_topic_id)
        assert normalise(chart_link.get_text()) == normalise(topic.title[language])
        target, fragment = resolve_link(page, chart_link["href"])
        assert target == (site / language / "topics" / f"{topic.id}.html").resolve() and fragment == chart.id
        assert parse_html(target).find(id=chart.id).name == "figure"
    licence = load_settings().data_licence["url"]
    assert heading.find_next("ul").find_next("a", href=licence) is not None  # the open data's licence covers them too


def test_a_figure_grouped_with_a_space_is_never_broken_across_two_lines(real_site):
    kb, site = real_site
    for language in ("kk", "ru"):
        for topic in kb.topics:
            soup = parse_html(site / language / "topics" / f"{topic.id}.html")
            summary = soup.select_one(".kb-summary").get_text()
            assert re.findall(r"\d \d{3}(?!\d)", summary) == [], (language, topic.id)
            if topic.id == "amnesty":  # its summary gives figures in thousands: 15 970, 2 000, 6 399
                assert len(re.findall("\\d\u00a0\\d{3}(?!\\d)", summary)) >= 3, language
    assert keep_together("15 970 ұсыныс, № ДС-45, 2025 жыл") == "15\u00a0970 ұсыныс, №\u00a0ДС-45, 2025 жыл"
