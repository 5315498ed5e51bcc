"""The command line: python -m generator validate | build | bundle | i18n.

Every message is printed in the contributor's language: `--language kk|ru|en` (before the command, or after
it for every command but archive and stamp, whose own --language names a document's or a translation's
language), else the first of LC_ALL, LC_MESSAGES and LANG that is set (generator/voice.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from . import voice
from .deceptive_text import visible
from .errors import ContentError, GeneratorError, count_errors, count_warnings, display_path
from .languages import LANGUAGES
from .load import load_content
from .record_kinds import KINDS, scaffold_kinds
from .settings import Settings, SettingsError, load_settings
from .validate import Report, validate_content
from .voice import Message, t, tn

# Commands whose own --language is not the messages' language: the document's (archive), the translations' (stamp).
OWN_LANGUAGE_OPTION = ("archive", "stamp")


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The language is known before the parser is built, so that --help is in it too; it is restored on return.
    with voice.speaking(voice.language()):
        language = messages_language(arguments, os.environ)
        _speak(language)
        return _main(arguments, language)


def messages_language(arguments: list[str], environment: Mapping[str, str]) -> str:
    """The language of the messages: --language kk|ru|en on the command line, else LC_ALL, LC_MESSAGES or LANG."""
    chosen = _language_option(arguments)
    return chosen if chosen in LANGUAGES else voice.language_from_environment(environment, LANGUAGES)


def _language_option(arguments: Iterable[str]) -> str | None:
    """The value of the last --language X (or --language=X) that names the messages' language; None without one."""
    found = None
    command = None
    tokens = iter(arguments)
    for token in tokens:
        if token == "--":
            break
        if token == "--language" or token.startswith("--language="):
            value = token.partition("=")[2] if "=" in token else next(tokens, None)
            if command not in OWN_LANGUAGE_OPTION:
                found = value
        elif command is None and not token.startswith("-"):
            command = token
    return found


def _speak(language: str) -> None:
    """Print messages in language from now on; in English, with a warning, when its catalog cannot be read."""
    if language != voice.SOURCE_LANGUAGE:
        from .i18n import load_translations

        try:
            load_translations(language, voice.DOMAIN)
        except GeneratorError as error:
            print(t("warning: {problem}; the messages are in English", problem=error.message).render(voice.SOURCE_LANGUAGE),
                  file=sys.stderr)
            language = voice.SOURCE_LANGUAGE
    voice.set_language(language)


def _error_line(message: object) -> Message:
    """What the command line prints when it stops: 'error: ' and the message."""
    return t("error: {message}", message=message)


