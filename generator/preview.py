"""The preview's incremental build: rewrite only the pages a change touched, and rebuild only those.

`python -m generator build` always builds everything from scratch into a new folder, for a
published site that is complete or untouched. The preview keeps its Markdown and its site between
builds instead, and after an edit:

- validates and renders all three languages again (fast: a fraction of a second), but writes a
  Markdown file only when its text changed, so that unchanged pages keep their modification times;
- runs MkDocs, for the languages whose pages changed, in its "dirty" mode, which converts and
  renders only the pages whose Markdown is newer than their HTML; the languages build side by side
  in worker processes that stay up between builds, so MkDocs and Material are imported once;
- falls back to a full build of a language whenever its configuration (the navigation, the
  interface texts) or the theme changed, since those show on every page.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from . import engine
from .build import MKDOCS_CONFIG, finish_site, load_knowledge_base, write_language_sources
from .catalogs import load_catalog
from .citing import edition_of
from .errors import BuildError, Problem
from .i18n import LOCALE_DIR
from .languages import LANGUAGES
from .parent_watch import exit_with_parent
from .render import make_environment
from .settings import PACKAGE_ROOT, PROJECT_ROOT, Settings
from .voice import t

_DIRTY_NOTICE = "A 'dirty' build is being performed"


class IncrementalSite:
    """A site kept between builds in work/site; work/<language>/ holds each language's sources, as in a full build."""

    def __init__(self, settings: Settings, work: Path) -> None:
        self.settings = settings
        self.work = work
        self.site = work / "site"
        self.theme_state: dict[str, tuple[int, int]] | None = None
        self.template_state: dict[str, tuple[int, int]] | None = None
        self.workers: ProcessPoolExecutor | None = None
        self.warnings: list[Problem] = []  # the last good build's warnings, such as a missing translation

    def __enter__(self) -> IncrementalSite:
        return self

    def __exit__(self, *exception: object) -> None:
        if self.workers is not None:
            self.workers.shutdown(cancel_futures=True)

    def build(self) -> dict[str, int]:
        """Validate and rebuild what changed; return how many pages were rewritten in each language."""
        template_state = _file_state([LOCALE_DIR, PACKAGE_ROOT / "templates"])
        if template_state != self.template_state:  # compiled templates and catalogs are cached between builds
            load_catalog.cache_clear()
            make_environment.cache_clear()
        kb, self.warnings = load_knowledge_base(self.settings.content, self.settings.archive, with_warnings=True)
        edition = edition_of(self.settings, self.settings.content)
        theme_state = _file_state([PROJECT_ROOT / "theme", MKDOCS_CONFIG])
        builds: dict[str, bool] = {}  # language -> dirty
        changed = {}
        for language in LANGUAGES:
            sources = write_language_sources(kb, language, edition, self.work / language)
            full = theme_state != self.theme_state or sources.config_changed
            if full or sources.pages_written:
                builds[language] = not full
            changed[language] = sources.pages_written
        self._run(builds)
        finish_site(edition, self.work, rebuilt=[language for language, dirty in builds.items() if not dirty])
        self.theme_state, self.template_state = theme_state, template_state
        return changed

    def _run(self, builds: dict[str, bool]) -> None:
        if self.workers is None:
            self.workers = ProcessPoolExecutor(len(LANGUAGES), mp_context=multiprocessing.get_context("spawn"),
                                               initializer=exit_with_parent, initargs=(os.getpid(), str(self.work)))
        jobs = [self.workers.submit(_run_mkdocs, self.work / language / "mkdocs.yml", dirty)
                for language, dirty in builds.items()]
        failures = [str(job.exception()) for job in jobs if job.exception() is not None]
        if failures:
            self.theme_state = None  # build everything again next time
            raise BuildError("\n".join(failures))


def _run_mkdocs(config_path: Path, dirty: bool) -> None:
    """Build one language in this process; a warning fails the build, as --strict does for the published site."""
    collector = _WarningCollector()
    loggers = [logging.getLogger(name) for name in engine.LOGGER_NAMES]
    for logger in loggers:
        logger.setLevel(logging.WARNING)  # MkDocs' progress messages would drown the preview's own
        logger.addHandler(collector)
    try:
        from mkdocs.commands.build import build

        config = load_config(config_file=str(config_path), strict=False)  # warnings are collected above
        # Not dirty for the plugins: Material's search would otherwise merge indexes itself, assuming one changed page.
        config.plugins.on_startup(command="build", dirty=False)
        build(config, dirty=dirty)
    except MkDocsException as error:
        raise BuildError(t("MkDocs could not build {language}: {error}", language=config_path.parent.name, error=str(error))) from error
    finally:
        for logger in loggers:
            logger.removeHandler(collector)
    if collector.messages:
        raise BuildError(t("MkDocs could not build {language}:\n{log}", language=config_path.parent.name,
                           log="\n".join(f"  {message}" for message in collector.messages)))


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_DIRTY_NOTICE):
            self.messages.append(message)


def _file_state(roots: list[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under roots: enough to notice an edit."""
    state = {}
    for root in roots:
        paths = [root] if root.is_file() else sorted(path for path in root.rglob("*") if path.is_file())
        for path in paths:
            stat = os.stat(path)
            state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state
