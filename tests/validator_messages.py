"""The messages the validator can print, extracted from the code: what the guides must explain.

A message is the text given to a Problem (or to the helpers that make one: `add`, `problem`, `_report`,
`SyntaxMistake`), returned by a function that words a problem (`..._problem`, `explain_...`, `compare_numbers`,
`_describe`), or held in a table of hints; each is written `t("...")` or `tn("...", "...", n)` (generator/voice.py),
and its id is the English text with {named} fields, which `shown` words in a language with '…' for each field.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

from generator.catalogs import load_catalog
from generator.i18n import COMMANDS_TEMPLATE_FILE
from generator.settings import PACKAGE_ROOT
from generator.voice import DOMAIN

# The plural of each message that has one, as the template records it.
with COMMANDS_TEMPLATE_FILE.open("rb") as _template:
    PLURALS = {entry.id[0]: entry.id[1] for entry in read_po(_template) if isinstance(entry.id, tuple)}

# Every module of the package: a check added in a module of its own is found too.
MODULES = tuple(sorted(path.name for path in PACKAGE_ROOT.glob("*.py")))
# Where the message stands among a call's arguments.
MESSAGE_ARGUMENT = {"Problem": 2, "self.add": 2, "add": 1, "_report": 2, "problem": 1, "SyntaxMistake": 2}
HINT_TABLES = ("_PATTERN_HINTS", "_EMPTY_HINTS")


def render(node: ast.AST) -> str | None:
    """The message id of a `t(...)` or `tn(...)` call (generator/voice.py); None for anything else."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("t", "tn") and node.args:
        text = node.args[0]
        if isinstance(text, ast.Constant) and isinstance(text.value, str):
            return text.value
    return None


def shown(message: str, language: str = "en") -> str:
    """A message id as the validator prints it in language, with '…' for each field."""
    if language == "en":
        template = message
    else:
        catalog = load_catalog(language, DOMAIN)
        plural = PLURALS.get(message)
        template = catalog.ngettext(message, plural, 1) if plural else catalog.gettext(message)
    return FIELD.sub("…", template).replace("{{", "{").replace("}}", "}")


FIELD = re.compile(r"(?<!\{)\{\w+\}(?!\})")


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Attribute):
        return f"self.{call.func.attr}" if call.func.attr == "add" else call.func.attr
    return getattr(call.func, "id", "")


def _words_a_problem(function: ast.FunctionDef) -> bool:
    """A function whose returned texts are (parts of) messages."""
    name = function.name
    return name.endswith("_problem") or name.startswith("explain_") or name in ("compare_numbers", "_describe", "_type_hint", "_yaml_syntax_error", "_tag_not_allowed", "_not_quoted")


def extract_messages(source: str, with_refusals: bool = False) -> list[str]:
    tree = ast.parse(source)
    messages: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in MESSAGE_ARGUMENT and len(node.args) > MESSAGE_ARGUMENT[name]:
                text = render(node.args[MESSAGE_ARGUMENT[name]])
                if text and text.strip("…"):
                    messages.append(text)
            if name == "GeneratorError" and node.args and with_refusals:  # validate FILE... refusing a file
                text = render(node.args[0])
                if text:
                    messages.append(text)
        elif isinstance(node, ast.FunctionDef) and _words_a_problem(node):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    text = render(inner.value)
                    if text and text.strip("…") and " " in text:
                        messages.append(text)
        elif isinstance(node, ast.Assign) and any(getattr(target, "id", "") in HINT_TABLES for target in node.targets):
            assert isinstance(node.value, ast.Dict)
            messages += [text for value in node.value.values if (text := render(value))]
    return messages


def validator_messages() -> list[str]:
    """Every message, in the order of the modules and of the code."""
    found: list[str] = []
    for module in MODULES:
        source = (PACKAGE_ROOT / module).read_text(encoding="utf-8")
        if module == "cli.py":  # only what validate FILE... says
            start = source.index("def _content_files")
            source = source[start:source.index("\ndef ", start + 1)]
        found += [message for message in extract_messages(source, with_refusals=module == "cli.py") if message not in found]
    return found


if __name__ == "__main__":
    for message in validator_messages():
        print(message)
    print(len(validator_messages()), Path(__file__).name)
