"""The command line: python -m generator validate | build | bundle | i18n."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .errors import ContentError, GeneratorError
from .load import load_content
from .settings import load_settings
from .validate import Report, validate_content


def main(argv: list[str] | None = None) -> int:
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m generator", description="Build the trilingual knowledge base from content/.")
    parser.add_argument("--debug", action="store_true", help="show a traceback when a command fails")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the content and report every problem")
    _add_content_options(validate, settings)
    validate.add_argument("--strict", action="store_true", help="treat warnings (such as a missing translation) as errors")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="'github' prints ::error lines that GitHub shows on a pull request")

    build = commands.add_parser("build", help="validate, then build the site in kk, ru and en")
    _add_content_options(build, settings)
    build.add_argument("--out", type=Path, default=settings.site, help=f"output folder (default: {settings.site.name}/)")
    build.add_argument("--markdown-only", action="store_true",
                       help="stop before MkDocs: write each language's Markdown and mkdocs.yml into OUT/kk, OUT/ru, OUT/en")

    bundle = commands.add_parser("bundle", help="build the offline site and pack it into one zip archive")
    _add_content_options(bundle, settings)
    bundle.add_argument("--out", type=Path, default=settings.dist, help=f"folder for the archive (default: {settings.dist.name}/)")

    i18n = commands.add_parser("i18n", help="extract, update or compile the interface translations")
    i18n.add_argument("action", choices=("extract", "update", "compile"))

    options = parser.parse_args(argv)
    try:
        return _run(options, settings)
    except ContentError as error:
        _print_problems(error.problems, "text")
        print(f"error: {error}", file=sys.stderr)
        return 1
    except GeneratorError as error:
        if options.debug:
            traceback.print_exc()
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _add_content_options(parser: argparse.ArgumentParser, settings) -> None:
    parser.add_argument("--content", type=Path, default=settings.content, help="content folder (default: content/)")
    parser.add_argument("--archive", type=Path, default=settings.archive,
                        help="folder of archived source documents that quotes are checked against")


def _run(options: argparse.Namespace, settings) -> int:
    if options.command == "validate":
        documents, load_problems = load_content(options.content)
        report = validate_content(documents, load_problems, options.archive)
        _print_problems(report.problems, options.format)
        _print_summary(report)
        return 1 if report.failed(options.strict) else 0
    if options.command == "build" and options.markdown_only:
        from .build import build_markdown

        build_markdown(options.content, options.archive, options.out)
        print(f"wrote the Markdown of each language into {options.out}")
        return 0
    if options.command == "build":
        from .build import build_site

        build_site(options.content, options.archive, options.out)
        print(f"built {options.out}")
        return 0
    if options.command == "bundle":
        from .bundle import build_bundle

        archive = build_bundle(options.content, options.archive, options.out, settings.name)
        print(f"wrote {archive}")
        return 0
    from .i18n import run_catalog_command

    run_catalog_command(options.action)
    return 0


def _print_problems(problems, output_format: str) -> None:
    for problem in problems:
        if output_format == "github":
            print(problem.format_github())
        else:
            print(problem.format_text())


def _print_summary(report: Report) -> None:
    errors, warnings = report.count("error"), report.count("warning")
    print(f"{errors} error(s), {warnings} warning(s); {report.quotes_checked} quote(s) checked against the archive")
