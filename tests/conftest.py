"""Shared fixtures: small content trees written from {path: text} dicts, and the command line run in-process."""

from __future__ import annotations

import hashlib
import textwrap
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import build_site
from generator.bundle import build_bundle
from generator.cli import main
from generator.settings import PROJECT_ROOT, load_settings
from generator.voice import speaking

from .site_support import settings_for

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch):
    """Messages in English unless a test asks for another language, whatever the machine's locale."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_MESSAGES", "C.UTF-8")
    with speaking("en"):
        yield


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Run]:
    """Run `python -m generator ARGS` in-process from tmp_path, so messages show paths relative to it."""

    def run(*args: str) -> Run:
        monkeypatch.chdir(tmp_path)
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


ARCHIVE_TEXT = "Example report.\nThe committee reviewed 15 970 submissions\nand released more than 2 thousand people.\n"


def schema_line(kind: str) -> str:
    return f"# yaml-language-server: $schema=../../generator/schemas/{kind}.schema.json\n"


def minimal_tree() -> dict[str, str]:
    """A valid content tree: one topic, one fact, one source, one entity, and its archive."""
    digest = hashlib.sha256(ARCHIVE_TEXT.encode()).hexdigest()
    return {
        "archive/report.txt": ARCHIVE_TEXT,
        "content/topics/alpha.yaml": schema_line("topic") + textwrap.dedent("""\
            id: alpha
            order: 1
            title: {kk: Альфа, ru: Альфа, en: Alpha}
            summary: {kk: Қысқаша., ru: Кратко., en: In short.}
            sections:
              - id: figures
                title: {kk: Сандар, ru: Цифры, en: Figures}
            """),
        "content/sources/report.yaml": schema_line("source") + textwrap.dedent(f"""\
            id: report
            kind: news-report
            languages: [en]
            title: {{kk: Баяндама, ru: Доклад, en: Report}}
            publisher: {{kk: Баспа, ru: Издатель, en: Publisher}}
            date: "2026-03-04"
            archive:
              file: report.txt
              sha256: {digest}
            """),
        "content/entities/committee.yaml": schema_line("entity") + textwrap.dedent("""\
            id: committee
            kind: organisation
            name: {kk: Комитет, ru: Комитет, en: Committee}
            description: {kk: Комитет., ru: Комитет., en: A committee.}
            citations:
              - source: report
                quote: {en: "The committee reviewed"}
                translation: {kk: Комитет қарады, ru: Комитет рассмотрел}
            """),
        "content/facts/submissions.yaml": schema_line("fact") + textwrap.dedent("""\
            id: submissions
            topics:
              - topic: alpha
                section: figures
            statement:
              kk: Комитет 15 970 ұсынымды қарады.
              ru: Комитет рассмотрел 15 970 представлений.
              en: The committee reviewed 15,970 submissions.
            entities: [committee]
            citations:
              - source: report
                quote: {en: "The committee reviewed 15 970 submissions"}
                translation:
                  kk: Комитет 15 970 ұсынымды қарады
                  ru: Комитет рассмотрел 15 970 представлений
            """),
    }


@pytest.fixture
def write_tree(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write {relative path: text} under tmp_path; returns tmp_path."""

    def write(files: dict[str, str]) -> Path:
        for relative, text in files.items():
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    settings = settings_for(load_settings().content, SEEDS if SEEDS.is_dir() else None)
    return build_bundle(settings, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def unpacked(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(target)
    (root,) = target.iterdir()
    return root


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory):
    """The project's own content, built once for the session."""
    out = tmp_path_factory.mktemp("real") / "site"
    kb = build_site(settings_for(load_settings().content, SEEDS if SEEDS.is_dir() else None), out)
    return kb, out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("fixture") / "site"
    kb = build_site(settings_for(FIXTURES / "content", FIXTURES / "archive"), out)
    return kb, out


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How long each command took on the bad input (tests/test_hostile.py): measured and shown, not asserted;
    and how many A4 pages each printed handout took (tests/test_reading_browser.py)."""
    import sys

    handouts = getattr(sys.modules.get(f"{__package__}.test_reading_browser"), "HANDOUT_PAGES", {})
    if handouts:
        terminalreporter.section("printed handouts: A4 pages")
        for name, pages in sorted(handouts.items()):
            terminalreporter.write_line(f"{name:<46} {pages}")
    from .test_hostile import TIMINGS

    if not TIMINGS:
        return
    commands = ("validate", "build", "bundle")
    terminalreporter.section("bad input: seconds per command, wall-clock / CPU")
    by_case: dict[str, dict[str, tuple[float, float]]] = {}
    for case, command, seconds, cpu_seconds in TIMINGS:
        by_case.setdefault(case, {})[command] = (seconds, cpu_seconds)
    terminalreporter.write_line(f"{'case':<46} " + " ".join(f"{command:>11}" for command in commands))
    for case, times in by_case.items():
        cells = [f"{times[c][0]:5.2f}/{times[c][1]:4.2f}" if c in times else " " * 10 for c in commands]
        terminalreporter.write_line(f"{case:<46} " + " ".join(f"{cell:>11}" for cell in cells))
    slowest = max(TIMINGS, key=lambda timing: timing[2])
    most_cpu = max(TIMINGS, key=lambda timing: timing[3])
    terminalreporter.write_line(f"{len(by_case)} cases, {len(TIMINGS)} runs; slowest: {slowest[1]} on '{slowest[0]}', "
                                f"{slowest[2]:.2f} s; most CPU: {most_cpu[1]} on '{most_cpu[0]}', {most_cpu[3]:.2f} s")


# --- Debian's Chromium, for the browser tests (tests/browser_support.py) ------------------------------

@pytest.fixture(scope="module")
def browser():
    from .browser_support import CHROMIUM, chromium  # Playwright is imported only by the tests that use a browser

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it with apt-get"
    with chromium() as instance:
        yield instance


@pytest.fixture
def offline(browser):
    """A 1280-pixel page from which no request may leave file:// and no console error may come."""
    from .browser_support import OfflinePage

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = OfflinePage(context.new_page())
    yield page
    context.close()
    assert page.blocked == [], "requests left file://"
    assert page.errors == [], "console errors"

