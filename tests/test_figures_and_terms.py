"""Figures checked against their quotes, number grouping, and the termbase: each test breaks a valid tree in one place."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from generator.figure_check import extract_figures
from generator.termbase import glossary_order, uses_term, words_pattern

from .conftest import minimal_tree, schema_line

STRICT = "under --strict every warning counts as an error: fix the warnings too, as the pull-request check requires"
VALIDATE = ("validate", "--content", "content", "--archive", "archive", "--strict")
FACT = "content/facts/submissions.yaml"
SUMMARY = "0 errors, 0 warnings; 2 quotes checked against the archive"


def edit(tree: dict[str, str], path: str, old: str, new: str) -> dict[str, str]:
    assert old in tree[path], f"{old!r} not in {path}"
    return tree | {path: tree[path].replace(old, new, 1)}


def with_statement(kk: str, ru: str, en: str) -> dict[str, str]:
    tree = edit(minimal_tree(), FACT, "  kk: Комитет 15 970 ұсынымды қарады.", f"  kk: {kk}")
    tree = edit(tree, FACT, "  ru: Комитет рассмотрел 15 970 представлений.", f"  ru: {ru}")
    return edit(tree, FACT, "  en: The committee reviewed 15,970 submissions.", f"  en: {en}")


# --- numbers as running text writes them ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "figures"), [
    ("освобождение более чем двух тысяч осужденных", "ru", ["2000"]),
    ("екі мыңнан астам сотталғанды босату", "kk", ["2000"]),
    ("the release of more than two thousand convicts", "en", ["2000"]),
    ("более 2 тысяч человек", "ru", ["2000"]),
    ("sentenced to six years", "en", ["6"]),
    ("екі күндік кездесулер", "kk", ["2"]),
    ("no one goes to war; бір адам", "en", []),
    ("онда екіншісі", "kk", []),  # a word that starts like a number word is not one
    ("https://example.org/2017/03/file.pdf and 26 people", "en", ["26"]),
    # The number of a provision or a document is its name, not a figure a quote must give.
    ("under Article 172 of the Code, 141 cases; General Comment No. 10", "en", ["141"]),
    ("по статье 172 возбуждено 141 дело, по статьям 170 и 172; ст. 78; № 10", "ru", ["141", "172"]),
    ("172-бап бойынша 141 іс; 78-бабына сәйкес; № 10", "kk", ["141"]),
])
def test_figures_are_read_in_digits_and_in_words(text, language, figures):
    assert [f"{figure:f}" for figure in extract_figures(text, language)] == figures


# --- figures against quotes ----------------------------------------------------------------------------------------

def test_a_statement_figure_that_no_quote_gives_is_an_error(write_tree, run_cli):
    write_tree(with_statement("Комитет 15 971 ұсынымды қарады.", "Комитет рассмотрел 15 971 представление.",
                              "The committee reviewed 15,971 submissions."))
    result = run_cli(*VALIDATE)
    assert result.lines == [
        f"{FACT}:7:3: statement.kk: the number 15971 is in no quote of the fact's citations: quote the words of the source "
        "that give it, or list it under derived with how it was worked out",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_the_statement_is_read_in_the_language_the_fact_is_written_in(write_tree, run_cli):
    tree = with_statement("Комитет 15 971 ұсынымды қарады.", "Комитет рассмотрел 15 971 представление.",
                          "The committee reviewed 15,971 submissions.")
    write_tree(edit(tree, FACT, "id: submissions\n", "id: submissions\nwritten_in: en\n"))
    result = run_cli("validate", "--content", "content", "--archive", "archive")
    assert (f"{FACT}:10:3: statement.en: the number 15971 is in no quote of the fact's citations: quote the "
            "words of the source that give it, or list it under derived with how it was worked out") in result.lines


def test_number_words_in_a_quote_match_digits_in_the_statement(write_tree, run_cli):
    tree = with_statement("Комитет 2 мыңнан астам адамды босатты.", "Комитет освободил более 2 000 человек.",
                          "The committee released more than 2,000 people.")
    tree = edit(tree, FACT, 'quote: {en: "The committee reviewed 15 970 submissions"}',
                'quote: {en: "and released more than 2 thousand people."}')
    tree = edit(tree, FACT, "      kk: Комитет 15 970 ұсынымды қарады", "      kk: және 2 мыңнан астам адамды босатты.")
    write_tree(edit(tree, FACT, "      ru: Комитет рассмотрел 15 970 представлений", "      ru: и освободил более 2 тысяч человек."))
    assert run_cli(*VALIDATE).lines == [SUMMARY]


VALUE = """values:
  - label: {kk: Қаралды, ru: Рассмотрено, en: Reviewed}
    number: NUMBER
    unit: submission
