"""Interface translations (gettext catalogs managed with Babel) and locale-aware formatting."""

from __future__ import annotations

import datetime
from decimal import Decimal, localcontext
from functools import lru_cache

from babel.dates import format_date, format_skeleton
from babel.messages.frontend import CommandLineInterface
from babel.numbers import format_compact_decimal, format_decimal
from babel.support import Translations

from .catalogs import LOCALE_DIR, catalog_path, load_catalog
from .errors import GeneratorError
from .settings import PACKAGE_ROOT
from .voice import DOMAIN as COMMANDS_DOMAIN
from .voice import SOURCE_LANGUAGE, t

TEMPLATE_FILE = LOCALE_DIR / "messages.pot"
COMMANDS_TEMPLATE_FILE = LOCALE_DIR / f"{COMMANDS_DOMAIN}.pot"
DOMAIN = "messages"
CATALOG_WIDTH = 100  # the catalogs' line width, kept by every command so that their diffs show real changes


def load_translations(language: str, domain: str = DOMAIN) -> Translations:
    """The site's catalog for language (or another domain's)."""
    try:
        return load_catalog(language, domain)
    except OSError as error:
        message = t("{file}: cannot read the interface catalog ({reason})", file=catalog_path(language, domain), reason=error.strerror)
        # Without the commands' catalog no message can be worded in language: this one is in English.
        raise GeneratorError(message.render(SOURCE_LANGUAGE) if domain == COMMANDS_DOMAIN else message) from error


def run_catalog_command(action: str) -> None:
    """extract: templates and code -> the .pot of each domain; update: .pot -> each .po; compile: .po -> .mo.

    The site's domain gathers `_`/`gettext`/`ngettext` from the templates and the code; the commands' domain
    gathers `t`/`tn` (generator/voice.py) from the code. English needs no catalog of the commands.
    """
    common = ["--no-location", "--sort-output", "--project", "penal-policy-kb", "--width", str(CATALOG_WIDTH)]
    commands = {
        "extract": [["extract", "--mapping-file", str(PACKAGE_ROOT / "babel.cfg"), "--output-file", str(TEMPLATE_FILE),
                     "--keywords", "_ gettext ngettext:1,2 gettext_noop", *common, str(PACKAGE_ROOT)],
                    ["extract", "--mapping-file", str(PACKAGE_ROOT / "babel-commands.cfg"), "--no-default-keywords",
                     "--output-file", str(COMMANDS_TEMPLATE_FILE), "--keywords", "t tn:1,2", *common, str(PACKAGE_ROOT)]],
        "update": [["update", "--input-file", str(TEMPLATE_FILE), "--output-dir", str(LOCALE_DIR), "--no-fuzzy-matching",
                    "--width", str(CATALOG_WIDTH)],
                   ["update", "--input-file", str(COMMANDS_TEMPLATE_FILE), "--output-dir", str(LOCALE_DIR),
                    "--domain", COMMANDS_DOMAIN, "--no-fuzzy-matching", "--width", str(CATALOG_WIDTH)]],
        "compile": [["compile", "--directory", str(LOCALE_DIR), "--statistics"],
                    ["compile", "--directory", str(LOCALE_DIR), "--domain", COMMANDS_DOMAIN, "--statistics"]],
    }
    for arguments in commands[action]:
        CommandLineInterface().run(["pybabel", *arguments])


@lru_cache(maxsize=4096, typed=True)  # typed: 1 and 1.0 are formatted apart
def format_number(number: float | int, language: str) -> str:
    """15970 -> '15 970' (kk, ru) or '15,970' (en); millions and billions in the short form ('5,8 млн').

    Beyond the largest short form (trillions) and below a thousandth, where Babel's decimal arithmetic
    fails or rounds to 0, the number is written with a power of ten: '1,5 × 10¹⁵', '2,5 × 10⁻⁷'.
    """
    if number and not SMALLEST_PLAIN <= abs(number) < LARGEST_PLAIN:
        return format_power_of_ten(number, language)
    if abs(number) >= 1_000_000:
        return format_compact_decimal(number, locale=language, format_type="long", fraction_digits=1)
    return format_decimal(number, locale=language)


# The English site writes dates as British English does, day before month ('4 March 2026'), like its texts;
# CLDR's plain 'en' is American ('March 4, 2026'). Numbers are the same in both.
DATE_LOCALES = {"en": "en_GB"}


def format_long_date(date: datetime.date, language: str) -> str:
    """datetime.date(2026, 3, 4) -> '4 March 2026' (en), '4 марта 2026 г.' (ru), '2026 ж. 4 наурыз' (kk)."""
    return format_date(date, "long", locale=DATE_LOCALES.get(language, language))


@lru_cache(maxsize=4096)
def format_partial_date(value: str, language: str) -> str:
    """'2026-03-04' -> '4 марта 2026 г.'; '2026-03' -> 'март 2026 г.'; '2017' -> '2017'."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return format_long_date(datetime.date(*parts), language)
    if len(parts) == 2:
        return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=DATE_LOCALES.get(language, language))
    return str(parts[0])


LARGEST_PLAIN = 10**15
SMALLEST_PLAIN = Decimal("0.001")
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def format_power_of_ten(number: float | int, language: str) -> str:
    """The number to three significant digits times a power of ten, with the language's decimal sign."""
    exact = Decimal(number) if isinstance(number, int) else Decimal(repr(number))
    exponent = exact.adjusted()
    with localcontext() as context:
        context.prec = 3
        mantissa = exact.scaleb(-exponent) + 0  # '+ 0' rounds to the context's three digits
        if abs(mantissa) >= 10:  # 9.999 rounded up to 10.0
            mantissa, exponent = mantissa.scaleb(-1) + 0, exponent + 1
    return f"{format_decimal(mantissa.normalize(), locale=language)} × 10{str(exponent).translate(_SUPERSCRIPTS)}"
