"""The content's version: the last commit that touched it, or today's date outside git."""

from __future__ import annotations

import datetime
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentVersion:
    label: str  # short commit hash, or a date such as 20261121
    commit: str | None
    timestamp: int  # seconds since the epoch: the commit's time, or midnight UTC today

    @property
    def date(self) -> str:
        return datetime.datetime.fromtimestamp(self.timestamp, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_version(content: Path) -> ContentVersion:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%H %ct", "--", "."], cwd=content, capture_output=True,
                                text=True, check=True, timeout=30)
        commit, timestamp = result.stdout.split()
        if git_is_dirty(content):
            raise ValueError("uncommitted content changes")
        return ContentVersion(commit[:12], commit, int(timestamp))
    except (OSError, subprocess.SubprocessError, ValueError):
        today = datetime.datetime.now(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return ContentVersion(today.strftime("%Y%m%d"), None, int(today.timestamp()))


def git_is_dirty(content: Path) -> bool:
    result = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=content, capture_output=True, text=True,
                            check=True, timeout=30)
    return bool(result.stdout.strip())


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH from the environment, the reproducible-builds convention, if it holds a whole number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None
