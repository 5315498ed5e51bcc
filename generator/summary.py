"""The pull-request check's job summary: every problem in one Markdown table, which GitHub shows on the run's page.

GitHub shows at most ten error annotations per step on the changed lines; the summary has no such limit.
Its headings are in Kazakh, Russian and English; each row gives the file, the line and what to do, in all three.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import LANGUAGES
from .errors import Problem, display_path
from .voice import Message, t

_HEADING = "## Мазмұнды тексеру · Проверка материалов · Content check"
_FAILED = "❌ **Тексеруден өткен жоқ · Проверка не пройдена · The check failed**"
_SEVERITY = {"error": "❌ қате · ошибка · error", "warning": "⚠️ ескерту · предупреждение · warning",
             "note": "ℹ️ ескертпе · примечание · note"}


def format_summary(problems: list[Problem], errors: int, warnings: int, quotes_checked: int, strict: bool = True) -> str:
    """The Markdown of the job summary: the counts, whether the check passed, and a table of the problems."""
    lines = [_HEADING, ""]
    lines.append(f"- қателер · ошибки · errors: **{errors}**; ескертулер · предупреждения · warnings: **{warnings}**; "
                 f"мұрағатпен тексерілген дәйексөздер · цитаты, сверенные с архивом · quotes checked against the archive: "
                 f"**{quotes_checked}**")
    if not problems:
        lines += ["", "✅ Мәселе жоқ · Замечаний нет · No problems"]
        return "\n".join(lines) + "\n"
    if errors:
        lines += ["", _FAILED]
    elif strict and warnings:
        lines += ["", "❌ **Тексеруден өткен жоқ: `--strict` режимінде ескертулерді де түзету керек · Проверка не пройдена: "
                  "при `--strict` предупреждения тоже нужно исправить · The check failed: under `--strict` the warnings "
                  "must be fixed too**"]
    else:
        lines += ["", "✅ Тексеруден өтті, ескертулер бар · Проверка пройдена, есть предупреждения · "
                  "The check passed, with warnings"]
    lines += ["", "| файл · файл · file | жол · строка · line | түрі · тип · kind | не істеу керек · что сделать · what to do |",
              "|---|---|---|---|"]
    for problem in problems:
        where = display_path(problem.location.file, None)
        lines.append(f"| `{_cell(where)}` | {problem.location.line}:{problem.location.column} | {_SEVERITY[problem.severity]} "
                     f"| {_what_to_do(problem)} |")
    return "\n".join(lines) + "\n"


def _what_to_do(problem: Problem) -> str:
    """The problem's key, then its message in each language (kk, ru, en) on a line of its own; a message worded
    as a later language words it (one not yet translated reads as English) is given once, in the later place."""
    messages = [_cell(problem.message.render(language)) for language in LANGUAGES]
    shown = [message for index, message in enumerate(messages) if message not in messages[index + 1:]]
    key = f"`{_cell(problem.key)}`: " if problem.key else ""
    return key + "<br>".join(shown)


def _cell(text: str) -> str:
    """Text that stays inside one table cell: no pipe or line break ends it."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def write_job_summary(text: str) -> Path | None:
    """Append text to the file GitHub names in GITHUB_STEP_SUMMARY; None outside GitHub Actions."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    with open(target, "a", encoding="utf-8") as summary:
        summary.write(text)
    return Path(target)


def archive_not_set() -> Message:
    return t("[tool.generator].archive_repository is not set: name the GitHub repository of the archive of source documents "
             "(owner/name); without it no quote can be checked")


def archive_unreadable(repository: str, reason: str) -> Message:
    return t("cannot read the archive repository {repository} ({reason}): check [tool.generator].archive_repository and that "
             "the repository is public", repository=repository, reason=reason)


def format_stopped(message: Message) -> str:
    """The job summary of a check that stopped before the content was read: why, in kk, ru and en."""
    lines = [_HEADING, "", _FAILED, ""]
    lines += [f"- {_cell(message.render(language))}" for language in LANGUAGES]
    return "\n".join(lines) + "\n"

