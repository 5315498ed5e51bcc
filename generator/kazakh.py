"""Kazakh case endings for 'more than N' and 'up to N', which Kazakh writes with a suffix on the last word.

The ending follows the last word's final sound and vowel harmony: 2 000 адам → адамнан астам,
12 жас → жастан асқан, 5,8 млн теңге → теңгеге дейін. A quantity that ends in digits takes the
ending of the number's last spoken word (400 → төрт жүз → 400-ден).
"""

from __future__ import annotations

import re

_BACK_VOWELS = set("аоұыяё")
_FRONT_VOWELS = set("әеөүіэи")
_VOICELESS = set("кқпстфхцчшщ")

# The spoken form of a number's last non-zero part, enough to choose its ending.
_UNITS = {1: "бір", 2: "екі", 3: "үш", 4: "төрт", 5: "бес", 6: "алты", 7: "жеті", 8: "сегіз", 9: "тоғыз"}
_TENS = {1: "он", 2: "жиырма", 3: "отыз", 4: "қырық", 5: "елу", 6: "алпыс", 7: "жетпіс", 8: "сексен", 9: "тоқсан"}


def _last_spoken_word(number: int) -> str:
    if number == 0:
        return "нөл"
    for size, word in ((10**9, "миллиард"), (10**6, "миллион"), (1000, "мың")):
        if number % size == 0:
            return word
    if number % 100 == 0:
        return "жүз"
    if number % 10 == 0:
        return _TENS[(number // 10) % 10]
    return _UNITS[number % 10]


def _is_back(word: str) -> bool:
    for letter in reversed(word.lower()):
        if letter in _BACK_VOWELS:
            return True
        if letter in _FRONT_VOWELS:
            return False
    return True


def ablative(word: str) -> str:
    """The ending of 'from': -дан/-ден, -нан/-нен, -тан/-тен."""
    last = word.lower()[-1]
    if last in "мнң":
        stem = "н"
    elif last in _VOICELESS or last in "бвгд":
        stem = "т"
    else:
        stem = "д"
    return stem + ("ан" if _is_back(word) else "ен")


def dative(word: str) -> str:
    """The ending of 'to': -ға/-ге, -қа/-ке."""
    last = word.lower()[-1]
    back = _is_back(word)
    if last in _VOICELESS or last in "бвгд":
        return ("қ" if back else "к") + ("а" if back else "е")
    return ("ғ" if back else "г") + ("а" if back else "е")


def with_case(quantity: str, case: str) -> str:
    """Add the case ending to the last word of a formatted quantity ('2 000 адам', '400', '5,8 млн теңге')."""
    ending = ablative if case == "ablative" else dative
    match = re.search(r"([^\W\d_]+)$", quantity)
    if match:
        word = match.group(1)
        if word == "млн":
            word = "миллион"
        elif word == "млрд":
            word = "миллиард"
        return quantity + ending(word)
    digits = re.sub(r"\D", "", quantity.split(",")[0])
    word = _last_spoken_word(int(digits)) if digits else "нөл"
    return f"{quantity}-{ending(word)}"
