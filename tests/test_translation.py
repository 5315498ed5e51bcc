"""Translation tracking: written_in and translated_from, the stamp command, the status report, the fallback note."""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from generator.build import build_site
from generator.status import CatalogStatus, catalog_status
from generator.translation import original_hash

from .conftest import minimal_tree
from .site_support import parse_html, settings_for
from .test_validate import FACT, VALIDATE, edit

ENTITY = "content/entities/committee.yaml"
TOPIC = "content/topics/alpha.yaml"
SOURCE = "content/sources/report.yaml"
RECORDS = (TOPIC, SOURCE, ENTITY, FACT)


def tracked_tree() -> dict[str, str]:
    """The minimal tree with every record written in English."""
    tree = minimal_tree()
    for path in RECORDS:
        record_id = re.search(r"^id: (\S+)$", tree[path], re.MULTILINE)
        assert record_id
        tree = edit(tree, path, f"id: {record_id[1]}\n", f"id: {record_id[1]}\nwritten_in: en\n")
    return tree


def stamp_all(run_cli) -> dict[str, str]:
    """Stamp every record; return the hash each one recorded."""
    result = run_cli("stamp", "--content", "content", *RECORDS)
    assert result.exit_code == 0, result.stderr
    hashes = {}
    for line in result.lines:
        match = re.fullmatch(r"(\S+): translated_from: kk ([0-9a-f]{8}), ru \2", line)
        assert match, line
        hashes[match[1]] = match[2]
    assert sorted(hashes) == sorted(RECORDS)
    return hashes


def test_stamp_records_the_hash_of_the_original_after_written_in(write_tree, run_cli):
    root = write_tree(tracked_tree())
    hashes = stamp_all(run_cli)
    text = (root / FACT).read_text(encoding="utf-8")
    assert text.splitlines()[1:6] == ["id: submissions", "written_in: en", "translated_from:",
                                      f'  kk: "{hashes[FACT]}"', f'  ru: "{hashes[FACT]}"']
    assert run_cli(*VALIDATE, "--strict").exit_code == 0
    # Stamping again changes nothing: the original has not changed.
    stamp_all(run_cli)
    assert (root / FACT).read_text(encoding="utf-8") == text


def test_a_changed_original_makes_its_translations_stale(write_tree, run_cli):
    root = write_tree(tracked_tree())
    old = stamp_all(run_cli)[FACT]
    fact = root / FACT
    fact.write_text(fact.read_text(encoding="utf-8").replace("reviewed 15,970 submissions.", "reviewed 15,970 submissions in all."),
                    encoding="utf-8")
    result = run_cli(*VALIDATE)
    new = re.search(r"the original is now ([0-9a-f]{8})", result.stdout)
    assert new and new[1] != old
    assert result.lines == [
        f"{FACT}:5:3: warning: translated_from.kk: the Kazakh translation is out of date: the English original changed "
        f"after it was made (translated from {old}, the original is now {new[1]}); update the Kazakh texts, then run "
        f"'python -m generator stamp {FACT}' (in the browser: write translated_from: {{kk: \"{new[1]}\", ru: \"{new[1]}\"}} "
        "in place of the translated_from lines)",
        f"{FACT}:6:3: warning: translated_from.ru: the Russian translation is out of date: the English original changed "
        f"after it was made (translated from {old}, the original is now {new[1]}); update the Russian texts, then run "
        f"'python -m generator stamp {FACT}' (in the browser: write translated_from: {{kk: \"{new[1]}\", ru: \"{new[1]}\"}} "
        "in place of the translated_from lines)",
        "0 errors, 2 warnings; 2 quotes checked against the archive",
    ]
    assert run_cli(*VALIDATE, "--strict").exit_code == 1
    # A changed translation alone does not make anything stale.
    stamp_all(run_cli)
    fact.write_text(fact.read_text(encoding="utf-8").replace("Комитет рассмотрел 15 970 представлений.",
                                                             "Комитетом рассмотрено 15 970 представлений."), encoding="utf-8")
    assert run_cli(*VALIDATE, "--strict").exit_code == 0


def browser_line(root, path: str) -> str:
    """The translated_from line a contributor writes by hand: every translation with the original's hash."""
    digest = original_hash(yaml.safe_load((root / path).read_text(encoding="utf-8")))
    return f'translated_from: {{kk: "{digest}", ru: "{digest}"}}'


