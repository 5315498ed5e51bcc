"""Record that a record's translations are up to date: write the original's hash under translated_from.

The file is edited as text, not re-serialised, so that its comments, quoting and key order stay
as the contributor wrote them: the old translated_from block is removed and a new one is written
right after the written_in line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from .errors import GeneratorError, display_path
from .languages import LANGUAGES
from .load import format_key_path, load_document
from .record_kinds import KINDS
from .translation import LANGUAGE_NAMES, missing_texts, number_differences, original_hash
from .voice import listed, t


def stamp_file(path: Path, languages: list[str] | None = None, content: Path | None = None) -> dict[str, str]:
    """Record the current original's hash for each complete translation (or for languages); return what was written.

    Only a file the loader reads is edited: a regular .yaml file, not a symbolic link, directly in a record folder
    of the content folder (content, when given), itself no symbolic link.
    """
    shown = display_path(path, None)
    check_stampable(path, content)
    document, problems = load_document(path.parent.name, path)
    errors = [problem for problem in problems if problem.severity == "error"]
    if document is None or not isinstance(document.data, dict) or errors:
        reason = errors[0].format_text() if errors else t("{file}: not a record", file=shown)
        raise GeneratorError(t("{problem}\nfix the file first, then stamp it", problem=reason))
    data = document.data
    original = data.get("written_in")
    if original not in LANGUAGES:
        choices = listed([f"'written_in: {LANGUAGES[0]}'", *(f"'{code}'" for code in LANGUAGES[1:])], "or")
        raise GeneratorError(t("{file}: no written_in: add {choices} (the language the record is written in), then stamp it",
                               file=shown, choices=choices))
    if languages:
        for language in languages:
            if language == original:
                raise GeneratorError(t("{file}: {code} is the original language (written_in), not a translation",
                                       file=shown, code=language))
            missing = missing_texts(data, language)
            if missing:
                raise GeneratorError(t("{file}: the {language} translation is incomplete: add {keys}", file=shown,
                                       language=LANGUAGE_NAMES[language],
                                       keys=", ".join(format_key_path(key_path) for key_path in missing)))
        chosen = languages
    else:
        chosen = [language for language in LANGUAGES if language != original and not missing_texts(data, language)]
    _check_same_numbers(data, path.parent.name, [original, *chosen], shown)
    recorded = dict(data.get("translated_from") or {})
    digest = original_hash(data)
    recorded.update({language: digest for language in chosen})
    recorded = {language: recorded[language] for language in LANGUAGES if language in recorded}
    text = path.read_bytes().decode("utf-8")  # bytes: read_text would turn CRLF line ends into LF
    rewritten = _rewrite(text, recorded)
    _check_rewritten(path, rewritten, recorded)
    if rewritten != text:
        path.write_bytes(rewritten.encode("utf-8"))
    return {language: digest for language in chosen}


def _check_same_numbers(data: dict, kind: str, languages: list[str], shown: str) -> None:
    """Refuse to stamp a translation whose numbers differ from the original's: it cannot be up to date.
    A quote's translation follows the quote, not the original, and is left out."""
    for key_path, difference in number_differences(data, kind, languages, with_quotes=False):
        raise GeneratorError(t("{file}: {key}: {difference}; a translation with other numbers is not up to date: "
                               "correct it, then stamp it", file=shown, key=format_key_path(key_path), difference=difference))


def check_stampable(path: Path, content: Path | None) -> None:
    """Refuse (GeneratorError) a file the loader would not read as a record."""
    shown = display_path(path, None)
    if path.parent.name not in KINDS or path.suffix != ".yaml":
        raise GeneratorError(t("{file}: not a content file: give a path such as {example}", file=shown,
                               example="content/facts/ID.yaml"))
    if path.is_symlink():
        raise GeneratorError(t("{file}: a symbolic link: the generator neither reads nor writes through links; "
                               "put the file itself in the content folder", file=shown))
    if not path.exists():
        raise GeneratorError(t("{file}: no such file", file=shown))
    if not path.is_file():
        raise GeneratorError(t("{file}: not a regular file: replace it with a YAML text file", file=shown))
    if path.parent.is_symlink():
        raise GeneratorError(t("{file}: {folder}/ is a symbolic link: make it a folder inside the content folder",
                               file=shown, folder=path.parent.name))
    if content is not None and os.path.realpath(path.parent.parent) != os.path.realpath(content):
        raise GeneratorError(t("{file}: not in the content folder {folder}: stamp the records of that folder, "
                               "or pass --content DIR", file=shown, folder=display_path(content, None)))


def _check_rewritten(path: Path, text: str, recorded: dict[str, str]) -> None:
    """The rewritten text must hold exactly the hashes meant, and still be the same record otherwise."""
    before = yaml.safe_load(path.read_bytes().decode("utf-8"))
    try:
        after = yaml.safe_load(text)
    except yaml.YAMLError:
        after = None
    expected = dict(before, translated_from=recorded) if recorded else before
    if after != expected:
        raise GeneratorError(t("{file}: cannot place translated_from in this file: write 'written_in:' and "
                               "'translated_from:' as plain keys at the start of a line, as '{command}' does, then stamp it",
                               file=display_path(path, None), command="python -m generator new"))


_TOP_KEY = re.compile(r"""(["']?)([A-Za-z_]+)\1[ \t]*:(?=[ \t\r\n]|$)""")


def _rewrite(text: str, recorded: dict[str, str]) -> str:
    """The text with its translated_from block (a top-level key, quoted or not) replaced by recorded, after written_in."""
    lines = text.splitlines(keepends=True)
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    kept: list[str] = []
    skipping = False
    for line in lines:
        key = _TOP_KEY.match(line)
        if key and key.group(2) == "translated_from":
            skipping = True
            continue
        if skipping and (line[:1] in (" ", "\t") or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    block = [f"translated_from:{ending}"] + [f"  {language}: \"{digest}\"{ending}" for language, digest in recorded.items()]
    if not recorded:
        block = []
    for index, line in enumerate(kept):
        key = _TOP_KEY.match(line)
        if key and key.group(2) == "written_in":
            if not line.endswith(("\n", "\r")):
                kept[index] = line + ending
            return "".join(kept[:index + 1] + block + kept[index + 1:])
    return "".join(kept)
