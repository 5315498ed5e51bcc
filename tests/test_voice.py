"""The commands speak kk, ru and en: every message translated, the language chosen as gettext chooses it."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from functools import lru_cache

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator import LANGUAGES
from generator.catalogs import catalog_path
from generator.i18n import COMMANDS_TEMPLATE_FILE
from generator.settings import PACKAGE_ROOT, PROJECT_ROOT
from generator.voice import (
    SOURCE_LANGUAGE,
    Message,
    language_from_environment,
    listed,
    speaking,
    t,
    tn,
)

TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
PERCENT_FIELD = re.compile(r"%\((\w+)\)[sdr]|%s")  # argparse's own texts, which argparse fills in


def fields(text: str) -> set[str]:
    return set(FIELD.findall(text)) | {f"%{name}" for name in PERCENT_FIELD.findall(text)}  # '%' alone for a %s


PLURAL_FORMS = {"kk": 2, "ru": 3}


@lru_cache(maxsize=1)  # read once: the tests only look at it
def extracted() -> dict[str, str | None]:
    """Every message id marked in the code, with its plural: what `python -m generator i18n extract` gathers."""
    found: dict[str, str | None] = {}
    method_map = [("**.py", "python"), ("templates/new/**.j2", "jinja2")]  # as generator/babel-commands.cfg says
    for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE_ROOT, method_map=method_map, keywords={"t": None, "tn": (1, 2)}):
        if isinstance(message, tuple):
            found[message[0]] = message[1]
        else:
            found[message] = None
    return found


def read_catalog(path):
    with path.open("rb") as po_file:
        return {entry.id if isinstance(entry.id, str) else entry.id[0]: entry for entry in read_po(po_file) if entry.id}


def test_the_template_holds_every_message_of_the_code_and_no_other():
    template = read_catalog(COMMANDS_TEMPLATE_FILE)
    code = extracted()
    assert len(code) > 250
    assert sorted(set(code) - set(template)) == [], "run 'python -m generator i18n extract' and 'update'"
    assert sorted(set(template) - set(code)) == [], "run 'python -m generator i18n extract' and 'update'"


def test_every_call_of_t_and_tn_gives_a_literal_text_that_the_extraction_finds():
    """Babel reads only literal texts, and misses some calls nested in another call's arguments: say where."""
    code = extracted()
    missed = []
    for path in sorted(PACKAGE_ROOT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("t", "tn"):
                text = node.args[0] if node.args else None
                if not (isinstance(text, ast.Constant) and isinstance(text.value, str) and text.value in code):
                    missed.append(f"{path.name}:{node.lineno}")
    assert missed == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_fields_and_plural_forms(language):
    catalog = read_catalog(catalog_path(language, "commands"))
    code = extracted()
    assert sorted(set(code) - set(catalog)) == []
    problems = []
    for message, plural in code.items():
        entry = catalog[message]
        forms = list(entry.string) if isinstance(entry.string, tuple) else [entry.string]
        if plural is not None and len(forms) != PLURAL_FORMS[language]:
            problems.append((message, f"{len(forms)} plural forms"))
        for form in forms:
            if not form or entry.fuzzy:
                problems.append((message, "untranslated"))
            elif fields(form) != fields(message):
                problems.append((message, f"fields {sorted(fields(form))}"))
            elif re.search("[a-z]{3}", FIELD.sub("", message)) and not re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]", form):
                problems.append((message, "not in the language's script"))
    assert problems == []


def test_every_message_renders_in_every_language_with_its_fields_filled():
    for message, plural in extracted().items():
        fields = {name: f"<{name}>" for name in FIELD.findall(message)}
        for language in LANGUAGES:
            if plural is None:
                text = Message(message, fields).render(language)
            else:
                text = Message(message, {**fields, "count": 5}, plural, 5).render(language)
            for name, value in fields.items():
                assert name == "count" or value in text, (language, message)
            assert not FIELD.search(text), (language, message)


def test_russian_has_three_plural_forms_and_kazakh_two():
    count = lambda number: tn("{count} error", "{count} errors", number)  # noqa: E731
    assert [count(number).render("ru") for number in (1, 3, 5, 21, 22, 25, 11)] == [
        "1 ошибка", "3 ошибки", "5 ошибок", "21 ошибка", "22 ошибки", "25 ошибок", "11 ошибок"]
    assert [count(number).render("kk") for number in (1, 5)] == ["1 қате", "5 қате"]
    assert [count(number).render("en") for number in (1, 5)] == ["1 error", "5 errors"]


