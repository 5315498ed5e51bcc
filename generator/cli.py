"""The command line: python -m generator validate | build | bundle | i18n."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from dataclasses import replace
from pathlib import Path

from .deceptive_text import visible
from .errors import ContentError, GeneratorError, display_path
from .languages import LANGUAGES
from .load import load_content
from .record_kinds import KINDS, scaffold_kinds
from .settings import Settings, SettingsError, load_settings
from .validate import Report, validate_content


def main(argv: list[str] | None = None) -> int:
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    options = make_parser(settings).parse_args(argv)
    try:
        return _run(options, settings)
    except ContentError as error:
        _print_problems(error.problems, "text")
        print(f"error: {error}", file=sys.stderr)
        return 1
    except GeneratorError as error:
        if options.debug:
            traceback.print_exc()
        # Each line with no character that hides or passes for another (a file name may hold anything).
        print("error: " + "\n".join(visible(line) for line in str(error).split("\n")), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as error:  # the file system refused: a full disk, a read-only folder
        if options.debug:
            traceback.print_exc()
        print(f"error: {error.filename or 'the file system'}: {error.strerror or error} (check the folder's space and permissions)",
              file=sys.stderr)
        return 1
    except Exception as error:  # a defect in the generator: one line, and the way to the details
        if options.debug:
            traceback.print_exc()
        print(f"error: the generator failed unexpectedly ({type(error).__name__}: {error}); run "
              "'python -m generator --debug ...' to see where, and report it", file=sys.stderr)
        return 1


def make_parser(settings: Settings) -> argparse.ArgumentParser:
    """The command line: every command with its options; defaults come from the settings."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="Build the trilingual knowledge base from content/.")
    parser.add_argument("--debug", action="store_true", help="show a traceback when a command fails")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the content (or only FILE...) and report every problem")
    validate.add_argument("files", type=Path, nargs="*", metavar="FILE",
                          help="check only these content files (against every record they refer to)")
    _add_content_options(validate, settings)
    validate.add_argument("--strict", action="store_true", help="treat warnings (such as a missing translation) as errors")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="'github' prints ::error lines that GitHub shows on a pull request")

    build = commands.add_parser("build", help=f"validate, then build the site in {', '.join(LANGUAGES)}")
    _add_content_options(build, settings)
    build.add_argument("--out", type=Path, default=settings.site, help=f"output folder (default: {settings.site.name}/)")
    build.add_argument("--strict", action="store_true", help="refuse content with warnings too")
    build.add_argument("--markdown-only", action="store_true",
                       help="stop before MkDocs: write each language's Markdown and mkdocs.yml into OUT/kk, OUT/ru, OUT/en")

    bundle = commands.add_parser("bundle", help="build the offline site and pack it into one zip archive")
    _add_content_options(bundle, settings)
    bundle.add_argument("--out", type=Path, default=settings.dist, help=f"folder for the archive (default: {settings.dist.name}/)")
    bundle.add_argument("--strict", action="store_true", help="refuse content with warnings too")

    serve = commands.add_parser("serve", help="build, serve the site on localhost and rebuild when a file changes")
    _add_content_options(serve, settings)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")

    new = commands.add_parser("new", help="write a new fact, source or entity file with every field to fill in")
    new.add_argument("kind", choices=scaffold_kinds())
    new.add_argument("id", help="the new record's id: lowercase letters, digits and hyphens, e.g. amnesty-releases-2026")
    new.add_argument("--written-in", choices=LANGUAGES, default="en",
                     help="the language you write the record in (default: en); the other two are its translations")
    new.add_argument("--content", type=Path, default=settings.content, help="content folder (default: content/)")

    archive = commands.add_parser("archive", help="archive a saved web page, a PDF, a text file or an address as a new source")
    archive.add_argument("document", metavar="FILE|URL", help="a saved web page (.html), a PDF, a .txt file, or an http(s) address")
    archive.add_argument("--id", required=True, help="the new source's id, e.g. tengrinews-2026-03-amnesty")
    archive.add_argument("--language", choices=LANGUAGES,
                         help="the language the document is written in (default: recognised from its letters)")
    _add_content_options(archive, settings)

    status = commands.add_parser("status", help="report, per language, what is translated, missing or out of date")
    status.add_argument("--content", type=Path, default=settings.content, help="content folder (default: content/)")
    status.add_argument("--format", choices=("text", "json"), default="text")

    stamp = commands.add_parser("stamp", help="record that the translations of a file are up to date with its original")
    stamp.add_argument("files", type=Path, nargs="+", metavar="FILE")
    stamp.add_argument("--content", type=Path, default=settings.content, help="content folder the files are in (default: content/)")
    stamp.add_argument("--language", action="append", choices=LANGUAGES,
                       help="only this translation (repeatable; default: every complete translation)")

    i18n = commands.add_parser("i18n", help="extract, update or compile the interface translations")
    i18n.add_argument("action", choices=("extract", "update", "compile"))

    return parser