def test_an_untracked_translation_and_an_incomplete_original_are_reported(write_tree, run_cli):
    tree = edit(tracked_tree(), FACT, "  en: The committee reviewed 15,970 submissions.\n", "")
    root = write_tree(tree)
    result = run_cli(*VALIDATE)
    assert result.lines == [
        f"{ENTITY}:3:1: warning: written_in: the Kazakh translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {ENTITY}' (in the browser: "
        f"add {browser_line(root, ENTITY)} after written_in)",
        f"{ENTITY}:3:1: warning: written_in: the Russian translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {ENTITY}' (in the browser: "
        f"add {browser_line(root, ENTITY)} after written_in)",
        f"{FACT}:3:1: warning: written_in: the Kazakh translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {FACT}' (in the browser: "
        f"add {browser_line(root, FACT)} after written_in)",
        f"{FACT}:3:1: warning: written_in: the Russian translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {FACT}' (in the browser: "
        f"add {browser_line(root, FACT)} after written_in)",
        f"{FACT}:7:1: statement: the record is written in English (written_in: en), but this text has no English "
        "version: add statement.en or correct written_in",
        f"{SOURCE}:3:1: warning: written_in: the Kazakh translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {SOURCE}' (in the browser: "
        f"add {browser_line(root, SOURCE)} after written_in)",
        f"{SOURCE}:3:1: warning: written_in: the Russian translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {SOURCE}' (in the browser: "
        f"add {browser_line(root, SOURCE)} after written_in)",
        f"{TOPIC}:3:1: warning: written_in: the Kazakh translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {TOPIC}' (in the browser: "
        f"add {browser_line(root, TOPIC)} after written_in)",
        f"{TOPIC}:3:1: warning: written_in: the Russian translation does not record which original it was made from: "
        f"once it is checked against the English text, run 'python -m generator stamp {TOPIC}' (in the browser: "
        f"add {browser_line(root, TOPIC)} after written_in)",
        "1 error, 8 warnings; 2 quotes checked against the archive",
    ]


def test_translated_from_needs_written_in_and_never_names_the_original(write_tree, run_cli):
    tree = edit(minimal_tree(), ENTITY, "kind: organisation\n", 'kind: organisation\ntranslated_from: {kk: "0123abcd"}\n')
    tree = edit(tree, FACT, "id: submissions\n", 'id: submissions\nwritten_in: en\ntranslated_from: {en: "0123abcd", ru: 12345}\n')
    write_tree(tree)
    result = run_cli(*VALIDATE)
    assert [line for line in result.lines if ": warning: " not in line] == [
        f"{ENTITY}:4:1: translated_from: translated_from needs 'written_in': add written_in, the language the record is written in",
        f"{FACT}:4:19: translated_from.en: the English text is the original, not a translation: remove translated_from.en",
        f"{FACT}:4:35: translated_from.ru: expected text, found the number 12345: put it in quotes to keep it as text",
        "3 errors, 2 warnings; 2 quotes checked against the archive",
    ]


def test_stamp_refuses_an_incomplete_translation_and_a_record_without_written_in(write_tree, run_cli):
    write_tree(edit(tracked_tree(), FACT, "  kk: Комитет 15 970 ұсынымды қарады.\n", ""))
    incomplete = run_cli("stamp", "--content", "content", FACT, "--language", "kk")
    assert (incomplete.exit_code, incomplete.stdout) == (1, "")
    assert incomplete.stderr == f"error: {FACT}: the Kazakh translation is incomplete: add statement.kk\n"
    # Without --language only the complete translations are stamped.
    partial = run_cli("stamp", "--content", "content", FACT)
    assert partial.exit_code == 0
    assert re.fullmatch(rf"{FACT}: translated_from: ru [0-9a-f]{{8}}", partial.stdout.strip())
    untracked = run_cli("stamp", "--content", "content", "content/topics/../../content/facts/missing.yaml")
    assert untracked.stderr == "error: content/facts/missing.yaml: no such file\n"
    write_tree({"content/entities/plain.yaml": minimal_tree()[ENTITY].replace("id: committee", "id: plain")})
    plain = run_cli("stamp", "--content", "content", "content/entities/plain.yaml")
    assert plain.stderr == ("error: content/entities/plain.yaml: no written_in: add 'written_in: kk', 'ru' or 'en' "
                            "(the language the record is written in), then stamp it\n")


def test_stamp_refuses_a_translation_whose_numbers_differ_from_the_original(write_tree, run_cli):
    root = write_tree(edit(tracked_tree(), FACT, "ru: Комитет рассмотрел 15 970 представлений.",
                           "ru: Комитет рассмотрел 15 907 представлений."))
    before = (root / FACT).read_bytes()
    refused = run_cli("stamp", "--content", "content", FACT)
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (f"error: {FACT}: statement: the numbers differ between languages (en: 15970; kk: 15970; ru: 15907): "
                              "write "
                              "the same numbers in each language; a translation with other numbers is not up to date: "
                              "correct it, then stamp it\n")
    assert (root / FACT).read_bytes() == before


def one_missing_one_stale(write_tree, run_cli):
    """A tracked tree where the fact has no Kazakh statement and the entity's English original changed."""
    root = write_tree(tracked_tree())
    stamp_all(run_cli)
    fact, entity = root / FACT, root / ENTITY
    fact.write_text(fact.read_text(encoding="utf-8").replace("  kk: Комитет 15 970 ұсынымды қарады.\n", ""), encoding="utf-8")
    entity.write_text(entity.read_text(encoding="utf-8").replace("en: A committee.", "en: The reviewing committee."),
                      encoding="utf-8")
    return root


