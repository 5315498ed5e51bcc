"""Numbers in running text, read the way each language writes them.

Kazakh and Russian group thousands with a space (15 970) and write a decimal
comma (5,8); English groups with a comma (15,970), or a space as some English
sources do, and writes a decimal point.
A number followed by a word such as 'тысяч', 'мың', 'million' or 'млрд' is
multiplied out, so '2 тысяч', '2 мың' and '2,000' are the same number.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .languages import language as language_row
from .voice import Message, join, t

# A number word after a figure multiplies it; the first word that matches counts, as in this order.
_MULTIPLIER = re.compile(r"\s*(?:(тысяч|тыс\.|мың|thousand)|(миллион|млн|million)|(миллиард|млрд|billion))", re.IGNORECASE)
_FACTORS = (Decimal(1_000), Decimal(1_000_000), Decimal(1_000_000_000))
_GROUPING = str.maketrans("", "", " ,\u00a0\u202f")


def extract_numbers(text: str, language: str) -> list[Decimal]:
    """Every number in text, in order, multiplied out by a following number word."""
    numbers = []
    for match in language_row(language).number_pattern.finditer(text):
        whole = match.group(1).translate(_GROUPING)
        number = Decimal(f"{whole}.{match.group(2)}" if match.group(2) else whole)
        word = _MULTIPLIER.match(text, match.end())
        if word:
            number *= _FACTORS[(word.lastindex or 1) - 1]
        numbers.append(number.normalize())
    return numbers


def format_numbers(numbers: list[Decimal]) -> Message | str:
    return ", ".join(f"{number:f}" for number in sorted(numbers)) or t("no numbers")


def compare_numbers(texts: dict[str, str]) -> Message | None:
    """None when every language holds the same numbers, else a description of the difference."""
    found = {language: sorted(extract_numbers(text, language)) for language, text in texts.items()}
    if len({tuple(numbers) for numbers in found.values()}) <= 1:
        return None
    listing = join([t("{language}: {numbers}", language=language, numbers=format_numbers(numbers))
                    for language, numbers in found.items()], "; ")
    return t("the numbers differ between languages ({listing}): write the same numbers in each language", listing=listing)
