"""Check records against the JSON Schemas in generator/schemas/, in words a contributor can act on."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:  # jsonschema is imported only when a record is invalid: valid content never needs it
    import jsonschema
    from referencing import Registry

from .errors import Problem
from .languages import LANGUAGES
from .load import Document, KeyPath, format_key_path
from .settings import PACKAGE_ROOT
from .voice import Message, listed, t, tn

SCHEMA_DIR = PACKAGE_ROOT / "schemas"

_TYPE_NAMES = {
    "string": t("text"), "integer": t("a whole number"), "number": t("a number"), "boolean": t("true or false"),
    "array": t("a list"), "object": t("a mapping of keys to values"), "null": t("nothing"),
}
_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": t("is not a valid id: use lowercase ASCII letters, digits and single hyphens"),
    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$": t("is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, in quotes"),
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": t("is not a day: write YYYY-MM-DD, in quotes"),
    "^https?://\\S+$": t("is not a web address: it must start with http:// or https:// and hold no spaces"),
    "^[0-9a-f]{64}$": t("is not a SHA-256: let 'python -m generator archive' write it, or write the 64 lowercase hex digits"),
    "^[^/\\\\]+$": t("must be a file name inside the archive folder, without folders"),
    "^[0-9a-f]{8}$": t("is not a translation hash: run 'python -m generator stamp FILE' to record it"),
}

_EMPTY_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": t("write an id (lowercase letters, digits and hyphens)"),
    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$": t("write the date as \"YYYY-MM-DD\", or remove the key"),
    "^https?://\\S+$": t("write the address, or remove the key"),
    "^[0-9a-f]{64}$": t("write the SHA-256 of the archived file ('python -m generator archive' writes it)"),
    "^[^/\\\\]+$": t("write the name of the archived file"),
}


@lru_cache(maxsize=1)
def _registry() -> Registry:
    from referencing import Registry, Resource

    resources = []
    for path in SCHEMA_DIR.glob("*.schema.json"):
        resources.append((path.name, Resource.from_contents(_read_schema(path.name))))
    return Registry().with_resources(resources)


@lru_cache(maxsize=8)
def schema_validator(record_kind: str) -> jsonschema.Draft202012Validator:
    import jsonschema

    schema = _read_schema(f"{record_kind}.schema.json")
    schema["$id"] = f"{record_kind}.schema.json"
    return jsonschema.Draft202012Validator(schema, registry=_registry())


@lru_cache(maxsize=8)
def fast_schema_check(record_kind: str) -> Callable[[Any], Any]:
    """The schema compiled to Python code (fastjsonschema): says only whether a record is valid, about 50 times faster.

    jsonschema then explains the few records that are not, in the words of _describe.
    """
    schema = _inline_references(_read_schema(f"{record_kind}.schema.json"), f"{record_kind}.schema.json")
    return fastjsonschema.compile(schema, use_default=False, detailed_exceptions=False)


def _read_schema(name: str) -> dict[str, Any]:
    return _python_patterns(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def _python_patterns(node: Any) -> Any:
    """The schema with each pattern's final '$' written '\\Z'.

    The files hold ECMA-262 patterns, as JSON Schema and editors read them, where '$' ends the text. Python's
    '$' also matches before a final line break, so 'abc\\n' would pass as an id and 'https://x\\n' as an address.
    """
    if isinstance(node, list):
        return [_python_patterns(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _python_patterns(value) for key, value in node.items()}
    pattern = node.get("pattern")
    if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$"):
        converted["pattern"] = pattern[:-1] + "\\Z"
    return converted


def _ecma_pattern(pattern: str) -> str:
    """The pattern as the schema file writes it."""
    return pattern[:-2] + "$" if pattern.endswith("\\Z") else pattern


def _inline_references(node: Any, file: str) -> Any:
    """The schema with every '$ref' (to its own $defs or another file's) replaced by what it points at."""
    if isinstance(node, list):
        return [_inline_references(item, file) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target_file, _, pointer = node["$ref"].partition("#")
        target_file = target_file or file
        target: Any = _read_schema(target_file)
        for part in pointer.strip("/").split("/"):
            target = target[part]
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        return {**_inline_references(target, target_file), **_inline_references(siblings, file)}
    return {key: _inline_references(value, file) for key, value in node.items() if key != "$defs"}


def check_schema(document: Document) -> list[Problem]:
    """Every schema violation in the document, one problem each, sorted by position."""
    try:
        fast_schema_check(document.record_kind)(document.data)
        return []
    except fastjsonschema.JsonSchemaValueException:
        pass  # invalid: let jsonschema find and explain every violation
    validator = schema_validator(document.record_kind)
    problems: list[Problem] = []
    for error in validator.iter_errors(document.data):
        problems.extend(_describe(document, error))
    # 'required' reports each missing key once per error: keep one of each message.
    return list(dict.fromkeys(problems))


def _describe(document: Document, error: jsonschema.ValidationError) -> list[Problem]:
    path: KeyPath = tuple(error.absolute_path)
    instance: Any = error.instance
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator

    def problem(at: KeyPath, message: Message) -> Problem:
        return Problem(document.locate(at), format_key_path(at), message)

    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = [key for key in instance if key not in allowed]
        return [problem(path + (key,), t("unknown key '{key}' {hint}", key=key, hint=_suggest(key, allowed, ALLOWED_KEYS)))
                for key in unknown]
    if kind == "required" and "then" in error.schema_path and "translated_from" in instance:
        return [problem(path + ("translated_from",), t("translated_from needs 'written_in': add written_in, "
                                                       "the language the record is written in"))]
    if kind == "required":
        missing = error.validator_value
        return [problem(path, t("missing required key '{key}': add it", key=name)) for name in missing if name not in instance]
    if kind == "type":
        wanted = error.validator_value
        wanted_names = listed([_TYPE_NAMES.get(name, name) for name in ([wanted] if isinstance(wanted, str) else wanted)], "or")
        return [problem(path, t("expected {wanted}, found {found}{hint}", wanted=wanted_names, found=_describe_value(instance),
                                hint=_type_hint(wanted, instance)))]
    if kind == "enum":
        choices = [str(choice) for choice in error.validator_value]
        return [problem(path, t("'{value}' is not allowed here {hint}", value=instance,
                                hint=_suggest(str(instance), choices, ALLOWED_VALUES)))]
    if kind == "pattern" and instance == "":  # one message for an empty field, as for an empty text
        hint = _EMPTY_HINTS.get(_ecma_pattern(error.validator_value))
        if hint is None:
            hint = t("write the value")
        return [problem(path, t("is empty: {hint}", hint=hint))]
    if kind == "pattern":
        pattern = _ecma_pattern(error.validator_value)
        hint = _PATTERN_HINTS.get(pattern) or t("does not match the pattern {pattern}", pattern=pattern)
        return [problem(path, t("'{value}' {hint}", value=instance, hint=hint))]
    if kind == "minItems":
        if path and path[-1] == "citations":
            return [problem(path, t("no citations: every claim needs at least one citation with a source and a verbatim quote"))]
        return [problem(path, tn("the list needs at least {count} item", "the list needs at least {count} items",
                                 error.validator_value))]
    if kind == "minLength":
        return [problem(path, t("is empty: write the text or remove the key"))]
    if kind == "minProperties":
        return [problem(path, t("is empty: give the text under {languages}", languages=listed(LANGUAGES)))]
    if kind == "uniqueItems":
        return [problem(path, t("lists the same item twice: remove the repetition"))]
    return [problem(path, t("{detail}", detail=error.message))]  # a check the schemas do not use today


def _type_hint(wanted: str | list[str], instance: Any) -> Message | str:
    """What to do when YAML read a value as the wrong type: yes/no are true/false, 141 is a number, "141" is text."""
    wanted_types = [wanted] if isinstance(wanted, str) else wanted
    if "string" in wanted_types and isinstance(instance, (bool, int, float)):
        return t(": put it in quotes to keep it as text")
    if {"integer", "number"} & set(wanted_types) and isinstance(instance, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", instance):
        return t(": write the figure without quotes")
    return ""


def _describe_value(value: Any) -> Message:
    if isinstance(value, bool):
        return t("'{value}'", value=str(value).lower())
    if value is None:
        return t("nothing (an empty value)")
    if isinstance(value, (int, float)):
        return t("the number {value}", value=value)
    if isinstance(value, str):
        return t("the text '{value}'", value=value)
    if isinstance(value, list):
        return t("a list")
    return t("a mapping")


ALLOWED_KEYS, ALLOWED_VALUES = "keys", "values"


def _suggest(word: str, choices: list[str], label: str) -> Message:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return t("(did you mean '{suggestion}'?)", suggestion=close[0])
    if label == ALLOWED_KEYS:
        return t("(allowed keys: {choices})", choices=", ".join(choices))
    return t("(allowed values: {choices})", choices=", ".join(choices))


def suggest_id(word: str, choices: list[str]) -> Message | str:
    """A '(did you mean ...?)' suffix for an unknown id, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return t(" (did you mean '{suggestion}'?)", suggestion=close[0]) if close else ""
