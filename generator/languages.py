"""The site's languages: one row each, and everything that differs between them.

Adding a language is a row here, an interface catalog (generator/locales/<code>/), and a
theme partial when Material has none (theme/partials/languages/<code>.html); a test checks that
the schemas, the command line, the theme and the catalogs all follow this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .voice import Message, t

_SPACES = "[ \u00a0\u202f]"
# Thousands grouped with a space and a decimal comma (15 970; 5,8), as Kazakh and Russian write them.
_SPACE_GROUPED = re.compile(rf"(?<!\w)(\d{{1,3}}(?:{_SPACES}\d{{3}})+(?!\d)|\d+)(?:,(\d+))?")
# Thousands grouped with a comma, or a space as some English sources do, and a decimal point.
_COMMA_GROUPED = re.compile(rf"(?<!\w)(\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d{{1,3}}(?:{_SPACES}\d{{3}})+(?!\d)|\d+)(?:\.(\d+))?")


@dataclass(frozen=True)
class Language:
    code: str
    """ISO 639-1 code: the folder of the language's site, its catalog and its texts' key in the YAML."""
    name: Message
    """The language's name in messages to contributors, in their language."""
    quote_marks: tuple[str, str]
    """The quotation marks around a quote on the language's pages."""
    number_pattern: re.Pattern[str]
    """A written number: group 1 the whole part (with its grouping), group 2 the decimals."""
    qualifier_cases: dict[str, str] = field(default_factory=dict)
    """Qualifiers that the language writes as a case ending on the quantity's last word (see kazakh.py)."""


LANGUAGE_TABLE: tuple[Language, ...] = (
    Language("kk", t("Kazakh"), ("«", "»"), _SPACE_GROUPED,
             {"more-than": "ablative", "older-than": "ablative", "up-to": "dative"}),
    Language("ru", t("Russian"), ("«", "»"), _SPACE_GROUPED),
    Language("en", t("English"), ("\u201c", "\u201d"), _COMMA_GROUPED),
)

LANGUAGES: tuple[str, ...] = tuple(language.code for language in LANGUAGE_TABLE)
"""The codes in the site's order: the order of the language switcher, the open data and every report."""

MESSAGE_LANGUAGE = "en"
"""The language of the interface catalogs' message ids (an untranslated English message shows its id)."""

_BY_CODE = {language.code: language for language in LANGUAGE_TABLE}


def language(code: str) -> Language:
    return _BY_CODE[code]
