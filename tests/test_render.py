"""Rendering details that a reader sees: Markdown escaping, qualified numbers, Kazakh case endings."""

from __future__ import annotations

import datetime

import pytest

from generator.build import load_knowledge_base
from generator.charts import nice_step
from generator.citing import edition_of
from generator.kazakh import with_case
from generator.markdown_text import escape_markdown
from generator.model import partial_date_key as date_key
from generator.numbers import extract_numbers
from generator.render import render_pages, svg_number
from generator.settings import load_settings
from generator.version import source_date_epoch

from .golden import FIXTURES, render_fixture
from .site_support import edition_on


@pytest.mark.parametrize(("text", "markdown"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("{{ x }} {% y %}", "\\{\\{ x \\}\\} \\{% y %\\}"),
    ("a [^1] *b* | c_d `e`", "a \\[^1\\] \\*b\\* \\| c\\_d \\`e\\`"),
    ("1. not a list", "1\\. not a list"),
    ("# not a heading", "\\# not a heading"),
    ("- not a bullet", "\\- not a bullet"),
    ("A & B\nC", "A &amp; B C"),
    ("15\u00a0970", "15\u00a0970"),
])
def test_escape_markdown_keeps_text_literal(text, markdown):
    assert escape_markdown(text) == markdown


@pytest.mark.parametrize(("quantity", "case", "expected"), [
    ("2 000 адам", "ablative", "2 000 адамнан"),
    ("12 жас", "ablative", "12 жастан"),
    ("140 оқушы", "ablative", "140 оқушыдан"),
    ("400", "ablative", "400-ден"),
    ("90", "ablative", "90-нан"),
    ("140", "ablative", "140-тан"),
    ("күніне 5,8 миллион теңге", "dative", "күніне 5,8 миллион теңгеге"),
    ("12", "dative", "12-ге"),
])
def test_kazakh_case_endings_follow_the_last_word(quantity, case, expected):
    assert with_case(quantity, case) == expected


@pytest.mark.parametrize(("language", "line"), [
    ("kk", "- Босатылғандар: **2\u00a0000 адамнан астам**"),
    ("ru", "- Освобождено: **более 2\u00a0000 человек**"),
    ("en", "- Released: **more than 2,000 people**"),
])
def test_a_qualified_number_reads_naturally_in_each_language(language, line):
    assert line in render_fixture()[f"{language}/topics/alpha.md"].splitlines()


@pytest.mark.parametrize(("text", "language", "numbers"), [
    ("15 970 представлений, более 2 тысяч, 5,8 млн", "ru", ["15970", "2000", "5800000"]),
    ("15,970 submissions, over 2,000, 5.8 million, March 4, 2026", "en", ["15970", "2000", "5800000", "4", "2026"]),
    ("2 мыңнан астам, 2,1 млрд теңге, ДС-45, 2692-сі", "kk", ["2000", "2100000000", "45", "2692"]),
])
def test_numbers_are_read_as_each_language_writes_them(text, language, numbers):
    assert [f"{number:f}" for number in extract_numbers(text, language)] == numbers


def test_with_a_base_url_the_citation_gives_an_absolute_permanent_link():
    kb = load_knowledge_base(FIXTURES / "content", FIXTURES / "archive")
    edition = edition_on(datetime.date(2026, 3, 5), base_url="https://kb.example.org/")
    page = next(page for page in render_pages(kb, "ru", edition) if page.path == "topics/alpha.md")
    assert ('<a href="../topics/alpha.html#alpha-submissions">https://kb.example.org/ru/topics/alpha.html#alpha-submissions</a>'
            ' (дата обращения: <time class="kb-cite__accessed" datetime="2026-03-05">5 марта 2026\u202fг.</time>).') in page.markdown
    assert "&#34;URL&#34;: &#34;https://kb.example.org/ru/topics/alpha.html#alpha-submissions&#34;" in page.markdown


def test_the_access_date_comes_from_source_date_epoch(monkeypatch):

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772582400")
    assert edition_of(load_settings(), FIXTURES / "content").access_date == datetime.date(2026, 3, 4)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert source_date_epoch() is None


def test_the_base_url_is_read_from_pyproject(tmp_path):

    (tmp_path / "pyproject.toml").write_text('[tool.generator]\nbase_url = "https://kb.example.org"\n', encoding="utf-8")
    assert load_settings(tmp_path).base_url == "https://kb.example.org"
    (tmp_path / "pyproject.toml").write_text("[tool.generator]\n", encoding="utf-8")
    assert load_settings(tmp_path).base_url is None


@pytest.mark.parametrize(("maximum", "step"), [(141, 50), (554, 200), (6399, 2000), (29, 10), (3, 1), (0, 1)])
def test_chart_axes_step_in_round_numbers(maximum, step):

    assert nice_step(maximum) == step


def test_dates_sort_coarse_before_fine_and_coordinates_print_the_same_everywhere():

    assert sorted(["2014-12-16", "2015", "2014-12", "2014"], key=date_key) == ["2014", "2014-12", "2014-12-16", "2015"]
    assert [svg_number(value) for value in (66.47999999999999, 470.0, 0.5, 43.75)] == ["66.48", "470", "0.5", "43.75"]
