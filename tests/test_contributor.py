"""The contributor's workflow: annotations on a pull request, the live preview, scaffolding, the workflow files."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.settings import PROJECT_ROOT

from .conftest import minimal_tree
from .test_validate import FACT, edit
from .validator_messages import shown, validator_messages

WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "checks.yml"


def make_recipe(target: str) -> list[str]:
    """The command a Makefile target runs, as arguments after `python -m generator`."""
    lines = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = lines[start + 1]
    assert recipe.startswith("\t$(BIN)/python -m generator "), recipe
    return shlex.split(recipe.split("-m generator", 1)[1])


# --- pull-request annotations ----------------------------------------------------


def test_the_pull_request_check_annotates_the_exact_lines_of_a_broken_file(write_tree, run_cli):
    tree = edit(minimal_tree(), FACT, "  ru: Комитет рассмотрел 15 970 представлений.\n", "")
    tree = edit(tree, FACT, "entities: [committee]", "entities: [comittee]\norder: first")
    tree = edit(tree, FACT, '"The committee reviewed 15 970 submissions"', '"The committee examined 15 970 submissions"')
    write_tree(tree)
    result = run_cli(*make_recipe("check-content"), "--content", "content", "--archive", "archive")
    assert result.exit_code == 1
    assert result.lines == [
        f"::warning file={FACT},line=6,col=1::statement: missing translation 'ru': add statement.ru",
        f"::error file={FACT},line=9,col=12::entities[0]: unknown entity 'comittee' (did you mean 'committee'?)",
        f"::error file={FACT},line=10,col=1::order: expected a whole number, found the text 'first'",
        f"::error file={FACT},line=13,col=13::citations[0].quote.en: quote not found in the archived copy of 'report': "
        "the source matches only up to '…The committee ', then the quote has 'examined 15 970 subm': copy the words exactly "
        "as the source writes them",
        "3 errors, 1 warning; 2 quotes checked against the archive",
    ]


def test_the_workflow_is_valid_uses_pinned_actions_and_runs_the_project_commands():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"] + workflow["jobs"]["publish"]["steps"]
    actions = [step["uses"] for step in steps if "uses" in step]
    assert actions and all(re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action) for action in actions), actions
    commands = [step["run"] for step in steps if "run" in step]
    assert commands == ['git config --global --add safe.directory "$GITHUB_WORKSPACE"', "python3 .github/scripts/find_archive.py",
                        "mv shared ../shared", "make check-content", "make site",
                        "mkdir offline-site && python3 -m zipfile -e dist/*.zip offline-site", "make test"]
    archive = next(step for step in steps if step.get("with", {}).get("path") == "shared")
    assert archive["with"]["repository"] == "${{ steps.archive.outputs.repository }}"
    assert archive["with"]["ref"] == "${{ steps.archive.outputs.ref }}"
    names = [step["name"] for step in steps]
    assert names.index("Offer the offline site for download") < names.index("Run the tests")
    targets = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("check-content", "site", "test"):
        assert re.search(rf"^{target}:", targets, re.MULTILINE), target
    # `make test` is what .ci/run runs too.
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    on = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert set(on) == {"pull_request", "push"} and on["push"]["branches"] == ["main"]


def test_the_properdocs_job_runs_the_site_tests_with_properdocs_in_the_same_container_with_pinned_actions():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    job = jobs["properdocs"]
    assert (job["runs-on"], job["container"]) == (jobs["check"]["runs-on"], jobs["check"]["container"])
    actions = [step["uses"] for step in job["steps"] if "uses" in step]
    assert actions and all(re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action) for action in actions), actions
    assert set(actions) <= {step["uses"] for step in jobs["check"]["steps"] if "uses" in step}  # the same pinned actions
    assert [step["run"] for step in job["steps"] if "run" in step] == ['git config --global --add safe.directory "$GITHUB_WORKSPACE"', "python3 .github/scripts/find_archive.py",
                                                                     "mv shared ../shared", "make test-properdocs"]
    assert re.search(r"^test-properdocs:", (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)


def test_migration_names_every_theme_override_and_every_module_that_uses_mkdocs_and_the_readme_links_it():
    migration = (PROJECT_ROOT / "MIGRATION.md").read_text(encoding="utf-8")
    theme = PROJECT_ROOT / "theme"
    overrides = sorted(path.relative_to(theme).as_posix() for path in theme.rglob("*.html"))
    assert overrides and [name for name in overrides if f"`{name}`" not in migration] == []
    package = PROJECT_ROOT / "generator"
    importing = [path.name for path in sorted(package.glob("*.py"))
                 if re.search(r"^\s*(from|import) mkdocs\b", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert importing  # the preview and serve use MkDocs' Python internals
    # and the modules MkDocs loads (hooks, the Markdown extension) or that run and name it
    modules = [*importing, "mkdocs_hooks.py", "footnote_labels.py", "engine.py", "build.py", "bundle.py"]
    assert [name for name in modules if f"generator/{name}" not in migration] == []
    assert "[`MIGRATION.md`](MIGRATION.md)" in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_pre_commit_hooks_run_commands_that_exist():
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook["entry"] for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks == {
        "validate-content": ".venv/bin/python -m generator validate --strict",
        "ruff": ".venv/bin/ruff check",
        "mypy": ".venv/bin/mypy",
    }
    assert make_recipe("validate") == shlex.split(hooks["validate-content"].split("-m generator", 1)[1])


# --- scaffolding -----------------------------------------------------------------

FILLED = {
    "fact": [
        ("topic: \"\"", "topic: alpha"), ("section: \"\"", "section: figures"),
        ("kk: \"\"", "kk: \"Комитет 15 970 ұсынымды қарады.\""),
        ("ru: \"\"", "ru: \"Комитет рассмотрел 15 970 представлений.\""),
        ("en: \"\"", "en: \"The committee reviewed 15,970 submissions.\""),
        ("kk: \"\"", "kk: \"Қаралған ұсынымдар\""), ("ru: \"\"", "ru: \"Рассмотренные представления\""),
        ("en: \"\"", "en: \"Submissions reviewed\""), ("number: 0", "number: 15970"), ("unit: case", "unit: submission"),
        ("entities: []", "entities: [committee]"), ("related: []", "related: [submissions]"),
        ("source: \"\"", "source: report"), ("en: \"\"", "en: \"The committee reviewed 15 970 submissions\""),
        ("kk: \"\"", "kk: \"Комитет 15 970 ұсынымды қарады\""), ("ru: \"\"", "ru: \"Комитет рассмотрел 15 970 представлений\""),
    ],
    "entity": [
        ("kk: \"\"", "kk: \"Баяндама комитеті\""), ("ru: \"\"", "ru: \"Комитет доклада\""), ("en: \"\"", "en: \"The report's committee\""),
        ("kk: \"\"", "kk: \"Ұсынымдарды қарайтын комитет.\""), ("ru: \"\"", "ru: \"Комитет, рассматривающий представления.\""),
        ("en: \"\"", "en: \"The committee that reviews submissions.\""),
        ("source: \"\"", "source: report"), ("en: \"\"", "en: \"The committee reviewed\""),
        ("kk: \"\"", "kk: \"Комитет қарады\""), ("ru: \"\"", "ru: \"Комитет рассмотрел\""),
    ],
    "source": [
        ("kk: \"\"", "kk: \"Екінші баяндама\""), ("ru: \"\"", "ru: \"Второй доклад\""), ("en: \"\"", "en: \"Second report\""),
        ("kk: \"\"", "kk: \"Баспа\""), ("ru: \"\"", "ru: \"Издатель\""), ("en: \"\"", "en: \"Publisher\""),
        ("kk: \"\"", "kk: \"Автор\""), ("ru: \"\"", "ru: \"Автор\""), ("en: \"\"", "en: \"Author\""),
        ("date: \"\"", "date: \"2026-03-05\""), ("url: \"\"", "url: \"https://example.org/second-report\""),
        ("kk: \"\"", "kk: \"Мұрағаттағы көшірме.\""), ("ru: \"\"", "ru: \"Архивная копия.\""), ("en: \"\"", "en: \"Archived copy.\""),
        ("file: \"\"", "file: report.txt"),
    ],
}


@pytest.mark.parametrize("kind, folder", [("fact", "facts"), ("entity", "entities"), ("source", "sources")])
def test_a_new_record_lists_every_field_and_validates_once_filled(write_tree, run_cli, kind, folder):
    root = write_tree(minimal_tree())
    path = f"content/{folder}/new-{kind}.yaml"
    result = run_cli("new", kind, f"new-{kind}", "--content", "content")
    assert result.exit_code == 0
    assert result.lines == [
        f"wrote {path}",
        "Next:",
        f"  1. Fill in every \"\" in {path}, in all three languages, and delete the optional parts you do not need "
        "(content/README.md explains every field).",
        "  2. Check it: python -m generator validate",
        "  3. See it on the site: python -m generator serve, then open http://127.0.0.1:8000/",
        f"  4. Once the translations are checked against the en text: python -m generator stamp {path}",
    ]
    text = (root / path).read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../generator/schemas/{kind}.schema.json\nid: new-{kind}\n")
    # As written, the file is not yet valid: the validator names each empty field.
    unfilled = run_cli("validate", "--content", "content", "--archive", "archive")
    assert unfilled.exit_code == 1
    assert f"{path}:" in unfilled.stdout and "is empty: write the text or remove the key" in unfilled.stdout
    for old, new in FILLED[kind]:
        assert old in text, (kind, old)
        text = text.replace(old, new, 1)
    if kind == "source":
        sha = re.search(r"sha256: (\w+)", (root / "content/sources/report.yaml").read_text(encoding="utf-8"))
        assert sha
        text = text.replace('sha256: ""', f"sha256: {sha[1]}")
    assert '""' not in text
    (root / path).write_text(text, encoding="utf-8")
    assert run_cli("stamp", "--content", "content", path).exit_code == 0
    filled = run_cli("validate", "--content", "content", "--archive", "archive", "--strict")
    assert filled.exit_code == 0, filled.stdout
    assert filled.lines[-1].startswith("0 errors, 0 warnings")


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("kind, folder", [("fact", "facts"), ("entity", "entities"), ("source", "sources")])
def test_a_new_record_explains_its_fields_in_the_contributors_language(write_tree, run_cli, kind, folder, language):
    root = write_tree(minimal_tree())
    assert run_cli("new", kind, "in-english", "--content", "content").exit_code == 0
    assert run_cli("--language", language, "new", kind, "in-language", "--content", "content").exit_code == 0
    english = (root / f"content/{folder}/in-english.yaml").read_text(encoding="utf-8")
    translated = (root / f"content/{folder}/in-language.yaml").read_text(encoding="utf-8")
    comments = [line.strip() for line in translated.splitlines()[1:] if line.strip().startswith("#")]
    assert len(comments) >= 3
    assert [line for line in comments if not re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]", line)] == []
    assert max(len(line) for line in translated.splitlines()) <= 110
    # Only the comments differ: the fields and their values are the same.
    assert yaml.safe_load(translated) == yaml.safe_load(english.replace("in-english", "in-language"))


def test_new_refuses_an_unsafe_id_and_an_existing_file(write_tree, run_cli):
    write_tree(minimal_tree())
    unsafe = run_cli("new", "fact", "../Amnesty 2026", "--content", "content")
    assert unsafe.exit_code == 1
    assert unsafe.stderr == ("error: '../Amnesty 2026' is not a valid id: use lowercase ASCII letters, digits and single "
                             "hyphens, e.g. amnesty-releases-2026\n")
    existing = run_cli("new", "fact", "submissions", "--content", "content")
    assert existing.exit_code == 1
    assert existing.stderr == f"error: {FACT} already exists: choose another id, or edit that file\n"


# --- live preview ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, process: subprocess.Popen, seconds: float = 90) -> float:
    """Poll url until its page holds text; return how long it took."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        assert process.poll() is None, "serve stopped"
        page = fetch(url)
        if page is not None and text in page:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.mark.build