def test_a_message_is_worded_when_it_is_printed_in_the_language_of_that_moment():
    message = t("unknown {kind} '{id}'{hint}", kind=t("fact"), id="x", hint="")
    with speaking("ru"):
        russian = str(message)
    with speaking("kk"):
        kazakh = str(message)
    assert (str(message), russian, kazakh) == (message.render("en"), message.render("ru"), message.render("kk"))
    assert str(message) == "unknown fact 'x'"
    assert listed(["kk", "ru", "en"]).render("ru") == "kk, ru и en"
    assert listed(["kk", "ru", "en"]).render("kk") == "kk, ru және en"
    assert listed(["a", "b"], "or").render("en") == "a or b"


@pytest.mark.parametrize(("environment", "expected"), [
    ({"LANG": "kk_KZ.UTF-8"}, "kk"),
    ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"LANG": "ru"}, "ru"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "kk_KZ.UTF-8"}, "kk"),
    ({"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "kk_KZ.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
    ({"LANG": "kk_KZ.UTF-8", "LC_ALL": ""}, "kk"),  # an empty variable is not set
    ({"LANG": "sr_RS.UTF-8@latin"}, "en"),
])
def test_the_language_comes_from_lc_all_then_lc_messages_then_lang(environment, expected):
    assert language_from_environment(environment, LANGUAGES) == expected


def run_generator(*args: str, environment: dict[str, str], cwd) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT), **environment}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd,
                          env=clean, timeout=120, check=False)


def broken_tree() -> dict[str, str]:
    """A fact with a missing Russian statement, a misspelt entity and an order written as a word."""
    from .conftest import minimal_tree
    from .test_pull_request import FACT, edit

    tree = edit(minimal_tree(), FACT, "  ru: Комитет рассмотрел 15 970 представлений.\n", "")
    return edit(tree, FACT, "entities: [committee]", "entities: [comittee]\norder: first")


FACT_FILE = "content/facts/submissions.yaml"
PRINTED = {
    "kk": [
        f"{FACT_FILE}:6:1: ескерту: statement: 'ru' аудармасы жоқ: statement.ru өрісін қосыңыз",
        f"{FACT_FILE}:9:12: entities[0]: 'comittee' деген тұлға, ұйым немесе құқықтық норма жоқ ('committee' деп жазбақ "
        "болдыңыз ба?)",
        f"{FACT_FILE}:10:1: order: мұнда бүтін сан болуы керек, ал жазылғаны — 'first' мәтіні",
        "2 қате, 1 ескерту; 2 дәйексөз мұрағатпен салыстырылды",
    ],
    "ru": [
        f"{FACT_FILE}:6:1: предупреждение: statement: нет перевода (язык: ru): добавьте statement.ru",
        f"{FACT_FILE}:9:12: entities[0]: лицо, организация или правовая норма с id 'comittee' не существует (возможно, вы "
        "имели в виду 'committee'?)",
        f"{FACT_FILE}:10:1: order: ожидается целое число, а не текст 'first'",
        "2 ошибки, 1 предупреждение; 2 цитаты сверены с архивом",
    ],
    "en": [
        f"{FACT_FILE}:6:1: warning: statement: missing translation 'ru': add statement.ru",
        f"{FACT_FILE}:9:12: entities[0]: unknown entity 'comittee' (did you mean 'committee'?)",
        f"{FACT_FILE}:10:1: order: expected a whole number, found the text 'first'",
        "2 errors, 1 warning; 2 quotes checked against the archive",
    ],
}
VALIDATE = ("validate", "--content", "content", "--archive", "archive", "--strict")


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_before_or_after_the_command_prints_every_message_in_it(write_tree, run_cli, language):
    write_tree(broken_tree())
    before = run_cli("--language", language, *VALIDATE)
    after = run_cli(*VALIDATE, "--language", language)
    assert before.lines == after.lines == PRINTED[language]
    assert before.exit_code == after.exit_code == 1


@pytest.mark.parametrize(("environment", "language"), [
    ({"LANG": "kk_KZ.UTF-8"}, "kk"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, "ru"),
    ({"LANG": "kk_KZ.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),
])
def test_without_the_option_the_environment_chooses_as_gettext_does(write_tree, environment, language):
    root = write_tree(broken_tree())
    result = run_generator(*VALIDATE, environment=environment, cwd=root)
    assert result.stdout.splitlines() == PRINTED[language]


def test_the_option_wins_over_the_environment_and_help_and_errors_speak_it_too(write_tree):
    root = write_tree(broken_tree())
    assert run_generator("--language", "en", *VALIDATE, environment={"LANG": "ru_RU.UTF-8"}, cwd=root).stdout.splitlines() \
        == PRINTED["en"]
    refused = run_generator("--language", "ru", "build", "--content", "content", "--archive", "archive", "--out", "site",
                            environment={}, cwd=root)
    assert refused.stderr == ("ошибка: в содержимом 2 ошибки; выполните 'python -m generator validate', чтобы увидеть "
                              "подробности\n")
    assert not (root / "site").exists()
    helped = run_generator("--language", "kk", "validate", "--help", environment={}, cwd=root)
    assert helped.stdout.startswith("қолданылуы: python -m generator validate")
