"""Check citation quotes against the archived copies of their sources."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path


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
