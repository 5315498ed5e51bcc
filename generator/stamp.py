"""Record that a record's translations are up to date: write the original's hash under translated_from.

The file is edited as text, not re-serialised, so that its comments, quoting and key order stay
as the contributor wrote them: the old translated_from block is removed and a new one is written
right after the written_in line.
"""

from __future__ import annotations

from pathlib import Path

from .errors import GeneratorError, display_path
from .languages import LANGUAGES, listed
from .load import format_key_path, load_document
from .record_kinds import KINDS
from .translation import LANGUAGE_NAMES, missing_texts, original_hash


def stamp_file(path: Path, languages: list[str] | None = None) -> dict[str, str]:
    """Record the current original's hash for each complete translation (or for languages); return what was written."""
    shown = display_path(path, None)
    if path.parent.name not in KINDS or path.suffix != ".yaml":
        raise GeneratorError(f"{shown}: not a content file: give a path such as content/facts/ID.yaml")
    if not path.is_file():
        raise GeneratorError(f"{shown}: no such file")
    document, problems = load_document(path.parent.name, path)
    if document is None or not isinstance(document.data, dict):
        reason = problems[0].format_text() if problems else f"{shown}: not a record"
        raise GeneratorError(f"{reason}\nfix the file first, then stamp it")
    data = document.data
    original = data.get("written_in")
    if original not in LANGUAGES:
        choices = listed([f"'written_in: {LANGUAGES[0]}'", *(f"'{code}'" for code in LANGUAGES[1:])], "or")
        raise GeneratorError(f"{shown}: no written_in: add {choices} (the language the record is written in), then stamp it")
    if languages:
        for language in languages:
            if language == original:
                raise GeneratorError(f"{shown}: {language} is the original language (written_in), not a translation")
            missing = missing_texts(data, language)
            if missing:
                raise GeneratorError(f"{shown}: the {LANGUAGE_NAMES[language]} translation is incomplete: add "
                                     + ", ".join(format_key_path(key_path) for key_path in missing))
        chosen = languages
    else:
        chosen = [language for language in LANGUAGES if language != original and not missing_texts(data, language)]
    recorded = dict(data.get("translated_from") or {})
    digest = original_hash(data)
    recorded.update({language: digest for language in chosen})
    text = path.read_text(encoding="utf-8")
    path.write_text(_rewrite(text, {language: recorded[language] for language in LANGUAGES if language in recorded}),
                    encoding="utf-8")
    return {language: digest for language in chosen}


def _rewrite(text: str, recorded: dict[str, str]) -> str:
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("translated_from:"):
            skipping = True
            continue
        if skipping and (line[:1] in (" ", "\t") or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    block = ["translated_from:\n"] + [f"  {language}: \"{digest}\"\n" for language, digest in recorded.items()]
    if not recorded:
        block = []
    for index, line in enumerate(kept):
        if line.startswith("written_in:"):
            return "".join(kept[:index + 1] + block + kept[index + 1:])
    return "".join(kept)  # unreachable for a record with written_in

