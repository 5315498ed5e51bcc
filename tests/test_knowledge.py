"""Timeline, charts, open data, "cite this fact" and key figures, read from the built site in each language."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest

from generator import LANGUAGES
from generator.charts import find_charts
from generator.citing import Edition, edition_of, permalink
from generator.i18n import format_partial_date
from generator.model import partial_date_key as date_key
from generator.numbers import extract_numbers
from generator.open_data import CSV_COLUMNS
from generator.render import PageRenderer
from generator.settings import load_settings
from generator.stemming import words

from .site_support import normalise, parse_html, resolve_link

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def edition() -> Edition:
    settings = load_settings()
    return edition_of(settings, settings.content)


def dated_values(kb):
    return [(fact, value) for fact in kb.facts.values() for value in fact.values if value.date or value.period]


# --- the timeline -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_timeline_lists_every_dated_value_oldest_first_each_linked_to_its_fact(real_site, language):
    kb, site = real_site
    page = site / language / "timeline.html"
    items = parse_html(page).select(".kb-timeline li")
    assert len(items) == len(dated_values(kb))
    starts = []
    linked = Counter()
    for item in items:
        times = item.find_all("time")
        assert 1 <= len(times) <= 2
        for time in times:  # as precise as the source: '2016' stays a year, '2016-11' a month
            assert time.get_text() == format_partial_date(time["datetime"], language)  # no-break spaces kept
        starts.append(date_key(times[0]["datetime"]))
        (link,) = [a for a in item.find_all("a") if "#" in a["href"]]
        path, fragment = resolve_link(page, link["href"])
        assert "kb-fact" in parse_html(path).find(id=fragment)["class"]
        fact = kb.facts[fragment]
        assert path.name == f"{fact.home_topic_id}.html"
        linked[fact.id] += 1
    assert starts == sorted(starts)
    assert linked == Counter(fact.id for fact, _ in dated_values(kb))


def test_a_period_is_shown_as_a_range_and_a_dated_figure_with_its_value(real_site):
    _, site = real_site
    items = parse_html(site / "en" / "timeline.html").select(".kb-timeline li")
    period = next(item for item in items if item.find("a", href="topics/prison-radicalisation.html#radic-foreign-hostilities-growth"))
    assert [time["datetime"] for time in period.find_all("time")] == ["2012", "2016"]
    assert normalise(period.get_text()).startswith("2012–2016 · Growth in the number of people leaving to take part in hostilities abroad. "
                                                "According to the press release")  # the date once
    figure = next(item for item in items if item.find("time", datetime="2023"))
    assert normalise(figure.get_text()).startswith("2023 · Cases registered in 2023: 23 cases.")


# --- charts --------------------------------------------------------------------------


def numbers_in(text: str, language: str) -> list[str]:
    return [f"{number:f}" for number in extract_numbers(text, language)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_has_a_title_a_description_and_the_figures_of_its_table(real_site, language):
    kb, site = real_site
    expected = {chart.id: chart for fact in kb.facts.values() for chart in find_charts(fact)}
    seen = set()
    for topic in kb.topics:
        page = site / language / "topics" / f"{topic.id}.html"
        soup = parse_html(page)
        notes = [li["id"].removeprefix("fn:") for li in soup.select("div.footnote > ol > li")]
        for figure in soup.select("figure.kb-chart"):
            chart = expected[figure["id"]]
            seen.add(figure["id"])
            assert figure.find_parent(class_="kb-fact")["id"] == chart.fact.id
            svg = figure.select_one("svg.kb-chart__svg")
            assert svg["role"] == "img"
            title = soup.find(id=svg["aria-labelledby"])
            description = soup.find(id=svg["aria-describedby"])
            assert title.name == "title" and title.parent is svg and normalise(title.get_text())
            assert description.name == "desc" and description.parent is svg
            assert normalise(title.get_text()) == normalise(figure.figcaption.get_text())
            rows = figure.select("table tbody tr")
            table_numbers = [numbers_in(cell.get_text(), language) for row in rows for cell in row.find_all("td")[:-1]]
            drawn = [numbers_in(text.get_text(), language) for text in svg.select("text.kb-chart__value")]
            described = numbers_in(description.get_text(), language)
            for numbers in table_numbers:
                assert all(number in described for number in numbers), (figure["id"], numbers)
            figure_column = [numbers_in(row.find_all("td")[-2].get_text(), language) for row in rows]
            assert drawn == figure_column, figure["id"]
            if chart.kind == "series":
                assert [row.th.get_text() for row in rows] == [format_partial_date(v.date, language) for v in chart.values]
            for row in rows:  # each figure's sources: links to its footnotes, numbered as Markdown numbers them
                links = row.find_all("td")[-1].find_all("a")
                assert links
                for link in links:
                    label = link["href"].removeprefix("#fn:")
                    assert label.startswith(chart.fact.id + "-")
                    assert link.get_text() == str(notes.index(label) + 1)
    assert seen == set(expected)
    assert {"art172-cases-by-year-chart-1", "radic-offences-extremism-terrorism-2014-2016-chart-1",
            "women-amnesty-serving-sentences-chart-1"} <= seen


def test_a_stacked_series_draws_each_part_and_labels_the_totals(real_site):
    _, site = real_site
    figure = parse_html(site / "ru" / "topics" / "prison-radicalisation.html").find(
        "figure", id="radic-offences-extremism-terrorism-2014-2016-chart-1")
    svg = figure.select_one("svg.kb-chart__svg")
    assert len(svg.select("rect.kb-chart__bar--part-0")) == 3
    assert len(svg.select("rect.kb-chart__bar--part-1")) == 3
    assert [normalise(text.get_text()) for text in svg.select("text.kb-chart__value")] == ["154", "317", "554"]
    assert [normalise(text.get_text()) for text in svg.select("text.kb-chart__label")] == ["2014", "2015", "2016"]
    assert [normalise(li.get_text()) for li in figure.select(".kb-chart__legend li")] == [
        "Преступления, связанные с экстремизмом", "Уголовные правонарушения, связанные с терроризмом"]
    fact_id = "radic-offences-extremism-terrorism-2014-2016"
    for row in figure.select("tbody tr"):  # the totals are in one quote, the parts in another
        assert [a["href"] for a in row.find_all("a")] == [f"#fn:{fact_id}-1", f"#fn:{fact_id}-2"]
    header = [normalise(th.get_text()) for th in figure.select("thead th")]
    assert header == ["Дата", "Преступления, связанные с экстремизмом", "Уголовные правонарушения, связанные с терроризмом",
                      "Всего", "Сноски"]


def test_each_row_links_only_the_footnotes_whose_quote_gives_its_figure(real_site):
    _, site = real_site
    rows = parse_html(site / "en" / "topics" / "article-172.html").select("#art172-cases-by-year-chart-1 tbody tr")
    links = {row.th.get_text(): [a["href"] for a in row.find_all("a")] for row in rows}
    assert links == {"2023": ["#fn:art172-cases-by-year-1"], "2024": ["#fn:art172-cases-by-year-1"],
                     "2025": ["#fn:art172-cases-by-year-1", "#fn:art172-cases-by-year-2"]}


def test_a_charted_value_is_not_listed_again_under_its_fact(real_site):
    _, site = real_site
    block = parse_html(site / "en" / "topics" / "article-172.html").find(id="art172-cases-by-year")
    assert block.find("figure") is not None
    assert [ul for ul in block.find_all("ul") if not ul.find_parent("figure")] == []


# --- open data ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_json_holds_every_fact_with_its_values_and_citations(real_site, language, edition):
    kb, site = real_site
    document = json.loads((site / language / "data" / "facts.json").read_text(encoding="utf-8"))
    assert document["language"] == language
    assert document["accessed"] == edition.access_date.isoformat()
    assert [fact["id"] for fact in document["facts"]] == sorted(kb.facts)
    for record in document["facts"]:
        fact = kb.facts[record["id"]]
        assert record["statement"] == fact.statement[language]
        assert record["link"] == permalink(fact, language, edition)
        assert [value["number"] for value in record["values"]] == [value.number for value in fact.values]
        assert [[part["number"] for part in value["parts"]] for value in record["values"]] == [
            [part.number for part in value.parts] for value in fact.values]
        assert [(c["label"], c["source"]) for c in record["citations"]] == [(c.label, c.source.id) for c in fact.citations]
        for stored, citation in zip(record["citations"], fact.citations, strict=True):
            assert stored["quote"] == citation.quote[stored["quote_language"]]
            if stored["quote_language"] != language:
                assert stored["translation"] == citation.translation[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_csv_opens_in_a_spreadsheet_and_holds_every_fact_and_figure(real_site, language):
    kb, site = real_site
    raw = (site / language / "data" / "facts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs to read UTF-8
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\r\n" in text.split("\n", 1)[0] + "\n"
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    per_fact = Counter(row["fact_id"] for row in rows)
    assert set(per_fact) == set(kb.facts)
    for fact in kb.facts.values():
        assert per_fact[fact.id] == max(1, sum(1 + len(value.parts) for value in fact.values)), fact.id
    for row in rows:
        fact = kb.facts[row["fact_id"]]
        assert row["source_ids"].split("\n") == [citation.source.id for citation in fact.citations]
        assert len(row["citations"].split("\n")) == len(fact.citations)
    submissions = next(row for row in rows if row["fact_id"] == "constitution-amnesty-submissions")
    assert submissions["number"] == "15970"
    assert submissions["value_text"] == {"kk": "15\u00a0970 ұсыныс", "ru": "15\u00a0970 представлений",
                                         "en": "15,970 submissions"}[language]


def read_csv(path) -> list[list[str]]:
    """A CSV as a spreadsheet reads it, after checking that it is written as facts.csv is: a byte order mark, CR LF."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


