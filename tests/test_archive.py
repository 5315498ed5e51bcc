"""`archive`: a saved web page, a PDF, a text file or an address becomes an archived copy and a source record in one step."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import minimal_tree

PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>Амнистия завершена | Lada.kz</title>
<meta property="og:title" content="Амнистия к 30-летию Конституции завершена">
<meta property="og:site_name" content="Lada.kz">
<meta property="article:published_time" content="2026-01-11T13:19:00+05:00">
<meta name="author" content="Анна Иванова">
</head><body>
<nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<article><h1>Амнистия к 30-летию Конституции завершена</h1>
<p>Комитет уголовно-исполнительной системы МВД сообщил, что амнистия к 30-летию Конституции завершена.</p>
<p>Всего рассмотрено 15 970 представлений, освобождено более 2 тысяч человек. Остальным осуждённым сокращены сроки наказания.</p>
<p>Амнистия не распространялась на осуждённых за терроризм, экстремизм и коррупционные преступления.</p>
</article>
<footer>Реклама. Все права защищены.</footer>
</body></html>
"""
PAGE_TEXT = ("Амнистия к 30-летию Конституции завершена\n"
             "Комитет уголовно-исполнительной системы МВД сообщил, что амнистия к 30-летию Конституции завершена.\n"
             "Всего рассмотрено 15 970 представлений, освобождено более 2 тысяч человек. Остальным осуждённым сокращены сроки наказания.\n"
             "Амнистия не распространялась на осуждённых за терроризм, экстремизм и коррупционные преступления.\n")


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF whose text a PDF reader extracts line by line (Helvetica, so ASCII text only)."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + ([f"<< /Title ({title}) >>"] if title else [])
    data = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    table = len(data)
    data += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    info = f" /Info {len(objects)} 0 R" if title else ""
    return data + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{table}\n%%EOF\n".encode()


ARCHIVE = ("archive", "--content", "content", "--archive", "archive")


def check_list(record: str, text_file: str, stated: str, missing: str, language: str, others: str,
               original: bool = True) -> list[str]:
    return [
        "Check:",
        f"  1. Open {text_file} beside the original: it must hold the document's words (quotes are checked against it, "
        "and menus or advertising around them do no harm).",
        *([f"  2. Compare {stated} in {record} with the document; they are as the document states them."] if stated else []),
        f"  {3 if stated else 2}. Fill in what the document does not state ({missing}), in {language}; delete what it does "
        "not have and say so in date_note or note: never guess.",
        f"  {4 if stated else 3}. Translate the title, publisher and author into {others}.",
        f"  {5 if stated else 4}. Check it: python -m generator validate {record}",
        f"  {6 if stated else 5}. Commit {text_file}{' (and the original)' if original else ''} to the archive of source "
        "documents on a branch named like this project's branch; CONTRIBUTING.md says how.",
    ]


def test_a_saved_web_page_becomes_an_archived_text_and_a_source_record(write_tree, run_cli):
    root = write_tree(minimal_tree() | {"saved/amnesty.html": PAGE})
    result = run_cli(*ARCHIVE, "saved/amnesty.html", "--id", "lada-2026-01-amnesty")
    assert result.exit_code == 0, result.stderr
    record = "content/sources/lada-2026-01-amnesty.yaml"
    assert result.lines == [
        "wrote archive/lada-2026-01-amnesty.txt",
        "wrote archive/lada-2026-01-amnesty.html",
        f"wrote {record}: the web page gave 363 characters; it states its title, date, publisher, author",
        *check_list(record, "archive/lada-2026-01-amnesty.txt", "title, date, publisher, author", "url, kind", "ru", "kk and en"),
    ]
    text = (root / "archive/lada-2026-01-amnesty.txt").read_bytes()
    assert text.decode("utf-8") == PAGE_TEXT  # the article, without the menu and the footer
    assert (root / "archive/lada-2026-01-amnesty.html").read_text(encoding="utf-8") == PAGE
    written = (root / record).read_text(encoding="utf-8")
    assert "\nnote:" not in written  # rarely needed: left out, not left empty
    for line in ('written_in: ru', 'languages: [ru]', '  ru: "Амнистия к 30-летию Конституции завершена"', '  ru: "Lada.kz"',
                 '  ru: "Анна Иванова"', 'date: "2026-01-11"', 'url: ""', "  file: lada-2026-01-amnesty.txt",
                 f"  sha256: {hashlib.sha256(text).hexdigest()}"):
        assert f"\n{line}\n" in written, line
    # Once the rest is filled in, the record validates and a quote from the page is found in the archived text.
    for old, new in (('kk: ""', 'kk: "Рақымшылық аяқталды"'), ('en: ""', 'en: "The amnesty is complete"'), ('kk: ""', 'kk: "Lada.kz"'),
                     ('en: ""', 'en: "Lada.kz"'), ('kk: ""', 'kk: "Анна Иванова"'), ('en: ""', 'en: "Anna Ivanova"'),
                     ('url: ""\n', '')):
        written = written.replace(old, new, 1)
    (root / record).write_text(written, encoding="utf-8")
    assert run_cli("stamp", "--content", "content", record).exit_code == 0
    fact = "content/facts/submissions.yaml"
    (root / fact).write_text((root / fact).read_text(encoding="utf-8").replace(
        "  - source: report\n", "  - source: lada-2026-01-amnesty\n    quote: {ru: \"Всего рассмотрено 15 970 представлений\"}\n"
        "    translation: {kk: \"Барлығы 15 970 ұсыным қаралды\", en: \"In all, 15,970 submissions were reviewed\"}\n"
        "  - source: report\n"), encoding="utf-8")
    checked = run_cli("validate", "--content", "content", "--archive", "archive", "--strict", record, fact)
    assert checked.lines == ["0 errors, 0 warnings; 2 quotes checked against the archive"], checked.stdout


