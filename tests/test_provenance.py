"""Who publishes the site and how current it is: the footer, each fact's dates and "report an error", what changed,
the Atom feeds, JSON-LD, sitemaps, the Wikidata export, text fragments and the 404 pages; in all three languages."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest

from generator import LANGUAGES
from generator.build import build_site, load_knowledge_base
from generator.charts import find_charts
from generator.citing import edition_of
from generator.feed import atom_feed
from generator.history import ADDED, CHANGED, NO_HISTORY, parse_log, read_history
from generator.i18n import format_partial_date, load_translations
from generator.provenance import CORRECTED, fact_changes, text_fragment
from generator.publication import Publication
from generator.render import PageRenderer
from generator.settings import load_settings
from generator.wording import Wording

from .conftest import FIXTURES
from .site_support import edition_on, parse_html, resolve_link, settings_for

PUBLISHED = "https://example.github.io/kb/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


# --- history from git ---------------------------------------------------------------


def commit(repository: Path, message: str, when: int) -> None:
    environment = dict(os.environ, GIT_AUTHOR_DATE=f"@{when} +0000", GIT_COMMITTER_DATE=f"@{when} +0000",
                       GIT_AUTHOR_NAME="A", GIT_AUTHOR_EMAIL="a@example.org", GIT_COMMITTER_NAME="A",
                       GIT_COMMITTER_EMAIL="a@example.org")
    subprocess.run(["git", "add", "-A"], cwd=repository, check=True)
    subprocess.run(["git", "commit", "--quiet", "-m", message], cwd=repository, check=True, env=environment)


def test_history_gives_each_file_the_commit_dates_it_was_added_and_last_changed(tmp_path):
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    facts = tmp_path / "content" / "facts"
    facts.mkdir(parents=True)
    (facts / "one.yaml").write_text("id: one\n", encoding="utf-8")
    commit(tmp_path, "add one", 1_772_582_400)  # 2026-03-04
    (facts / "two.yaml").write_text("id: two\n", encoding="utf-8")
    (tmp_path / "README").write_text("outside the content\n", encoding="utf-8")
    commit(tmp_path, "add two", 1_772_668_800)  # 2026-03-05
    (facts / "one.yaml").write_text("id: one\n# changed\n", encoding="utf-8")
    commit(tmp_path, "change one", 1_772_755_200)  # 2026-03-06

    history = read_history(tmp_path / "content")
    assert history.available
    assert sorted(history.records) == ["facts/one.yaml", "facts/two.yaml"]
    one, two = history.fact("one"), history.fact("two")
    assert [(change.kind, change.date) for change in one.changes] == [(ADDED, "2026-03-04"), (CHANGED, "2026-03-06")]
    assert one.added.instant == "2026-03-04T00:00:00Z" and one.last_changed.date == "2026-03-06"
    assert two.added.date == two.last_changed.date == "2026-03-05"
    assert history.fact("missing").changes == ()


def test_outside_git_no_date_is_known_and_the_build_says_so(tmp_path):
    (tmp_path / "content").mkdir()
    assert read_history(tmp_path / "content") == NO_HISTORY
    kb = load_knowledge_base(FIXTURES / "content", FIXTURES / "archive")
    renderer = PageRenderer(kb, "ru", edition_on(datetime.date(2026, 3, 5)))
    fact = kb.facts["alpha-submissions"]
    meta = renderer.provenance.fact_meta(fact)
    assert meta.startswith('<p class="kb-fact-more__item kb-fact-meta">Даты изменений в этой копии неизвестны. ')
    assert "<code>alpha-submissions</code>" in meta


def test_in_a_shallow_history_the_oldest_commit_does_not_pass_for_the_day_files_were_added():
    log = ("\x1eb 1772668800 a\n\nM\tcontent/facts/one.yaml\n"
           "\x1ea 1772582400\n\nA\tcontent/facts/one.yaml\nA\tcontent/facts/two.yaml\n")
    full, shallow = parse_log(log, "content/"), parse_log(log, "content/", shallow=True)
    assert full["facts/one.yaml"].added.date == "2026-03-04"
    assert shallow["facts/one.yaml"].added is None and shallow["facts/one.yaml"].last_changed.date == "2026-03-05"
    assert shallow["facts/two.yaml"].added is None


def test_changes_are_listed_newest_first_with_corrections_and_their_notes():
    kb = load_knowledge_base(FIXTURES / "content", FIXTURES / "archive")
    facts = sorted(kb.facts.values(), key=lambda fact: fact.id)
    history = parse_log("\x1ec 1772755200 b\n\nM\tfacts/alpha-held.yaml\n"
                        "\x1eb 1772668800 a\n\nA\tfacts/alpha-held.yaml\n"
                        "\x1ea 1772582400\n\nA\tfacts/alpha-submissions.yaml\n", "")
    note = {"kk": "Түзетілді.", "ru": "Исправлено.", "en": "Corrected."}
    changes = fact_changes(facts, lambda fact_id: history.get(f"facts/{fact_id}.yaml", NO_HISTORY.fact(fact_id)),
                           lambda fact: [{"date": "2026-03-07", "note": note}] if fact.id == "alpha-submissions" else [])
    assert [(change.kind, change.fact.id, change.date) for change in changes] == [
        (CORRECTED, "alpha-submissions", "2026-03-07"), (CHANGED, "alpha-held", "2026-03-06"),
        (ADDED, "alpha-held", "2026-03-05"), (ADDED, "alpha-submissions", "2026-03-04")]
    assert changes[0].note == note


def test_a_correction_needs_a_day_and_a_note_in_the_schema(write_tree, run_cli):
    from .conftest import minimal_tree

    tree = minimal_tree()
    tree["content/facts/submissions.yaml"] += "corrections:\n  - date: \"2026-03\"\n    note: {en: The number was wrong.}\n"
    write_tree(tree)
    result = run_cli("validate", "--content", "content", "--archive", "archive")
    assert result.exit_code == 1
    assert ("content/facts/submissions.yaml:18:5: corrections[0].date: '2026-03' is not a day: write YYYY-MM-DD, in quotes"
            in result.lines)


# --- links into the original, "report an error" ------------------------------------------


def test_a_text_fragment_names_the_first_and_last_words_percent_encoded():
    quote = "Since the beginning of the year, 26 people - men & women - have been convicted under Article 172"
    assert text_fragment("https://example.org/a", quote) == (
        "https://example.org/a#:~:text=Since%20the%20beginning%20of,convicted%20under%20Article%20172")
    assert text_fragment("https://example.org/a", "A 1,220 - B & C") == "https://example.org/a#:~:text=A%201%2C220%20%2D%20B%20%26%20C"
    assert text_fragment("https://example.org/a#top", "short quote") == "https://example.org/a#top:~:text=short%20quote"


def test_report_an_error_opens_a_prefilled_issue_or_an_e_mail_or_says_nothing_can():
    issue = Publication(repository="owner/kb").report_address("Error in x", "Fact: x\nPage: y")
    parts = urlsplit(issue)
    assert (parts.netloc, parts.path) == ("github.com", "/owner/kb/issues/new")
    assert parse_qs(parts.query) == {"title": ["Error in x"], "body": ["Fact: x\nPage: y"]}
    mail = Publication(contact="errors@example.org").report_address("Error in x", "Fact: x")
    assert mail == "mailto:errors@example.org?subject=Error%20in%20x&body=Fact%3A%20x"
    assert Publication().report_address("Error in x", "Fact: x") is None


# --- the project's site, built once ----------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_a_footer_with_publisher_licences_version_and_links(real_site, language):
    _, site = real_site
    settings = load_settings()
    _ = load_translations(language).gettext
    for name in ("index.html", "topics/amnesty.html", "sources/index.html", "changes.html"):
        page = site / language / name
        colophon = parse_html(page).select_one("footer .kb-colophon")
        text = " ".join(colophon.get_text().split())
        assert f"{_('Published by')}: {settings.publisher[language]}." in text
        licences = {a.get_text(): a["href"] for a in colophon.select("a[rel~=license]")}
        assert licences == {settings.texts_licence["name"]: settings.texts_licence["url"],
                            settings.data_licence["name"]: settings.data_licence["url"]}
        (time,) = colophon.find_all("time")
        assert time.get_text() == format_partial_date(time["datetime"], language)
        links = {a.get_text(): resolve_link(page, a["href"]) for a in colophon.select("a[href]") if "license" not in a.get("rel", [])}
        assert links[_("What changed")] == ((site / language / "changes.html").resolve(), "")
        assert links[_("Feed of changes (Atom)")] == ((site / language / "feed.xml").resolve(), "")
        target, fragment = links[_("Report an error")]
        assert fragment == "report-an-error" and parse_html(target).find(id=fragment) is not None
        feed_link = parse_html(page).select_one("head link[rel=alternate][type='application/atom+xml']")
        assert resolve_link(page, feed_link["href"]) == ((site / language / "feed.xml").resolve(), "")


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_fact_shows_the_days_it_was_added_and_last_changed_and_names_itself_for_reports(real_site, language):
    kb, site = real_site
    history = read_history(load_settings().content)
    _ = load_translations(language).gettext
    seen = 0
    for topic in kb.topics:
        soup = parse_html(site / language / "topics" / f"{topic.id}.html")
        for fact in topic.facts:
            meta = soup.find(id=fact.id).select_one(".kb-fact-meta")
            record = history.fact(fact.id)
            times = [time["datetime"] for time in meta.find_all("time")]
            expected = [record.added.date] + ([record.last_changed.date] if record.last_changed.commit != record.added.commit else [])
            assert times == expected, fact.id
            assert all(time.get_text() == format_partial_date(time["datetime"], language) for time in meta.find_all("time"))
            report = meta.select_one(".kb-report")
            assert report.name == "span" and report.code.get_text() == fact.id  # no repository or address: plain text
            seen += 1
    assert seen == sum(len(topic.facts) for topic in kb.topics) > 90


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_is_valid_atom_in_its_language_with_stable_ids_linking_to_the_facts(real_site, language, monkeypatch):
    kb, site = real_site
    path = site / language / "feed.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.language == language
    _ = load_translations(language).gettext
    assert feed.feed.title == f"{load_settings().title[language]}: {_('What changed')}"
    assert 0 < len(feed.entries) <= 100
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
    history = read_history(load_settings().content)
    for entry in feed.entries:
        target, fragment = resolve_link(path, entry.link)
        fact = kb.facts[fragment]
        assert target == (site / language / "topics" / f"{fact.home_topic_id}.html").resolve()
        assert entry.summary == Wording(kb, language, edition_on(datetime.date(2026, 1, 1))).text(fact.statement)
        kind = entry.tags[0].term
        assert entry.title.startswith({"added": _("Added"), "changed": _("Changed"), "corrected": _("Corrected")}[kind] + ": ")
        assert entry.updated in {change.instant for change in history.fact(fact.id).changes}
    # The same commit builds the same feed, ids included.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    edition = edition_of(load_settings(), load_settings().content)
    again = atom_feed(PageRenderer(kb, language, edition).provenance)
    assert [entry.id for entry in feedparser.parse(again).entries] == [entry.id for entry in feed.entries]


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_what_changed_page_lists_the_changes_by_day_newest_first(real_site, language):
    kb, site = real_site
    page = site / language / "changes.html"
    soup = parse_html(page)
    days = [heading["id"].removeprefix("date-") for heading in soup.select("article h2[id^=date-]")]
    assert days == sorted(days, reverse=True) and days
    items = soup.select("article h2[id^=date-] + ul > li")
    assert items
    for item in items:
        target, fragment = resolve_link(page, item.a["href"])
        assert fragment in kb.facts and parse_html(target).find(id=fragment) is not None


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_topic_pages_describe_themselves_and_their_facts_in_json_ld(real_site, language):
    kb, site = real_site
    settings = load_settings()
    for topic in kb.topics:
        soup = parse_html(site / language / "topics" / f"{topic.id}.html")
        (script,) = soup.select("head script[type='application/ld+json']")
        data = json.loads(script.get_text())
        assert data["@context"] == "https://schema.org" and data["@type"] == "WebPage"
        assert data["inLanguage"] == language and data["license"] == settings.texts_licence["url"]
        datetime.date.fromisoformat(data["dateModified"])
        assert data["isPartOf"]["@type"] == "Dataset"
        assert sorted(page["inLanguage"] for page in data["workTranslation"]) == sorted(set(LANGUAGES) - {language})
        assert [claim["@id"] for claim in data["hasPart"]] == [f"#{fact.id}" for fact in topic.facts]
        for claim, fact in zip(data["hasPart"], topic.facts, strict=True):
            assert claim["@type"] == "Claim" and claim["inLanguage"] == language and claim["text"]
            assert len(claim["appearance"]) == len(fact.citations)
            for work, citation in zip(claim["appearance"], fact.citations, strict=True):
                assert work["publisher"]["@type"] == "Organization" and work["publisher"]["name"]
                assert work.get("url") == citation.source.url and work.get("datePublished") == citation.source.date
                quotation = work["hasPart"]
                assert quotation["@type"] == "Quotation" and quotation["text"] == citation.quote[quotation["inLanguage"]]
        assert "ClaimReview" not in script.get_text()


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_data_page_describes_a_dataset_of_its_files_and_the_wikidata_export(real_site, language):
    kb, site = real_site
    page = site / language / "data.html"
    (script,) = parse_html(page).select("head script[type='application/ld+json']")
    data = json.loads(script.get_text())
    assert data["@type"] == "Dataset" and data["inLanguage"] == language
    assert data["license"] == load_settings().data_licence["url"]
    files = {download["contentUrl"]: download for download in data["distribution"]}
    charts = sorted(f"data/charts/{chart.id}.csv" for fact in kb.facts.values() for chart in find_charts(fact))
    assert len(charts) == 7
    assert sorted(files) == sorted(["data/facts.csl.json", "data/facts.csv", "data/facts.json", "data/wikidata.txt", *charts])
    for name, download in files.items():
        assert download["@type"] == "DataDownload" and download["license"] == data["license"]
        assert (site / language / name).is_file()
    assert [files[name]["encodingFormat"] for name in charts] == ["text/csv"] * len(charts)
    assert parse_html(page).find(id="wikidata") is not None
    lines = (site / language / "data" / "wikidata.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 20
    for line in lines:
        cells = line.split("\t")
        assert cells[:2] == ["ITEM", "PROPERTY"] and float(cells[2]) >= 0
        assert cells[cells.index("S248") + 1] == "SOURCE_ITEM" and "S813" in cells
        assert cells[-1].startswith("/* ") and cells[-1].removeprefix("/* ").removesuffix(" */") in kb.facts
    quotations = [cell for line in lines for cell in line.split("\t") if cell[:4] in ('kk:"', 'ru:"', 'en:"')]
    assert {cell[:2] for cell in quotations} == {"kk", "ru", "en"}


@pytest.mark.build
def test_a_footnote_links_into_the_original_at_the_quote(real_site):
    kb, site = real_site
    soup = parse_html(site / "en" / "topics" / "article-172.html")
    # A source is given in full, with its link to the original, at its first note on the page; later notes are short.
    citation, link = next((citation, note.select_one("a.kb-external")) for fact in kb.topic("article-172").facts
                          for citation in fact.citations if "en" in citation.quote and citation.source.url
                          for note in [soup.find(id=f"fn:{citation.label}")] if note.select_one("a.kb-external"))
    url, directive = link["href"].split("#:~:text=")
    assert url == citation.source.url
    start, end = directive.split(",")
    words = citation.quote["en"].split()
    assert unquote(start) == " ".join(words[:4]) and unquote(end) == " ".join(words[-4:]).rstrip(".")


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_404_page_is_in_its_language_and_loads_from_the_server_root(real_site, language):
    _, site = real_site
    soup = parse_html(site / language / "404.html")
    _ = load_translations(language).gettext
    assert soup.html["lang"] == language
    assert soup.select_one("article h1").get_text() == _("Page not found")
    stylesheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert stylesheets and all(href.startswith(f"/{language}/assets/") for href in stylesheets)
    links = [a["href"] for a in soup.select("article a[href]")]
    assert f"/{language}/index.html" in links
    for href in links:
        assert href.startswith("/") and (site / href.lstrip("/")).is_file(), href
    root = parse_html(site / "404.html")
    assert [section["lang"] for section in root.select("section")] == list(LANGUAGES)
    assert all((site / a["href"].lstrip("/")).is_file() for a in root.select("a[href]"))


@pytest.mark.build
def test_without_an_address_the_sitemaps_list_nothing(real_site):
    _, site = real_site
    for language in LANGUAGES:
        tree = ElementTree.parse(site / language / "sitemap.xml")
        assert tree.getroot().tag == f"{SITEMAP}urlset" and list(tree.getroot()) == []
    assert not (site / "sitemap.xml").exists()


# --- a published build: an address and a repository ------------------------------------------------


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    """The small fixture content built as the Pages job builds it: with an address and a repository."""
    out = tmp_path_factory.mktemp("published") / "site"
    previous = os.environ.get("KB_REPOSITORY")
    os.environ["KB_REPOSITORY"] = "owner/kb"
    try:
        kb = build_site(settings_for(FIXTURES / "content", FIXTURES / "archive", base_url=PUBLISHED), out)
    finally:
        if previous is None:
            del os.environ["KB_REPOSITORY"]
        else:
            os.environ["KB_REPOSITORY"] = previous
    return kb, out


@pytest.mark.build
def test_published_sitemaps_give_every_page_its_counterparts_and_the_chooser(published_site):
    _, site = published_site
    index = ElementTree.parse(site / "sitemap.xml").getroot()
    assert [element.text for element in index.iter(f"{SITEMAP}loc")] == [f"{PUBLISHED}{code}/sitemap.xml" for code in LANGUAGES]
    for language in LANGUAGES:
        urls = ElementTree.parse(site / language / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
        assert len(urls) == len(list((site / language).rglob("*.html"))) - 1  # every page but the 404
        for url in urls:
            location = url.find(f"{SITEMAP}loc").text
            assert location.startswith(f"{PUBLISHED}{language}/")
            page = location.removeprefix(f"{PUBLISHED}{language}/")
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
            assert alternates == {**{code: f"{PUBLISHED}{code}/{page}" for code in LANGUAGES}, "x-default": f"{PUBLISHED}index.html"}
            assert all((site / code / page).is_file() for code in LANGUAGES)


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_fact_cites_its_address_and_reports_errors_to_the_repository(published_site, language):
    _, site = published_site
    _ = load_translations(language).gettext
    soup = parse_html(site / language / "topics" / "alpha.html")
    fact = soup.find(id="alpha-submissions")
    cite = fact.select_one(".kb-cite__text")
    address = f"{PUBLISHED}{language}/topics/alpha.html#alpha-submissions"
    assert cite.a.get_text() == address and fact.select_one(".kb-cite__note").get_text() != _(
        "This copy of the site has no web address, so the citation gives the fact's place in the copy, from its root folder.")
    report = fact.select_one("a.kb-report")
    parts = urlsplit(report["href"])
    assert (parts.netloc, parts.path) == ("github.com", "/owner/kb/issues/new")
    query = parse_qs(parts.query)
    assert query["title"] == [_("Error in the fact %(fact)s (%(language)s)") % {"fact": "alpha-submissions", "language": language}]
    assert "alpha-submissions" in query["body"][0] and address in query["body"][0] and f": {language}\n" in query["body"][0]
    data = json.loads(soup.select_one("script[type='application/ld+json']").get_text())
    assert data["url"] == f"{PUBLISHED}{language}/topics/alpha.html" and data["hasPart"][0]["@id"] == address
    feed = feedparser.parse((site / language / "feed.xml").read_bytes())
    assert {link.rel: link.href for link in feed.feed.links}["self"] == f"{PUBLISHED}{language}/feed.xml"
    not_found = parse_html(site / language / "404.html")
    assert all(link["href"].startswith(f"/kb/{language}/") for link in not_found.select("link[rel=stylesheet]"))


def test_publisher_licences_and_repository_are_settings_and_the_pages_job_sets_address_and_repository(tmp_path, monkeypatch):
    monkeypatch.delenv("KB_BASE_URL", raising=False)
    monkeypatch.delenv("KB_REPOSITORY", raising=False)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.generator]\npublisher = {kk = "Баспагер", ru = "Издатель", en = "Publisher"}\n'
        'texts_licence = {name = "CC BY 4.0", url = "https://creativecommons.org/licenses/by/4.0/"}\n'
        'repository = "owner/kb"\ncontact = "errors@example.org"\n', encoding="utf-8")
    settings = load_settings(tmp_path)
    publication = Publication.from_settings(settings)
    assert publication.publisher_in("ru") == "Издатель" and publication.texts_licence.name == "CC BY 4.0"
    assert publication.data_licence is None and settings.base_url is None
    assert (settings.repository, settings.contact) == ("owner/kb", "errors@example.org")
    monkeypatch.setenv("KB_BASE_URL", "https://owner.github.io/kb")
    monkeypatch.setenv("KB_REPOSITORY", "fork/kb")
    settings = load_settings(tmp_path)
    assert (settings.base_url, settings.repository) == ("https://owner.github.io/kb", "fork/kb")
    assert edition_on(datetime.date(2026, 3, 5), base_url=settings.base_url).site_root == "https://owner.github.io/kb/"
