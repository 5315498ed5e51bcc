"""`python -m generator archive FILE|URL --id ID`: a new source in one step.

Takes a saved web page, a PDF or a text file (or fetches an address), extracts its readable text
(trafilatura for web pages, pypdf for PDFs), writes that text into the archive folder as ID.txt
beside the original, and writes content/sources/ID.yaml with the text's SHA-256 and whatever the
document states about itself (title, date, publisher, author, address). What it does not state is
left as "" for the contributor to fill in: nothing is guessed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import LANGUAGES
from .errors import GeneratorError, display_path
from .scaffold import check_new_record, render_new_record
from .voice import Message, figure, listed, t, tn

MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")


@dataclass
class ExtractedDocument:
    """The readable text of a document and what it states about itself; None where it states nothing."""

    text: str
    form: Message  # "web page", "PDF" or "text file"
    original_suffix: str | None  # ".html" or ".pdf": the original is archived beside the text; None for a text file
    original: bytes = b""
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    pages: int | None = None
    notes: list[Message] = field(default_factory=list)


def archive_source(location: str, record_id: str, content: Path, archive: Path, language: str | None) -> str:
    """Archive the document at location (a file or an http(s) address) as source record_id; return the report,
    in the current language."""
    path = check_new_record(content, "source", record_id)
    document = _read_document(location)
    if not document.text.strip():
        raise GeneratorError(t("{location}: no readable text found in the {form} (a scanned PDF holds pictures of text: "
                               "ask a maintainer to archive it, or save the text as a .txt file and pass that)",
                               location=location, form=document.form))
    language = language or _guess_language(document.text)
    text_file = archive / f"{record_id}.txt"
    data = document.text.encode("utf-8")
    archive.mkdir(parents=True, exist_ok=True)
    written = [_write_new(text_file, data)]
    if document.original_suffix:
        written.append(_write_new(archive / f"{record_id}{document.original_suffix}", document.original))
    digest = hashlib.sha256(data).hexdigest()
    filled = {"title": document.title, "publisher": document.publisher, "author": document.author}
    record = render_new_record("source", record_id, language, {
        "languages": [language],
        "texts": {key: {language: json.dumps(value, ensure_ascii=False)} for key, value in filled.items() if value},
        "date": json.dumps(document.date) if document.date else '""',
        "url": json.dumps(document.url) if document.url else '""',
        "file": text_file.name,
        "sha256": digest,
        "note": False,  # rarely needed: left out rather than left empty
    })
    path.write_text(record, encoding="utf-8")
    return _report(document, record_id, language, path, [file for file in written if file], text_file)


def _write_new(path: Path, data: bytes) -> Path | None:
    """Write data to path; an identical file is kept as it is, a different one is never replaced."""
    if path.exists():
        if path.read_bytes() == data:
            return None
        raise GeneratorError(t("{file} already exists with other content: choose another id, "
                               "or check whether this source is archived already", file=display_path(path, None)))
    path.write_bytes(data)
    return path


def _report(document: ExtractedDocument, record_id: str, language: str, record: Path, written: list[Path], text_file: Path) -> str:
    shown = display_path(record, None)
    stated = [name for name, value in (("title", document.title), ("date", document.date), ("publisher", document.publisher),
                                       ("author", document.author), ("url", document.url)) if value]
    missing = [name for name in ("title", "date", "publisher", "author", "url") if name not in stated]
    characters = len(document.text)
    size = tn("{number} character", "{number} characters", characters, number=figure(characters))
    if document.pages:
        size = tn("{characters} from {count} page", "{characters} from {count} pages", document.pages, characters=size)
    lines: list[Message] = [t("wrote {file}", file=_shown(file)) for file in written]
    if stated:  # the names of the record's keys, as the file writes them
        lines.append(t("wrote {file}: the {form} gave {size}; it states its {keys}", file=shown, form=document.form, size=size,
                       keys=", ".join(stated)))
    else:
        lines.append(t("wrote {file}: the {form} gave {size}; it states no title, date or publisher", file=shown,
                       form=document.form, size=size))
    lines += [t("note: {note}", note=note) for note in document.notes]
    lines.append(t("Check:"))
    steps = [t("Open {file} beside the original: it must hold the document's words (quotes are checked against it, and menus "
               "or advertising around them do no harm).", file=_shown(text_file))]
    if stated:
        steps.append(t("Compare {keys} in {file} with the document; they are as the document states them.",
                       keys=", ".join(stated), file=shown))
    steps.append(t("Fill in what the document does not state ({keys}), in {language}; delete what it does not have and say so "
                   "in date_note or note: never guess.", keys=", ".join([*missing, "kind"]), language=language))
    steps.append(t("Translate the title, publisher and author into {languages}.",
                   languages=listed(other for other in LANGUAGES if other != language)))
    steps.append(t("Check it: {command}", command=f"python -m generator validate {shown}"))
    if document.original_suffix:  # a web page or a PDF is kept beside the text taken from it
        steps.append(t("Commit {file} (and the original) to the archive of source documents on a branch named like this "
                       "project's branch; CONTRIBUTING.md says how.", file=_shown(text_file)))
    else:
        steps.append(t("Commit {file} to the archive of source documents on a branch named like this project's branch; "
                       "CONTRIBUTING.md says how.", file=_shown(text_file)))
    return "\n".join([*(str(line) for line in lines), *(f"  {number}. {step}" for number, step in enumerate(steps, 1))])


def _shown(path: Path) -> str:
    """A path as typed from the working directory: the archive folder usually lies outside it (../shared/seeds)."""
    shown = display_path(path, None)
    return os.path.relpath(path) if os.path.isabs(shown) else shown


# --- reading a document ---------------------------------------------------------------


def _read_document(location: str) -> ExtractedDocument:
    if re.match(r"^https?://", location):
        data, content_type, url = _fetch(location)
    else:
        path = Path(location)
        if not path.is_file():
            raise GeneratorError(t("{location}: no such file (give a saved web page, a PDF, a text file or an http(s) address)",
                                   location=location))
        data, content_type, url = path.read_bytes(), "", None
    kind = _kind(location, data, content_type)
    if kind == "pdf":
        document = _read_pdf(data, location)
    elif kind == "html":
        document = _read_html(data, location, url)
    else:
        document = _read_text(data, location)
    if url and not document.url:
        document.url = url
    return document


def _fetch(url: str) -> tuple[bytes, str, str]:
    request = urllib.request.Request(url, headers={"User-Agent": "penal-policy-kb-archive"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
            final_url = response.geturl()
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason: Message | str
        if isinstance(error, urllib.error.HTTPError):
            reason = t("the server answered {code} {status}", code=error.code, status=error.reason)
        else:
            reason = str(getattr(error, "reason", None) or error)
        raise GeneratorError(t("{address}: could not fetch it ({reason}): save the page (Ctrl+S, 'Web page, complete' or "
                               "'HTML only') or the PDF in your browser, and pass the saved file instead",
                               address=url, reason=reason)) from error
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise GeneratorError(t("{address}: larger than {megabytes} MB: save the document and pass the file", address=url,
                               megabytes=MAX_DOWNLOAD_BYTES // (1024 * 1024)))
    return data, content_type, final_url


def _kind(location: str, data: bytes, content_type: str) -> str:
    if data.startswith(b"%PDF") or "pdf" in content_type or location.lower().endswith(".pdf"):
        return "pdf"
    head = data[:2048].lstrip().lower()
    if "html" in content_type or location.lower().endswith((".html", ".htm")) or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _read_text(data: bytes, location: str) -> ExtractedDocument:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GeneratorError(t("{location}: not UTF-8 text (byte 0x{byte} at offset {offset}): save it as UTF-8, "
                               "or pass the web page or PDF it came from", location=location, byte=f"{data[error.start]:02X}",
                               offset=error.start)) from error
    return ExtractedDocument(_tidy(text), t("text file"), None)


def _read_html(data: bytes, location: str, url: str | None) -> ExtractedDocument:
    import trafilatura

    html = trafilatura.utils.decode_file(data)
    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=True,
                                            favor_recall=True, date_extraction_params={"extensive_search": False,
                                                                                       "original_date": True})
    if extracted is None:
        raise GeneratorError(t("{location}: no article text found in the web page: save the page's text as a .txt file "
                               "and pass that", location=location))
    metadata = extracted if isinstance(extracted, dict) else extracted.as_dict()
    date = metadata.get("date")
    return ExtractedDocument(
        _tidy(metadata.get("text") or ""), t("web page"), ".html", data,
        title=_clean(metadata.get("title")), date=date if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None,
        publisher=_clean(metadata.get("sitename")), author=_clean(metadata.get("author")), url=_clean(metadata.get("url")) or url)


def _read_pdf(data: bytes, location: str) -> ExtractedDocument:
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise GeneratorError(t("{location}: cannot read the PDF ({error}): check that the file opens in a PDF reader",
                               location=location, error=str(error))) from error
    title = _clean(info.title) if info else None
    author = _clean(info.author) if info else None
    notes = [t("a PDF's own date is when the file was made, not the document's date: take the date from the document's text")]
    return ExtractedDocument(_tidy("\n\n".join(pages)), t("PDF"), ".pdf", data, title=title, author=author, pages=len(pages),
                             notes=notes)


def _tidy(text: str) -> str:
    """Line ends as \\n, no trailing spaces, one final line break."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip() + "\n"


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _guess_language(text: str) -> str:
    """kk when the text has letters only Kazakh uses, ru when it is Cyrillic, else en; --language overrides it."""
    cyrillic = len(_CYRILLIC.findall(text))
    kazakh = len(_KAZAKH_LETTERS.findall(text))  # these letters are not Russian: a few mark a Kazakh text
    if kazakh >= 3 and kazakh * 50 >= cyrillic:
        return "kk"
    return "ru" if cyrillic > len(text) / 4 else "en"
