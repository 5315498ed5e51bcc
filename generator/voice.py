"""The language the commands speak: every message of the validator and the command line, in kk, ru or en.

A message is written in English with named fields, `t("'{key}' is not a date", key=value)`, and kept as a
`Message` until it is printed: the same problem is then worded in the contributor's language on the terminal,
in the page's language in the preview, and in all three in a pull request's job summary. The translations are
the gettext catalogs of the `commands` domain (`locales/<language>/LC_MESSAGES/commands.po`), beside the site's
own `messages` domain; `python -m generator i18n extract` gathers the texts marked with `t` and `tn`.

The language is `--language kk|ru|en`, or else the first of LC_ALL, LC_MESSAGES and LANG that is set, as
gettext reads them (`kk_KZ.UTF-8` → kk); anything else is English.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

DOMAIN = "commands"
SOURCE_LANGUAGE = "en"  # the language the messages are written in; it needs no catalog
ENVIRONMENT_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_LIST_LOCALES = {"en": "en_GB"}

_current = [SOURCE_LANGUAGE]


@dataclass(frozen=True)
class Message:
    """A text to translate and the values of its fields; a field may be a Message worded in the same language."""

    text: str
    fields: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    count: int = 0

    def render(self, language: str | None = None) -> str:
        language = language or _current[0]
        if self.plural is None:
            template = _translations(language).gettext(self.text)
        else:
            template = _translations(language).ngettext(self.text, self.plural, self.count)
        values = {name: _render(value, language) for name, value in self.fields.items()}
        return template.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __hash__(self) -> int:  # problems are collected in sets and de-duplicated
        return hash((self.text, self.plural, self.count, tuple((name, repr(value)) for name, value in self.fields.items())))

    def __add__(self, other: object) -> Message:  # a message followed by another, or by plain text
        return Message("{first}{second}", {"first": self, "second": other})

    def __radd__(self, other: object) -> Message:
        return Message("{first}{second}", {"first": other, "second": self})


def t(text: str, /, **fields: object) -> Message:
    """A message to translate: `t("{name}: no such file (check the name)", name=path)`."""
    return Message(text, fields)


def tn(singular: str, plural: str, count: int, /, **fields: object) -> Message:
    """A message whose form follows a number, given to the texts as {count}: Russian has three, Kazakh two."""
    return Message(singular, {"count": count, **fields}, plural, count)


def join(parts: list[Message], separator: str) -> Message:
    """Several messages as one, separated as written ('; ')."""
    return Message(separator.join(f"{{part{index}}}" for index in range(len(parts))),
                   {f"part{index}": part for index, part in enumerate(parts)})


@dataclass(frozen=True)
class Listed:
    """Items as the language lists them: 'kk, ru and en', «kk, ru и en», 'kk, ru және en' (CLDR's list patterns)."""

    items: tuple[object, ...]
    style: Literal["standard", "or"] = "standard"  # "standard" joins with 'and', "or" with 'or'

    def render(self, language: str | None = None) -> str:
        from babel.lists import format_list

        language = language or _current[0]
        texts = [str(_render(item, language)) for item in self.items]
        if language == "kk" and self.style == "standard" and len(texts) > 2:
            # CLDR's Kazakh list ends with a comma ('a, b, c'); Kazakh prose joins the last item with «және».
            return f"{', '.join(texts[:-1])} және {texts[-1]}"
        # British English lists as the site's English does ('a, b or c'), without the American serial comma.
        return format_list(texts, style=self.style, locale=_LIST_LOCALES.get(language, language)) if texts else ""

    def __str__(self) -> str:
        return self.render()


def listed(items: Iterable[object], style: Literal["standard", "or"] = "standard") -> Listed:
    return Listed(tuple(items), style)


@dataclass(frozen=True)
class Figure:
    """A number written as the language writes it: 1,048,576 (en), 1 048 576 (kk, ru)."""

    value: int | float

    def render(self, language: str | None = None) -> str:
        from babel.numbers import format_decimal

        return format_decimal(self.value, locale=language or _current[0])

    def __str__(self) -> str:
        return self.render()


def figure(value: int | float) -> Figure:
    return Figure(value)


def _render(value: object, language: str) -> object:
    """A field's value in language: a message, list or figure is worded; anything else is itself."""
    return value.render(language) if isinstance(value, Message | Listed | Figure) else value


def language() -> str:
    """The language messages are printed in now."""
    return _current[0]


def set_language(code: str) -> None:
    _current[0] = code


@contextlib.contextmanager
def speaking(code: str) -> Iterator[None]:
    """Print messages in language code for the length of a with block."""
    before = _current[0]
    set_language(code)
    try:
        yield
    finally:
        _current[0] = before


def language_from_environment(environment: Mapping[str, str], known: Iterable[str]) -> str:
    """The language LC_ALL, LC_MESSAGES or LANG names, as gettext reads them: the first one set decides.

    'kk_KZ.UTF-8' → kk; 'ru_RU' → ru; 'C', 'POSIX' or a language without a catalog → English.
    """
    for name in ENVIRONMENT_VARIABLES:
        value = environment.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
            return code if code in known else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def _translations(code: str):  # type: ignore[no-untyped-def]  # gettext.NullTranslations or babel's Translations
    if code == SOURCE_LANGUAGE:
        return _ENGLISH
    from .catalogs import load_catalog  # Babel is imported only when a message is worded in another language

    return load_catalog(code, DOMAIN)


class _English:
    """The messages as written: English needs no catalog."""

    @staticmethod
    def gettext(text: str) -> str:
        return text

    @staticmethod
    def ngettext(singular: str, plural: str, count: int) -> str:
        return singular if count == 1 else plural


_ENGLISH = _English()