def test_serve_rebuilds_and_serves_the_new_text_after_a_yaml_change(write_tree):
    # It starts on broken content: the browser shows what to fix.
    root = write_tree(edit(minimal_tree(), FACT, "topic: alpha", "topic: alpah"))
    port = free_port()
    log = (root / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", "content", "--archive", "archive", "--port", str(port)],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT)))
    page = f"http://127.0.0.1:{port}/en/topics/alpha.html"
    try:
        wait_for(f"http://127.0.0.1:{port}/", "unknown topic &#x27;alpah&#x27; (did you mean &#x27;alpha&#x27;?)", process)
        fact = root / FACT
        fact.write_text(fact.read_text(encoding="utf-8").replace("topic: alpah", "topic: alpha"), encoding="utf-8")
        wait_for(page, "The committee reviewed 15,970 submissions.", process)
        fact.write_text(fact.read_text(encoding="utf-8").replace("reviewed 15,970 submissions.", "reviewed 15,970 submissions in all."),
                        encoding="utf-8")
        wait_for(page, "The committee reviewed 15,970 submissions in all.", process)
        # A broken save keeps the last good site up and says what is wrong.
        fact.write_text(fact.read_text(encoding="utf-8").replace("topic: alpha", "topic: alpah"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while (root / "serve.log").read_text(encoding="utf-8").count("unknown topic 'alpah'") < 2:  # the first: at start
            assert time.monotonic() < deadline, "the problem was never reported"
            time.sleep(0.2)
        shown = fetch(page) or ""
        assert "The committee reviewed 15,970 submissions in all." in shown
        # ... and shows the problem at the top of the page, in the page's language, until a save fixes it.
        wait_for(page, "The content has 1 problem: the page shows the last version that built.", process)
        banner = BeautifulSoup(fetch(page) or "", "html.parser").find(id="preview-problems")
        assert banner is not None and [item.get_text() for item in banner.find_all("li")] == [
            f"{FACT}:4:5: topics[0].topic: unknown topic 'alpah' (did you mean 'alpha'?)"]
        russian = BeautifulSoup(fetch(page.replace("/en/", "/ru/")) or "", "html.parser").find(id="preview-problems")
        assert russian is not None and russian.strong.get_text() == (
            "В материалах 1 ошибка: показана последняя версия, которую удалось собрать.")
        fact.write_text(fact.read_text(encoding="utf-8").replace("topic: alpah", "topic: alpha"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while "preview-problems" in (fetch(page) or "preview-problems"):
            assert time.monotonic() < deadline, "the banner never went away"
            time.sleep(0.2)
        # The theme asks for sitemap.xml on every page; the preview answers it instead of logging a 404.
        assert fetch(f"http://127.0.0.1:{port}/en/sitemap.xml") is not None
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
        log.close()
    output = (root / "serve.log").read_text(encoding="utf-8")
    assert code == 0, output
    assert "Traceback" not in output
    assert f"{FACT}:4:5: topics[0].topic: unknown topic 'alpah' (did you mean 'alpha'?)" in output
    assert "The site was not rebuilt; the previous version is still served. Save a fix to try again." in output
    assert [line for line in output.splitlines() if "sitemap.xml" in line and "404" in line] == []


# --- the guides ------------------------------------------------------------------

GUIDES = ("CONTRIBUTING.md", "CONTRIBUTING.kk.md", "CONTRIBUTING.ru.md")


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation removed, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def documented_messages(text: str) -> list[str]:
    """The validator messages in the first column of the message table, in the guide's last section."""
    section = text.rsplit("\n## ", 1)[1]
    return re.findall(r"^\| (`[^|]*) \|", section, re.MULTILINE)


@pytest.mark.parametrize("guide", GUIDES)
def test_each_guide_covers_the_commands_and_its_links_resolve(guide):
    text = (PROJECT_ROOT / guide).read_text(encoding="utf-8")
    for command in ("python -m generator new fact", "python -m generator validate", "python -m generator serve",
                    "python -m generator stamp", "python -m generator status", "make check-content", "make site", "make test"):
        assert command in text, command
    anchors = {github_anchor(heading) for heading in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}
    targets = re.findall(r"\]\(#([^)]+)\)", text)
    assert targets and [target for target in targets if target not in anchors] == []
    for other in re.findall(r"\]\((CONTRIBUTING[^)]*\.md)\)", text):
        assert (PROJECT_ROOT / other).is_file()


def test_the_guides_stay_in_step_one_row_per_message_in_each_language():
    rows = {guide: documented_messages((PROJECT_ROOT / guide).read_text(encoding="utf-8")) for guide in GUIDES}
    assert len(rows[GUIDES[0]]) >= 30
    assert {guide: len(found) for guide, found in rows.items()} == {guide: len(rows[GUIDES[0]]) for guide in GUIDES}


def explained_by(cells: list[str]) -> list[re.Pattern[str]]:
    """Each `quoted` text of the guide's message column as a pattern: '…' stands for any words."""
    texts = [text for cell in cells for text in re.findall(r"`([^`]+)`", cell)]
    return [re.compile(".*?".join(re.escape(part) for part in text.split("…"))) for text in texts]


GUIDE_LANGUAGES = dict(zip(GUIDES, ("en", "kk", "ru"), strict=True))


@pytest.mark.parametrize("guide", GUIDES)
def test_each_guide_explains_every_message_the_validator_can_print_in_the_guides_language(guide):
    """The kk guide quotes the messages as `--language kk` prints them, the ru guide as `--language ru`."""
    patterns = explained_by(documented_messages((PROJECT_ROOT / guide).read_text(encoding="utf-8")))
    messages = validator_messages()
    assert len(messages) > 90  # the extraction still finds the messages
    # A message made only of placeholders and punctuation is explained by the parts that fill it.
    worded = [shown(message, GUIDE_LANGUAGES[guide]) for message in messages
              if len(re.sub(r"[^A-Za-z]", "", re.sub(r"\{\w+\}", "", message))) >= 8]
    assert [message for message in worded if not any(pattern.search(message) for pattern in patterns)] == []
