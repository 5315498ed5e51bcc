"""The languages render and build side by side; a language that fails is named, and the old site stays."""

from __future__ import annotations

import datetime

import pytest

from generator import build
from generator.output_folder import write_output_marker

from .conftest import minimal_tree
from .site_support import edition_on, parse_html, resolve_link, settings_for

pytestmark = pytest.mark.build


@pytest.fixture
def old_site(write_tree, tmp_path):
    write_tree(minimal_tree())
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("previous build", encoding="utf-8")
    write_output_marker(tmp_path / "site")  # as every build leaves it
    return tmp_path / "site"


def test_a_language_that_fails_to_render_is_named_and_the_old_site_stays(old_site, run_cli, tmp_path, monkeypatch):
    render_pages = build.render_pages

    def render_failing_in_russian(kb, language, edition):
        if language == "ru":
            raise RuntimeError("the Russian pages could not be rendered")
        return render_pages(kb, language, edition)

    monkeypatch.setattr(build, "render_pages", render_failing_in_russian)  # the forked children inherit it
    result = run_cli("build", "--content", "content", "--archive", "archive", "--out", "site")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: MkDocs could not build the site:\n[ru] ")
    assert result.stderr.rstrip().endswith("RuntimeError: the Russian pages could not be rendered")
    assert "[kk]" not in result.stderr and "[en]" not in result.stderr
    assert (old_site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive", "content", "site"]  # no staging left behind


def test_a_failed_mkdocs_build_is_reported_with_its_message(old_site, run_cli, tmp_path, monkeypatch):
    language_config = build.language_config

    def config_with_an_unknown_theme_language(kb, language, edition, docs, site_dir):
        config = language_config(kb, language, edition, docs, site_dir)
        if language == "en":
            config["theme"]["language"] = "xx"  # Material has no partials/languages/xx.html
        return config

    monkeypatch.setattr(build, "language_config", config_with_an_unknown_theme_language)
    result = run_cli("build", "--content", "content", "--archive", "archive", "--out", "site")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: MkDocs could not build the site:\n[en] ")
    assert "partials/languages/xx.html" in result.stderr
    assert "[kk]" not in result.stderr and "[ru]" not in result.stderr
    assert (old_site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive", "content", "site"]


def test_markdown_only_writes_each_language_for_mkdocs_and_builds_nothing(write_tree, run_cli, tmp_path):
    write_tree(minimal_tree())
    result = run_cli("build", "--markdown-only", "--content", "content", "--archive", "archive", "--out", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.lines == ["wrote the Markdown of each language into markdown"]
    assert sorted(path.name for path in (tmp_path / "markdown").iterdir()) == ["en", "kk", "ru"]
    for language in ("kk", "ru", "en"):
        folder = tmp_path / "markdown" / language
        assert sorted(path.name for path in folder.iterdir()) == ["docs", "mkdocs.yml"]
        assert (folder / "docs" / "index.md").is_file()
        assert (folder / "docs" / "topics" / "alpha.md").is_file()
        assert f"site_dir: {tmp_path / 'markdown' / 'site' / language}" in (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert not (tmp_path / "markdown" / "site").exists()


def test_the_navigation_lists_topics_and_index_pages_only(write_tree, tmp_path):
    write_tree(minimal_tree())
    kb = build.load_knowledge_base(tmp_path / "content", tmp_path / "archive")
    config = build.language_config(kb, "en", edition_on(datetime.date(2026, 1, 11)), tmp_path / "docs", tmp_path / "site")
    pages = [next(iter(entry.values())) for entry in config["nav"]]
    assert pages == ["index.md", [{"Alpha": "topics/alpha.md"}], "sources/index.md", "entities/index.md", "glossary.md",
                     "timeline.md", "data.md", "methodology.md", "changes.md", "status.md"]
    assert config["not_in_nav"] == "/sources/*.md\n/entities/*.md\n/handouts/*.md\n"


def test_source_and_entity_pages_outside_the_navigation_are_linked_from_their_indexes(write_tree, tmp_path):
    write_tree(minimal_tree())
    site = tmp_path / "site"
    build.build_site(settings_for(tmp_path / "content", tmp_path / "archive"), site)
    for language in ("kk", "ru", "en"):
        root = site / language
        for index, page in (("sources/index.html", "sources/report.html"), ("entities/index.html", "entities/committee.html")):
            links = {resolve_link(root / index, a["href"]) for a in parse_html(root / index).select("article a[href]")}
            assert ((root / page).resolve(), "") in links, (language, index)
            assert (root / page).is_file()
        navigation = parse_html(root / "sources" / "report.html").select_one("nav.md-nav--primary")
        targets = {resolve_link(root / "sources" / "report.html", a["href"])[0] for a in navigation.select("a[href]")
                   if resolve_link(root / "sources" / "report.html", a["href"])}
        assert targets == {(root / path).resolve() for path in
                           ("index.html", "topics/alpha.html", "sources/index.html", "entities/index.html", "glossary.html",
                            "timeline.html", "data.html", "methodology.html", "changes.html", "status.html")}


def test_a_full_disk_is_named_when_a_language_stops_without_a_word(old_site, run_cli, tmp_path, monkeypatch):
    import os
    import shutil
    from collections import namedtuple

    render_pages = build.render_pages

    def render_on_a_full_disk(kb, language, edition):
        if language == "kk":
            os._exit(1)  # as a child does when the disk is too full to take even its log
        return render_pages(kb, language, edition)

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(build, "render_pages", render_on_a_full_disk)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 4096, 4096))
    before = sorted(path.name for path in tmp_path.iterdir())
    result = run_cli("build", "--content", "content", "--archive", "archive", "--out", "site")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("error: MkDocs could not build the site:\n[kk] the build stopped with exit code 1: the disk that "
                             "holds . has 4,096 bytes free (free some space, or build into a folder on another disk with --out DIR)\n")
    assert (old_site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(path.name for path in tmp_path.iterdir()) == before
