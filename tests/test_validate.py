"""The validator, one check at a time: each test breaks a valid tree in one place and reads the full message."""

from __future__ import annotations

import hashlib

import pytest

from generator.i18n import format_number

from .conftest import ARCHIVE_TEXT, minimal_tree, schema_line

VALIDATE = ("validate", "--content", "content", "--archive", "archive")
FACT = "content/facts/submissions.yaml"


def edit(tree: dict[str, str], path: str, old: str, new: str) -> dict[str, str]:
    assert old in tree[path], f"{old!r} not in {path}"
    return tree | {path: tree[path].replace(old, new, 1)}


def test_a_valid_tree_passes_with_exit_code_0(write_tree, run_cli):
    write_tree(minimal_tree())
    result = run_cli(*VALIDATE, "--strict")
    assert result.lines == ["0 errors, 0 warnings; 2 quotes checked against the archive"]
    assert result.exit_code == 0


def test_an_unknown_key_is_an_error_with_a_suggestion(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, "  - source: report", "  - sorce: report"))
    result = run_cli(*VALIDATE)
    assert result.lines[:2] == [
        f"{FACT}:12:5: citations[0]: missing required key 'source': add it",
        f"{FACT}:12:5: citations[0].sorce: unknown key 'sorce' (did you mean 'source'?)",
    ]
    assert result.lines[-1] == "2 errors, 0 warnings; 1 quote checked against the archive"
    assert result.exit_code == 1