def test_a_pdf_gives_its_text_and_title_but_never_its_file_date(write_tree, run_cli):
    root = write_tree(minimal_tree())
    (root / "brief.pdf").write_bytes(make_pdf(["Children and violent extremism.", "About 8,000 children were detained in 2016."],
                                              title="Children and violent extremism"))
    result = run_cli(*ARCHIVE, "brief.pdf", "--id", "pri-briefing")
    assert result.exit_code == 0, result.stderr
    record = "content/sources/pri-briefing.yaml"
    assert result.lines == [
        "wrote archive/pri-briefing.txt",
        "wrote archive/pri-briefing.pdf",
        f"wrote {record}: the PDF gave 76 characters from 1 page; it states its title",
        "note: a PDF's own date is when the file was made, not the document's date: take the date from the document's text",
        *check_list(record, "archive/pri-briefing.txt", "title", "date, publisher, author, url, kind", "en", "kk and ru"),
    ]
    assert (root / "archive/pri-briefing.txt").read_text(encoding="utf-8") == (
        "Children and violent extremism.\nAbout 8,000 children were detained in 2016.\n")
    written = (root / record).read_text(encoding="utf-8")
    assert '\n  en: "Children and violent extremism"\n' in written and '\ndate: ""\n' in written


def test_a_text_file_in_kazakh_is_archived_as_it_is(write_tree, run_cli):
    letter = "Қазақстан Республикасы Ішкі істер министрлігі.\nСотталған әйелдерге рақымшылық жасау туралы хатыңызды қарап, мынаны хабарлаймыз.\n"
    root = write_tree(minimal_tree() | {"letter.txt": letter})
    result = run_cli(*ARCHIVE, "letter.txt", "--id", "mvd-letter")
    assert result.exit_code == 0, result.stderr
    assert result.lines[:2] == ["wrote archive/mvd-letter.txt",
                                "wrote content/sources/mvd-letter.yaml: the text file gave 128 characters; it states no title, "
                                "date or publisher"]
    assert result.lines[3:] == check_list("content/sources/mvd-letter.yaml", "archive/mvd-letter.txt", "",
                                          "title, date, publisher, author, url, kind", "kk", "ru and en", original=False)[1:]
    assert (root / "archive/mvd-letter.txt").read_text(encoding="utf-8") == letter
    assert "\nwritten_in: kk\n" in (root / "content/sources/mvd-letter.yaml").read_text(encoding="utf-8")


@pytest.fixture
def served_page(tmp_path: Path) -> Iterator[str]:
    """A web page served from 127.0.0.1 for the length of one test."""
    folder = tmp_path / "www"
    folder.mkdir()
    (folder / "amnesty.html").write_text(PAGE, encoding="utf-8")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args):  # keep the test output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/amnesty.html"
    finally:
        server.shutdown()
        server.server_close()


def test_an_address_is_fetched_and_recorded_as_the_source_url(write_tree, run_cli, served_page):
    root = write_tree(minimal_tree())
    result = run_cli(*ARCHIVE, served_page, "--id", "lada-online", "--language", "ru")
    assert result.exit_code == 0, result.stderr
    assert result.lines[2] == ("wrote content/sources/lada-online.yaml: the web page gave 363 characters; it states its "
                               "title, date, publisher, author, url")
    assert (root / "archive/lada-online.txt").read_text(encoding="utf-8") == PAGE_TEXT
    assert f'\nurl: "{served_page}"\n' in (root / "content/sources/lada-online.yaml").read_text(encoding="utf-8")


