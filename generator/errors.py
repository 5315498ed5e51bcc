"""The project's errors: one base class, and the problems the validator reports."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .deceptive_text import visible
from .voice import Message, t, tn


class GeneratorError(Exception):
    """A failure the command line reports as one message, without a traceback, in the contributor's language."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class ContentError(GeneratorError):
    """The content is not valid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = sum(1 for problem in problems if problem.severity == "error")
        warnings = sum(1 for problem in problems if problem.severity == "warning")
        if warnings:  # only under --strict are warnings refused
            super().__init__(t("the content has {errors} and {warnings}; run '{command}' to see them",
                               errors=count_errors(errors), warnings=count_warnings(warnings),
                               command="python -m generator validate --strict"))
        else:
            super().__init__(t("the content has {errors}; run '{command}' to see them",
                               errors=count_errors(errors), command="python -m generator validate"))


def count_errors(count: int) -> Message:
    return tn("{count} error", "{count} errors", count)


def count_warnings(count: int) -> Message:
    return tn("{count} warning", "{count} warnings", count)


class BuildError(GeneratorError):
    """MkDocs, the archive or the file system failed while building."""


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1."""

    file: Path
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, and where."""

    location: Location
    key: str
    message: Message
    severity: str = "error"  # "error" or "warning"

    def format_text(self, root: Path | None = None, language: str | None = None) -> str:
        where = f"{display_path(self.location.file, root)}:{self.location.line}:{self.location.column}"
        label = SEVERITY_LABELS[self.severity].render(language) if self.severity != "error" else ""
        key = f"{self.key}: " if self.key else ""
        # One problem, one line, and no character that hides or passes for another (generator/deceptive_text.py).
        return visible(f"{where}: {label}{key}{self.message.render(language)}")

    def format_github(self, root: Path | None = None, language: str | None = None) -> str:
        """A workflow command, escaped as GitHub's toolkit (@actions/core) escapes one: the data and every property."""
        message = self.message.render(language)
        text = visible(f"{self.key}: {message}" if self.key else message)
        file = visible(display_path(self.location.file, root))
        command = {"error": "error", "warning": "warning", "note": "notice"}[self.severity]
        properties = {"file": file, "line": str(self.location.line), "col": str(self.location.column)}
        listed = ",".join(f"{name}={_escape_property(value)}" for name, value in properties.items())
        return f"::{command} {listed}::{_escape_data(text)}"


# What stands before a problem that is not an error; an error needs no word.
SEVERITY_LABELS = {"warning": t("warning: "), "note": t("note: ")}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: Path, root: Path | None) -> str:
    """The path as a contributor types it: relative to root (the working directory) when inside it."""
    base = Path(os.path.abspath(root if root is not None else Path.cwd()))
    # The path as written first (a symbolic link is named, not followed), then as the file system resolves it.
    for candidate, folder in ((Path(os.path.abspath(path)), base), (path.resolve(), base.resolve())):
        try:
            return candidate.relative_to(folder).as_posix()
        except ValueError:
            continue
    return path.as_posix()
