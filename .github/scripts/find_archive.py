"""Which archive of source documents the pull-request check checks out.

The repository is the one named by [tool.generator].archive_repository in pyproject.toml (a repository
variable would not reach pull requests from forks). A new source travels as a pair: when the archive has
a branch named like the pull request's branch, that branch is used; otherwise its default branch.
Writes `repository=` and `ref=` to $GITHUB_OUTPUT; without an archive it fails and says why.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.settings import SettingsError, load_settings
from generator.summary import archive_not_set, archive_unreadable, format_stopped, write_job_summary


def main() -> int:
    try:
        settings = load_settings(Path.cwd())
    except SettingsError as error:
        print(f"::error file=pyproject.toml::{error}")
        return 1
    repository = settings.archive_repository
    if not repository:
        print(f"::error file=pyproject.toml::{archive_not_set().render('en')}")
        write_job_summary(format_stopped(archive_not_set()))  # in kk, ru and en, for whoever opens the run
        return 1
    branch = os.environ.get("GITHUB_HEAD_REF", "")
    address = f"{os.environ.get('ARCHIVE_GIT_BASE', 'https://github.com')}/{repository}"
    ref = ""
    if branch:
        found = subprocess.run(["git", "ls-remote", "--heads", address, f"refs/heads/{branch}"], capture_output=True,
                               text=True, timeout=120, check=False)
        if found.returncode != 0:
            problem = archive_unreadable(repository, found.stderr.strip())
            print(f"::error::{problem.render('en')}")
            write_job_summary(format_stopped(problem))
            return 1
        ref = branch if found.stdout.strip() else ""
    where = f"its branch '{ref}', named like this pull request's" if ref else "its default branch"
    print(f"::notice::quotes are checked against the archive {repository}, {where}")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as file:
            file.write(f"repository={repository}\nref={ref}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
