"""Checks that a value is plausible, beyond its type: dates that exist, texts that say something, quotes long enough.

The schemas check the shape of each value; these checks need more than a pattern:
a calendar, the current date, or the text after its white space is folded.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from . import LANGUAGES
from .deceptive_text import is_blank
from .errors import Problem
from .load import Document, KeyPath, format_key_path
from .quotes import normalise_text
from .settings import LIMITS
from .voice import Message, t

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_plausible(document: Document, today: datetime.date | None = None) -> list[Problem]:
    """Every implausible value in a document whose top level is a mapping."""
    today = today or datetime.datetime.now(datetime.UTC).date()
    problems: list[Problem] = []

    def add(key_path: KeyPath, message: Message) -> None:
        problems.append(Problem(document.locate(key_path), format_key_path(key_path), message))

    for key_path, text in _strings(document.data):
        if text and is_blank(text) and key_path and key_path[-1] in LANGUAGES:  # "" is the schema's to report ("is empty")
            add(key_path, t("is blank: write the text or remove the key"))
        elif len(key_path) >= 2 and key_path[-2] == "quote" and 0 < len(normalise_text(text)) < LIMITS.quote_characters:
            add(key_path, t("the quote has fewer than {limit} characters, too few to show where it stands in the source "
                            "(Limits.quote_characters in generator/settings.py): quote more of the source's words",
                            limit=LIMITS.quote_characters))
    for key_path, value, may_be_future in _dates(document):
        problem = date_problem(value, today if not may_be_future else None)
        if problem:
            add(key_path, problem)
    return problems


def date_problem(value: str, latest: datetime.date | None) -> Message | None:
    """Why a YYYY-MM-DD, YYYY-MM or YYYY date cannot be right, or None; the schema has checked its form."""
    match = _PARTIAL_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        first_possible = datetime.date(year, month or 1, day or 1)
    except ValueError:
        return t("'{value}' is not a date in the calendar: check the day and the month", value=value)
    if latest is not None and first_possible > latest:
        return t("'{value}' is in the future (today is {today}): a source cannot be dated later than today", value=value,
                 today=latest.isoformat())
    return None


def _dates(document: Document) -> Iterator[tuple[KeyPath, str, bool]]:
    """Each date with its key path, and whether it may lie in the future (a value may name a date to come)."""
    data = document.data
    if document.kind == "sources" and isinstance(data.get("date"), str):
        yield ("date",), data["date"], False
    values = data.get("values") if document.kind == "facts" else None
    for index, value in enumerate(values if isinstance(values, list) else []):
        if not isinstance(value, dict):
            continue
        if isinstance(value.get("date"), str):
            yield ("values", index, "date"), value["date"], True
        period = value.get("period")
        for end in ("start", "end"):
            if isinstance(period, dict) and isinstance(period.get(end), str):
                yield ("values", index, "period", end), period[end], True


def _strings(data: Any, key_path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, str):
        yield key_path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, key_path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, key_path + (index,))
