"""A topic's sections: each may open with the key figures of its own facts and a summary that restates them.

Each test breaks a valid tree in one place and reads the validator's full message.
"""

from __future__ import annotations

import textwrap

from .conftest import minimal_tree, schema_line

STRICT = "under --strict every warning counts as an error: fix the warnings too, as the pull-request check requires"
VALIDATE = ("validate", "--content", "content", "--archive", "archive", "--strict")
TOPIC = "content/topics/alpha.yaml"
FACT = "content/facts/submissions.yaml"
SUMMARY = "0 errors, 0 warnings; 2 quotes checked against the archive"
SECTION = "    title: {kk: Сандар, ru: Цифры, en: Figures}\n"
VALUE = """values:
  - label: {kk: Қаралған ұсынымдар, ru: Рассмотрено представлений, en: Submissions reviewed}
    number: 15970
    unit: submission
entities:"""


def edit(tree: dict[str, str], path: str, old: str, new: str) -> dict[str, str]:
    assert old in tree[path], f"{old!r} not in {path}"
    return tree | {path: tree[path].replace(old, new, 1)}


def with_section(lines: str, tree: dict[str, str] | None = None) -> dict[str, str]:
    """The minimal tree whose section 'figures' has the given lines after its title."""
    return edit(tree or minimal_tree(), TOPIC, SECTION, SECTION + textwrap.indent(textwrap.dedent(lines), "    "))


def with_value() -> dict[str, str]:
    return edit(minimal_tree(), FACT, "entities:", VALUE)


# --- key figures ------------------------------------------------------------------------------------------------------


def test_a_section_with_key_figures_from_its_own_facts_passes(write_tree, run_cli):
    write_tree(with_section("key_facts: [submissions]\n", with_value()))
    assert run_cli(*VALIDATE).lines == [SUMMARY]


def test_an_unknown_key_fact_of_a_section_is_named_with_a_suggestion(write_tree, run_cli):
    write_tree(with_section("key_facts: [submisions]\n", with_value()))
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:9:17: sections[0].key_facts[0]: unknown fact 'submisions' (did you mean 'submissions'?)",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_a_key_fact_of_another_section_is_an_error_that_names_its_section(write_tree, run_cli):
    tree = with_section("key_facts: [submissions]\n", with_value())
    tree = edit(tree, TOPIC, "    key_facts:", "  - id: other\n    title: {kk: Басқа, ru: Другое, en: Other}\n    key_facts:")
    write_tree(tree)
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:11:17: sections[1].key_facts[0]: fact 'submissions' is not in section 'other' (it is in section "
        "'figures'): choose a fact of this section, or remove it from key_facts",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_a_key_fact_of_another_topic_is_an_error_that_says_so(write_tree, run_cli):
    tree = with_value()
    tree["content/topics/beta.yaml"] = schema_line("topic") + textwrap.dedent("""\
        id: beta
        order: 2
        title: {kk: Бета, ru: Бета, en: Beta}
        summary: {kk: Қысқаша., ru: Кратко., en: In short.}
        sections:
          - id: main
            title: {kk: Негізгі, ru: Основное, en: Main}
            key_facts: [submissions]
        """)
    write_tree(tree)
    assert run_cli(*VALIDATE).lines == [
        "content/topics/beta.yaml:9:17: sections[0].key_facts[0]: fact 'submissions' is not in section 'main' (it is not "
        "in topic 'beta'): choose a fact of this section, or remove it from key_facts",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_a_key_fact_without_a_figure_is_an_error(write_tree, run_cli):
    write_tree(with_section("key_facts: [submissions]\n"))
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:9:17: sections[0].key_facts[0]: fact 'submissions' has no number or total under values to show as a "
        "key figure: choose a fact of this section with a figure, or remove it from key_facts",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_a_key_fact_listed_twice_is_an_error(write_tree, run_cli):
    write_tree(with_section("key_facts: [submissions, submissions]\n", with_value()))
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:9:5: sections[0].key_facts: lists the same item twice: remove the repetition",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


# --- the summary --------------------------------------------------------------------------------------------------------

SUMMARY_LINES = """summary:
  kk: Комитет 15 970 ұсынымды қарады.
  ru: Комитет рассмотрел 15 970 представлений.
  en: The committee reviewed 15,970 submissions.
"""


def test_a_summary_that_restates_the_figures_of_its_facts_passes(write_tree, run_cli):
    write_tree(with_section(SUMMARY_LINES))
    assert run_cli(*VALIDATE).lines == [SUMMARY]


def test_a_figure_that_no_fact_of_the_section_gives_is_an_error_named_once(write_tree, run_cli):
    write_tree(with_section("""\
        summary:
          kk: Комитет 15 970 ұсынымды, оның ішінде 27 ұсынымды қайта қарады.
          ru: Комитет рассмотрел 15 970 представлений, из них 27 повторно.
          en: The committee reviewed 15,970 submissions, 27 of them again.
        """))
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:10:7: sections[0].summary.kk: the number 27 is in no fact of section 'figures': write only the figures "
        "the section's facts give, in a statement or under values",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_a_figure_of_a_fact_in_another_section_does_not_count(write_tree, run_cli):
    tree = with_section(SUMMARY_LINES)
    tree = edit(tree, TOPIC, "    summary:", "  - id: other\n    title: {kk: Басқа, ru: Другое, en: Other}\n    summary:")
    write_tree(tree)
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:12:7: sections[1].summary.kk: the number 15970 is in no fact of section 'other': write only the "
        "figures the section's facts give, in a statement or under values",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_a_figure_in_words_is_read_in_a_translation_too(write_tree, run_cli):
    write_tree(with_section(SUMMARY_LINES.replace("15,970 submissions.", "15,970 submissions in three days.")))
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:12:7: sections[0].summary.en: the number 3 is in no fact of section 'figures': write only the figures "
        "the section's facts give, in a statement or under values",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_the_summary_is_read_in_its_original_language_first(write_tree, run_cli):
    tree = edit(minimal_tree(), TOPIC, "order: 1\n", "written_in: en\norder: 1\n")
    write_tree(with_section(SUMMARY_LINES.replace("15 970", "15 971").replace("15,970", "15,971"), tree))
    lines = run_cli("validate", "--content", "content", "--archive", "archive").lines
    errors = [line for line in lines if ": warning: " not in line]  # the untracked translations are warned about
    assert errors == [
        f"{TOPIC}:13:7: sections[0].summary.en: the number 15971 is in no fact of section 'figures': write only the "
        "figures the section's facts give, in a statement or under values",
        "1 error, 2 warnings; 2 quotes checked against the archive",
    ]


def test_a_summary_groups_thousands_as_the_page_does(write_tree, run_cli):
    write_tree(with_section(SUMMARY_LINES.replace("15,970", "15970")))
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:12:7: sections[0].summary.en: '15970' is written without grouping its thousands: write '15,970', as "
        "the figures on the same page show it",
        "1 error, 0 warnings; 2 quotes checked against the archive",
    ]


def test_a_summary_without_a_language_is_a_missing_translation(write_tree, run_cli):
    write_tree(with_section(SUMMARY_LINES.replace("  ru: Комитет рассмотрел 15 970 представлений.\n", "")))
    assert run_cli(*VALIDATE).lines == [
        f"{TOPIC}:9:5: warning: sections[0].summary: missing translation 'ru': add sections[0].summary.ru",
        "0 errors, 1 warning; 2 quotes checked against the archive",
        STRICT,
    ]
