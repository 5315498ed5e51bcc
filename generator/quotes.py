"""Check citation quotes against the archived copies of their sources."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .voice import Message, t


def normalise_text(text: str) -> str:
    """NFC, with every run of white space folded to one space: extracted PDFs break lines anywhere."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def read_archived(path: Path) -> tuple[str, str]:
    """The normalised text of an archived file and the SHA-256 of its bytes."""
    data = path.read_bytes()
    return normalise_text(data.decode("utf-8")), hashlib.sha256(data).hexdigest()


def quote_occurs(quote: str, archived_text: str) -> bool:
    return normalise_text(quote) in archived_text


def closest_passage(quote: str, archived_text: str) -> str:
    """The longest prefix of the quote found in the text, to show where the copy goes wrong."""
    wanted = normalise_text(quote)
    low, high = 0, len(wanted)
    while low < high:
        middle = (low + high + 1) // 2
        if wanted[:middle] in archived_text:
            low = middle
        else:
            high = middle - 1
    return wanted[:low]


_QUOTE_MARKS = str.maketrans({mark: '"' for mark in "«»“”„‟\"″"} | {mark: "'" for mark in "‘’‚‛′`"})
_OMISSION = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.)\s*")
_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)[-\u00ad‐] (?=\w)")


def explain_mismatch(quote: str, archived_text: str) -> Message:
    """Where the match of a quote in the archived text stops, its likely cause, and what to do."""
    wanted = normalise_text(quote)
    found = closest_passage(quote, archived_text)
    if found:
        where = t("the source matches only up to '…{matched}', then the quote has '{differs}'", matched=found[-40:],
                  differs=wanted[len(found):][:20])
    else:
        where = t("the source has no passage that starts with '{start}'", start=wanted[:30])
    if wanted.translate(_QUOTE_MARKS) in archived_text.translate(_QUOTE_MARKS):
        return t("{where}; the quotation marks differ from the source's (« », “ ”, \" and ' are different characters): "
                 "copy the marks exactly as the archived copy writes them", where=where)
    parts = [part for part in _OMISSION.split(wanted) if part]
    if len(parts) > 1 and _in_order(parts, archived_text):
        marker = _OMISSION.search(wanted)
        assert marker is not None
        return t("{where}; the quote leaves words out ('{marker}') and each part is in the source, but a quote must be one "
                 "unbroken passage: quote the words in between too, or make each part a citation of its own",
                 where=where, marker=marker.group().strip())
    if wanted in _LINE_BREAK_HYPHEN.sub("", archived_text):
        broken = _broken_word(wanted, archived_text)
        if broken:
            return t("{where}; the archived copy breaks a word at a line end with a hyphen ('{word}'): copy the word as the "
                     "archived copy writes it, hyphen and space included, or quote the words before or after it",
                     where=where, word=broken)
        return t("{where}; the archived copy breaks a word at a line end with a hyphen: copy the word as the archived copy "
                 "writes it, hyphen and space included, or quote the words before or after it", where=where)
    if not found:
        return t("{where}: check that the quote is from this source, and copy its first words exactly", where=where)
    return t("{where}: copy the words exactly as the source writes them", where=where)


def _in_order(parts: list[str], text: str) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def _broken_word(wanted: str, archived_text: str) -> str:
    """'пред- ставлений': the first broken word of the archived copy that the quote holds whole, or ''."""
    for match in re.finditer(r"\w+[-\u00ad‐] \w+", archived_text):
        if _LINE_BREAK_HYPHEN.sub("", match.group()) in wanted:
            return match.group()
    return ""