def test_status_counts_translated_missing_and_stale_per_language(write_tree, run_cli):
    one_missing_one_stale(write_tree, run_cli)
    result = run_cli("status", "--content", "content")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # The interface lines count the real catalogs, which grow with the templates: checked for their shape here,
    # and for their figures in test_catalog_status_counts_translated_fuzzy_and_missing_messages.
    interface = [index for index, line in enumerate(lines) if line.startswith("  interface ")]
    assert len(interface) == 3
    for index in interface:
        assert re.fullmatch(r"  interface +(\d+) messages: \1 translated, 0 fuzzy, 0 missing", lines[index]), lines[index]
        lines[index] = "  interface"
    assert lines == [
        "Translation status of content/ and the interface catalogs",
        "",
        "kk (Kazakh)",
        "  topics       1 record: 1 translated, 0 stale, 0 missing",
        "  facts        1 record: 0 translated, 0 stale, 1 missing",
        "  sources      1 record: 1 translated, 0 stale, 0 missing",
        "  entities     1 record: 0 translated, 1 stale, 0 missing",
        "  terms        0 records: 0 translated, 0 stale, 0 missing",
        "  interface",
        f"  to do: {FACT}: missing statement.kk",
        f"  to do: {ENTITY}: stale: the original changed after this translation was made",
        "",
        "ru (Russian)",
        "  topics       1 record: 1 translated, 0 stale, 0 missing",
        "  facts        1 record: 1 translated, 0 stale, 0 missing",
        "  sources      1 record: 1 translated, 0 stale, 0 missing",
        "  entities     1 record: 0 translated, 1 stale, 0 missing",
        "  terms        0 records: 0 translated, 0 stale, 0 missing",
        "  interface",
        f"  to do: {ENTITY}: stale: the original changed after this translation was made",
        "",
        "en (English)",
        "  topics       1 record: 1 original, 0 translated, 0 stale, 0 missing",
        "  facts        1 record: 1 original, 0 translated, 0 stale, 0 missing",
        "  sources      1 record: 1 original, 0 translated, 0 stale, 0 missing",
        "  entities     1 record: 1 original, 0 translated, 0 stale, 0 missing",
        "  terms        0 records: 0 translated, 0 stale, 0 missing",
        "  interface",
        "",
        "3 items to translate or update; 'python -m generator validate' says where.",
    ]
    data = run_cli("status", "--content", "content", "--format", "json")
    assert '"state": "stale"' in data.stdout


@pytest.mark.build
def test_the_built_page_shows_the_available_text_with_a_note(write_tree, run_cli):
    root = one_missing_one_stale(write_tree, run_cli)
    build_site(settings_for(root / "content", root / "archive"), root / "site")
    kk = parse_html(root / "site" / "kk" / "topics" / "alpha.html")
    fact = kk.find(id="submissions")
    statement = fact.find("span", lang="en")
    assert statement is not None and statement.get_text() == "The committee reviewed 15,970 submissions."
    note = fact.find(class_="kb-translation-note")
    assert note is not None and note.get("role") == "note"
    assert note.get_text() == "Аударма әлі дайын емес: мәтіннің бір бөлігі түпнұсқа тілінде (ағылшын тілі) берілген."
    # Russian has the statement: no note, no fallback.
    ru_fact = parse_html(root / "site" / "ru" / "topics" / "alpha.html").find(id="submissions")
    assert ru_fact.find(class_="kb-translation-note") is None
    assert "Комитет рассмотрел 15 970 представлений." in ru_fact.get_text()
    # The entity's Russian description is older than its English original.
    entity = parse_html(root / "site" / "ru" / "entities" / "committee.html")
    assert [note.get_text() for note in entity.select(".kb-translation-note")] == [
        "Текст оригинала (английский) изменился после того, как был сделан этот перевод; перевод мог устареть."]
    assert parse_html(root / "site" / "en" / "entities" / "committee.html").select(".kb-translation-note") == []
    # The status page lists both, linked to their pages.
    status = parse_html(root / "site" / "kk" / "status.html")
    items = [(item.get_text(" ", strip=True), item.a["href"]) for item in status.select("#needs-kk + ul li")]
    assert items == [("The committee reviewed 15,970 submissions. : аударма жоқ", "topics/alpha.html#submissions"),
                     ("Комитет : аударма ескірген", "entities/committee.html")]


def test_catalog_status_counts_translated_fuzzy_and_missing_messages(tmp_path):
    for language in ("ru", "en"):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(textwrap.dedent("""\
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=utf-8\\n"

            msgid "Home"
            msgstr "Главная"

            #, fuzzy
            msgid "Topics"
            msgstr "Темы"

            msgid "Bibliography"
            msgstr ""

            msgid "%(num)s case"
            msgid_plural "%(num)s cases"
            msgstr[0] "%(num)s дело"
            msgstr[1] ""
            msgstr[2] ""
            """), encoding="utf-8")
    assert catalog_status("ru", tmp_path) == CatalogStatus(messages=4, translated=1, fuzzy=1, missing=2)
    # English is the catalogs' own language: an empty message shows its msgid.
    assert catalog_status("en", tmp_path) == CatalogStatus(messages=4, translated=3, fuzzy=1, missing=0)
