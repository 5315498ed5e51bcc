"""Rendering details that a reader sees: Markdown escaping, qualified numbers, Kazakh case endings."""

from __future__ import annotations

import pytest

from generator.kazakh import with_case
from generator.markdown_text import escape_markdown
from generator.numbers import extract_numbers

from .golden import render_fixture


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
