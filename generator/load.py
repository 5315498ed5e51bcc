"""Load the content folder: YAML files into plain data, remembering where every value stands.

PyYAML's C loader composes each file into nodes; the nodes are then turned into
plain Python data by hand, so that every key path keeps its line and column,
duplicate keys are reported (PyYAML would silently keep the last one) and no
tag can construct a Python object. Dates stay strings: the schemas check them.
Every file is held to the limits in settings.LIMITS (size, nesting, values after
alias expansion, length of texts and numbers) before it can cost much time or memory.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .deceptive_text import invisible_character_problem
from .errors import Location, Problem
from .record_kinds import KINDS, record_kind
from .settings import LIMITS
from .voice import Message, figure, t
from .yaml_errors import explain_syntax_error

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

    kind: str  # "topics", "facts", "sources", "entities" or "terms"
    path: Path
    data: Any
    first_line: str = ""
    _locations: dict[KeyPath, Location] | None = field(default=None, repr=False)
    translation_states: dict[str, str] | None = field(default=None, repr=False)  # kept by translation.document_states

    @property
    def record_kind(self) -> str:
        """The record's kind as messages name it: 'fact'."""
        return record_kind(self.kind).name

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
        return [], [Problem(Location(root), "", t("content folder not found (pass --content DIR)"))]
    if not any((root / kind).is_dir() for kind in KINDS):  # an empty folder, or one such as / or a home folder
        return [], [Problem(Location(root), "", t("not a content folder: it holds none of the record folders {folders} "
                                                  "(pass the content folder with --content DIR)",
                                                  folders=", ".join(kind + "/" for kind in KINDS)))]
    for kind in KINDS:
        if (root / kind).is_symlink():
            problems.append(Problem(Location(root / kind), "", t("{kind}/ is a symbolic link: make it a folder inside the content folder",
                                                                     kind=kind)))
            continue
        for path in sorted((root / kind).glob("*")):
            if path.is_symlink():  # it could name any file on the machine that builds the site
                problems.append(Problem(Location(path), "", t("symbolic links are not read: put the file itself here")))
                continue
            if path.is_dir():
                problems.append(Problem(Location(path), "", t("folders inside {kind}/ are not read: move the files up into {kind}/",
                                                                   kind=kind)))
                continue
            if path.suffix != ".yaml":
                problems.append(Problem(Location(path), "", t("not a content file: name it '{name}.yaml' or move it out of {kind}/",
                                                                   name=path.stem, kind=kind)))
                continue
            if not path.is_file():  # a named pipe or a device would block or never end
                problems.append(Problem(Location(path), "", t("not a regular file: replace it with a YAML text file")))
                continue
            document, found = load_document(kind, path)
            problems.extend(found)
            # A file that did not parse still stands for its id, so references to it are not reported too.
            documents.append(document or Document(kind, path, None))
    for path in sorted(root.iterdir()):
        if path.is_dir() and path.name not in KINDS and not path.name.startswith("."):
            problems.append(Problem(Location(path), "", t("unknown folder '{name}': records go in {folders}", name=path.name,
                                                                 folders=", ".join(KINDS)), "warning"))
        elif path.suffix in (".yaml", ".yml") and not path.is_dir():
            problems.append(Problem(Location(path), "", t("a file directly in the content folder is not read: records go in {folders}",
                                                                 folders=", ".join(KINDS)), "warning"))
    if not documents:  # a build would replace the site with an empty one
        problems.append(Problem(Location(root), "", t("the content folder holds no records: write one, e.g. with "
                                                              "'python -m generator new fact ID'")))
    return documents, problems


