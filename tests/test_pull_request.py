"""The pull-request check cannot pass silently: the archive is named in pyproject.toml (its branch of the pull
request's name when it has one), every problem reaches the job summary, and a source can be proposed without git."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from generator.settings import PROJECT_ROOT

from .conftest import minimal_tree
from .test_validate import FACT, edit

FIND_ARCHIVE = PROJECT_ROOT / ".github" / "scripts" / "find_archive.py"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def find_archive(project: Path, remotes: Path, branch: str) -> tuple[subprocess.CompletedProcess, str]:
    output = project / "github-output"
    output.write_text("", encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    (project / "github-summary").write_text("", encoding="utf-8")
    environment.update(GITHUB_HEAD_REF=branch, GITHUB_OUTPUT=str(output), ARCHIVE_GIT_BASE=remotes.as_uri(),
                       GITHUB_STEP_SUMMARY=str(project / "github-summary"))
    result = subprocess.run([sys.executable, str(FIND_ARCHIVE)], cwd=project, env=environment, capture_output=True, text=True,
                            timeout=120)
    return result, output.read_text(encoding="utf-8")


def test_the_check_uses_the_archive_named_in_the_settings_and_the_branch_of_the_pull_request(tmp_path):
    remotes = tmp_path / "remotes"
    archive = remotes / "kb-owner" / "kb-sources"
    archive.mkdir(parents=True)
    git("init", "--quiet", "--initial-branch=main", cwd=archive)
    (archive / "seeds").mkdir()
    (archive / "seeds" / "report.txt").write_text("Example report.\n", encoding="utf-8")
    git("add", ".", cwd=archive)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "seed", cwd=archive)
    git("branch", "add-lada-source", cwd=archive)
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.generator]\narchive_repository = 'kb-owner/kb-sources'\n", encoding="utf-8")

    paired, output = find_archive(project, remotes, "add-lada-source")
    assert paired.returncode == 0, paired.stdout + paired.stderr
    assert paired.stdout == ("::notice::quotes are checked against the archive kb-owner/kb-sources, its branch 'add-lada-source', "
                             "named like this pull request's\n")
    assert output == "repository=kb-owner/kb-sources\nref=add-lada-source\n"

    alone, output = find_archive(project, remotes, "fix-a-figure")
    assert alone.stdout == "::notice::quotes are checked against the archive kb-owner/kb-sources, its default branch\n"
    assert output == "repository=kb-owner/kb-sources\nref=\n"

    (project / "pyproject.toml").write_text("[tool.generator]\nname = 'kb'\n", encoding="utf-8")
    unnamed, output = find_archive(project, remotes, "fix-a-figure")
    assert unnamed.returncode == 1
    assert unnamed.stdout == ("::error file=pyproject.toml::[tool.generator].archive_repository is not set: name the GitHub "
                              "repository of the archive of source documents (owner/name); without it no quote can be checked\n")
    assert output == ""
    # Whoever opens the run reads why in their language.
    summary = (project / "github-summary").read_text(encoding="utf-8").splitlines()
    assert summary[2] == "❌ **Тексеруден өткен жоқ · Проверка не пройдена · The check failed**"
    assert summary[4:] == [
        "- [tool.generator].archive_repository баптауы берілмеген: дереккөз құжаттары мұрағатының GitHub репозиторийін "
        "(owner/name) көрсетіңіз; онсыз бірде-бір дәйексөзді тексеру мүмкін емес",
        "- настройка [tool.generator].archive_repository не задана: укажите GitHub-репозиторий архива документов-источников "
        "(owner/name); без него ни одну цитату проверить нельзя",
        "- [tool.generator].archive_repository is not set: name the GitHub repository of the archive of source documents "
        "(owner/name); without it no quote can be checked"]

    (project / "pyproject.toml").write_text("[tool.generator]\narchive_repository = 'kb-owner/missing'\n", encoding="utf-8")
    missing, _ = find_archive(project, remotes, "fix-a-figure")
    assert missing.returncode == 1
    assert missing.stdout.startswith("::error::cannot read the archive repository kb-owner/missing (")


def test_every_problem_goes_into_the_job_summary_as_a_table(write_tree, run_cli, tmp_path, monkeypatch):
    tree = edit(minimal_tree(), FACT, "  ru: Комитет рассмотрел 15 970 представлений.\n", "")
    tree = edit(tree, FACT, "entities: [committee]", "entities: [comittee]\norder: first")
    write_tree(tree)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("validate", "--content", "content", "--archive", "archive", "--strict", "--format", "github")
    assert result.exit_code == 1
    assert summary.read_text(encoding="utf-8").splitlines() == [
        "## Мазмұнды тексеру · Проверка материалов · Content check",
        "",
        "- қателер · ошибки · errors: **2**; ескертулер · предупреждения · warnings: **1**; мұрағатпен тексерілген дәйексөздер · "
        "цитаты, сверенные с архивом · quotes checked against the archive: **2**",
        "",
        "❌ **Тексеруден өткен жоқ · Проверка не пройдена · The check failed**",
        "",
        "| файл · файл · file | жол · строка · line | түрі · тип · kind | не істеу керек · что сделать · what to do |",
        "|---|---|---|---|",
        # Each message in kk, ru and en, one under the other.
        f"| `{FACT}` | 6:1 | ⚠️ ескерту · предупреждение · warning | `statement`: 'ru' аудармасы жоқ: statement.ru өрісін "
        "қосыңыз<br>нет перевода (язык: ru): добавьте statement.ru<br>missing translation 'ru': add statement.ru |",
        f"| `{FACT}` | 9:12 | ❌ қате · ошибка · error | `entities[0]`: 'comittee' деген тұлға, ұйым немесе құқықтық норма жоқ "
        "('committee' деп жазбақ болдыңыз ба?)<br>лицо, организация или правовая норма с id 'comittee' не существует "
        "(возможно, вы имели в виду 'committee'?)<br>unknown entity 'comittee' (did you mean 'committee'?) |",
        f"| `{FACT}` | 10:1 | ❌ қате · ошибка · error | `order`: мұнда бүтін сан болуы керек, ал жазылғаны — 'first' мәтіні"
        "<br>ожидается целое число, а не текст 'first'<br>expected a whole number, found the text 'first' |",
    ]
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    clean = write_tree(minimal_tree())
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(clean / "clean.md"))
    assert run_cli("validate", "--content", "content", "--archive", "archive", "--format", "github").exit_code == 0
    assert (clean / "clean.md").read_text(encoding="utf-8").endswith("\n\n✅ Мәселе жоқ · Замечаний нет · No problems\n")


def test_a_pipe_in_a_message_stays_in_its_cell():
    from generator.errors import Location, Problem
    from generator.summary import format_summary
    from generator.voice import t

    problem = Problem(Location(Path("content/facts/a.yaml"), 3, 1), "statement.en", t("{text}", text="a | b\nc"))
    text = format_summary([problem], 1, 0, 0)
    assert text.splitlines()[-1] == "| `content/facts/a.yaml` | 3:1 | ❌ қате · ошибка · error | `statement.en`: a \\| b c |"


def test_the_issue_form_proposes_a_source_in_three_languages_without_git():
    form = yaml.safe_load((PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE" / "new-source.yml").read_text(encoding="utf-8"))
    assert form["name"] == "Жаңа дереккөз · Новый источник · New source"
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert list(fields) == ["address", "file", "language", "publisher", "facts"]
    assert fields["file"]["type"] == "textarea"  # GitHub attaches a dragged file to a text area
    assert fields["language"]["validations"]["required"] is True and fields["facts"]["validations"]["required"] is True
    intro = form["body"][0]["attributes"]["value"]
    assert [line[:6] for line in intro.splitlines()] == ["**kk**", "**ru**", "**en**"]
    assert all("python -m generator archive" in line for line in intro.splitlines())


def test_a_check_that_fails_only_on_warnings_says_that_strict_made_them_count(write_tree, run_cli, tmp_path, monkeypatch):
    write_tree(edit(minimal_tree(), FACT, "  ru: Комитет рассмотрел 15 970 представлений.\n", ""))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    strict = run_cli("validate", "--content", "content", "--archive", "archive", "--strict", "--format", "github")
    assert strict.exit_code == 1
    assert strict.lines[-2:] == ["0 errors, 1 warning; 2 quotes checked against the archive",
                                 "under --strict every warning counts as an error: fix the warnings too, as the pull-request "
                                 "check requires"]
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").splitlines()[4] == (
        "❌ **Тексеруден өткен жоқ: `--strict` режимінде ескертулерді де түзету керек · Проверка не пройдена: при `--strict` "
        "предупреждения тоже нужно исправить · The check failed: under `--strict` the warnings must be fixed too**")
    relaxed = run_cli("validate", "--content", "content", "--archive", "archive")
    assert relaxed.exit_code == 0 and relaxed.lines[-1] == "0 errors, 1 warning; 2 quotes checked against the archive"