def _add_content_options(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.add_argument("--content", type=Path, default=settings.content, help="content folder (default: content/)")
    parser.add_argument("--archive", type=Path, default=settings.archive,
                        help="folder of archived source documents that quotes are checked against")


def _run(options: argparse.Namespace, settings: Settings) -> int:
    if "content" in options:  # the command line overrides the settings' folders
        settings = replace(settings, content=options.content, archive=getattr(options, "archive", settings.archive))
    if options.command == "validate":
        only = _content_files(options.files, options.content) if options.files else None
        documents, load_problems = load_content(options.content)
        report = validate_content(documents, load_problems, options.archive, only)
        _print_problems(report.problems, options.format)
        _print_summary(report)
        if options.format == "github":  # every problem, past the ten annotations GitHub shows per step
            from .summary import format_summary, write_job_summary

            write_job_summary(format_summary(report.problems, report.count("error"), report.count("warning"), report.quotes_checked))
        return 1 if report.failed(options.strict) else 0
    if options.command == "build" and options.markdown_only:
        from .build import build_markdown

        build_markdown(settings, options.out)
        print(f"wrote the Markdown of each language into {options.out}")
        return 0
    if options.command == "build":
        from .build import build_site

        build_site(settings, options.out, strict=options.strict)
        print(f"built {options.out}")
        return 0
    if options.command == "bundle":
        from .bundle import build_bundle

        archive = build_bundle(settings, options.out, strict=options.strict)
        print(f"wrote {archive}")
        return 0
    if options.command == "serve":
        from .serve import serve

        serve(settings, options.host, options.port)
        return 0
    if options.command == "new":
        from .scaffold import write_new_record

        path, next_steps = write_new_record(options.content, options.kind, options.id, options.written_in)
        print(f"wrote {display_path(path, None)}")
        print(next_steps)
        return 0
    if options.command == "archive":
        from .archive import archive_source

        print(archive_source(options.document, options.id, options.content, options.archive, options.language))
        return 0
    if options.command == "status":
        from .status import format_status, status_json, translation_status

        documents, _ = load_content(options.content)
        statuses = translation_status(documents)
        print(status_json(statuses) if options.format == "json" else format_status(statuses, options.content))
        return 0
    if options.command == "stamp":
        from .stamp import stamp_file

        for file in options.files:
            written = stamp_file(file, options.language, options.content)
            recorded = ", ".join(f"{language} {digest}" for language, digest in written.items()) or "nothing to record"
            print(f"{display_path(file, None)}: translated_from: {recorded}")
        return 0
    from .i18n import run_catalog_command

    run_catalog_command(options.action)
    return 0


def _content_files(files: list[Path], content: Path) -> set[Path]:
    """The named files as absolute paths; each must be a record file inside the content folder."""
    root = Path(os.path.abspath(content))
    chosen = set()
    for file in files:
        path = Path(os.path.abspath(file))
        if path.parent.parent != root or path.parent.name not in KINDS:
            raise GeneratorError(f"{display_path(file, None)}: not a record of the content folder {display_path(content, None)}/ "
                                 f"(name files in {', '.join(kind + '/' for kind in KINDS)})")
        if not path.is_file():
            raise GeneratorError(f"{display_path(file, None)}: no such file (check the name)")
        chosen.add(path)
    return chosen


def _print_problems(problems, output_format: str) -> None:
    for problem in problems:
        if output_format == "github":
            print(problem.format_github())
        else:
            print(problem.format_text())


def _print_summary(report: Report) -> None:
    errors, warnings = report.count("error"), report.count("warning")
    print(f"{errors} error(s), {warnings} warning(s); {report.quotes_checked} quote(s) checked against the archive")