"""


def test_a_value_that_is_not_in_the_statement_nor_in_a_quote_is_named_twice(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, "entities:", VALUE.replace("NUMBER", "15980") + "entities:"))
    result = run_cli(*VALIDATE)
    assert result.lines == [
        f"{FACT}:12:5: values[0].number: the number 15980 is not in the statement (statement.kk): write the figure in the "
        "statement, or correct the value",
        f"{FACT}:12:5: values[0].number: the number 15980 is in no quote of the fact's citations: quote the words of the "
        "source that give it, or list it under derived with how it was worked out",
        "2 errors, 0 warnings; 2 quotes checked against the archive",
    ]


def test_a_value_in_the_statement_and_the_quote_passes(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, "entities:", VALUE.replace("NUMBER", "15970") + "entities:"))
    assert run_cli(*VALIDATE).lines == [SUMMARY]


DERIVED = """derived:
  - number: NUMBER
    how: {kk: "15 970 + 1", ru: "15 970 + 1", en: "15,970 + 1"}
"""


def test_a_derived_figure_is_accepted_with_how_it_was_worked_out(write_tree, run_cli):
    tree = with_statement("Комитет 15 971 ұсынымды қарады.", "Комитет рассмотрел 15 971 представление.",
                          "The committee reviewed 15,971 submissions.")
    write_tree(edit(tree, FACT, "entities:", DERIVED.replace("NUMBER", "15971") + "entities:"))
    assert run_cli(*VALIDATE).lines == [SUMMARY]


def test_a_derived_figure_that_a_quote_gives_or_the_statement_lacks_is_an_error(write_tree, run_cli):
    tree = edit(minimal_tree(), FACT, "entities:", DERIVED.replace("NUMBER", "15970") + "  - number: 12\n"
                "    how: {kk: '12', ru: '12', en: '12'}\n" + "entities:")
    write_tree(tree)
    result = run_cli(*VALIDATE)
    assert result.lines == [
        f"{FACT}:11:5: derived[0].number: the number 15970 is in a quote of the fact's citations, so it is not derived: "
        "remove it from derived",
        f"{FACT}:13:5: derived[1].number: the number 12 is not in the statement (statement.kk) nor in the values: remove "
        "it from derived, or write it in the statement",
        "2 errors, 0 warnings; 2 quotes checked against the archive",
    ]


def test_derived_needs_how(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, "entities:", "derived:\n  - number: 1\nentities:"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == f"{FACT}:11:5: derived[0]: missing required key 'how': add it"


# --- grouping of thousands -----------------------------------------------------------------------------------------

def test_an_ungrouped_figure_is_an_error_in_each_language_with_the_grouped_form(write_tree, run_cli):
    write_tree(with_statement("Комитет 15970 ұсынымды қарады.", "Комитет рассмотрел 15970 представлений.",
                              "The committee reviewed 15970 submissions."))
    result = run_cli(*VALIDATE)
    assert result.lines == [
        f"{FACT}:7:3: statement.kk: '15970' is written without grouping its thousands: write '15 970', as the figures on "
        "the same page show it",
        f"{FACT}:8:3: statement.ru: '15970' is written without grouping its thousands: write '15 970', as the figures on "
        "the same page show it",
        f"{FACT}:9:3: statement.en: '15970' is written without grouping its thousands: write '15,970', as the figures on "
        "the same page show it",
        "3 errors, 0 warnings; 2 quotes checked against the archive",
    ]


def test_years_telephone_numbers_and_quoted_words_keep_their_digits(write_tree, run_cli):
    tree = edit(minimal_tree(), "content/topics/alpha.yaml", "summary: {kk: Қысқаша., ru: Кратко., en: In short.}",
                "summary: {kk: '2025 жылы; +7-7172-79-88-84; «иски (3910)».', ru: 'В 2025 году; +7-7172-79-88-84; «иски (3910)».', "
                "en: 'In 2025; +7-7172-79-88-84; \"иски (3910)\".'}")
    write_tree(tree)
    assert run_cli(*VALIDATE).lines == [SUMMARY]


# --- the termbase --------------------------------------------------------------------------------------------------

TERM = schema_line("term") + textwrap.dedent("""\
    id: probation-control
    kind: legal-concept
    term: {kk: пробациялық бақылау, ru: пробационный контроль, en: probation control}
    short: {kk: бақылау, ru: контроль, en: control}
    abbreviations:
      - {language: ru, abbreviation: ПК}
    definition: {kk: Бақылау., ru: Контроль., en: Supervision.}
    origin: {kk: Хат, ru: Письмо, en: The letter}
    avoid:
      - {language: en, variant: probation supervision}
    """)


def test_a_valid_term_passes_and_is_counted(write_tree, run_cli):
    write_tree(minimal_tree() | {"content/terms/probation-control.yaml": TERM})
    assert run_cli(*VALIDATE).lines == [SUMMARY]


def test_a_variant_to_avoid_is_a_warning_with_the_key_path_and_the_preferred_term(write_tree, run_cli):
    tree = with_statement("Комитет 15 970 ұсынымды қарады.", "Комитет рассмотрел 15 970 представлений.",
                          "Under probation supervision, the committee reviewed 15,970 submissions.")
    write_tree(tree | {"content/terms/probation-control.yaml": TERM})
    result = run_cli(*VALIDATE)
    assert result.lines == [
        f"{FACT}:9:3: warning: statement.en: 'probation supervision' is a variant to avoid: write 'probation control' or "
        "'control' (term 'probation-control' in content/terms/probation-control.yaml)",
        "0 errors, 1 warning; 2 quotes checked against the archive",
        STRICT,
    ]
    assert result.exit_code == 1
    assert run_cli("validate", "--content", "content", "--archive", "archive").exit_code == 0


def test_a_variant_at_the_start_of_a_sentence_is_found_with_its_capital(write_tree, run_cli):
    tree = with_statement("Комитет 15 970 ұсынымды қарады.", "Комитет рассмотрел 15 970 представлений.",
                          "Probation supervision. The committee reviewed 15,970 submissions.")
    write_tree(tree | {"content/terms/probation-control.yaml": TERM})
    assert run_cli(*VALIDATE).lines[0] == (
        f"{FACT}:9:3: warning: statement.en: 'probation supervision' is a variant to avoid: write 'probation control' or "
        "'control' (term 'probation-control' in content/terms/probation-control.yaml)")


def test_a_variant_in_a_quote_or_in_quotation_marks_is_the_source_speaking(write_tree, run_cli):
    archive = "Example report.\nThe committee reviewed 15 970 submissions under probation supervision\n"
    tree = with_statement("Комитет 15 970 ұсынымды қарады.", "Комитет рассмотрел 15 970 представлений.",
                          "The committee reviewed 15,970 submissions (\"under probation supervision\").")
    tree = edit(tree, FACT, '"The committee reviewed 15 970 submissions"', '"The committee reviewed 15 970 submissions under probation supervision"')
    tree = edit(tree, "content/sources/report.yaml", tree["content/sources/report.yaml"].split("sha256: ")[1].strip(),
                __import__("hashlib").sha256(archive.encode()).hexdigest())
    write_tree(tree | {"archive/report.txt": archive, "content/terms/probation-control.yaml": TERM})
    assert run_cli(*VALIDATE).lines == [SUMMARY]


def test_an_abbreviation_before_its_full_form_is_a_warning(write_tree, run_cli):
    tree = with_statement("Комитет 15 970 ұсынымды қарады.", "'ПК: комитет рассмотрел 15 970 представлений.'",
                          "The committee reviewed 15,970 submissions.")
    write_tree(tree | {"content/terms/probation-control.yaml": TERM})
    result = run_cli(*VALIDATE)
    assert result.lines == [
        f"{FACT}:8:3: warning: statement.ru: 'ПК' is used before the words it stands for: write 'пробационный контроль' or "
        "'контроль' (ПК) at its first use in this text (term 'probation-control' in content/terms/probation-control.yaml)",
        "0 errors, 1 warning; 2 quotes checked against the archive",
        STRICT,
    ]


def test_an_abbreviation_after_its_full_form_passes(write_tree, run_cli):
    tree = with_statement("Комитет 15 970 ұсынымды қарады.",
                          "Под пробационным контролем (ПК) комитет рассмотрел 15 970 представлений; ПК.",
                          "The committee reviewed 15,970 submissions.")
    write_tree(tree | {"content/terms/probation-control.yaml": TERM})
    assert run_cli(*VALIDATE).lines == [SUMMARY]


def test_a_term_without_its_definition_is_an_error(write_tree, run_cli):
    term = TERM.replace("definition: {kk: Бақылау., ru: Контроль., en: Supervision.}\n", "")
    write_tree(minimal_tree() | {"content/terms/probation-control.yaml": term})
    result = run_cli(*VALIDATE)
    assert result.lines[0] == "content/terms/probation-control.yaml:2:1: missing required key 'definition': add it"


def test_inflected_forms_of_a_term_are_found():
    data = {"term": {"ru": "пробационный контроль", "kk": "Ішкі істер министрлігі"}}
    assert words_pattern("пробационный контроль", "ru").search("находятся под пробационным контролем")
    assert words_pattern("рақымшылық", "kk").search("рақымшылығы туралы")
    assert words_pattern("amnesty", "en").search("two amnesties")
    assert uses_term("Ішкі істер министрлігінің комитеті", data, "kk")
    assert not uses_term("контроль", data, "ru")
    assert not words_pattern("ұсыныс", "kk").search("сарапшының ұсынымы")


def test_the_glossary_sorts_by_each_languages_alphabet():
    class Term:
        def __init__(self, kk: str) -> None:
            self.term = {"kk": kk}

    terms = [Term("үкімет"), Term("ұсыныс"), Term("іс"), Term("аға"), Term("әке")]
    assert [term.term["kk"] for term in glossary_order(terms, "kk")] == ["аға", "әке", "ұсыныс", "үкімет", "іс"]


def test_extract_figures_returns_decimals():
    assert extract_figures("2,1 млрд", "ru") == [Decimal("2100000000")]
