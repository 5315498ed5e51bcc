"""YAML syntax errors in plain words: which mistake, on which line, and how to write it instead.

libyaml reports where its parser gave up ("did not find expected key"), which is often a line after the
mistake and in words only a programmer reads. The common mistakes of a hand-edited record are recognised
here from the text around that place; libyaml's own words follow as a detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .voice import Message, t

_KEY_WITHOUT_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):([^\s/].*)$")
_DOUBLE_QUOTE_ENDED_EARLY = re.compile(r'(?:^|[:\-\[{,]\s*)"[^"\\]*"[ \t]*[^\s,}\]#]')
_LIST_ITEM = re.compile(r"^(\s*)-(\s|$)")


@dataclass(frozen=True)
class SyntaxMistake:
    """A mistake found in the text: where (line and column from 1), what is wrong and what to do."""

    line: int
    column: int
    message: Message


def explain_syntax_error(text: str, problem: str, problem_line: int, problem_column: int,
                         context: tuple[int, int] | None) -> SyntaxMistake | None:
    """The mistake behind libyaml's error, or None when it is none of the common ones.

    problem_line, problem_column and the context's (line, column) count from 0, as libyaml's marks do.
    """
    lines = text.split("\n")
    context_line = context[0] if context else None
    first = min(problem_line, context_line if context_line is not None else problem_line)
    last = min(problem_line, len(lines) - 1)
    candidates = range(max(first, 0), last + 1)
    for number in candidates:
        tab = _leading_tab(lines[number])
        if tab is not None:
            return SyntaxMistake(number + 1, tab + 1, t("a tab character: indent with spaces, never with tabs"))
    for number in candidates:
        tab = lines[number].find("\t")
        if tab >= 0 and "cannot start any token" in problem:
            return SyntaxMistake(number + 1, tab + 1, t("a tab character: YAML allows only spaces here; replace the tab with a space"))
    for number in reversed(candidates):
        match = _KEY_WITHOUT_SPACE.match(lines[number])
        if match and "http" not in match.group(3)[:6]:
            key, value = match.group(2), match.group(3)
            return SyntaxMistake(number + 1, len(match.group(1)) + len(key) + 1,
                                 t("no space after the colon of '{key}': write '{key}: {value}'", key=key, value=value.strip()))
    if "mapping values are not allowed" in problem and problem_line < len(lines):
        line = lines[problem_line]
        key = line.split(":", 1)[0].strip().lstrip("- ")
        second_colon = line.find(":", line.find(": ") + 1)
        if line.find(": ") >= 0 and second_colon >= 0:
            return SyntaxMistake(problem_line + 1, second_colon + 1,
                                 t("a colon followed by a space inside a text that is not in quotes: put the whole text "
                                   "of '{key}' in double quotes", key=key))
        indentation = len(line) - len(line.lstrip(" "))
        return SyntaxMistake(problem_line + 1, indentation + 1,
                             t("'{key}' is indented under a key that already has a value: line it up with the keys around it",
                               key=key))
    for number in reversed(candidates):
        match = _DOUBLE_QUOTE_ENDED_EARLY.search(lines[number])
        if match and _in_a_quote(lines, number):  # a verbatim quote keeps the source's own marks
            return SyntaxMistake(number + 1, match.end() - 1,
                                 t('a straight quote " inside a text in double quotes ends the text there: a quote keeps '
                                   "the source's marks, so put the whole text in single quotes ('...') and leave the \" "
                                   "as it is"))
        if match:
            return SyntaxMistake(number + 1, match.end() - 1,
                                 t('a straight quote " inside a text in double quotes ends the text there: write the inner '
                                   "quotes as « » (or “ ”), or put the whole text in single quotes ('...')"))
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        closing = "}" if "'}'" in problem else "]"
        return SyntaxMistake(problem_line + 1, problem_column + 1,
                             t("the entries between {opening} and {closing} are separated by commas: add the missing comma "
                               "before this entry, or the closing {closing}", opening="{" if closing == "}" else "[", closing=closing))
    if "expected a single document" in problem:
        return SyntaxMistake(problem_line + 1, problem_column + 1,
                             t("a second '---' starts another record: keep one record per file and delete this line"))
    shifted = _shifted_list_item(lines, problem_line)
    if shifted:
        return shifted
    if "end of stream" in problem and "quoted scalar" in problem:
        start_line, start_column = context or (problem_line, problem_column)
        return SyntaxMistake(start_line + 1, start_column + 1,
                             t("a text opened with a quote is never closed: add the closing quote at its end"))
    return None


_QUOTE_KEY = re.compile(r"^\s*(?:-\s+)?quote:")


def _in_a_quote(lines: list[str], number: int) -> bool:
    """Whether line `number` is a citation's quote: `quote: {en: "..."}`, or a language under `quote:`."""
    if _QUOTE_KEY.match(lines[number]):
        return True
    indentation = len(lines[number]) - len(lines[number].lstrip(" "))
    for above in range(number - 1, -1, -1):
        line = lines[above]
        if line.strip() and len(line) - len(line.lstrip(" ")) < indentation:
            return bool(_QUOTE_KEY.match(line))
    return False


def _leading_tab(line: str) -> int | None:
    """The column (from 0) of a tab in the line's indentation, or None."""
    indentation = re.match(r"^[ \t]*", line)
    assert indentation is not None
    position = indentation.group().find("\t")
    return position if position >= 0 else None


def _shifted_list_item(lines: list[str], problem_line: int) -> SyntaxMistake | None:
    """A '-' indented differently from the list item above it."""
    if problem_line >= len(lines):
        return None
    match = _LIST_ITEM.match(lines[problem_line])
    if not match:
        return None
    column = len(match.group(1))
    for above in range(problem_line - 1, -1, -1):
        other = _LIST_ITEM.match(lines[above])
        if other and len(other.group(1)) != column:
            return SyntaxMistake(problem_line + 1, column + 1,
                                 t("this list item starts at column {column}, the one above at column {above}: "
                                   "line up the '-' of every item of a list", column=column + 1, above=len(other.group(1)) + 1))
        if other:
            return None
    return None
