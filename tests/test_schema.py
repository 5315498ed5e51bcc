"""The compiled schema check (fastjsonschema) accepts exactly what jsonschema accepts.

Valid records skip jsonschema, so a record the compiled check wrongly let through would never be reported.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import fastjsonschema
import pytest
import yaml

from generator.schema import fast_schema_check, schema_validator
from generator.settings import load_settings

REPLACEMENTS: list[Any] = [None, 7, 1.5, True, "", "x", "2026-13", [], ["x", "x"], {}, {"kk": ""}, {"xx": "y"}]


def mutations(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every value of the record replaced in turn by each of REPLACEMENTS; every key removed; an unknown key added."""
    if isinstance(data, dict):
        yield path + ("<unknown key>",), {**data, "unknown": 1}
        for key, value in data.items():
            yield path + (key, "<removed>"), {other: item for other, item in data.items() if other != key}
            for child_path, child in mutations(value, path + (key,)):
                yield child_path, {**data, key: child}
    elif isinstance(data, list):
        for index, value in enumerate(data[:2]):
            for child_path, child in mutations(value, path + (index,)):
                yield child_path, [*data[:index], child, *data[index + 1:]]
    for replacement in REPLACEMENTS:
        yield path + (repr(replacement),), copy.deepcopy(replacement)


def compiled_accepts(kind: str, data: Any) -> bool:
    try:
        fast_schema_check(kind)(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@pytest.mark.parametrize("kind", ["topic", "fact", "source", "entity"])
def test_the_compiled_check_agrees_with_jsonschema_on_records_and_their_mutations(kind):
    folder = load_settings().content / f"{kind}s" if kind != "entity" else load_settings().content / "entities"
    records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))[:2]]
    validator = schema_validator(kind)
    checked = 0
    for record in records:
        assert compiled_accepts(kind, record)
        for path, variant in mutations(record):
            expected = validator.is_valid(variant)
            assert compiled_accepts(kind, variant) == expected, (path, expected)
            checked += 1
    assert checked > 300
