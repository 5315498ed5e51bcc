"""Text that deceives: characters that change how a text reads without showing, look-alikes, spreadsheet formulas.

- Bidirectional controls (U+202A-U+202E, U+2066-U+2069) reorder what a reader sees: an English statement
  holding U+202E 12 U+202C shows 21 while every check reads 12. Other invisible format characters
  (U+200B-U+200F, U+2060-U+2064, U+FEFF inside a text, ...) hide inside words and ids. None of Kazakh,
  Russian or English needs them, so a text holding one is refused (`invisible_character_problem`).
- A text made only of invisible characters or fillers (U+3164 HANGUL FILLER, U+2800 BRAILLE PATTERN BLANK)
  says nothing: it counts as blank (`is_blank`).
- Messages name what the contributor typed; a Cyrillic 'о' inside a Latin word looks exactly like an 'o'.
  `visible` writes such characters, and every invisible one, as <U+043E>.
- A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula. As OWASP
  recommends (CSV Injection), such a cell gets a leading apostrophe, and every text cell is quoted
  (`spreadsheet_cell`).
"""

from __future__ import annotations

import re
import unicodedata

from .voice import Message, t

# Format characters (category Cf) no text of this site needs; the soft hyphen (U+00AD) stays, as hyphenation.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
                        "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
# Characters that draw nothing though Unicode calls them letters or symbols.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u00ad\u034f")


def invisible_character_problem(text: str) -> Message | None:
    """Why a text may not hold an invisible format character, or None."""
    match = _INVISIBLE.search(text)
    if match is None:
        return None
    return t("the invisible character {character} (character {position} of the text) is not allowed: it changes how the "
             "text reads or matches without showing; delete it", character=code_point(match.group()), position=match.start() + 1)


def is_blank(text: str) -> bool:
    """Nothing a reader would see: white space, invisible format characters and fillers only."""
    return all(character.isspace() or character in _FILLERS or unicodedata.category(character) in ("Cf", "Zs", "Mn")
               for character in text)


def code_point(character: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" {name}" if name else "")


_WORD = re.compile(r"\w+")


def visible(text: str) -> str:
    """text with every invisible character, and every letter of another script inside a word, written as <U+XXXX>."""
    text = _WORD.sub(_escape_mixed_word, text)
    return "".join(f"<U+{ord(character):04X}>" if _hidden(character) else character for character in text)


def _hidden(character: str) -> bool:
    if character == " ":
        return False
    return character in _FILLERS or unicodedata.category(character) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zs", "Zl", "Zp")


def _escape_mixed_word(match: re.Match[str]) -> str:
    """A word mixing scripts ('repоrt', Latin with a Cyrillic о) shows the letters outside its main script escaped."""
    word = match.group()
    scripts = [_script(character) for character in word]
    counted = {script: scripts.count(script) for script in scripts if script}
    if len(counted) < 2:
        return word
    main = max(counted, key=lambda script: (counted[script], script == "LATIN"))
    return "".join(f"<U+{ord(character):04X}>" if script and script != main else character
                   for character, script in zip(word, scripts, strict=True))


def _script(character: str) -> str | None:
    """The script of a letter, as the first word of its Unicode name ('LATIN', 'CYRILLIC', 'GREEK'); None for others."""
    if not character.isalpha():
        return None
    return unicodedata.name(character, " ").split(" ")[0] or None


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A text cell a spreadsheet cannot run as a formula: a leading apostrophe when it starts like one."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