DOWNLOAD_TEXT = {"kk": "Сандарды жүктеп алу (CSV)", "ru": "Скачать цифры (CSV)", "en": "Download the figures (CSV)"}
CHART_CSVS = {  # language, chart id: the rows of its CSV, header first
    ("en", "art172-cases-by-year-chart-1"): [
        ["Date", "Number", "As shown on the page", "Fact id"],
        ["2023", "23", "23 cases", "art172-cases-by-year"],
        ["2024", "36", "36 cases", "art172-cases-by-year"],
        ["2025", "141", "141 cases", "art172-cases-by-year"]],
    ("kk", "art172-cases-by-year-chart-1"): [
        ["Күні", "Саны", "Беттегі жазылуы", "Факт идентификаторы"],
        ["2023", "23", "23 іс", "art172-cases-by-year"],
        ["2024", "36", "36 іс", "art172-cases-by-year"],
        ["2025", "141", "141 іс", "art172-cases-by-year"]],
    ("ru", "art172-cases-by-year-chart-1"): [
        ["Дата", "Число", "Как на странице", "Идентификатор факта"],
        ["2023", "23", "23 дела", "art172-cases-by-year"],
        ["2024", "36", "36 дел", "art172-cases-by-year"],
        ["2025", "141", "141 дело", "art172-cases-by-year"]],
    ("ru", "radic-offences-extremism-terrorism-2014-2016-chart-1"): [
        ["Дата", "Преступления, связанные с экстремизмом", "Уголовные правонарушения, связанные с терроризмом", "Всего",
         "Как на странице", "Идентификатор факта"],
        ["2014", "130", "24", "154", "154 правонарушения", "radic-offences-extremism-terrorism-2014-2016"],
        ["2015", "193", "124", "317", "317 правонарушений", "radic-offences-extremism-terrorism-2014-2016"],
        ["2016", "327", "227", "554", "554 правонарушения", "radic-offences-extremism-terrorism-2014-2016"]],
    ("en", "women-amnesty-article-78-release-chart-1"): [
        ["Category", "Number", "As shown on the page", "Fact id"],
        ["Women who could be released from serving their sentences under Article 78", "1220", "1,220 women",
         "women-amnesty-article-78-release"],
        ["in correctional institutions", "157", "157", "women-amnesty-article-78-release"],
        ["under probation control", "1064", "1,064", "women-amnesty-article-78-release"]],
    ("kk", "women-amnesty-article-78-release-chart-1"): [
        ["Санат", "Саны", "Беттегі жазылуы", "Факт идентификаторы"],
        ["78-бап бойынша жазасын өтеуден босатылуы мүмкін әйелдер", "1220", "1\u00a0220 әйел", "women-amnesty-article-78-release"],
        ["түзеу мекемелерінде", "157", "157", "women-amnesty-article-78-release"],
        ["пробациялық бақылауда", "1064", "1\u00a0064", "women-amnesty-article-78-release"]],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_links_its_figures_as_a_csv_in_the_page_language(real_site, language, edition):
    kb, site = real_site
    renderer = PageRenderer(kb, language, edition)
    charts = {chart.id: chart for fact in kb.facts.values() for chart in find_charts(fact)}
    linked = Counter()
    for folder in ("topics", "handouts"):
        for topic in kb.topics:
            page = site / language / folder / f"{topic.id}.html"
            for figure in parse_html(page).select("figure.kb-chart"):
                chart = charts[figure["id"]]
                (link,) = figure.select("p.kb-chart__download a")
                assert normalise(link.get_text()) == DOWNLOAD_TEXT[language]
                assert link["download"] == f"{chart.id}-{language}.csv" and link["type"] == "text/csv"
                assert link["aria-describedby"] == figure.select_one("svg title")["id"]
                path = site / language / "data" / "charts" / f"{chart.id}.csv"
                assert resolve_link(page, link["href"]) == (path.resolve(), "")  # relative: it opens from file:// too
                linked[chart.id] += 1
                rows = read_csv(path)
                header, points = rows[0], rows[1:]
                table = [[normalise(cell.get_text()) for cell in row.find_all(["th", "td"])] for row in figure.select("table tr")]
                assert header == table[0][:-1] + [renderer.gettext("As shown on the page"), renderer.gettext("Fact id")]
                assert len(points) == len(table) - 1
                for point, row in zip(points, table[1:], strict=True):
                    assert point[0] == row[0]  # the date or the label, as the chart's table gives it
                    assert normalise(point[-2]) == row[-2]  # the figure as the page writes it
                    assert point[-1] == chart.fact.id
                numbers = [[int(cell) for cell in point[1:-2]] for point in points]
                if chart.kind == "series":
                    assert numbers == [[*(part.number for part in value.parts if chart.stacked), value.number]
                                       for value in chart.values]
                else:
                    (total,) = chart.values
                    assert numbers == [[total.number]] + [[part.number] for part in total.parts]
                if (language, chart.id) in CHART_CSVS:
                    assert rows == CHART_CSVS[language, chart.id]
    assert linked == Counter({chart_id: 2 for chart_id in charts})  # on its topic page and on its handout
    assert {chart_id for code, chart_id in CHART_CSVS if code == language} <= set(charts)


def test_one_json_holds_the_three_languages(real_site):
    _, site = real_site
    combined = json.loads((site / "data" / "facts.json").read_text(encoding="utf-8"))
    assert sorted(combined["languages"]) == sorted(LANGUAGES)
    for language in LANGUAGES:
        assert combined["languages"][language] == json.loads((site / language / "data" / "facts.json").read_text(encoding="utf-8"))


def json_keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in json_keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in json_keys(item)}
    return set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_data_page_documents_every_field_and_the_home_page_links_the_downloads(real_site, language):
    _, site = real_site
    page = site / language / "data.html"
    soup = parse_html(page)
    documented = {name.strip() for code in soup.select("article table td:first-child code")
                  for name in code.get_text().split(",")}
    document = json.loads((site / language / "data" / "facts.json").read_text(encoding="utf-8"))
    assert json_keys(document) - {"languages"} <= documented
    assert set(CSV_COLUMNS) <= documented
    downloads = {resolve_link(page, a["href"])[0] for a in soup.select("#downloads ~ ul a")}
    assert {site / language / "data" / name for name in ("facts.json", "facts.csv", "facts.csl.json")} <= downloads
    assert (site / "data" / "facts.json").resolve() in downloads
    home = site / language / "index.html"
    targets = {resolve_link(home, a["href"])[0] for a in parse_html(home).select("article a")}
    assert {site / language / "data" / "facts.csv", site / language / "data" / "facts.json", site / language / "data.html"} <= targets