def _main(arguments: list[str], language: str) -> int:
    try:
        settings = load_settings()
    except SettingsError as error:
        print(_error_line(error.message), file=sys.stderr)
        return 1
    options = make_parser(settings).parse_args(arguments)
    if getattr(options, "messages_language", language) != language:  # an abbreviation (--lang ru) that argparse accepts
        _speak(options.messages_language)
    try:
        return _run(options, settings)
    except ContentError as error:
        _print_problems(error.problems, "text")
        print(_error_line(error.message), file=sys.stderr)
        return 1
    except GeneratorError as error:
        if options.debug:
            traceback.print_exc()
        # Each line with no character that hides or passes for another (a file name may hold anything).
        print(_error_line("\n".join(visible(line) for line in str(error).split("\n"))), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(t("interrupted"), file=sys.stderr)
        return 130
    except OSError as error:  # the file system refused: a full disk, a read-only folder
        if options.debug:
            traceback.print_exc()
        print(_error_line(t("{file}: {reason} (check the folder's space and permissions)",
                            file=error.filename or t("the file system"), reason=error.strerror or str(error))), file=sys.stderr)
        return 1
    except Exception as error:  # a defect in the generator: one line, and the way to the details
        if options.debug:
            traceback.print_exc()
        print(_error_line(t("the generator failed unexpectedly ({failure}); run '{command}' to see where, and report it",
                            failure=f"{type(error).__name__}: {error}", command="python -m generator --debug ...")),
              file=sys.stderr)
        return 1


# --- the parser ------------------------------------------------------------------------


def _help(message: Message) -> str:
    """A help text for argparse, in the current language; argparse formats it with %, so a % stays a %."""
    return str(message).replace("%", "%%")


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with its own headings in the current language."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action], groups: Iterable[Any],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, str(t("usage: ")) if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        headings = {"positional arguments": t("positional arguments"), "options": t("options")}
        super().start_section(str(headings[heading]) if heading in headings else heading)


# argparse's own words for a command line it refuses, read through its module's gettext function at the moment it
# refuses one; argparse fills in the %(...)s fields itself.
_ARGPARSE_TEXTS = {
    "argument %(argument_name)s: %(message)s": t("argument %(argument_name)s: %(message)s"),
    "invalid choice: %(value)r (choose from %(choices)s)": t("invalid choice: %(value)r (choose from %(choices)s)"),
    "invalid %(type)s value: %(value)r": t("invalid %(type)s value: %(value)r"),
    "the following arguments are required: %s": t("the following arguments are required: %s"),
    "unrecognized arguments: %s": t("unrecognized arguments: %s"),
    "expected one argument": t("expected one argument"),
    "ambiguous option: %(option)s could match %(matches)s": t("ambiguous option: %(option)s could match %(matches)s"),
}


def _argparse_text(text: str) -> str:
    message = _ARGPARSE_TEXTS.get(text)
    return str(message) if message is not None else text


argparse._ = _argparse_text  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """A parser (and each command's, which argparse makes of the same class) that speaks the current language."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options, add_help=False, formatter_class=_Formatter)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=_help(t("show this help and exit")))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {_error_line(message)}\n")


def make_parser(settings: Settings) -> argparse.ArgumentParser:
    """The command line: every command with its options, its help in the current language; defaults come from the settings."""
    parser = _Parser(prog="python -m generator", description=str(t("Build the trilingual knowledge base from content/.")))
    _add_language_option(parser)
    parser.add_argument("--debug", action="store_true", help=_help(t("show a traceback when a command fails")))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: Message, speaks: bool = True) -> argparse.ArgumentParser:
        added = commands.add_parser(name, help=_help(help_text))
        if speaks:
            _add_language_option(added)
        return added

    validate = command("validate", t("check the content (or only FILE...) and report every problem"))
    validate.add_argument("files", type=Path, nargs="*", metavar="FILE",
                          help=_help(t("check only these content files (against every record they refer to)")))
    _add_content_options(validate, settings)
    validate.add_argument("--strict", action="store_true",
                          help=_help(t("treat warnings (such as a missing translation) as errors")))
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help=_help(t("'github' prints ::error lines that GitHub shows on a pull request")))

    build = command("build", t("validate, then build the site in {languages}", languages=", ".join(LANGUAGES)))
    _add_content_options(build, settings)
    build.add_argument("--out", type=Path, default=settings.site,
                       help=_help(t("output folder (default: {folder}/)", folder=settings.site.name)))
    build.add_argument("--strict", action="store_true", help=_help(t("refuse content with warnings too")))
    build.add_argument("--markdown-only", action="store_true",
                       help=_help(t("stop before MkDocs: write each language's Markdown and mkdocs.yml into {folders}",
                                    folders=", ".join(f"OUT/{language}" for language in LANGUAGES))))

    bundle = command("bundle", t("build the offline site and pack it into one zip archive"))
    _add_content_options(bundle, settings)
    bundle.add_argument("--out", type=Path, default=settings.dist,
                        help=_help(t("folder for the archive (default: {folder}/)", folder=settings.dist.name)))
    bundle.add_argument("--strict", action="store_true", help=_help(t("refuse content with warnings too")))

    serve = command("serve", t("build, serve the site on localhost and rebuild when a file changes"))
    _add_content_options(serve, settings)
    serve.add_argument("--host", default="127.0.0.1", help=_help(t("address to listen on (default: {host})", host="127.0.0.1")))
    serve.add_argument("--port", type=int, default=8000, help=_help(t("port to listen on (default: {port})", port=8000)))

    new = command("new", t("write a new fact, source or entity file with every field to fill in"))
    new.add_argument("kind", choices=scaffold_kinds())
    new.add_argument("id", help=_help(t("the new record's id: lowercase letters, digits and hyphens, e.g. {example}",
                                        example="amnesty-releases-2026")))
    new.add_argument("--written-in", choices=LANGUAGES, default="en",
                     help=_help(t("the language you write the record in (default: {default}); the other two are its translations",
                                  default="en")))
    new.add_argument("--content", type=Path, default=settings.content, help=_help(t("content folder (default: content/)")))

    archive = command("archive", t("archive a saved web page, a PDF, a text file or an address as a new source"), speaks=False)
    archive.add_argument("document", metavar="FILE|URL",
                         help=_help(t("a saved web page (.html), a PDF, a .txt file, or an http(s) address")))
    archive.add_argument("--id", required=True, help=_help(t("the new source's id, e.g. {example}", example="tengrinews-2026-03-amnesty")))
    archive.add_argument("--language", choices=LANGUAGES,
                         help=_help(t("the language the document is written in (default: recognised from its letters)")))
    _add_content_options(archive, settings)

    status = command("status", t("report, per language, what is translated, missing or out of date"))
    status.add_argument("--content", type=Path, default=settings.content, help=_help(t("content folder (default: content/)")))
    status.add_argument("--format", choices=("text", "json"), default="text")

    stamp = command("stamp", t("record that the translations of a file are up to date with its original"), speaks=False)
    stamp.add_argument("files", type=Path, nargs="+", metavar="FILE")
    stamp.add_argument("--content", type=Path, default=settings.content,
                       help=_help(t("content folder the files are in (default: content/)")))
    stamp.add_argument("--language", action="append", choices=LANGUAGES,
                       help=_help(t("only this translation (repeatable; default: every complete translation)")))

    i18n = command("i18n", t("extract, update or compile the interface translations"))
    i18n.add_argument("action", choices=("extract", "update", "compile"))

    return parser


def _add_language_option(parser: argparse.ArgumentParser) -> None:
    """--language, before the command or after it; archive and stamp keep their own --language (OWN_LANGUAGE_OPTION).
    Read before the parser is built (messages_language); given twice, the command's wins, as argparse reads it."""
    parser.add_argument("--language", dest="messages_language", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help=_help(t("the language of the messages (default: from LC_ALL, LC_MESSAGES or LANG, else en)")))


def _add_content_options(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.add_argument("--content", type=Path, default=settings.content, help=_help(t("content folder (default: content/)")))
    parser.add_argument("--archive", type=Path, default=settings.archive,
                        help=_help(t("folder of archived source documents that quotes are checked against")))


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

            write_job_summary(format_summary(report.problems, report.count("error"), report.count("warning"), report.quotes_checked,
                                             options.strict))
        if options.strict and report.failed(options.strict) and not report.count("error"):
            print(t("under --strict every warning counts as an error: fix the warnings too, as the pull-request check requires"))
        return 1 if report.failed(options.strict) else 0
    if options.command == "build" and options.markdown_only:
        from .build import build_markdown

        build_markdown(settings, options.out)
        print(t("wrote the Markdown of each language into {folder}", folder=options.out))
        return 0
    if options.command == "build":
        from .build import build_site

        build_site(settings, options.out, strict=options.strict)
        print(t("built {folder}", folder=options.out))
        return 0
    if options.command == "bundle":
        from .bundle import build_bundle

        archive = build_bundle(settings, options.out, strict=options.strict)
        print(t("wrote {file}", file=archive))
        return 0
    if options.command == "serve":
        from .serve import serve

        serve(settings, options.host, options.port)
        return 0
    if options.command == "new":
        from .scaffold import write_new_record

        path, next_steps = write_new_record(options.content, options.kind, options.id, options.written_in)
        print(t("wrote {file}", file=display_path(path, None)))
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
            recorded = ", ".join(f"{language} {digest}" for language, digest in written.items()) or t("nothing to record")
            print(f"{display_path(file, None)}: translated_from: {recorded}")  # the key and the hashes as the file holds them
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
            raise GeneratorError(t("{file}: not a record of the content folder {folder}/ (name files in {folders})",
                                   file=display_path(file, None), folder=display_path(content, None),
                                   folders=", ".join(kind + "/" for kind in KINDS)))
        if not path.is_file():
            raise GeneratorError(t("{file}: no such file (check the name)", file=display_path(file, None)))
        chosen.add(path)
    return chosen


def _print_problems(problems, output_format: str) -> None:
    for problem in problems:
        if output_format == "github":
            print(problem.format_github())
        else:
            print(problem.format_text())


def count_quotes(count: int) -> Message:
    return tn("{count} quote checked against the archive", "{count} quotes checked against the archive", count)


def _print_summary(report: Report) -> None:
    print(t("{errors}, {warnings}; {quotes}", errors=count_errors(report.count("error")),
            warnings=count_warnings(report.count("warning")), quotes=count_quotes(report.quotes_checked)))
