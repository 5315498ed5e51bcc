"""`python -m generator serve`: build, serve the site on localhost, rebuild when a source file changes.

MkDocs' own live-reload server does the serving, the watching and the reloading of open pages;
this module gives it a builder that runs the whole pipeline. When the content has errors, the
problems are printed, the last good site stays up, and the next save tries again.
"""

from __future__ import annotations

import html
import logging
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import MKDOCS_CONFIG
from .errors import ContentError, GeneratorError
from .i18n import LOCALE_DIR
from .preview import IncrementalSite
from .settings import PACKAGE_ROOT, PROJECT_ROOT, Settings

log = logging.getLogger("generator.serve")


def watched_paths(content: Path) -> list[Path]:
    """What a rebuild depends on: the content, the templates, the catalogs, the theme and the MkDocs configuration."""
    return [content, PACKAGE_ROOT / "templates", LOCALE_DIR, PROJECT_ROOT / "theme", MKDOCS_CONFIG]


def serve(settings: Settings, host: str, port: int) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout, force=True)
    with tempfile.TemporaryDirectory(prefix="generator-serve-") as folder, \
            IncrementalSite(settings, Path(folder)) as preview:
        builder = Builder(preview)
        builder()
        server = LiveReloadServer(builder=builder, host=host, port=port, root=str(builder.site), polling_interval=0.2)
        for path in watched_paths(settings.content):
            server.watch(str(path))
        log.info("Open http://%s:%d/ in a browser; press Ctrl+C to stop.", host, port)
        with _stopped_by_signals(server):
            server.serve()
        log.info("Stopped.")


@contextmanager
def _stopped_by_signals(server: LiveReloadServer) -> Iterator[None]:
    """Ctrl+C (or SIGTERM) asks the server to stop once the build under way, if any, is done, rather than
    interrupting whatever the main thread is doing at that moment (a build, the worker processes' bookkeeping)."""
    stopping: list[threading.Thread] = []

    def stop(signum: int, frame: object) -> None:
        if not stopping:
            log.info("Stopping.")
            stopping.append(threading.Thread(target=server.shutdown, daemon=True))
            stopping[0].start()

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for thread in stopping:
            thread.join()
        if not stopping:
            server.shutdown()


class Builder:
    """Rebuilds the preview after each change; after a failed build the previous site stays in place."""

    def __init__(self, preview: IncrementalSite) -> None:
        self.preview = preview
        self.site = preview.site
        self.built = False  # whether a good site has been built yet

    def __call__(self) -> None:
        started = time.monotonic()
        try:
            rewritten = self.preview.build()
        except ContentError as error:
            for problem in error.problems:
                print(problem.format_text(), flush=True)
            self.failed(str(error), [problem.format_text() for problem in error.problems])
        except GeneratorError as error:
            print(f"error: {error}", flush=True)
            self.failed(str(error), [])
        else:
            self.built = True
            pages = ", ".join(f"{language} {count}" for language, count in rewritten.items())
            log.info("Built the site in %.1f s (pages rewritten: %s).", time.monotonic() - started, pages)

    def failed(self, summary: str, problems: list[str]) -> None:
        if self.built:
            log.warning("The site was not rebuilt; the previous version is still served. Save a fix to try again.")
            return
        # Nothing built yet: show the problems in the browser, so that whoever opens the page sees what to fix.
        if self.site.exists():
            shutil.rmtree(self.site)
        self.site.mkdir(parents=True)
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
        (self.site / "index.html").write_text(
            f"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Build failed</title>"
            f"<h1>The site could not be built</h1><p>{html.escape(summary)}</p><ul>{items}</ul>"
            "<p>Save a fix and this page reloads.</p></html>\n", encoding="utf-8")
