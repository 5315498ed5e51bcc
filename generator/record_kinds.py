"""The kinds of record: one row each, read by the loader, the validator, the model, the reports and `new`.

Adding a kind is a row here, its schema (generator/schemas/<name>.schema.json), its objects in
model.py and, if it has pages of its own, a template; `new` offers it once a scaffold exists in
generator/templates/new/<name>.yaml.j2.
"""

from __future__ import annotations

from dataclasses import dataclass

from .settings import PACKAGE_ROOT
from .voice import Message, t


@dataclass(frozen=True)
class RecordKind:
    folder: str
    """The folder under content/ that holds the kind's files: 'facts'."""
    name: str
    """One record of the kind, as messages and the schema's file name say it: 'fact'."""
    page_folder: str | None
    """The folder of the kind's pages in each language's site, or None when a record is shown on another's page."""
    spoken: Message
    """The name in messages to contributors, in their language."""

    @property
    def schema_line(self) -> str:
        """The first line of every file of the kind, which points editors at its schema."""
        return f"# yaml-language-server: $schema=../../generator/schemas/{self.name}.schema.json"

    @property
    def has_scaffold(self) -> bool:
        """Whether `python -m generator new` can write a record of the kind."""
        return (PACKAGE_ROOT / "templates" / "new" / f"{self.name}.yaml.j2").is_file()


RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("topics", "topic", "topics", t("topic")),
    RecordKind("facts", "fact", None, t("fact")),  # on its home topic's page, at its own anchor
    RecordKind("sources", "source", "sources", t("source")),
    RecordKind("entities", "entity", "entities", t("entity")),
    RecordKind("terms", "term", None, t("term")),  # on the glossary page, at its own anchor
)

KINDS: tuple[str, ...] = tuple(kind.folder for kind in RECORD_KINDS)
"""The content folders, in the order they are loaded and reported."""

_BY_FOLDER = {kind.folder: kind for kind in RECORD_KINDS}
_BY_NAME = {kind.name: kind for kind in RECORD_KINDS}


def record_kind(folder: str) -> RecordKind:
    return _BY_FOLDER[folder]


def record_kind_named(name: str) -> RecordKind:
    return _BY_NAME[name]


def scaffold_kinds() -> list[str]:
    """The names `new` accepts: the kinds that have a scaffold."""
    return [kind.name for kind in RECORD_KINDS if kind.has_scaffold]
