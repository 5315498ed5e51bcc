"""The timeline: every dated event and dated figure of the knowledge base, oldest first.

A date is only as precise as its source: a year, a month or a day, or a period
from one to another. A coarser date sorts before the finer dates inside it
(2014, then December 2014).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Fact, KnowledgeBase, Value, partial_date_key


@dataclass(frozen=True)
class TimelineEntry:
    start: str
    end: str | None  # the end of a period
    fact: Fact
    value: Value

    @property
    def year(self) -> str:
        return self.start[:4]


def timeline_entries(kb: KnowledgeBase) -> list[TimelineEntry]:
    entries = []
    for fact in kb.facts.values():
        for value in fact.values:
            if value.kind == "period" and value.period:
                entries.append(TimelineEntry(value.period[0], value.period[1], fact, value))
            elif value.date:
                entries.append(TimelineEntry(value.date, None, fact, value))
    return sorted(entries, key=lambda entry: (partial_date_key(entry.start), partial_date_key(entry.end or entry.start), entry.fact.id,
                                              entry.fact.values.index(entry.value)))
