"""Text that deceives and the contributor commands: refused with the full message, and nothing else changed on disk.

Invisible and bidirectional characters, texts made only of invisible characters, look-alike letters in
messages, formulas in the open-data CSV, ids and addresses ending in a line break, file names that would
forge GitHub annotations, and `stamp` on files the loader would not read.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from generator.deceptive_text import is_blank, spreadsheet_cell, visible
from generator.errors import Location, Problem
from generator.open_data import csv_text
from generator.voice import t

from .conftest import minimal_tree
from .test_hostile import snapshot

FACT = "content/facts/submissions.yaml"
SOURCE = "content/sources/report.yaml"
ENTITY = "content/entities/committee.yaml"
TOPIC = "content/topics/alpha.yaml"
VALIDATE = ("validate", "--content", "content", "--archive", "archive")
INVISIBLE = "it changes how the text reads or matches without showing; delete it"


def tree_with(*changes: tuple[str, str, str]) -> dict[str, str]:
    tree = minimal_tree()
    for path, old, new in changes:
        assert old in tree[path], (path, old)
        tree[path] = tree[path].replace(old, new, 1)
    return tree


CASES = {
    "a right-to-left override turns 12 into 21": (
        (FACT, "en: The committee reviewed 15,970 submissions.", "en: The committee reviewed 15,970 submissions (\u202e12\u202c)."),
        (FACT, "ru: Комитет рассмотрел 15 970 представлений.", "ru: Комитет рассмотрел 15 970 представлений (12)."),
        (FACT, "kk: Комитет 15 970 ұсынымды қарады.", "kk: Комитет 15 970 ұсынымды қарады (12)."),
        (f"{FACT}:7:3: statement.kk: the number 12 is in no quote of the fact's citations: quote the words of the source "
         "that give it, or list it under derived with how it was worked out",
         f"{FACT}:9:7: statement.en: the invisible character U+202E RIGHT-TO-LEFT OVERRIDE (character 44 of the text) "
         f"is not allowed: {INVISIBLE}")),
    "an isolate in a publisher's name": (
        (SOURCE, "en: Publisher}", "en: \u2067Publisher\u2069}"), None, None,
        f"{SOURCE}:6:42: publisher.en: the invisible character U+2067 RIGHT-TO-LEFT ISOLATE (character 1 of the text) "
        f"is not allowed: {INVISIBLE}"),
    "a zero-width space inside a name": (
        (ENTITY, "en: Committee}", "en: Com\u200bmittee}"), None, None,
        f"{ENTITY}:4:38: name.en: the invisible character U+200B ZERO WIDTH SPACE (character 4 of the text) is not allowed: "
        f"{INVISIBLE}"),
    "a word joiner written as an escape": (
        (ENTITY, "description: {kk: Комитет.,", 'description: {kk: "Коми\\u2060тет.",'), None, None,
        f"{ENTITY}:5:19: description.kk: the invisible character U+2060 WORD JOINER (character 5 of the text) is not "
        f"allowed: {INVISIBLE}"),
    "a byte-order mark inside a text": (
        (TOPIC, "en: In short.}", "en: In \ufeffshort.}"), None, None,
        f"{TOPIC}:5:42: summary.en: the invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE (character 4 of the text) "
        f"is not allowed: {INVISIBLE}"),
    "a text made only of a Hangul filler": (
        (TOPIC, "en: In short.}", "en: \u3164}"), None, None,
        f"{TOPIC}:5:38: summary.en: is blank: write the text or remove the key"),
    "a text made only of blank Braille": (
        (TOPIC, "en: In short.}", "en: \u2800\u2800}"), None, None,
        f"{TOPIC}:5:38: summary.en: is blank: write the text or remove the key"),
    "a Cyrillic o in a source id": (
        (FACT, "  - source: report", "  - source: rep\u043ert"), None, None,
        (f"{FACT}:12:5: citations[0].source: 'rep<U+043E>rt' is not a valid id: use lowercase ASCII letters, digits and single "
         "hyphens", f"{FACT}:12:5: citations[0].source: unknown source 'rep<U+043E>rt' (did you mean 'report'?)")),
    "a section id ending in a line break": (
        (FACT, "section: figures", 'section: "figures\\n"'), None, None,
        (f"{FACT}:5:5: topics[0].section: 'figures<U+000A>' is not a valid id: use lowercase ASCII letters, digits and single "
         "hyphens", f"{FACT}:5:5: topics[0].section: topic 'alpha' has no section 'figures<U+000A>' (did you mean 'figures'?)")),
    "an address ending in a line break": (
        (SOURCE, 'date: "2026-03-04"\n', 'date: "2026-03-04"\nurl: "https://example.org/\\n"\n'), None, None,
        f"{SOURCE}:8:1: url: 'https://example.org/<U+000A>' is not a web address: it must start with http:// or https:// "
        "and hold no spaces"),
}


@pytest.mark.parametrize("name", CASES)
def test_deceptive_text_is_refused_with_its_key_path(name, write_tree, run_cli, tmp_path):
    *changes, expected = CASES[name]
    write_tree(tree_with(*[change for change in changes if change]))
    before = snapshot(tmp_path)
    result = run_cli(*VALIDATE)
    assert result.exit_code == 1
    expected = (expected,) if isinstance(expected, str) else expected
    assert result.lines[:-1] == list(expected)
    errors = f"{len(expected)} error" + ("s" if len(expected) > 1 else "")
    assert result.lines[-1].startswith(f"{errors}, 0 warnings")
    assert snapshot(tmp_path) == before


def test_no_message_prints_an_invisible_or_look_alike_character():
    assert visible("'rep\u043ert' is not a valid id") == "'rep<U+043E>rt' is not a valid id"
    assert visible("Комитеt and Комитет") == "Комите<U+0074> and Комитет"  # the Latin t, not the Cyrillic word
    assert visible("a\u202eb\u00a0c\nd") == "a<U+202E>b<U+00A0>c<U+000A>d"
    assert visible("Қазақстан 15 970, Kazakhstan") == "Қазақстан 15 970, Kazakhstan"
    assert is_blank("\u200b \u3164\u2800") and not is_blank("\u200b.")


def test_github_annotations_escape_every_property_as_the_toolkit_does(tmp_path):
    forged = tmp_path / "content" / "facts" / "x,line=1::forged\n::error file=README.md.yaml"
    problem = Problem(Location(forged, 2, 1), "id", t("{text}", text="100% wrong\nsecond line"))
    assert problem.format_github(tmp_path) == (
        "::error file=content/facts/x%2Cline=1%3A%3Aforged<U+000A>%3A%3Aerror file=README.md.yaml,line=2,col=1::"
        "id: 100%25 wrong<U+000A>second line")
    assert problem.format_text(tmp_path) == (
        "content/facts/x,line=1::forged<U+000A>::error file=README.md.yaml:2:1: id: 100% wrong<U+000A>second line")


def test_a_file_name_with_a_line_break_forges_no_annotation(write_tree, run_cli, tmp_path):
    write_tree(minimal_tree() | {"content/facts/x\n::error file=README.md::forged.yaml": "id: x\n"})
    result = run_cli(*VALIDATE, "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.lines if line.startswith("::")]
    forged = re.compile(r"::(error|warning) file=content/facts/x<U\+000A>%3A%3Aerror file=README\.md%3A%3Aforged\.yaml,"
                        r"line=\d+,col=\d+::[^:]")
    assert annotations and all(forged.match(line) for line in annotations), annotations
    assert len(result.lines) == len(annotations) + 1


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_cannot_start_a_formula(start):
    statement = f"{start}HYPERLINK(\"http://example.org\",\"x\")"
    document = {"facts": [{"id": "f", "topics": [{"topic": "t", "section": "s"}], "statement": statement,
                           "citations": [{"source": "s", "publisher": f"{start}cmd|' /C calc'!A0", "source_title": "T",
                                          "source_date": None, "quote": "q", "translation": None}],
                           "link": "l", "values": [{"label": "Cases", "kind": "number", "number": 12, "unit": None, "qualifier": None,
                                                    "date": None, "period_start": None, "period_end": None, "text": "12",
                                                    "parts": []}]}]}
    rows = list(csv.DictReader(io.StringIO(csv_text(document), newline="")))
    assert rows[0]["statement"] == "'" + statement
    assert rows[0]["citations"] == f"'{start}cmd|' /C calc'!A0, T, -: \"q\""
    assert rows[0]["number"] == "12"
    assert spreadsheet_cell(12) == 12 and spreadsheet_cell("12") == "12" and spreadsheet_cell("a=b") == "a=b"


# --- the contributor commands ------------------------------------------------------


def tracked(tree: dict[str, str]) -> dict[str, str]:
    return tree | {FACT: tree[FACT].replace("id: submissions\n", "id: submissions\nwritten_in: en\n")}


STAMP = ("stamp", "--content", "content")


@pytest.mark.parametrize(("setup", "argument", "message"), [
    ("link", FACT, f"error: {FACT}: a symbolic link: the generator neither reads nor writes through links; "
                   "put the file itself in the content folder\n"),
    ("elsewhere", "elsewhere/facts/submissions.yaml", "error: elsewhere/facts/submissions.yaml: not in the content folder content: "
                                                      "stamp the records of that folder, or pass --content DIR\n"),
    ("value on the next line", FACT, f"error: {FACT}: cannot place translated_from in this file: write 'written_in:' and 'translated_from:' "
                         "as plain keys at the start of a line, as 'python -m generator new' does, then stamp it\n"),
    ("pipe", "content/facts/pipe.yaml", "error: content/facts/pipe.yaml: not a regular file: replace it with a YAML text file\n"),
])
def test_stamp_refuses_what_the_loader_refuses_and_writes_nothing(setup, argument, message, write_tree, run_cli, tmp_path):
    tree = tracked(minimal_tree())
    write_tree(tree)
    if setup == "link":
        (tmp_path / "outside.yaml").write_text(tree[FACT], encoding="utf-8")
        (tmp_path / FACT).unlink()
        (tmp_path / FACT).symlink_to(tmp_path / "outside.yaml")
    elif setup == "elsewhere":
        write_tree({"elsewhere/facts/submissions.yaml": tree[FACT]})
    elif setup == "value on the next line":
        write_tree({FACT: tree[FACT].replace("written_in: en", "written_in:\n  en")})
    elif setup == "pipe":
        import os

        os.mkfifo(tmp_path / "content/facts/pipe.yaml")
    before = snapshot(tmp_path)
    result = run_cli(*STAMP, argument)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert snapshot(tmp_path) == before


def test_stamp_keeps_other_hashes_quoted_keys_and_windows_line_endings(write_tree, run_cli, tmp_path):
    tree = tracked(minimal_tree())
    text = tree[FACT].replace("written_in: en\n", '"written_in": en\n"translated_from":\n  ru: "0123abcd"\n').replace("\n", "\r\n")
    write_tree(tree)
    (tmp_path / FACT).write_bytes(text.encode("utf-8"))
    result = run_cli(*STAMP, FACT, "--language", "kk")
    assert result.exit_code == 0, result.stderr
    digest = result.stdout.split()[-1]
    written = (tmp_path / FACT).read_bytes().decode("utf-8")
    assert written.count("\r\n") == written.count("\n")  # every line still ends in CRLF
    assert written.splitlines()[1:6] == ["id: submissions", '"written_in": en', "translated_from:", f'  kk: "{digest}"',
                                         '  ru: "0123abcd"']


def test_new_refuses_an_id_ending_in_a_line_break(write_tree, run_cli, tmp_path):
    write_tree(minimal_tree())
    before = snapshot(tmp_path)
    result = run_cli("new", "fact", "abc\n", "--content", "content")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("error: 'abc<U+000A>' is not a valid id: use lowercase ASCII letters, digits and single hyphens, "
                             "e.g. amnesty-releases-2026\n")
    assert snapshot(tmp_path) == before
