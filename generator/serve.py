"""`python -m generator serve`: build, serve the site on localhost, rebuild when a source file changes.

MkDocs' own live-reload server does the serving, the watching and the reloading of open pages;
this module gives it a builder that runs the whole pipeline. When the content has errors, the
problems are printed, the last good site stays up, and the next save tries again.
"""

from __future__ import annotations

import errno
import html
import logging
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from . import voice
from .build import MKDOCS_CONFIG
from .errors import ContentError, GeneratorError, Problem
from .i18n import LOCALE_DIR, load_translations
from .languages import LANGUAGES
from .output_folder import staging_folder
from .preview import IncrementalSite
from .settings import PACKAGE_ROOT, PROJECT_ROOT, Settings
from .voice import Message, t

log = logging.getLogger("generator.serve")


def watched_paths(content: Path) -> list[Path]:
    """What a rebuild depends on: the content, the templates, the catalogs, the theme and the MkDocs configuration."""
    return [content, PACKAGE_ROOT / "templates", LOCALE_DIR, PROJECT_ROOT / "theme", MKDOCS_CONFIG]


def serve(settings: Settings, host: str, port: int) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout, force=True)
    if not 0 < port < 65536:
        raise GeneratorError(t("{option}: not a port number (choose one from 1 to 65535, such as 8000)", option=f"--port {port}"))
    # A serve killed before it could tidy up left its folder; its workers remove it too (generator/parent_watch.py).
    with staging_folder(Path(tempfile.gettempdir()), "generator-serve-") as folder, \
            IncrementalSite(settings, folder) as preview:
        builder = Builder(preview)
        server = PreviewServer(builder, host=host, port=port)
        with _address_problems(host, port):
            _try_address(server)  # before the first build, so that a port in use is known at once
        builder()
        for path in watched_paths(settings.content):
            server.watch(str(path))
        log.info(t("Open {address} in a browser; press Ctrl+C to stop.", address=f"http://{host}:{port}/"))
        with _stopped_by_signals(server):
            server.serve()
        log.info(t("Stopped."))


def _try_address(server: LiveReloadServer) -> None:
    """Bind a socket as the server will (same family, same address reuse), and let it go."""
    with socket.socket(server.address_family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(server.server_address)


@contextmanager
def _address_problems(host: str, port: int) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise GeneratorError(t("{option}: cannot listen on {address}: {problem}", option=f"--port {port}", address=f"{host}:{port}",
                               problem=_address_problem(error))) from error


def _address_problem(error: OSError) -> Message:
    if error.errno == errno.EADDRINUSE:
        return t("another program uses this port (stop it, or choose another port with --port N)")
    if error.errno == errno.EACCES:
        return t("ports below 1024 need administrator rights (choose another port with --port N, such as 8000)")
    if error.errno == errno.EADDRNOTAVAIL:
        return t("this machine has no such address (choose another with --host, such as 127.0.0.1)")
    return t("{reason} (choose another port with --port N or another address with --host)", reason=error.strerror or str(error))


@contextmanager
def _stopped_by_signals(server: LiveReloadServer) -> Iterator[None]:
    """Ctrl+C (or SIGTERM) asks the server to stop once the build under way, if any, is done, rather than
    interrupting whatever the main thread is doing at that moment (a build, the worker processes' bookkeeping)."""
    stopping: list[threading.Thread] = []

    def stop(signum: int, frame: object) -> None:
        if not stopping:
            log.info(t("Stopping."))
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
    """Rebuilds the preview after each change; after a failed build the previous site stays in place.

    The problems of the last build (errors that stopped it, or warnings of a good one) are kept for
    the server to show at the top of every page, in the page's language, until a save fixes them.
    """

    def __init__(self, preview: IncrementalSite) -> None:
        self.preview = preview
        self.site = preview.site
        self.built = False  # whether a good site has been built yet
        self.errors: list[Shown] = []
        self.warnings: list[Shown] = []

    def __call__(self) -> None:
        started = time.monotonic()
        try:
            rewritten = self.preview.build()
        except ContentError as error:
            for problem in error.problems:
                print(problem.format_text(), flush=True)
            self.errors, self.warnings = list(error.problems), []
            self.failed(error.message, self.errors)
        except GeneratorError as error:
            message = t("error: {message}", message=error.message)
            print(message, flush=True)
            self.errors, self.warnings = [message], []
            self.failed(error.message, [])
        else:
            self.built = True
            self.errors = []
            self.warnings = list(self.preview.warnings)
            pages = ", ".join(f"{language} {count}" for language, count in rewritten.items())
            log.info(t("Built the site in {seconds} s (pages rewritten: {pages}).", seconds=f"{time.monotonic() - started:.1f}",
                       pages=pages))

    def failed(self, summary: Message | str, problems: Sequence[Shown]) -> None:
        if self.built:
            log.warning(t("The site was not rebuilt; the previous version is still served. Save a fix to try again."))
            return
        # Nothing built yet: show the problems in the browser, so that whoever opens the page sees what to fix.
        if self.site.exists():
            shutil.rmtree(self.site)
        self.site.mkdir(parents=True)
        language = voice.language()
        items = "".join(f"<li><code>{html.escape(shown_line(line, language))}</code></li>" for line in problems)
        title = html.escape(str(t("Build failed")))
        heading = html.escape(str(t("The site could not be built")))
        advice = html.escape(str(t("Save a fix and this page reloads.")))
        (self.site / "index.html").write_text(
            f"<!doctype html><html lang=\"{language}\"><meta charset=\"utf-8\"><title>{title}</title>"
            f"<h1>{heading}</h1><p>{html.escape(str(summary))}</p><ul>{items}</ul><p>{advice}</p></html>\n", encoding="utf-8")


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, which also shows the last build's problems at the top of every page and answers
    the theme's requests for sitemap.xml (the preview has none) without a 404 line on each page load."""

    def __init__(self, builder: Builder, host: str, port: int) -> None:
        super().__init__(builder=builder, host=host, port=port, root=str(builder.site), polling_interval=0.2)
        self.problems = builder

    def _serve_request(self, environ, start_response):  # type: ignore[no-untyped-def]
        if environ.get("PATH_INFO", "").endswith(("/sitemap.xml", "/sitemap.xml.gz")):
            body = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
            start_response("200 OK", [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))])
            return [body]
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        return insert_problems_banner(content, self.problems.errors, self.problems.warnings)