def load_document(kind: str, path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one file into a Document, within the limits in settings.LIMITS; None when it cannot be read."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    try:
        check_nesting(text, path)
        node = yaml.compose(text, Loader=YamlLoader)
    except _LimitExceeded as error:
        return None, problems + [error.problem]
    except yaml.MarkedYAMLError as error:
        return None, problems + [_syntax_problem(path, text, error)]
    except yaml.reader.ReaderError as error:
        location = _byte_location(path, text.encode("utf-8"), error.position)
        return None, problems + [Problem(location, "", t("the control character {character} is not allowed: delete it (a text editor "
                                                                   "may show it as a box or not at all)",
                                                                   character=f"U+{error.character:04X}"))]
    except yaml.YAMLError as error:
        return None, problems + [Problem(Location(path), "", _yaml_syntax_error(error))]
    if node is None:
        return None, problems + [Problem(Location(path), "", t("the file is empty: write the record or delete the file"))]
    builder = _DataBuilder(path, record_locations=False)
    try:
        data = builder.build(node, ())
    except _LimitExceeded as error:
        return None, problems + builder.problems + [error.problem]
    first_line = text.split("\n", 1)[0].strip()
    return Document(kind, path, data, first_line), problems + builder.problems


def locate_key_paths(path: Path) -> dict[KeyPath, Location]:
    """The location of every key path in a file that loaded before; empty if it no longer does."""
    text, _ = read_text(path)
    if text is None:
        return {}
    try:
        node = yaml.compose(text, Loader=YamlLoader)
    except yaml.YAMLError:
        return {}
    if node is None:
        return {}
    builder = _DataBuilder(path, record_locations=True)
    try:
        builder.build(node, ())
    except _LimitExceeded:
        return {}
    return builder.locations


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, checked for size and encoding; a byte-order mark is reported and dropped."""
    try:
        size = path.stat().st_size
        if size > LIMITS.file_bytes:
            return None, [Problem(Location(path), "", t("the file has {size} bytes, more than the limit of {limit} (Limits.file_bytes in "
                                                                   "generator/settings.py): keep one record per file and shorten it",
                                                                   size=figure(size), limit=figure(LIMITS.file_bytes)))]
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(Location(path), "", t("cannot read the file ({reason}): check that it exists and is readable",
                                                               reason=error.strerror))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        location = _byte_location(path, data, error.start)
        return None, [Problem(location, "", t("not UTF-8 text (byte {byte} at offset {offset}): save the file as UTF-8",
                                                        byte=f"0x{data[error.start]:02X}", offset=error.start))]
    # YAML counts these as line breaks and editors mostly do not: every line number after one would be wrong.
    unusual = re.search("[\x85\u2028\u2029]", text)
    if unusual:
        before = text[: unusual.start()]
        location = Location(path, before.count("\n") + 1, unusual.start() - before.rfind("\n"))
        return None, [Problem(location, "", t("the unusual line break {character} is not allowed: replace it with an "
                                                        "ordinary line break or a space", character=f"U+{ord(unusual.group()):04X}"))]
    if text.startswith("\ufeff"):
        return text[1:], [Problem(Location(path), "", t("the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM"))]
    return text, []


def _syntax_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error in plain words at the line of the mistake; libyaml's own words as a detail."""
    mark = error.problem_mark or error.context_mark
    reason = " ".join(filter(None, [error.context, error.problem]))
    if mark is None:
        return Problem(Location(path), "", _yaml_syntax_error(reason))
    context = (error.context_mark.line, error.context_mark.column) if error.context_mark else None
    mistake = explain_syntax_error(text, reason, mark.line, mark.column, context)
    if mistake is None:
        return Problem(_mark_location(path, text, mark.line, mark.column), "",
                       _yaml_syntax_error(reason))
    location = Location(path, mistake.line, mistake.column)
    if mistake.line > text.count("\n") + 1:  # past the end, as libyaml may count: the last line
        location = _mark_location(path, text, mistake.line - 1, mistake.column - 1)
    return Problem(location, "", t("{mistake} [YAML: {reason}]", mistake=mistake.message, reason=reason))


def _yaml_syntax_error(reason: object) -> Message:
    return t("YAML syntax error: {reason} (check indentation and quotes)", reason=reason)


def _tag_not_allowed(tag: str) -> Message:
    return t("YAML tag '{tag}' is not allowed: remove it and write a plain value", tag=tag)


def _mark_location(path: Path, text: str, line: int, column: int) -> Location:
    """A libyaml mark as an editor counts it: at the end of the stream libyaml may count a line the file does not have."""
    lines = text.split("\n")
    if line >= len(lines):
        return Location(path, len(lines), len(lines[-1]) + 1)
    return Location(path, line + 1, column + 1)


def _byte_location(path: Path, data: bytes, offset: int) -> Location:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Location(path, before.count(b"\n") + 1, column)


class _LimitExceeded(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def check_nesting(text: str, path: Path) -> None:
    """Refuse nesting deeper than the limit before composing: libyaml's composer recurses once per level."""
    depth = 0
    for event in yaml.parse(text, Loader=YamlLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > LIMITS.depth:
                mark = event.start_mark
                location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
                raise _LimitExceeded(Problem(location, "",
                                             t("values nested more than {limit} levels deep (Limits.depth in "
                                               "generator/settings.py): write the record as content/README.md shows",
                                               limit=LIMITS.depth)))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


class _DataBuilder:
    def __init__(self, path: Path, record_locations: bool) -> None:
        self.path = path
        self.record_locations = record_locations  # every key path, or (to load fast) only the top-level keys
        self.locations: dict[KeyPath, Location] = {}
        self.problems: list[Problem] = []
        self.values = 0

    def _location(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def _report(self, node: yaml.Node, key_path: KeyPath, message: Message) -> None:
        self.problems.append(Problem(self._location(node), format_key_path(key_path), message))

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.values += 1
        if self.values > LIMITS.values:
            # An alias repeats a whole value, so a few lines can stand for billions of values.
            # Report it at the top-level key: the node itself may stand at its anchor, far from the expansion.
            raise _LimitExceeded(Problem(self.locations.get(key_path[:1], self._location(node)), format_key_path(key_path),
                                         t("the file holds more than {limit} values once its aliases (*name) are "
                                           "expanded (Limits.values in generator/settings.py): write the values out without "
                                           "anchors and aliases", limit=figure(LIMITS.values))))
        if self.record_locations or len(key_path) <= 1:
            self.locations[key_path] = self._location(node)
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self._report(node, key_path, _tag_not_allowed(node.tag))
                return None
            return [self.build(item, key_path + (index,)) for index, item in enumerate(node.value)]
        if node.tag not in _SCALARS:
            self._report(node, key_path, _tag_not_allowed(node.tag))
            return None
        assert isinstance(node, yaml.ScalarNode)
        problem = _scalar_problem(node)
        if problem:
            self._report(node, key_path, problem)
            return None
        return _construct_scalar(node)

    def _build_mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self._report(node, key_path, _tag_not_allowed(node.tag))
            return {}
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._report(key_node, key_path, t("merge keys ('<<') are not allowed: write the keys out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._report(key_node, key_path, t("a key must be plain text: write a field name such as 'title', not a list or "
                                                   "a mapping"))
                continue
            problem = _scalar_problem(key_node)
            if problem:
                self._report(key_node, key_path, problem)
                continue
            key = str(key_node.value)
            child_path = key_path + (key,)
            if key in seen:
                first_line = seen[key].start_mark.line + 1
                self._report(key_node, child_path, t("duplicate key '{key}' (first at line {line}): keep one of them",
                                                     key=key, line=first_line))
                continue
            seen[key] = key_node
            result[key] = self.build(value_node, child_path)
            if self.record_locations or len(child_path) <= 1:
                # Point at the key rather than the value: that is where a contributor looks.
                self.locations[child_path] = self._location(key_node)
        return result


# C0 and C1 control characters other than tab and line breaks, lone surrogates and the two non-characters
# that libyaml lets through in "\x00"-style escapes; none belongs in a text, and some cannot be written to a page.
_FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _scalar_problem(node: yaml.ScalarNode) -> Message | None:
    """Why this scalar cannot become a value, or None."""
    value = node.value
    if node.tag == "tag:yaml.org,2002:str":
        match = _FORBIDDEN_CHARACTER.search(value)
        if match:
            return t("the control character {character} (character {position} of the text) is not allowed: delete it "
                     "or the escape that writes it", character=f"U+{ord(match.group()):04X}", position=match.start() + 1)
        invisible = invisible_character_problem(value)
        if invisible:
            return invisible
        if len(value) > LIMITS.text_characters:
            return t("the text has {size} characters, more than the limit of {limit} (Limits.text_characters in "
                     "generator/settings.py): shorten it", size=figure(len(value)), limit=figure(LIMITS.text_characters))
        return None
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        if len(value) > LIMITS.number_characters:
            return t("the number '{start}…' has {size} characters, more than the limit of {limit} "
                     "(Limits.number_characters in generator/settings.py): write the figure the source gives",
                     start=value[:20], size=figure(len(value)), limit=LIMITS.number_characters)
        if node.tag.endswith("float") and not math.isfinite(_construct_scalar(node)):
            return t("'{value}' is not a number a source can give: write the figure", value=value)
    return None


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
