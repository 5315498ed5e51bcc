"""Translation status: per language, how many records are original, translated, stale or missing,
and how complete the interface catalogs are. `python -m generator status` prints it; the site
shows it on its translation status page.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from . import LANGUAGES
from .errors import display_path
from .i18n import DOMAIN, LOCALE_DIR
from .languages import MESSAGE_LANGUAGE
from .load import Document, format_key_path
from .record_kinds import KINDS
from .translation import LANGUAGE_NAMES, MISSING, ORIGINAL, STALE, STATES, TRANSLATED, UNTRACKED, document_states, missing_texts
from .voice import Message, t, tn


@dataclass(frozen=True)
class Task:
    """One record that needs a translator in one language."""

    kind: str
    id: str
    file: str
    state: str  # "missing", "stale" or "untracked"
    keys: list[str] = field(default_factory=list)  # for a missing translation: the texts to write


@dataclass(frozen=True)
class CatalogStatus:
    messages: int
    translated: int
    fuzzy: int
    missing: int


@dataclass
class LanguageStatus:
    language: str
    records: dict[str, dict[str, int]]  # kind -> state -> count
    catalog: CatalogStatus
    tasks: list[Task]

    def total(self, state: str) -> int:
        return sum(counts.get(state, 0) for counts in self.records.values())


def translation_status(documents: list[Document]) -> list[LanguageStatus]:
    """The status of every language, from loaded documents (records that did not load are left out)."""
    statuses = []
    records = [(document, document_states(document)) for document in documents if isinstance(document.data, dict)]
    for language in LANGUAGES:
        counts: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        tasks = []
        for document, states in records:
            state = states[language]
            counts[document.kind][state] += 1
            if state in (MISSING, STALE, UNTRACKED):
                keys = [format_key_path(path) for path in missing_texts(document.data, language)] if state == MISSING else []
                tasks.append(Task(document.record_kind, str(document.data.get("id", document.path.stem)),
                                  display_path(document.path, None), state, keys))
        records_by_kind = {kind: {state: counts[kind][state] for state in STATES} for kind in KINDS}
        statuses.append(LanguageStatus(language, records_by_kind, catalog_status(language), tasks))
    return statuses


def catalog_status(language: str, locale_dir: Path = LOCALE_DIR) -> CatalogStatus:
    """How much of the interface catalog is translated. English is the catalogs' source language: an empty
    English message shows its msgid, so it counts as translated."""
    with (locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po_file:
        catalog = read_po(po_file, locale=language, domain=DOMAIN)
    messages = [message for message in catalog if message.id]
    fuzzy = sum(1 for message in messages if message.fuzzy)
    empty = sum(1 for message in messages if not message.fuzzy and not _has_text(message.string))
    missing = 0 if language == MESSAGE_LANGUAGE else empty
    return CatalogStatus(len(messages), len(messages) - fuzzy - missing, fuzzy, missing)


def _has_text(string: object) -> bool:
    """Whether a message has its translation: every plural form, for a message with plurals."""
    return all(string) if isinstance(string, (tuple, list)) else bool(string)


def format_status(statuses: list[LanguageStatus], content: Path) -> str:
    """The report `python -m generator status` prints, in the current language."""
    lines = [str(t("Translation status of {folder}/ and the interface catalogs", folder=display_path(content, None))), ""]
    interface = str(t("interface"))
    width = max(len(label) for label in KINDS + (interface,))
    for status in statuses:
        lines.append(f"{status.language} ({LANGUAGE_NAMES[status.language]})")
        for kind in KINDS:
            counts = status.records[kind]
            total = sum(counts.values())
            shown = [str(_count_state(state, counts[state])) for state in STATES
                     if counts[state] or state in (TRANSLATED, STALE, MISSING)]
            lines.append("  " + str(tn("{kind} {number} record: {states}", "{kind} {number} records: {states}", total,
                                       kind=f"{kind:<{width}}", number=f"{total:>4}", states=", ".join(shown))))
        catalog = status.catalog
        lines.append("  " + str(tn("{kind} {number} message: {translated}, {fuzzy}, {missing}",
                                   "{kind} {number} messages: {translated}, {fuzzy}, {missing}", catalog.messages,
                                   kind=f"{interface:<{width}}", number=f"{catalog.messages:>4}",
                                   translated=_count_state(TRANSLATED, catalog.translated),
                                   fuzzy=tn("{count} fuzzy", "{count} fuzzy", catalog.fuzzy),
                                   missing=_count_state(MISSING, catalog.missing))))
        for task in status.tasks:
            lines.append("  " + str(t("to do: {file}: {task}", file=task.file, task=_describe_task(task))))
        lines.append("")
    needed = sum(len(status.tasks) + status.catalog.fuzzy + status.catalog.missing for status in statuses)
    lines.append(str(t("Everything is translated and up to date.") if needed == 0 else
                     tn("{count} item to translate or update; '{command}' says where.",
                        "{count} items to translate or update; '{command}' says where.", needed,
                        command="python -m generator validate")))
    return "\n".join(lines)


def status_json(statuses: list[LanguageStatus]) -> str:
    return json.dumps([asdict(status) for status in statuses], ensure_ascii=False, indent=2)


def _count_state(state: str, count: int) -> Message:
    """'3 translated': how many records (or messages) are in a state."""
    if state == ORIGINAL:
        return tn("{count} original", "{count} original", count)
    if state == TRANSLATED:
        return tn("{count} translated", "{count} translated", count)
    if state == STALE:
        return tn("{count} stale", "{count} stale", count)
    if state == MISSING:
        return tn("{count} missing", "{count} missing", count)
    return tn("{count} untracked", "{count} untracked", count)


def _describe_task(task: Task) -> Message:
    if task.state == MISSING:
        return t("missing {keys}", keys=", ".join(task.keys))
    if task.state == STALE:
        return t("stale: the original changed after this translation was made")
    return t("untracked: no hash of the original it was made from (translated_from)")