def test_the_bundle_carries_the_same_data_and_charts_byte_for_byte(real_site, unpacked):
    """Two builds of one commit (the test site and the bundle's) give the same SVG, JSON and CSV."""
    kb, site = real_site
    files = [site / "data" / "facts.json"] + [site / language / "data" / name for language in LANGUAGES
                                              for name in ("facts.json", "facts.csv", "facts.csl.json")]
    files += [site / language / "data" / "charts" / f"{chart.id}.csv" for language in LANGUAGES
              for fact in kb.facts.values() for chart in find_charts(fact)]
    for path in files:
        assert (unpacked / path.relative_to(site)).read_bytes() == path.read_bytes(), path
    for language in LANGUAGES:
        for topic in kb.topics:
            relative = f"{language}/topics/{topic.id}.html"
            ours = [str(svg) for svg in parse_html(site / relative).select("figure.kb-chart svg")]
            theirs = [str(svg) for svg in parse_html(unpacked / relative).select("figure.kb-chart svg")]
            assert ours == theirs, relative
    manifest = (unpacked / "MANIFEST").read_text(encoding="utf-8")
    assert "  en/data/facts.csv\n" in manifest and "  data/facts.json\n" in manifest


# --- citing a fact -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fact_offers_a_citation_with_its_permanent_link_and_csl_json(real_site, language, edition):
    kb, site = real_site
    accessed = {"kk": "қаралған күні", "ru": "дата обращения", "en": "accessed"}[language]
    for fact in kb.facts.values():
        page = site / language / "topics" / f"{fact.home_topic_id}.html"
        (disclosure,) = parse_html(page).find(id=fact.id).find_all("details", class_="kb-fact-more")
        cite = disclosure.find(class_="kb-cite")
        text = normalise(cite.find(class_="kb-cite__text").get_text())
        link = permalink(fact, language, edition)
        assert link == f"{language}/topics/{fact.home_topic_id}.html#{fact.id}"
        assert link in text
        assert normalise(fact.statement[language]) in text
        assert f"({accessed}" in text
        anchor = cite.find(class_="kb-cite__text").find("a")
        assert resolve_link(page, anchor["href"]) == (page, fact.id)
        (item,) = json.loads(cite.find("pre").get_text())
        assert item["URL"] == link
        assert item["title"] == fact.statement[language]
        assert item["accessed"] == {"date-parts": [[edition.access_date.year, edition.access_date.month, edition.access_date.day]]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_citation_blocks_and_chart_drawings_stay_out_of_the_search_index(real_site, language):
    _, site = real_site
    script = (site / language / "search" / f"index.{language}.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("window.__kbSearchIndex = ").removesuffix(";\n"))
    text = normalise(" ".join(" ".join(entry[2:]) for entry in index["entries"]))
    assert "container-title" not in text and "container-title" not in index["words"]  # the CSL-JSON of "cite this fact"
    figure = parse_html(site / language / "topics" / "article-172.html").select_one("figure.kb-chart")
    assert normalise(figure.select_one("svg desc").get_text()) not in text
    assert set(words(figure.figcaption.get_text())) <= set(index["words"])  # the chart's caption is still found


# --- key figures -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_topic_page_opens_with_its_key_figures_from_the_structured_values(real_site, language, edition):
    kb, site = real_site
    renderer = PageRenderer(kb, language, edition)
    for topic in kb.topics:
        page = site / language / "topics" / f"{topic.id}.html"
        soup = parse_html(page)
        items = soup.select(".kb-key-figures:not(.kb-key-figures--section) li")  # a section's own come under its heading
        assert len(items) == len(topic.key_facts)
        for item, fact in zip(items, topic.key_facts, strict=True):
            figure = renderer.key_figure(fact)
            assert figure is not None, fact.id
            assert normalise(item.strong.get_text()) == normalise(renderer.value_text(figure))
            assert item.a["href"] == f"#{fact.id}"
        first_section = soup.select_one("article h2")
        assert first_section["id"] == "key-figures"
