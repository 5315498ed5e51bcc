"""Messages a contributor who is not a programmer can act on: YAML mistakes, quotes that do not match, empty fields,
and the validator run on a few files or from a sub-folder."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from generator.settings import PROJECT_ROOT

from .conftest import minimal_tree
from .test_translation import browser_line
from .test_validate import FACT, VALIDATE, edit

ENTITY = "content/entities/committee.yaml"
TOPIC = "content/topics/alpha.yaml"


# --- YAML syntax in plain words --------------------------------------------------------------

SYNTAX_MISTAKES = [
    ("a tab in the indentation", FACT, "  kk: Комитет", "\tkk: Комитет",
     f"{FACT}:7:1: a tab character: indent with spaces, never with tabs "
     "[YAML: while scanning for the next token found character that cannot start any token]"),
    ("a colon inside unquoted text", FACT, "en: The committee reviewed 15,970 submissions.",
     "en: The committee reviewed: 15,970 submissions.",
     f"{FACT}:9:29: a colon followed by a space inside a text that is not in quotes: put the whole text of 'en' in "
     "double quotes [YAML: mapping values are not allowed in this context]"),
    ("a straight quote inside a double-quoted text", TOPIC, "title: {kk: Альфа, ru: Альфа, en: Alpha}",
     'title: {kk: Альфа, ru: Альфа, en: "The "Alpha" topic"}',
     f"{TOPIC}:4:40: a straight quote \" inside a text in double quotes ends the text there: write the inner quotes "
     "as « » (or “ ”), or put the whole text in single quotes ('...') [YAML: while parsing a flow mapping did not find "
     "expected ',' or '}']"),
    # In a quote the source's marks stay as they are: only single quotes around the text keep them.
    ("a straight quote inside a double-quoted quote", ENTITY, 'quote: {en: "The committee reviewed"}',
     'quote: {en: "The "committee" reviewed"}',
     f"{ENTITY}:8:22: a straight quote \" inside a text in double quotes ends the text there: a quote keeps the "
     "source's marks, so put the whole text in single quotes ('...') and leave the \" as it is [YAML: while parsing a "
     "flow mapping did not find expected ',' or '}']"),
    ("a list item shifted left", FACT, "  - source: report\n", "  - source: report\n    quote: {en: x}\n - source: report\n",
     f"{FACT}:14:2: this list item starts at column 2, the one above at column 3: line up the '-' of every item of a list "
     "[YAML: while parsing a block mapping did not find expected key]"),
    ("no space after the colon", TOPIC, "order: 1", "order:100",
     f"{TOPIC}:3:6: no space after the colon of 'order': write 'order: 100' "
     "[YAML: while scanning a simple key could not find expected ':']"),
    ("a key indented under a value", TOPIC, "order: 1\n", "order: 1\n  summary: x\n",
     f"{TOPIC}:4:3: 'summary' is indented under a key that already has a value: line it up with the keys around it "
     "[YAML: mapping values are not allowed in this context]"),
    ("a quote never closed", TOPIC, "summary: {kk: Қысқаша., ru: Кратко., en: In short.}",
     'summary:\n  kk: "Қысқаша.\n  ru: Кратко.',
     f"{TOPIC}:6:7: a text opened with a quote is never closed: add the closing quote at its end "
     "[YAML: while scanning a quoted scalar found unexpected end of stream]"),
]


@pytest.mark.parametrize("case", SYNTAX_MISTAKES, ids=[case[0] for case in SYNTAX_MISTAKES])
def test_a_yaml_mistake_is_named_in_plain_words_at_its_line(write_tree, run_cli, case):
    _, path, old, new, expected = case
    write_tree(edit(minimal_tree(), path, old, new))
    result = run_cli(*VALIDATE)
    assert result.lines[0] == expected
    assert result.exit_code == 1


# --- quotes that do not match --------------------------------------------------------------

ARCHIVE = ("Example report.\nThe committee «reviewed» 15 970 submis-\nsions and released more than 2 thousand people.\n")
QUOTE = '"The committee reviewed 15 970 submissions"'


def archived_tree() -> dict[str, str]:
    """The minimal tree with an archive that uses « » and breaks a word at a line end."""
    tree = minimal_tree() | {"archive/report.txt": ARCHIVE}
    digest = hashlib.sha256(ARCHIVE.encode()).hexdigest()
    tree = edit(tree, "content/sources/report.yaml", hashlib.sha256(minimal_tree()["archive/report.txt"].encode()).hexdigest(),
                digest)
    return edit(tree, ENTITY, '"The committee reviewed"', '"The committee «reviewed»"')


QUOTE_MISMATCHES = [
    ("typographic quotes", '"The committee “reviewed” 15 970 submis- sions"',
     "the source matches only up to '…The committee ', then the quote has '“reviewed” 15 970 su'; the quotation marks "
     "differ from the source's (« », “ ”, \" and ' are different characters): copy the marks exactly as the archived copy "
     "writes them"),
    ("an omission", '"The committee […] released more than 2 thousand"',
     "the source matches only up to '…The committee ', then the quote has '[…] released more th'; the quote leaves words "
     "out ('[…]') and each part is in the source, but a quote must be one unbroken passage: quote the words in between too, "
     "or make each part a citation of its own"),
    ("three dots", '"The committee ... released more than 2 thousand"',
     "the source matches only up to '…The committee ', then the quote has '... released more th'; the quote leaves words "
     "out ('...') and each part is in the source, but a quote must be one unbroken passage: quote the words in between too, "
     "or make each part a citation of its own"),
    ("a word broken at a line end", '"«reviewed» 15 970 submissions and released"',
     "the source matches only up to '…«reviewed» 15 970 submis', then the quote has 'sions and released'; the archived copy "
     "breaks a word at a line end with a hyphen ('submis- sions'): copy the word as the archived copy writes it, hyphen and "
     "space included, or quote the words before or after it"),
    ("no match at all", '"The minister approved the plan"',
     "the source matches only up to '…The ', then the quote has 'minister approved th': copy the words exactly as the "
     "source writes them"),
    ("not even the first word", '"Parliament approved the plan"',
     "the source has no passage that starts with 'Parliament approved the plan': check that the quote is from this source, "
     "and copy its first words exactly"),
]


@pytest.mark.parametrize("case", QUOTE_MISMATCHES, ids=[case[0] for case in QUOTE_MISMATCHES])
def test_a_quote_that_does_not_match_says_where_it_stops_and_why(write_tree, run_cli, case):
    _, quote, explanation = case
    write_tree(edit(archived_tree(), FACT, QUOTE, quote))
    result = run_cli(*VALIDATE)
    assert f"{FACT}:13:13: citations[0].quote.en: quote not found in the archived copy of 'report': {explanation}" in result.lines
    assert [line for line in result.lines if "quote not found" in line or " warnings; " in line][1:] == [
        # A quote without the figure is a number difference too; the entity's quote matches.
        f"{len(result.lines) - 1} error{'s' if len(result.lines) > 2 else ''}, 0 warnings; 2 quotes checked against the archive"]


# --- one message per empty field -------------------------------------------------------------


def test_an_untouched_fact_template_gets_one_message_per_empty_field(write_tree, run_cli):
    root = write_tree(minimal_tree())
    assert run_cli("new", "fact", "blank", "--content", "content").exit_code == 0
    result = run_cli(*VALIDATE, "content/facts/blank.yaml")
    path = "content/facts/blank.yaml"
    empty_text = "is empty: write the text or remove the key"
    assert result.lines == [
        f"{path}:4:1: warning: written_in: the Kazakh translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {path}' (in the browser: add "
        f"{browser_line(root, path)} after written_in)",
        f"{path}:4:1: warning: written_in: the Russian translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {path}' (in the browser: add "
        f"{browser_line(root, path)} after written_in)",
        f"{path}:7:3: topics[0].topic: is empty: write an id (lowercase letters, digits and hyphens)",
        f"{path}:8:3: topics[0].section: is empty: write an id (lowercase letters, digits and hyphens)",
        f"{path}:13:3: statement.kk: {empty_text}",
        f"{path}:14:3: statement.ru: {empty_text}",
        f"{path}:15:3: statement.en: {empty_text}",
        f"{path}:20:5: values[0].label.kk: {empty_text}",
        f"{path}:21:5: values[0].label.ru: {empty_text}",
        f"{path}:22:5: values[0].label.en: {empty_text}",
        f"{path}:34:3: citations[0].source: is empty: write an id (lowercase letters, digits and hyphens)",
        f"{path}:36:5: citations[0].quote.en: {empty_text}",
        f"{path}:38:5: citations[0].translation.kk: {empty_text}",
        f"{path}:39:5: citations[0].translation.ru: {empty_text}",
        "12 errors, 2 warnings; 0 quotes checked against the archive",
    ]


# --- validate FILE..., and from a sub-folder ---------------------------------------------------


def test_validate_checks_only_the_named_files_against_every_record(write_tree, run_cli):
    tree = edit(minimal_tree(), FACT, "entities: [committee]", "entities: [comittee]")
    tree = edit(tree, TOPIC, "order: 1", "order: first")
    write_tree(tree)
    result = run_cli(*VALIDATE, FACT)
    assert result.lines == [
        f"{FACT}:10:12: entities[0]: unknown entity 'comittee' (did you mean 'committee'?)",
        "1 error, 0 warnings; 1 quote checked against the archive",
    ]
    assert result.exit_code == 1
    assert run_cli(*VALIDATE, ENTITY).lines == ["0 errors, 0 warnings; 1 quote checked against the archive"]
    both = run_cli(*VALIDATE, FACT, TOPIC)
    assert both.lines == [f"{FACT}:10:12: entities[0]: unknown entity 'comittee' (did you mean 'committee'?)",
                          f"{TOPIC}:3:1: order: expected a whole number, found the text 'first'",
                          "2 errors, 0 warnings; 1 quote checked against the archive"]


def test_validate_refuses_a_file_outside_the_content_folder(write_tree, run_cli):
    write_tree(minimal_tree())
    outside = run_cli(*VALIDATE, "archive/report.txt")
    assert outside.exit_code == 1
    assert outside.stderr == ("error: archive/report.txt: not a record of the content folder content/ "
                              "(name files in topics/, facts/, sources/, entities/, terms/)\n")
    missing = run_cli(*VALIDATE, "content/facts/nothing.yaml")
    assert missing.stderr == "error: content/facts/nothing.yaml: no such file (check the name)\n"


def test_the_generator_runs_from_a_sub_folder_of_the_project():
    """`make` puts the project on the environment's path, so a contributor in content/facts/ runs it there."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    folder = PROJECT_ROOT / "content" / "facts"
    file = sorted(folder.glob("*.yaml"))[0].name
    result = subprocess.run([sys.executable, "-m", "generator", "validate", file], cwd=folder, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("0 errors, 0 warnings; ")


# --- the preview shows what is wrong ----------------------------------------------------------


def test_the_preview_banner_lists_the_problems_in_the_pages_language():
    from bs4 import BeautifulSoup

    from generator.serve import insert_problems_banner

    page = b'<!doctype html><html lang="kk"><head></head><body class="x"><main>page</main></body></html>'
    assert insert_problems_banner(page, [], []) == page
    warning = "content/facts/a.yaml:6:1: warning: statement: missing translation 'ru': add statement.ru"
    shown = BeautifulSoup(insert_problems_banner(page, [], [warning, warning.replace("'ru'", "'en'")]), "html.parser")
    banner = shown.body.contents[0]
    assert banner["id"] == "preview-problems" and banner["role"] == "alert"
    assert banner.strong.get_text() == "Pull request алдында түзетілетін 2 ескерту:"
    assert [item.get_text() for item in banner.find_all("li")] == [warning, warning.replace("'ru'", "'en'")]
    assert banner.small.get_text() == "Түзетуді сақтаңыз — бет өздігінен жаңарады."
    assert shown.main.get_text() == "page"
    error = "content/facts/a.yaml:3:6: no space after the colon of 'order': write 'order: 100' <b>"
    for language, heading in (("ru", "В материалах 2 ошибки: показана последняя версия, которую удалось собрать."),
                              ("en", "The content has 2 problems: the page shows the last version that built.")):
        translated = page.replace(b'lang="kk"', f'lang="{language}"'.encode())
        banner = BeautifulSoup(insert_problems_banner(translated, [error, error], [warning]), "html.parser").body.contents[0]
        assert banner.strong.get_text() == heading
        assert [item.get_text() for item in banner.find_all("li")] == [error, error]  # escaped, shown as text


# --- the same words in Kazakh and Russian --------------------------------------------------------

IN_LANGUAGE = {
    ("a tab in the indentation", "kk"):
        f"{FACT}:7:1: табуляция таңбасы: шегіністі табуляциямен емес, тек бос орындармен жасаңыз "
        "[YAML: while scanning for the next token found character that cannot start any token]",
    ("a tab in the indentation", "ru"):
        f"{FACT}:7:1: символ табуляции: делайте отступы только пробелами, а не табуляцией "
        "[YAML: while scanning for the next token found character that cannot start any token]",
    ("no space after the colon", "kk"):
        f"{TOPIC}:3:6: 'order' кілтінің қос нүктесінен кейін бос орын жоқ: 'order: 100' деп жазыңыз "
        "[YAML: while scanning a simple key could not find expected ':']",
    ("no space after the colon", "ru"):
        f"{TOPIC}:3:6: нет пробела после двоеточия в 'order': напишите 'order: 100' "
        "[YAML: while scanning a simple key could not find expected ':']",
    ("a straight quote inside a double-quoted text", "kk"):
        f"{TOPIC}:4:40: қос тырнақшадағы мәтін ішіндегі түзу \" тырнақшасы мәтінді сол жерде аяқтайды: ішкі тырнақшаларды "
        "« » (немесе “ ”) түрінде жазыңыз, не бүкіл мәтінді дара тырнақшаға алыңыз ('...') [YAML: while parsing a flow "
        "mapping did not find expected ',' or '}']",
    ("a straight quote inside a double-quoted text", "ru"):
        f"{TOPIC}:4:40: прямая кавычка \" внутри текста в двойных кавычках в этом месте завершает текст: оформите "
        "внутренние кавычки как « » (или “ ”) либо заключите весь текст в одинарные кавычки ('...') [YAML: while parsing "
        "a flow mapping did not find expected ',' or '}']",
}


@pytest.mark.parametrize(("name", "language"), list(IN_LANGUAGE), ids=[f"{name}-{code}" for name, code in IN_LANGUAGE])
def test_a_yaml_mistake_is_named_in_the_contributors_language_with_libyamls_words_as_the_detail(write_tree, run_cli,
                                                                                                name, language):
    _, path, old, new, _ = next(case for case in SYNTAX_MISTAKES if case[0] == name)
    write_tree(edit(minimal_tree(), path, old, new))
    assert run_cli("--language", language, *VALIDATE).lines[0] == IN_LANGUAGE[(name, language)]


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", "дәйексөз 'report' дереккөзінің мұрағаттағы көшірмесінен табылмады: дереккөз '…The committee ' деген жерге "
           "дейін ғана сәйкес келеді, одан кейін дәйексөзде '“reviewed” 15 970 su' тұр; тырнақшалар дереккөздегіден "
           "өзгеше (« », “ ”, \" және ' — әртүрлі таңбалар): тырнақшаларды мұрағаттағы көшірмедегідей дәл көшіріңіз"),
    ("ru", "цитата не найдена в архивной копии источника 'report': с источником совпадает только текст до "
           "'…The committee ', дальше в цитате — '“reviewed” 15 970 su'; кавычки отличаются от кавычек источника "
           "(« », “ ”, \" и ' — разные символы): скопируйте кавычки в точности так, как они записаны в архивной копии"),
])
def test_a_quote_that_does_not_match_is_explained_in_the_contributors_language(write_tree, run_cli, language, expected):
    quote = next(case[1] for case in QUOTE_MISMATCHES if case[0] == "typographic quotes")
    write_tree(edit(archived_tree(), FACT, QUOTE, quote))
    assert f"{FACT}:13:13: citations[0].quote.en: {expected}" in run_cli("--language", language, *VALIDATE).lines
