"""Load the content folder: YAML files into plain data, remembering where every value stands.

PyYAML's C loader composes each file into nodes; the nodes are then turned into
plain Python data by hand, so that every key path keeps its line and column,
duplicate keys are reported (PyYAML would silently keep the last one) and no
tag can construct a Python object. Dates stay strings: the schemas check them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problem

KINDS = ("topics", "facts", "sources", "entities")
SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/schemas/{kind}.schema.json"
SINGULAR = {"topics": "topic", "facts": "fact", "sources": "source", "entities": "entity"}

try:
    YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    YamlLoader = yaml.SafeLoader

KeyPath = tuple[str | int, ...]

_SCALARS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:null": type(None),
    "tag:yaml.org,2002:timestamp": str,
}


@dataclass(eq=False)
class Document:
    """One content file: its data and the location of every key path in it; equal only to itself."""

    kind: str  # "topics", "facts", "sources" or "entities"
    path: Path
    data: Any
    first_line: str = ""
    _locations: dict[KeyPath, Location] | None = field(default=None, repr=False)

    @property
    def record_kind(self) -> str:
        return SINGULAR[self.kind]

    @property
    def locations(self) -> dict[KeyPath, Location]:
        """Where each key path stands. Most files have no problem to place, so the file is read for them only when asked."""
        if self._locations is None:
            self._locations = locate_key_paths(self.path)
        return self._locations

    def locate(self, key_path: KeyPath) -> Location:
        """The location of key_path, or of its nearest enclosing value that has one."""
        path = tuple(key_path)
        while path not in self.locations and path:
            path = path[:-1]
        return self.locations.get(path, Location(self.path))


def format_key_path(key_path: KeyPath) -> str:
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_content(root: Path) -> tuple[list[Document], list[Problem]]:
    """Read every record under root; return the documents that parsed and every problem met."""
    documents: list[Document] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem(Location(root), "", "content folder not found (pass --content DIR)")]
    for kind in KINDS:
        for path in sorted((root / kind).glob("*")):
            if path.is_dir():
                problems.append(Problem(Location(path), "", f"folders inside {kind}/ are not read: move the files up into {kind}/"))
                continue
            if path.suffix != ".yaml":
                problems.append(Problem(Location(path), "", f"not a content file: name it '{path.stem}.yaml' or move it out of {kind}/"))
                continue
            document, found = load_document(kind, path)
            problems.extend(found)
            # A file that did not parse still stands for its id, so references to it are not reported too.
            documents.append(document or Document(kind, path, None))
    for path in sorted(root.iterdir()):
        if path.is_dir() and path.name not in KINDS and not path.name.startswith("."):
            problems.append(Problem(Location(path), "", f"unknown folder '{path.name}': records go in {', '.join(KINDS)}", "warning"))
    return documents, problems


def load_document(kind: str, path: Path) -> tuple[Document | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(Location(path), "", f"not UTF-8 text (byte {error.start}): save the file as UTF-8")]
    try:
        node = yaml.compose(text, Loader=YamlLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        reason = " ".join(filter(None, [error.context, error.problem]))
        return None, [Problem(location, "", f"YAML syntax error: {reason} (check indentation and quotes)")]
    except yaml.YAMLError as error:
        return None, [Problem(Location(path), "", f"YAML syntax error: {error}")]
    if node is None:
        return None, [Problem(Location(path), "", "the file is empty: write the record or delete the file")]
    builder = _DataBuilder(path, record_locations=False)
    data = builder.build(node, ())
    first_line = text.split("\n", 1)[0].strip()
    return Document(kind, path, data, first_line), builder.problems


def locate_key_paths(path: Path) -> dict[KeyPath, Location]:
    """The location of every key path in a file that parsed before; empty if it no longer does."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=YamlLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if node is None:
        return {}
    builder = _DataBuilder(path, record_locations=True)
    builder.build(node, ())
    return builder.locations


class _DataBuilder:
    def __init__(self, path: Path, record_locations: bool) -> None:
        self.path = path
        self.record_locations = record_locations
        self.locations: dict[KeyPath, Location] = {}
        self.problems: list[Problem] = []

    def _location(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        if self.record_locations:
            self.locations[key_path] = self._location(node)
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problems.append(Problem(self._location(node), format_key_path(key_path),
                                             f"YAML tag '{node.tag}' is not allowed: remove it and write a plain value"))
                return None
            return [self.build(item, key_path + (index,)) for index, item in enumerate(node.value)]
        if node.tag not in _SCALARS:
            self.problems.append(Problem(self._location(node), format_key_path(key_path),
                                         f"YAML tag '{node.tag}' is not allowed: remove it and write a plain value"))
            return None
        assert isinstance(node, yaml.ScalarNode)
        return _construct_scalar(node)

    def _build_mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self.problems.append(Problem(self._location(node), format_key_path(key_path),
                                         f"YAML tag '{node.tag}' is not allowed: remove it and write a plain value"))
            return {}
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self._location(key_node), format_key_path(key_path),
                                             "merge keys ('<<') are not allowed: write the keys out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self._location(key_node), format_key_path(key_path),
                                             "a key must be plain text"))
                continue
            key = str(key_node.value)
            child_path = key_path + (key,)
            if key in seen:
                first_line = seen[key].start_mark.line + 1
                self.problems.append(Problem(self._location(key_node), format_key_path(child_path),
                                             f"duplicate key '{key}' (first at line {first_line}): keep one of them"))
                continue
            seen[key] = key_node
            result[key] = self.build(value_node, child_path)
            if self.record_locations:
                # Point at the key rather than the value: that is where a contributor looks.
                self.locations[child_path] = self._location(key_node)
        return result


def _construct_scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    kind = _SCALARS[node.tag]
    if kind is str:
        return value
    if kind is type(None):
        return None
    if kind is bool:
        return value.lower() in ("yes", "true", "on")
    if kind is int:
        return yaml.constructor.SafeConstructor.construct_yaml_int(_CONSTRUCTOR, node)
    return yaml.constructor.SafeConstructor.construct_yaml_float(_CONSTRUCTOR, node)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
