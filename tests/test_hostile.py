"""Hostile and broken content, through the real command line: a clear message, exit code 1, and nothing written.

Each case breaks the minimal valid tree in one way and runs `python -m generator validate`, `build`
and `bundle` as subprocesses, from the tree's folder, beside a previous site/ and dist/. Every command
must exit with 1, print the full message (file, line, column, key and what to do), print no traceback,
and leave every file and folder under the tree exactly as it was. The time each command takes is
measured (wall-clock and CPU seconds) and printed at the end of the run (pytest's summary), not asserted:
on a shared machine the wall-clock time depends on everyone else's load.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.settings import LIMITS, PROJECT_ROOT

from .conftest import ARCHIVE_TEXT, minimal_tree, schema_line

pytestmark = pytest.mark.cli

FACT = "content/facts/submissions.yaml"
TOPIC = "content/topics/alpha.yaml"
SOURCE = "content/sources/report.yaml"
ENTITY = "content/entities/committee.yaml"
COMMANDS = {
    "validate": ("validate", "--content", "content", "--archive", "archive"),
    "build": ("build", "--content", "content", "--archive", "archive", "--out", "site"),
    "bundle": ("bundle", "--content", "content", "--archive", "archive", "--out", "dist"),
}
# (case, command, seconds, CPU seconds) for every run: printed by pytest_terminal_summary in conftest.py
TIMINGS: list[tuple[str, str, float, float]] = []

Change = Callable[[Path], None]


def replace(relative: str, old: str, new: str) -> Change:
    def change(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def write(relative: str, content: str | bytes) -> Change:
    def change(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")

    return change


def move(old: str, new: str) -> Change:
    def change(root: Path) -> None:
        (root / old).rename(root / new)

    return change


def both(*changes: Change) -> Change:
    def change(root: Path) -> None:
        for each in changes:
            each(root)

    return change


@dataclass(frozen=True)
class Case:
    name: str
    change: Change
    expected: tuple[str, ...]  # lines every command prints, in full
    strict: bool = False  # a warning that only --strict refuses
    commands: tuple[str, ...] = ("validate", "build", "bundle")
    extra: dict[str, str] = field(default_factory=dict)


def _source_with(url: str) -> Change:
    return replace(SOURCE, 'date: "2026-03-04"\n', f'date: "2026-03-04"\nurl: "{url}"\n')


BILLION_LAUGHS = schema_line("entity") + "\n".join(
    ["id: committee", "kind: organisation", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
) + "\n"
DEEP_FLOW = schema_line("entity") + "id: committee\nname: " + "[" * 100_000 + "]" * 100_000 + "\n"
DEEP_BLOCK = schema_line("entity") + "id: committee\n" + "".join("  " * level + f"k{level}:\n" for level in range(25)) + "  " * 25 + "end: 1\n"
SHA = hashlib.sha256(ARCHIVE_TEXT.encode()).hexdigest()
CHANGED_ARCHIVE = ARCHIVE_TEXT.replace("15 970", "15 971")
CHANGED_SHA = hashlib.sha256(CHANGED_ARCHIVE.encode()).hexdigest()
BIG_NUMBER = "9" * 5000
TOTAL = ("values:\n  - label: {{kk: Барлығы, ru: Всего, en: In all}}\n    total: {total}\n    parts:\n"
         "      - label: {{kk: Әйелдер, ru: Женщины, en: Women}}\n        number: 157\n"
         "      - label: {{kk: Ерлер, ru: Мужчины, en: Men}}\n        number: {part}\nentities:")


CASES = [
    Case("YAML syntax error", replace(TOPIC, "title: {kk: Альфа,", "title: {kk: Альфа"), (
        f"{TOPIC}:4:21: the entries between {{ and }} are separated by commas: add the missing comma before this entry, or the closing }} "
        "[YAML: while parsing a flow mapping did not find expected ',' or '}']",)),
    Case("tab indentation", replace(FACT, "  kk: Комитет", "\tkk: Комитет"), (
        f"{FACT}:7:1: a tab character: indent with spaces, never with tabs "
        "[YAML: while scanning for the next token found character that cannot start any token]",)),
    Case("duplicate key", replace(TOPIC, "order: 1\n", "order: 1\norder: 2\n"), (
        f"{TOPIC}:4:1: order: duplicate key 'order' (first at line 3): keep one of them",)),
    Case("wrong type", replace(TOPIC, "order: 1", "order: [1]"), (
        f"{TOPIC}:3:1: order: expected a whole number, found a list",)),
    Case("number written as text", replace(TOPIC, "order: 1", 'order: "1"'), (
        f"{TOPIC}:3:1: order: expected a whole number, found the text '1': write the figure without quotes",)),
    Case("text that YAML reads as false", replace(TOPIC, "en: Alpha}", "en: no}"), (
        f"{TOPIC}:4:31: title.en: expected text, found 'false': put it in quotes to keep it as text",)),
    Case("unknown key", replace(FACT, "entities:", "entites:"), (
        f"{FACT}:10:1: entites: unknown key 'entites' (did you mean 'entities'?)",)),
    Case("missing required key", replace(SOURCE, "kind: news-report\n", ""), (
        f"{SOURCE}:2:1: missing required key 'kind': add it",)),
    Case("empty file", write(ENTITY, ""), (
        f"{ENTITY}:1:1: the file is empty: write the record or delete the file",)),
    Case("file with only comments", write(ENTITY, schema_line("entity") + "# id: committee\n"), (
        f"{ENTITY}:1:1: the file is empty: write the record or delete the file",)),
    Case("not UTF-8", write(ENTITY, (schema_line("entity") + "id: committee\nname: {en: Caf\u00e9}\n").encode("latin-1")), (
        f"{ENTITY}:3:15: not UTF-8 text (byte 0xE9 at offset 103): save the file as UTF-8",)),
    Case("byte-order mark", write(ENTITY, "\ufeff" + minimal_tree()[ENTITY]), (
        f"{ENTITY}:1:1: the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM",)),
    Case("missing translation", replace(FACT, "  en: The committee reviewed 15,970 submissions.\n", ""), (
        f"{FACT}:6:1: warning: statement: missing translation 'en': add statement.en",), strict=True),
    Case("unknown reference", replace(FACT, "  - source: report", "  - source: reprt"), (
        f"{FACT}:12:5: citations[0].source: unknown source 'reprt' (did you mean 'report'?)",)),
    Case("duplicate id across files", write("content/entities/committee-copy.yaml", minimal_tree()[ENTITY]), (
        "content/entities/committee-copy.yaml:2:1: id: id 'committee' differs from the file name 'committee-copy.yaml': "
        "rename the file to 'committee.yaml' or change the id",
        f"{ENTITY}:2:1: id: duplicate entity id 'committee' (also in committee-copy.yaml line 2): give each record its own id")),
    Case("id with a path", replace(FACT, "  - source: report", "  - source: ../report"), (
        f"{FACT}:12:5: citations[0].source: '../report' is not a valid id: use lowercase ASCII letters, digits and single hyphens",)),
    Case("id in upper case", both(move(ENTITY, "content/entities/Committee.yaml"),
                                  replace("content/entities/Committee.yaml", "id: committee", "id: Committee")), (
        "content/entities/Committee.yaml:2:1: id: 'Committee' is not a valid id: use lowercase ASCII letters, digits and single hyphens",)),
    Case("id with a space", both(move(ENTITY, "content/entities/the committee.yaml"),
                                 replace("content/entities/the committee.yaml", "id: committee", "id: the committee")), (
        "content/entities/the committee.yaml:2:1: id: 'the committee' is not a valid id: "
        "use lowercase ASCII letters, digits and single hyphens",)),
    Case("id not in ASCII", both(move(ENTITY, "content/entities/комитет.yaml"),
                                 replace("content/entities/комитет.yaml", "id: committee", "id: комитет")), (
        "content/entities/комитет.yaml:2:1: id: 'комитет' is not a valid id: use lowercase ASCII letters, digits and single hyphens",)),
    Case("billion laughs", write(ENTITY, BILLION_LAUGHS), (
        f"{ENTITY}:7:5: a3[4][8][6][4]: the file holds more than {LIMITS.values:,} values once its aliases (*name) are expanded "
        "(Limits.values in generator/settings.py): write the values out without anchors and aliases",)),
    Case("nesting 100,000 deep", write(ENTITY, DEEP_FLOW), (
        f"{ENTITY}:3:26: values nested more than {LIMITS.depth} levels deep (Limits.depth in generator/settings.py): "
        "write the record as content/README.md shows",)),
    Case("nesting 26 deep in block style", write(ENTITY, DEEP_BLOCK), (
        f"{ENTITY}:23:41: values nested more than {LIMITS.depth} levels deep (Limits.depth in generator/settings.py): "
        "write the record as content/README.md shows",)),
    Case("very large file", write(ENTITY, minimal_tree()[ENTITY] + ("# padding\n" * 30_000)), (
        f"{ENTITY}:1:1: the file has {len(minimal_tree()[ENTITY].encode()) + 300_000:,} bytes, more than the limit of 262,144 "
        "(Limits.file_bytes in generator/settings.py): keep one record per file and shorten it",)),
    Case("very long line", replace(FACT, "  en: The committee", "  en: " + "x" * 20_000 + " The committee"), (
        f"{FACT}:9:7: statement.en: the text has 20,043 characters, more than the limit of 10,000 "
        "(Limits.text_characters in generator/settings.py): shorten it",)),
    Case("python object tag", replace(TOPIC, "order: 1", "order: !!python/object/apply:os.system [touch hacked]"), (
        f"{TOPIC}:3:8: order: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: remove it and write a plain value",)),
    Case("local tag", replace(TOPIC, "order: 1", "order: !include /etc/passwd"), (
        f"{TOPIC}:3:8: order: YAML tag '!include' is not allowed: remove it and write a plain value",)),
    Case("binary tag", replace(TOPIC, "order: 1", "order: !!binary aGVsbG8="), (
        f"{TOPIC}:3:8: order: YAML tag 'tag:yaml.org,2002:binary' is not allowed: remove it and write a plain value",)),
    Case("set tag on a mapping", replace(FACT, "entities: [committee]", "entities: !!set {committee}"), (
        f"{FACT}:10:11: entities: YAML tag 'tag:yaml.org,2002:set' is not allowed: remove it and write a plain value",)),
    Case("merge key", replace(TOPIC, "sections:", "base: &base {kk: a}\nextra:\n  <<: *base\nsections:"), (
        f"{TOPIC}:8:3: extra: merge keys ('<<') are not allowed: write the keys out",)),
    Case("javascript: address", _source_with("javascript:alert(document.cookie)"), (
        f"{SOURCE}:8:1: url: 'javascript:alert(document.cookie)' is not a web address: it must start with http:// or https:// "
        "and hold no spaces",)),
    Case("data: address", _source_with("data:text/html,<script>alert(1)</script>"), (
        f"{SOURCE}:8:1: url: 'data:text/html,<script>alert(1)</script>' is not a web address: it must start with http:// or "
        "https:// and hold no spaces",)),
    Case("vbscript: address", _source_with("vbscript:msgbox(1)"), (
        f"{SOURCE}:8:1: url: 'vbscript:msgbox(1)' is not a web address: it must start with http:// or https:// and hold no spaces",)),
    Case("address hidden behind white space", _source_with(" javascript:alert(1)"), (
        f"{SOURCE}:8:1: url: ' javascript:alert(1)' is not a web address: it must start with http:// or https:// and hold no spaces",)),
    Case("quote not in the source", replace(FACT, '"The committee reviewed 15 970 submissions"', '"The committee approved 15 970 submissions"'), (
        f"{FACT}:13:13: citations[0].quote.en: quote not found in the archived copy of 'report': the source matches only up to "
        "'…The committee ', then the quote has 'approved 15 970 subm': copy the words exactly as the source writes them",)),
    Case("empty quote", replace(ENTITY, 'quote: {en: "The committee reviewed"}', 'quote: {en: ""}'), (
        f"{ENTITY}:8:13: citations[0].quote.en: is empty: write the text or remove the key",)),
    Case("quote of white space", replace(ENTITY, 'quote: {en: "The committee reviewed"}', 'quote: {en: "   "}'), (
        f"{ENTITY}:8:13: citations[0].quote.en: is blank: write the text or remove the key",)),
    Case("quote too short to place", replace(ENTITY, 'quote: {en: "The committee reviewed"}', 'quote: {en: "The"}'), (
        f"{ENTITY}:8:13: citations[0].quote.en: the quote has fewer than {LIMITS.quote_characters} characters, too few to show "
        "where it stands in the source (Limits.quote_characters in generator/settings.py): quote more of the source's words",)),
    Case("numbers differ between languages", replace(FACT, "ru: Комитет рассмотрел 15 970", "ru: Комитет рассмотрел 15 907"), (
        f"{FACT}:6:1: statement: the numbers differ between languages (kk: 15970; ru: 15907; en: 15970): "
        "write the same numbers in each language",)),
    Case("impossible date", replace(SOURCE, 'date: "2026-03-04"', 'date: "2026-02-30"'), (
        f"{SOURCE}:7:1: date: '2026-02-30' is not a date in the calendar: check the day and the month",)),
    Case("impossible date in a value", replace(FACT, "entities:", "values:\n  - label: {kk: Күн, ru: Дата, en: Date}\n"
                                                "    date: \"2025-02-29\"\nentities:"), (
        f"{FACT}:12:5: values[0].date: '2025-02-29' is not a date in the calendar: check the day and the month",)),
    Case("date outside the pattern", replace(SOURCE, 'date: "2026-03-04"', 'date: "2026-13-01"'), (
        f"{SOURCE}:7:1: date: '2026-13-01' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, in quotes",)),
    Case("future date", replace(SOURCE, 'date: "2026-03-04"', 'date: "2999-01"'), (
        f"{SOURCE}:7:1: date: '2999-01' is in the future (today is {time.strftime('%Y-%m-%d', time.gmtime())}): "
        "a source cannot be dated later than today",)),
    Case("archived copy changed", write("archive/report.txt", CHANGED_ARCHIVE), (
        f"{SOURCE}:10:3: archive.sha256: 'report.txt' has SHA-256 {CHANGED_SHA}, not the one recorded: if the archived copy was "
        "replaced on purpose, check every quote of this source and update sha256",)),
    Case("archived copy missing", replace(SOURCE, "file: report.txt", "file: reports.txt"), (
        f"{SOURCE}:9:3: archive.file: 'reports.txt' is not in the archive folder archive: check the file name, or add the archived copy",)),
    Case("archived copy not UTF-8", both(write("archive/report.txt", b"%PDF-1.7\n\xe2\x28\xa1"),
                                         replace(SOURCE, SHA, hashlib.sha256(b"%PDF-1.7\n\xe2\x28\xa1").hexdigest())), (
        f"{SOURCE}:9:3: archive.file: 'report.txt' is not UTF-8 text (byte 9): archive the source's text as a UTF-8 .txt file",)),
    Case("archive path outside the archive", replace(SOURCE, "file: report.txt", "file: ../content/sources/report.yaml"), (
        f"{SOURCE}:9:3: archive.file: '../content/sources/report.yaml' must be a file name inside the archive folder, without folders",)),
    Case("NUL byte", write(ENTITY, minimal_tree()[ENTITY].replace("kind: organisation", "kind: organ\x00isation")), (
        f"{ENTITY}:3:12: the control character U+0000 is not allowed: delete it (a text editor may show it as a box or not at all)",)),
    Case("NUL written as an escape", replace(ENTITY, "description: {kk: Комитет.,", 'description: {kk: "Коми\\x00тет.",'), (
        f"{ENTITY}:5:19: description.kk: the control character U+0000 (character 5 of the text) is not allowed: "
        "delete it or the escape that writes it",)),
    Case("lone surrogate escape", replace(ENTITY, "description: {kk: Комитет.,", 'description: {kk: "\\ud800",'), (
        f"{ENTITY}:5:22: YAML syntax error: while parsing a quoted scalar found invalid Unicode character escape code "
        "(check indentation and quotes)",)),
    Case("C1 control character", write(ENTITY, minimal_tree()[ENTITY].replace("A committee.", "A com\x9bmittee.")), (
        f"{ENTITY}:5:52: the control character U+009B is not allowed: delete it (a text editor may show it as a box or not at all)",)),
    Case("unusual line break", write(ENTITY, minimal_tree()[ENTITY].replace("A committee.", "A com\u2028mittee.")), (
        f"{ENTITY}:5:52: the unusual line break U+2028 is not allowed: replace it with an ordinary line break or a space",)),
    Case("huge integer", replace(TOPIC, "order: 1", f"order: {BIG_NUMBER}"), (
        f"{TOPIC}:3:8: order: the number '{'9' * 20}…' has 5,000 characters, more than the limit of {LIMITS.number_characters} "
        "(Limits.number_characters in generator/settings.py): write the figure the source gives",)),
    Case("infinite number", replace(FACT, "entities:", "values:\n  - label: {kk: Сан, ru: Число, en: Number}\n    number: .inf\nentities:"), (
        f"{FACT}:12:13: values[0].number: '.inf' is not a number a source can give: write the figure",)),
    Case("not a number", replace(FACT, "entities:", "values:\n  - label: {kk: Сан, ru: Число, en: Number}\n    number: .NaN\nentities:"), (
        f"{FACT}:12:13: values[0].number: '.NaN' is not a number a source can give: write the figure",)),
    Case("symbolic link out of the content", lambda root: (root / "content/facts/passwd.yaml").symlink_to("/etc/passwd"), (
        "content/facts/passwd.yaml:1:1: symbolic links are not read: put the file itself here",)),
    Case("folder of records as a symbolic link", both(
        move("content/entities", "elsewhere"), lambda root: (root / "content/entities").symlink_to(root / "elsewhere")), (
        "content/entities:1:1: entities/ is a symbolic link: make it a folder inside the content folder",)),
    Case("named pipe", lambda root: os.mkfifo(root / "content/facts/pipe.yaml"), (
        "content/facts/pipe.yaml:1:1: not a regular file: replace it with a YAML text file",)),
    Case("folder named like a record", lambda root: (root / "content/facts/more.yaml").mkdir(), (
        "content/facts/more.yaml:1:1: folders inside facts/ are not read: move the files up into facts/",)),
    Case("record without the .yaml ending", move(ENTITY, "content/entities/committee.yml"), (
        "content/entities/committee.yml:1:1: not a content file: name it 'committee.yaml' or move it out of entities/",)),
    Case("record outside the record folders", move(ENTITY, "content/committee.yaml"), (
        "content/committee.yaml:1:1: warning: a file directly in the content folder is not read: records go in "
        "topics, facts, sources, entities, terms",), strict=True),
    Case("two documents in one file", write(ENTITY, minimal_tree()[ENTITY] + "---\nid: other\n"), (
        f"{ENTITY}:10:1: a second '---' starts another record: keep one record per file and delete this line "
        "[YAML: expected a single document in the stream but found another document]",)),
    Case("a list instead of a mapping", write(ENTITY, schema_line("entity") + "- id: committee\n"), (
        f"{ENTITY}:2:1: the file must hold a mapping of keys to values, as every entity file does (see content/README.md)",)),
    Case("a key that is a list", replace(TOPIC, "order: 1", "? [order]\n: 1\norder: 1"), (
        f"{TOPIC}:3:3: a key must be plain text: write a field name such as 'title', not a list or a mapping",)),
    Case("parts that do not add up", replace(FACT, "entities:", "values:\n  - label: {kk: Барлығы, ru: Всего, en: In all}\n    total: 10\n"
                                             "    parts:\n      - {label: {kk: А, ru: А, en: A}, number: 4}\n"
                                             "      - {label: {kk: Б, ru: Б, en: B}, number: 5}\nentities:"), (
        f"{FACT}:12:5: values[0].total: the parts add up to 9 (4 + 5), not 10: correct the figures, or, if the source gives them so, "
        "add values[0].discrepancy saying so",)),
    Case("a period that ends before it starts", replace(FACT, "entities:", "values:\n  - label: {kk: Кезең, ru: Период, en: Period}\n"
                                                        "    period: {start: \"2016\", end: \"2012\"}\nentities:"), (
        f"{FACT}:12:5: values[0].period: the period ends before it starts: swap start and end",)),
    Case("a fact related to itself", replace(FACT, "entities: [committee]", "entities: [committee]\nrelated: [submissions]"), (
        f"{FACT}:11:11: related[0]: a fact cannot be related to itself: remove it",)),
    Case("a section that does not exist", replace(FACT, "section: figures", "section: numbers"), (
        f"{FACT}:5:5: topics[0].section: topic 'alpha' has no section 'numbers' (its sections: figures)",)),
    Case("total written with a space", replace(FACT, "entities:", TOTAL.format(total="1 220", part="1220")), (
        f"{FACT}:12:5: values[0].total: expected a number, found the text '1 220'",)),
    Case("total written with a comma", replace(FACT, "entities:", TOTAL.format(total="1,220", part="1220")), (
        f"{FACT}:12:5: values[0].total: expected a number, found the text '1,220'",)),
    Case("total left empty", replace(FACT, "entities:", TOTAL.format(total="~", part="1220")), (
        f"{FACT}:12:5: values[0].total: expected a number, found nothing (an empty value)",)),
    Case("a part's number with a word", replace(FACT, "entities:", TOTAL.format(total="1377", part="157 women")), (
        f"{FACT}:17:9: values[0].parts[1].number: expected a number, found the text '157 women'",)),
    Case("a figure below zero", replace(FACT, "entities:", "values:\n  - label: {kk: Сан, ru: Число, en: Number}\n"
                                        "    number: -5\nentities:"), (
        f"{FACT}:12:5: values[0].number: -5 is below zero: a source counts people, cases, sums and years from zero up; "
        "write the figure the source gives",)),
    Case("a source with the bibliography's name", both(
        move(SOURCE, "content/sources/index.yaml"), replace("content/sources/index.yaml", "id: report", "id: index"),
        replace(FACT, "  - source: report", "  - source: index"), replace(ENTITY, "  - source: report", "  - source: index")), (
        "content/sources/index.yaml:2:1: id: 'index' names the page of the bibliography: choose another id "
        "(and rename the file to match)",)),
    Case("a fact placed twice in one topic", replace(FACT, "    section: figures\n", "    section: figures\n"
                                                     "  - topic: alpha\n    section: figures\n"), (
        f"{FACT}:6:5: topics[1].topic: the fact is already in topic 'alpha' (topics[0]): a fact appears once on a topic's page; "
        "remove one of them",)),
    Case("Windows line endings keep their line numbers", lambda root: (root / FACT).write_bytes(
        (root / FACT).read_bytes().replace(b"\n", b"\r\n").replace(b"source: report", b"source: reprt")), (
        f"{FACT}:12:5: citations[0].source: unknown source 'reprt' (did you mean 'report'?)",)),
]


def snapshot(root: Path) -> dict[str, str]:
    """Every file, folder and link under root, with the SHA-256 of each file's bytes."""
    state = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            state[relative] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            state[relative] = "folder"
        elif path.is_file():
            state[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            state[relative] = "special file"
    return state


def previous_build(root: Path) -> None:
    """Stand-ins for the site and the bundle that an earlier, successful build left."""
    for relative, text in {"site/index.html": "<!doctype html><title>previous site</title>",
                           "site/en/index.html": "<p>previous English home page</p>",
                           "site/en/search/index.en.js": "window.__kbSearchIndex = {};"}.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    (root / "dist").mkdir()
    (root / "dist" / "penal-policy-kb-20260101.zip").write_bytes(b"PK\x05\x06" + bytes(18))


def run_command(root: Path, arguments: tuple[str, ...]) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run the command line; return its result, the seconds it took and the CPU seconds it used."""
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), NO_MKDOCS_2_WARNING="1")
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=root, env=environment,
                            capture_output=True, text=True, timeout=120, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, seconds, (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)


def test_there_are_at_least_forty_distinct_cases():
    assert len({case.name for case in CASES}) == len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(case, write_tree, tmp_path):
    write_tree(minimal_tree())
    case.change(tmp_path)
    previous_build(tmp_path)
    before = snapshot(tmp_path)
    for command in case.commands:
        arguments = COMMANDS[command] + (("--strict",) if case.strict else ())
        result, seconds, cpu_seconds = run_command(tmp_path, arguments)
        TIMINGS.append((case.name, command, seconds, cpu_seconds))
        output = result.stdout + result.stderr
        assert "Traceback" not in output, output
        assert result.returncode == 1, output
        for line in case.expected:
            assert line in result.stdout.splitlines(), f"{command}: {line!r} not in\n{result.stdout}"
        if command == "validate":
            summary = [line for line in result.stdout.splitlines() if line.endswith("checked against the archive")]
            assert len(summary) == 1, result.stdout
            if case.strict and summary[0].startswith("0 errors"):  # only the warnings failed it: it says so
                assert result.stdout.splitlines()[-1] == ("under --strict every warning counts as an error: fix the warnings "
                                                          "too, as the pull-request check requires")
        else:
            assert result.stderr.startswith("error: the content has "), result.stderr
        assert snapshot(tmp_path) == before, f"{command} changed the tree"


def test_windows_line_endings_are_accepted(write_tree, run_cli):
    write_tree({path: text.replace("\n", "\r\n") for path, text in minimal_tree().items() if path.startswith("content/")}
               | {"archive/report.txt": ARCHIVE_TEXT})
    result = run_cli("validate", "--content", "content", "--archive", "archive", "--strict")
    assert result.lines == ["0 errors, 0 warnings; 2 quotes checked against the archive"]
    assert result.exit_code == 0
