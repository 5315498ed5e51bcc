"""When each record was added and last changed, read from the git history of the content folder.

Dates are the commits' own (committer time), never the clock's, so two builds of one commit give the
same pages. One `git log` over the content folder gives every record's history at once.

Outside a git checkout (a tarball, a copied folder) there is no history: every date is unknown, the
pages say so, and the build is still byte-identical. In a shallow clone the oldest commit present
stands for everything before it, so the files it shows as added were in fact added earlier or at it:
their "added" date is left unknown rather than given wrongly.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ADDED, CHANGED = "added", "changed"
_COMMIT_MARK = "\x1e"  # starts each commit's header line in the log, a byte no path or hash holds


@dataclass(frozen=True)
class Change:
    """One commit that added or changed a record's file."""

    commit: str
    timestamp: int  # the commit's time, seconds since the epoch
    kind: str  # ADDED or CHANGED

    @property
    def date(self) -> str:
        """The commit's day in UTC, YYYY-MM-DD."""
        return datetime.datetime.fromtimestamp(self.timestamp, datetime.UTC).date().isoformat()

    @property
    def instant(self) -> str:
        """The commit's time in RFC 3339, as Atom and schema.org write it: 2026-11-22T01:10:03Z."""
        return datetime.datetime.fromtimestamp(self.timestamp, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class RecordHistory:
    """A record's changes, oldest first; the first is its addition unless the history starts after it."""

    changes: tuple[Change, ...]

    @property
    def added(self) -> Change | None:
        first = self.changes[0] if self.changes else None
        return first if first is not None and first.kind == ADDED else None

    @property
    def last_changed(self) -> Change | None:
        return self.changes[-1] if self.changes else None


@dataclass(frozen=True)
class History:
    """Every record's history, keyed by its path inside the content folder ('facts/<id>.yaml')."""

    records: dict[str, RecordHistory] = field(default_factory=dict)
    available: bool = False  # False outside git: no date is known

    def record(self, kind: str, record_id: str) -> RecordHistory:
        return self.records.get(f"{kind}/{record_id}.yaml", RecordHistory(()))

    def fact(self, fact_id: str) -> RecordHistory:
        return self.record("facts", fact_id)


NO_HISTORY = History()


def read_history(content: Path) -> History:
    """The history of every file under content, from one `git log`; NO_HISTORY outside a git checkout."""
    try:
        prefix = _git(content, "rev-parse", "--show-prefix").strip()
        shallow = _git(content, "rev-parse", "--is-shallow-repository").strip() == "true"
        log = _git(content, "log", f"--format={_COMMIT_MARK}%H %ct %P", "--name-status", "--no-renames", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return NO_HISTORY
    return History(parse_log(log, prefix, shallow), available=True)


def parse_log(log: str, prefix: str, shallow: bool = False) -> dict[str, RecordHistory]:
    """Histories from `git log --name-status` output (newest commit first), paths made relative to the content folder."""
    commits: list[tuple[str, int, bool, list[tuple[str, str]]]] = []
    for block in log.split(_COMMIT_MARK)[1:]:
        header, *lines = block.splitlines()
        commit_hash, commit_time, *parents = header.split()
        files = [(line.split("\t", 1)[0], line.split("\t", 1)[1]) for line in lines if "\t" in line]
        commits.append((commit_hash, int(commit_time), bool(parents), files))
    changes: dict[str, list[Change]] = {}
    for commit, timestamp, has_parent, files in reversed(commits):
        for status, path in files:
            if not path.startswith(prefix):
                continue
            relative = path[len(prefix):]
            if status.startswith("D"):
                changes.pop(relative, None)
            elif status.startswith("A") and not (shallow and not has_parent):
                changes[relative] = [Change(commit, timestamp, ADDED)]
            else:  # a change, or an addition at the edge of a shallow history: its real addition is older
                changes.setdefault(relative, []).append(Change(commit, timestamp, CHANGED))
    return {path: RecordHistory(tuple(items)) for path, items in sorted(changes.items())}


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True, timeout=60,
                            env=_git_environment())
    return result.stdout


def _git_environment() -> dict[str, str]:
    # The log is parsed, so no pager, no colour and no localised messages; paths arrive as they are, unquoted.
    environment = dict(os.environ, GIT_PAGER="cat", LC_ALL="C")
    environment["GIT_CONFIG_COUNT"] = "1"
    environment["GIT_CONFIG_KEY_0"] = "core.quotePath"
    environment["GIT_CONFIG_VALUE_0"] = "false"
    return environment