def test_archive_refuses_what_it_cannot_do_and_replaces_nothing(write_tree, run_cli):
    root = write_tree(minimal_tree() | {"saved/amnesty.html": PAGE, "archive/lada.txt": "another document\n"})
    taken = run_cli(*ARCHIVE, "saved/amnesty.html", "--id", "lada")
    assert taken.exit_code == 1
    assert taken.stderr == ("error: archive/lada.txt already exists with other content: choose another id, or check whether "
                            "this source is archived already\n")
    assert (root / "archive/lada.txt").read_text(encoding="utf-8") == "another document\n"
    assert not (root / "content/sources/lada.yaml").exists()
    existing = run_cli(*ARCHIVE, "saved/amnesty.html", "--id", "report")
    assert existing.stderr == "error: content/sources/report.yaml already exists: choose another id, or edit that file\n"
    missing = run_cli(*ARCHIVE, "saved/nothing.html", "--id", "nothing")
    assert missing.stderr == ("error: saved/nothing.html: no such file (give a saved web page, a PDF, a text file or an "
                              "http(s) address)\n")
    (root / "scan.pdf").write_bytes(make_pdf([]))
    scanned = run_cli(*ARCHIVE, "scan.pdf", "--id", "scan")
    assert scanned.stderr == ("error: scan.pdf: no readable text found in the PDF (a scanned PDF holds pictures of text: ask a "
                              "maintainer to archive it, or save the text as a .txt file and pass that)\n")
    (root / "latin1.txt").write_bytes("café".encode("latin-1"))
    encoded = run_cli(*ARCHIVE, "latin1.txt", "--id", "latin")
    assert encoded.stderr == ("error: latin1.txt: not UTF-8 text (byte 0xE9 at offset 3): save it as UTF-8, or pass the web "
                              "page or PDF it came from\n")


def test_an_unreachable_address_says_to_save_the_page(write_tree, run_cli, served_page):
    write_tree(minimal_tree())
    gone = served_page.replace("amnesty.html", "gone.html")
    result = run_cli(*ARCHIVE, gone, "--id", "gone")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {gone}: could not fetch it (the server answered 404 File not found): save the page (Ctrl+S, "
                             "'Web page, complete' or 'HTML only') or the PDF in your browser, and pass the saved file instead\n")


ARCHIVED_IN = {
    "kk": [
        "archive/mvd-letter.txt жазылды",
        "content/sources/mvd-letter.yaml жазылды: құжаттан (мәтін файлы) 128 таңба алынды; онда атауы да, күні де, "
        "жариялаушысы да көрсетілмеген",
        "Тексеріңіз:",
        "  1. archive/mvd-letter.txt файлын түпнұсқамен қатар ашыңыз: онда құжаттың сөздері болуы керек (дәйексөздер осы "
        "мәтінмен салыстырылады, ал олардың айналасындағы мәзір немесе жарнама кедергі келтірмейді).",
        "  2. Құжатта көрсетілмеген мәліметтерді (title, date, publisher, author, url, kind) kk тілінде толтырыңыз; құжатта "
        "жоғын өшіріп, бұл туралы date_note немесе note өрісінде жазыңыз: ештеңені болжамаңыз.",
        "  3. Атауын, жариялаушысын және авторын мына тілдерге аударыңыз: ru және en.",
        "  4. Тексеріңіз: python -m generator validate content/sources/mvd-letter.yaml",
        "  5. archive/mvd-letter.txt файлын дереккөз құжаттарының мұрағатына осы жобадағы тармағыңызбен аттас тармаққа "
        "коммиттеңіз; қалай істеу керегі CONTRIBUTING.kk.md файлында жазылған.",
    ],
    "ru": [
        "записан файл archive/mvd-letter.txt",
        "записан файл content/sources/mvd-letter.yaml: из документа (текстовый файл) извлечено: 128 символов; название, "
        "дата и издатель в документе не указаны",
        "Что нужно проверить:",
        "  1. Откройте archive/mvd-letter.txt рядом с оригиналом: в нем должен быть текст документа (цитаты сверяются "
        "именно с ним; меню и реклама вокруг текста не мешают).",
        "  2. Заполните недостающие поля (title, date, publisher, author, url, kind) на языке документа (kk); если в самом "
        "документе таких сведений нет, удалите поле и укажите это в date_note или note: ничего не додумывайте.",
        "  3. Переведите название, издателя и автора на другие языки: ru и en.",
        "  4. Проверьте запись: python -m generator validate content/sources/mvd-letter.yaml",
        "  5. Закоммитьте archive/mvd-letter.txt в архив документов-источников, в ветку с тем же именем, что и ваша ветка в "
        "этом проекте; как это сделать, описано в CONTRIBUTING.ru.md.",
    ],
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_archive_reports_what_it_wrote_and_what_to_check_in_the_contributors_language(write_tree, run_cli, language):
    letter = "Қазақстан Республикасы Ішкі істер министрлігі.\nСотталған әйелдерге рақымшылық жасау туралы хатыңызды қарап, мынаны хабарлаймыз.\n"
    write_tree(minimal_tree() | {"letter.txt": letter})
    result = run_cli("--language", language, *ARCHIVE, "letter.txt", "--id", "mvd-letter")
    assert result.exit_code == 0, result.stderr
    assert result.lines == ARCHIVED_IN[language]
