"""The messages the validator can print, extracted from the code: what the guides must explain.

A message is the text given to a Problem (or to the helpers that make one: `add`, `problem`, `_report`,
`SyntaxMistake`), returned by a function that words a problem (`..._problem`, `explain_...`, `compare_numbers`,
`_describe`), or held in a table of hints. Its placeholders are shown as '…'.
"""

from __future__ import annotations

import ast
from pathlib import Path

from generator.settings import PACKAGE_ROOT

# Every module of the package: a check added in a module of its own is found too.
MODULES = tuple(sorted(path.name for path in PACKAGE_ROOT.glob("*.py")))
# Where the message stands among a call's arguments.
MESSAGE_ARGUMENT = {"Problem": 2, "self.add": 2, "add": 1, "_report": 2, "problem": 1, "SyntaxMistake": 2}
HINT_TABLES = ("_PATTERN_HINTS", "_EMPTY_HINTS")


def render(node: ast.AST) -> str | None:
    """The text of a string or f-string, with '…' for each placeholder; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "…" for part in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return render(node.func.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = render(node.left), render(node.right)
        return (left or "…") + (right or "…") if left or right else None
    return None


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Attribute):
        return f"self.{call.func.attr}" if call.func.attr == "add" else call.func.attr
    return getattr(call.func, "id", "")


def _words_a_problem(function: ast.FunctionDef) -> bool:
    """A function whose returned texts are (parts of) messages."""
    name = function.name
    return name.endswith("_problem") or name.startswith("explain_") or name in ("compare_numbers", "_describe", "_type_hint")


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
