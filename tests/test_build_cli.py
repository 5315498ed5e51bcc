"""`python -m generator build` and `bundle` from the command line: invalid content never half-writes a site."""

from __future__ import annotations

import pytest

from .conftest import minimal_tree

pytestmark = pytest.mark.build


def test_build_refuses_invalid_content_and_leaves_the_old_site_alone(write_tree, run_cli, tmp_path):
    tree = minimal_tree()
    write_tree(tree | {"content/facts/submissions.yaml": tree["content/facts/submissions.yaml"].replace("source: report", "source: reprt")})
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("previous build", encoding="utf-8")
    result = run_cli("build", "--content", "content", "--archive", "archive", "--out", "site")
    assert result.exit_code == 1
    assert result.lines == ["content/facts/submissions.yaml:12:5: citations[0].source: unknown source 'reprt' (did you mean 'report'?)"]
    assert result.stderr == "error: the content has 1 error; run 'python -m generator validate' to see them\n"
    assert "Traceback" not in result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive", "content", "site"]


def test_bundle_refuses_invalid_content_and_writes_no_archive(write_tree, run_cli, tmp_path):
    tree = minimal_tree()
    write_tree(tree | {"content/topics/alpha.yaml": tree["content/topics/alpha.yaml"].replace("order: 1", "order: one")})
    result = run_cli("bundle", "--content", "content", "--archive", "archive", "--out", "dist")
    assert result.exit_code == 1
    assert result.lines == ["content/topics/alpha.yaml:3:1: order: expected a whole number, found the text 'one'"]
    assert list((tmp_path / "dist").rglob("*")) == []  # neither an archive nor a staging folder


def test_build_writes_three_languages_the_chooser_and_the_open_data(write_tree, run_cli, tmp_path):
    write_tree(minimal_tree())
    result = run_cli("build", "--content", "content", "--archive", "archive", "--out", "site")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("built ")
    assert sorted(path.name for path in (tmp_path / "site").iterdir()) == [".generator-output", "404.html", "data", "en", "index.html", "kk",
                                                                          "ru"]
    assert sorted(path.name for path in (tmp_path / "site" / "data").iterdir()) == ["facts.json"]
    for language in ("kk", "ru", "en"):
        assert sorted(path.name for path in (tmp_path / "site" / language / "data").iterdir()) == [
            "facts.csl.json", "facts.csv", "facts.json", "wikidata.txt"]
        assert (tmp_path / "site" / language / "feed.xml").is_file() and (tmp_path / "site" / language / "changes.html").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive", "content", "site"]  # no staging left behind