def test_a_value_of_the_wrong_type_is_named(write_tree, run_cli):
    write_tree(edit(minimal_tree(), "content/topics/alpha.yaml", "order: 1", "order: first"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == "content/topics/alpha.yaml:3:1: order: expected a whole number, found the text 'first'"
    assert result.exit_code == 1


def test_a_value_outside_the_allowed_list_gets_a_suggestion(write_tree, run_cli):
    write_tree(edit(minimal_tree(), "content/sources/report.yaml", "kind: news-report", "kind: news-reports"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == "content/sources/report.yaml:3:1: kind: 'news-reports' is not allowed here (did you mean 'news-report'?)"


def test_an_id_must_be_a_safe_slug_and_match_the_file_name(write_tree, run_cli):
    tree = minimal_tree()
    tree["content/entities/Committee_1.yaml"] = tree.pop("content/entities/committee.yaml").replace("id: committee", "id: Committee_1")
    write_tree(tree)
    result = run_cli(*VALIDATE)
    assert result.lines[0] == ("content/entities/Committee_1.yaml:2:1: id: 'Committee_1' is not a valid id: "
                               "use lowercase ASCII letters, digits and single hyphens")
    assert f"{FACT}:10:12: entities[0]: unknown entity 'committee' (did you mean 'Committee_1'?)" in result.lines


def test_an_id_that_differs_from_its_file_name_is_an_error(write_tree, run_cli):
    write_tree(edit(minimal_tree(), "content/entities/committee.yaml", "id: committee", "id: board"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == ("content/entities/committee.yaml:2:1: id: id 'board' differs from the file name "
                               "'committee.yaml': rename the file to 'board.yaml' or change the id")


def test_two_records_with_one_id_are_an_error(write_tree, run_cli):
    tree = minimal_tree()
    tree["content/entities/committee-copy.yaml"] = tree["content/entities/committee.yaml"]
    write_tree(tree)
    result = run_cli(*VALIDATE)
    assert "content/entities/committee.yaml:2:1: id: duplicate entity id 'committee' (also in committee-copy.yaml line 2): give each record its own id" in result.lines


def test_a_duplicate_yaml_key_is_an_error_not_silently_overwritten(write_tree, run_cli):
    write_tree(edit(minimal_tree(), "content/topics/alpha.yaml", "order: 1\n", "order: 1\norder: 2\n"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == "content/topics/alpha.yaml:4:1: order: duplicate key 'order' (first at line 3): keep one of them"


def test_a_yaml_syntax_error_names_its_line(write_tree, run_cli):
    write_tree(edit(minimal_tree(), "content/topics/alpha.yaml", "title: {kk: Альфа,", "title: {kk: Альфа"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == ("content/topics/alpha.yaml:4:21: the entries between { and } are separated by commas: add the missing "
                               "comma before this entry, or the closing } [YAML: while parsing a flow mapping did not find expected ',' or '}']")
    assert len(result.lines) == 2  # no unknown-topic errors follow from the file that did not parse
    assert result.exit_code == 1


def test_a_python_tag_never_constructs_an_object(write_tree, run_cli):
    write_tree(edit(minimal_tree(), "content/topics/alpha.yaml", "order: 1", "order: !!python/object/apply:os.system [echo hacked]"))
    result = run_cli(*VALIDATE)
    assert ("content/topics/alpha.yaml:3:8: order: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
                               "is not allowed: remove it and write a plain value") in result.lines
    assert "hacked" not in result.stdout


@pytest.mark.parametrize(("path", "old", "new", "expected"), [
    (FACT, "  - source: report", "  - source: reprt",
     f"{FACT}:12:5: citations[0].source: unknown source 'reprt' (did you mean 'report'?)"),
    (FACT, "entities: [committee]", "entities: [comittee]",
     f"{FACT}:10:12: entities[0]: unknown entity 'comittee' (did you mean 'committee'?)"),
    (FACT, "  - topic: alpha", "  - topic: alfa",
     f"{FACT}:4:5: topics[0].topic: unknown topic 'alfa' (did you mean 'alpha'?)"),
    (FACT, "section: figures", "section: figure",
     f"{FACT}:5:5: topics[0].section: topic 'alpha' has no section 'figure' (did you mean 'figures'?)"),
    ("content/topics/alpha.yaml", "sections:", "key_facts: [submisions]\nsections:",
     "content/topics/alpha.yaml:6:13: key_facts[0]: unknown fact 'submisions' (did you mean 'submissions'?)"),
])
def test_every_reference_resolves_or_is_reported_with_a_suggestion(write_tree, run_cli, path, old, new, expected):
    write_tree(edit(minimal_tree(), path, old, new))
    result = run_cli(*VALIDATE)
    assert expected in result.lines
    assert result.exit_code == 1


def test_a_fact_without_citations_is_an_error(write_tree, run_cli):
    tree = minimal_tree()
    write_tree(tree | {FACT: tree[FACT].split("citations:")[0] + "citations: []\n"})
    result = run_cli(*VALIDATE)
    assert result.lines[0] == (f"{FACT}:11:1: citations: no citations: every claim needs at least one citation "
                               "with a source and a verbatim quote")


def test_a_missing_translation_is_a_warning_and_an_error_under_strict(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, "  en: The committee reviewed 15,970 submissions.\n", ""))
    expected = f"{FACT}:6:1: warning: statement: missing translation 'en': add statement.en"
    relaxed = run_cli(*VALIDATE)
    assert relaxed.lines == [expected, "0 errors, 1 warning; 2 quotes checked against the archive"]
    assert relaxed.exit_code == 0
    strict = run_cli(*VALIDATE, "--strict")
    assert strict.lines[0] == expected
    assert strict.exit_code == 1


def test_a_quote_must_occur_in_the_archived_source(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, '"The committee reviewed 15 970 submissions"', '"The committee reviewed 15 907 submissions"'))
    result = run_cli(*VALIDATE)
    assert (f"{FACT}:13:13: citations[0].quote.en: quote not found in the archived copy of 'report': "
            "the source matches only up to '…The committee reviewed 15 9', then the quote has '07 submissions': "
            "copy the words exactly as the source writes them") in result.lines


def test_a_quote_matches_across_line_breaks_and_unicode_forms(write_tree, run_cli):
    # The archive breaks the line after 'submissions'; the quote runs on, and writes 'й' decomposed.
    tree = minimal_tree()
    digest = hashlib.sha256((ARCHIVE_TEXT + "Қазақстан және ұйым\n").encode()).hexdigest()
    tree["archive/report.txt"] = ARCHIVE_TEXT + "Қазақстан және ұйым\n"
    tree = edit(tree, "content/sources/report.yaml", "sha256: ", "sha256: " + digest + "\n    # ")
    tree = edit(tree, FACT, '"The committee reviewed 15 970 submissions"', '"15 970   submissions and released more than 2 thousand people. Қазақстан және ұи\u0306ым"')
    write_tree(tree)
    result = run_cli(*VALIDATE)
    assert not [line for line in result.lines if "quote not found" in line]


def test_an_archived_file_that_changed_is_reported(write_tree, run_cli):
    write_tree(minimal_tree() | {"archive/report.txt": ARCHIVE_TEXT + "Changed.\n"})
    result = run_cli(*VALIDATE)
    digest = hashlib.sha256((ARCHIVE_TEXT + "Changed.\n").encode()).hexdigest()
    assert result.lines[0] == (f"content/sources/report.yaml:10:3: archive.sha256: 'report.txt' has SHA-256 {digest}, not the one "
                               "recorded: if the archived copy was replaced on purpose, check every quote of this source and update sha256")


def test_without_the_archive_folder_quotes_are_not_checked_and_that_is_said_once(write_tree, run_cli):
    write_tree(minimal_tree())
    result = run_cli("validate", "--content", "content", "--archive", "missing", "--strict")
    assert result.lines == [
        "missing:1:1: note: quotes were not checked: the archive folder 'missing' was not found (pass --archive DIR)",
        "0 errors, 0 warnings; 0 quotes checked against the archive",
    ]
    assert result.exit_code == 0


def test_the_numbers_of_a_statement_are_the_same_in_every_language(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, "ru: Комитет рассмотрел 15 970 представлений.", "ru: Комитет рассмотрел 15 907 представлений."))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == (f"{FACT}:6:1: statement: the numbers differ between languages (kk: 15970; ru: 15907; en: 15970): "
                               "write the same numbers in each language")


def test_numbers_agree_across_locale_formats_and_number_words(write_tree, run_cli):
    tree = edit(minimal_tree(), FACT, "  kk: Комитет 15 970 ұсынымды қарады.", "  kk: Комитет 15 970 ұсынымды қарады; 2 мыңнан астам адам, 5,8 млн теңге.")
    tree = edit(tree, FACT, "  ru: Комитет рассмотрел 15 970 представлений.", "  ru: Комитет рассмотрел 15\u00a0970 представлений; более 2 тысяч человек, 5,8 млн тенге.")
    tree = edit(tree, FACT, "  en: The committee reviewed 15,970 submissions.", "  en: The committee reviewed 15,970 submissions; over 2,000 people, 5.8 million tenge.")
    write_tree(with_figures(tree, [2000, 5800000]))
    result = run_cli(*VALIDATE, "--strict")
    assert result.exit_code == 0, result.stdout


def with_figures(tree: dict[str, str], numbers: list[int]) -> dict[str, str]:
    """The tree with numbers the archive does not hold written into the statements and listed as derived."""
    written = {language: ", ".join(format_number(number, language) for number in numbers) for language in ("kk", "ru", "en")}
    for language, old in (("kk", "қарады."), ("ru", "представлений."), ("en", "submissions.")):
        tree = edit(tree, FACT, f"{old}\n", f"{old} ({written[language]})\n") if f"{old}\n" in tree[FACT] else tree
    derived = "".join(f"  - {{number: {number}, how: {{kk: мысал, ru: пример, en: example}}}}\n" for number in numbers)
    return edit(tree, FACT, "entities:", "derived:\n" + derived + "entities:")


TOTAL = """values:
  - label: {kk: Барлығы, ru: Всего, en: In all}
    total: 1220
    unit: woman
    parts:
      - {label: {kk: ТМ, ru: ИУ, en: Institutions}, number: 157}
      - {label: {kk: ПҚ, ru: СП, en: Probation}, number: 1064}
"""


def test_parts_that_do_not_add_up_to_their_total_are_an_error(write_tree, run_cli):
    write_tree(edit(with_figures(minimal_tree(), [1220, 157, 1064]), FACT, "derived:", TOTAL + "derived:"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == (f"{FACT}:12:5: values[0].total: the parts add up to 1221 (157 + 1064), not 1220: correct the figures, "
                               "or, if the source gives them so, add values[0].discrepancy saying so")


def test_a_recorded_discrepancy_lets_the_published_figures_stand(write_tree, run_cli):
    note = "    discrepancy: {kk: Қосынды 1 221., ru: Сумма 1 221., en: 'The sum is 1,221.'}\n"
    write_tree(edit(with_figures(minimal_tree(), [1220, 157, 1064]), FACT, "derived:", TOTAL + note + "derived:"))
    result = run_cli(*VALIDATE, "--strict")
    assert result.exit_code == 0, result.stdout


SERIES = """\
values:
  - {label: {kk: '2023', ru: '2023', en: '2023'}, number: 23, unit: case, date: "2023"}
  - {label: {kk: '2024', ru: '2024', en: '2024'}, number: 36, unit: case, date: "2024"}
"""
CHART = "chart: {title: {kk: Жылдар бойынша, ru: По годам, en: By year}}\n"


def test_a_dated_series_with_its_chart_title_passes(write_tree, run_cli):
    write_tree(edit(with_figures(minimal_tree(), [23, 36]), FACT, "derived:", SERIES + CHART + "derived:"))
    result = run_cli(*VALIDATE, "--strict")
    assert result.exit_code == 0, result.stdout


def test_a_dated_series_without_a_chart_title_is_a_warning(write_tree, run_cli):
    write_tree(edit(with_figures(minimal_tree(), [23, 36]), FACT, "derived:", SERIES + "derived:"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == (f"{FACT}:10:1: warning: values: these dated figures are drawn as a chart: add chart.title, "
                               "a short title for it in each language")
    assert result.exit_code == 0
    assert run_cli(*VALIDATE, "--strict").exit_code == 1


def test_a_chart_without_a_series_is_an_error(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, "entities:", CHART + "entities:"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == (f"{FACT}:10:1: chart: there is no series to chart: give two or more numbers or totals of one unit "
                               "each its own date, or remove chart")


def test_a_period_cannot_also_have_a_date(write_tree, run_cli):
    period = "values:\n  - {label: {kk: Кезең, ru: Период, en: Period}, period: {start: '2012', end: '2016'}, date: '2016'}\n"
    write_tree(edit(minimal_tree(), FACT, "entities:", period + "entities:"))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == f"{FACT}:11:88: values[0].date: a period has no date: its start and end are its dates"


def test_github_format_prints_workflow_commands(write_tree, run_cli):
    write_tree(edit(minimal_tree(), FACT, "  - source: report", "  - source: reprt"))
    result = run_cli(*VALIDATE, "--format", "github")
    assert result.lines[0] == f"::error file={FACT},line=12,col=5::citations[0].source: unknown source 'reprt' (did you mean 'report'?)"


def test_a_file_without_the_schema_line_is_a_warning(write_tree, run_cli):
    tree = minimal_tree()
    write_tree(tree | {"content/topics/alpha.yaml": tree["content/topics/alpha.yaml"].split("\n", 1)[1]})
    result = run_cli(*VALIDATE)
    assert result.lines[0] == ("content/topics/alpha.yaml:1:1: warning: the first line must name the schema, for editors to check "
                               f"the file: '{schema_line('topic').strip()}'")


def test_every_problem_is_reported_in_one_run(write_tree, run_cli):
    tree = edit(minimal_tree(), FACT, "  - source: report", "  - source: reprt")
    tree = edit(tree, "content/topics/alpha.yaml", "order: 1", "order: one")
    tree = edit(tree, "content/entities/committee.yaml", "kind: organisation", "kind: company")
    write_tree(tree)
    result = run_cli(*VALIDATE)
    assert result.lines[-1].startswith("3 errors")