_BANNER_STYLE = ("position:sticky;top:0;z-index:1000;margin:0;padding:.6em 1em;font:14px/1.4 system-ui,sans-serif;"
                 "color:#1a1a1a;border-bottom:3px solid {colour};background:{background};max-height:40vh;overflow:auto")


# A line of the banner: a problem or a message is worded in the page's language, a text is shown as it is.
Shown = str | Problem | Message


def shown_line(line: Shown, language: str) -> str:
    """A line of the banner in language; in the terminal's when that language's catalog cannot be read."""
    try:
        if isinstance(line, Problem):
            return line.format_text(language=language)
        return line.render(language) if isinstance(line, Message) else line
    except GeneratorError:  # a catalog that cannot be read must not take the preview down
        return str(line.format_text() if isinstance(line, Problem) else line)


def insert_problems_banner(page: bytes, errors: Sequence[Shown], warnings: Sequence[Shown]) -> bytes:
    """The page with a banner after <body> listing the problems, in the page's language; the page itself when none."""
    if not errors and not warnings:
        return page
    language_match = re.search(rb'<html[^>]*\slang="([a-z]{2})', page[:2000])
    language = language_match.group(1).decode() if language_match and language_match.group(1).decode() in LANGUAGES else "en"
    translations = load_translations(language)
    if errors:
        heading = translations.ngettext("The content has %(count)d problem: the page shows the last version that built.",
                                        "The content has %(count)d problems: the page shows the last version that built.",
                                        len(errors)) % {"count": len(errors)}
        lines, colour, background = errors, "#b00020", "#fdecea"
    else:
        heading = translations.ngettext("%(count)d warning to finish before the pull request:",
                                        "%(count)d warnings to finish before the pull request:", len(warnings)) % {"count": len(warnings)}
        lines, colour, background = warnings, "#8a5a00", "#fff4e0"
    hint = translations.gettext("Save a fix and this page reloads.")
    items = "".join(f"<li><code>{html.escape(shown_line(line, language))}</code></li>" for line in lines)
    banner = (f'<div id="preview-problems" role="alert" style="{_BANNER_STYLE.format(colour=colour, background=background)}">'
              f"<strong>{html.escape(heading)}</strong><ul style=\"margin:.3em 0;padding-left:1.2em\">{items}</ul>"
              f"<small>{html.escape(hint)}</small></div>").encode()
    body = re.search(rb"<body[^>]*>", page)
    at = body.end() if body else 0
    return page[:at] + banner + page[at:]
