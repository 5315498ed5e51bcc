"""Build the site: load, validate, model, render each language and build it with MkDocs, finish, swap in.

One per-language step (write_language_sources) writes a language's sources: its Markdown pages, its
open data and its MkDocs configuration, each file only when its text changed, and reports what
changed. One step (finish_site) adds what spans the languages. `build` runs both from scratch in a
staging folder; the preview (preview.py) runs the same two on folders it keeps, with MkDocs'
"dirty" builds: a flag, not a second pipeline.

Nothing is written to the output folder until all three languages have built; then the new site
takes the old one's place in one step (generator/output_folder.py), so a failed or killed build
never leaves a half-written site behind.
"""

from __future__ import annotations

import gc
import html
import json
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

import jinja2
import yaml
from babel import Locale

from . import engine
from .citing import Edition, edition_of
from .errors import BuildError, ContentError, Problem
from .i18n import load_translations
from .languages import LANGUAGES
from .load import load_content
from .model import KnowledgeBase, build_knowledge_base
from .open_data import DATA_FOLDER, write_all_languages, write_language_data
from .output_folder import check_output_folder, staging_folder, stopped_without_a_word, swap_in
from .pages import gettext_noop, navigation_pages, page_path
from .publishing import language_settings, site_url, write_language_files, write_root_pages
from .render import render_pages
from .search_index import write_search_index
from .settings import PACKAGE_ROOT, PROJECT_ROOT, Settings
from .validate import validate_content
from .voice import t
from .wording import text_in

MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"


def build_site(settings: Settings, out: Path, strict: bool = False) -> KnowledgeBase:
    """The whole pipeline, for settings.content into out; returns the model it built from.

    strict refuses content with warnings (such as a missing translation) too.
    """
    kb = load_knowledge_base(settings.content, settings.archive, strict)  # load, validate, model
    check_output_folder(out, settings.content, settings.archive)
    edition = edition_of(settings, settings.content)
    write_site(kb, edition, out)  # render, build, finish, swap in
    return kb


def write_site(kb: KnowledgeBase, edition: Edition, out: Path) -> None:
    """Render and build a validated knowledge base into out, replacing it only once every language has built."""
    check_output_folder(out)
    out = out.resolve()
    with staging_folder(out.parent, f".{out.name}-", out) as staging:
        build_languages(kb, edition, staging, run_mkdocs=True)
        finish_site(edition, staging, rebuilt=LANGUAGES)
        replace_directory(staging / "site", out)


def build_markdown(settings: Settings, out: Path) -> KnowledgeBase:
    """The generator's own stage alone: load, validate and write each language's sources, without MkDocs.

    out/<language>/ receives docs/ and mkdocs.yml; `mkdocs build -f out/<language>/mkdocs.yml` then builds
    that language into out/site/<language>/.
    """
    kb = load_knowledge_base(settings.content, settings.archive)
    build_languages(kb, edition_of(settings, settings.content), out.resolve(), run_mkdocs=False)
    return kb


@overload
def load_knowledge_base(content: Path, archive: Path | None, strict: bool = False) -> KnowledgeBase: ...
@overload
def load_knowledge_base(content: Path, archive: Path | None, strict: bool = False, *,
                        with_warnings: Literal[True]) -> tuple[KnowledgeBase, list[Problem]]: ...
def load_knowledge_base(content: Path, archive: Path | None, strict: bool = False, *,
                        with_warnings: bool = False) -> KnowledgeBase | tuple[KnowledgeBase, list[Problem]]:
    """Load and validate the content; refuse (ContentError) when it has errors, or under strict warnings.
    with_warnings: also return the warnings of content that was accepted (the preview shows them)."""
    documents, load_problems = load_content(content)
    report = validate_content(documents, load_problems, archive)
    if report.failed(strict):
        refused = ("error", "warning") if strict else ("error",)
        raise ContentError([problem for problem in report.problems if problem.severity in refused])
    kb = build_knowledge_base(documents)
    if with_warnings:
        return kb, [problem for problem in report.problems if problem.severity == "warning"]
    return kb


# --- one language --------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageSources:
    """What write_language_sources wrote: the MkDocs configuration, and what changed since the folder's last build."""

    config: Path
    pages_written: int  # Markdown pages written or deleted because their text changed
    config_changed: bool  # the configuration (navigation, interface texts) changed: every page must be rebuilt


def write_language_sources(kb: KnowledgeBase, language: str, edition: Edition, work: Path) -> LanguageSources:
    """Write one language's sources into work/: docs/ (its pages and open data) and mkdocs.yml, which builds
    it into work/../site/<language>/. A file is written only when its text changed, so that in a folder kept
    between builds unchanged pages keep their modification times and MkDocs' dirty build skips them."""
    docs = work / "docs"
    pages_written = sync_pages(docs, {page.path: page.markdown for page in render_pages(kb, language, edition)})
    pages_written += write_search_index(kb, language, edition, docs)  # an index that changed counts as a page
    write_language_data(kb, language, edition, docs)
    write_language_files(kb, language, edition, docs)  # the feed and the Wikidata export
    config = work / "mkdocs.yml"
    text = yaml.safe_dump(language_config(kb, language, edition, docs, site_folder(work) / language),
                          allow_unicode=True, sort_keys=False)
    config_changed = not config.is_file() or config.read_text(encoding="utf-8") != text
    if config_changed:
        config.write_text(text, encoding="utf-8")
    return LanguageSources(config, pages_written, config_changed)


def sync_pages(docs: Path, pages: dict[str, str]) -> int:
    """Write the pages whose text changed, delete pages that are gone; return how many were written or deleted."""
    written = 0
    for relative, markdown in pages.items():
        path = docs / relative
        if path.is_file() and path.read_text(encoding="utf-8") == markdown:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
        written += 1
    if docs.is_dir():
        for path in docs.rglob("*.md"):
            if path.relative_to(docs).as_posix() not in pages:
                path.unlink()
                written += 1
    return written


def site_folder(work: Path) -> Path:
    """The site the language folders of one build go into: a sibling of the language folders."""
    return work.parent / "site"


def language_config(kb: KnowledgeBase, language: str, edition: Edition, docs: Path, site_dir: Path) -> dict:
    """The per-language MkDocs configuration; everything shared is inherited from mkdocs.yml."""
    _ = load_translations(language).gettext

    def title(value: dict[str, str]) -> str:
        # Material prints navigation titles as HTML, unescaped: content must arrive as text.
        return html.escape(text_in(value, language), quote=False)

    (home_title, home), *others = navigation_pages()
    return {
        "INHERIT": str(MKDOCS_CONFIG),
        "site_name": edition.title[language],
        "site_description": _("Facts on penal policy in Kazakhstan, each cited with a verbatim quote from its source."),
        **site_url(language, edition),
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {"language": language, "custom_dir": str(PROJECT_ROOT / "theme"), "palette": palette(_)},
        "hooks": [str(PACKAGE_ROOT / "mkdocs_hooks.py")],
        "extra": {"alternate": [{"name": language_name(code), "lang": code, "link": f"../{code}/"} for code in LANGUAGES],
                  **language_settings(kb, language, edition)},
        "markdown_extensions": {
            "footnotes": {"BACKLINK_TITLE": _("Back to reference %d in the text")},
            "toc": {"permalink": True, "permalink_title": _("Link to this section")},
            "generator.footnote_labels": {
                "reference_label": _("Source note {}"),
                "backlink_label": _("Back to reference {} in the text"),
            },
        },
        # Topics and the site's own pages only: a source or entity page is reached from its index, the footnotes
        # and the facts that mention it. Every page carries the navigation, so a nav that listed one entry per
        # source and entity would make the build grow with the square of the content. Every entry has its title
        # here, so that the preview's incremental builds, which read only the pages that changed, know every title.
        "nav": [
            {_(home_title): home},
            {_("Topics"): [{title(topic.title): page_path(topic)} for topic in kb.topics]},
            *({_(nav_title): path} for nav_title, path in others),
        ],
        "not_in_nav": "/sources/*.md\n/entities/*.md\n/handouts/*.md\n",
    }


def palette(translate: Callable[[str], str]) -> list[dict]:
    """mkdocs.yml's light and dark schemes, each toggle named in the page's language (a list is not inherited
    key by key, so each language gives the whole list)."""
    shared = yaml.load(MKDOCS_CONFIG.read_text(encoding="utf-8"), Loader=SharedConfigLoader)["theme"]["palette"]
    return [dict(scheme, toggle=dict(scheme["toggle"], name=translate(scheme["toggle"]["name"]))) for scheme in shared]


# The toggle names in mkdocs.yml, for the catalogs.
PALETTE_NAMES = (gettext_noop("Switch to dark mode"), gettext_noop("Switch to light mode"))


class SharedConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without building the Python objects its tags name (MkDocs builds those itself)."""


SharedConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def language_name(code: str) -> str:
    """The language's name in itself: 'Қазақ тілі', 'Русский', 'English'."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


# --- the languages side by side ---------------------------------------------------------


def build_languages(kb: KnowledgeBase, edition: Edition, staging: Path, run_mkdocs: bool) -> None:
    """Write each language's sources in its own forked process, side by side, then (with run_mkdocs) build it.

    The children share the loaded knowledge base with this process, so nothing is loaded twice; each one becomes
    `mkdocs build` for its language once its sources are written, so its memory is MkDocs' alone from then on.
    Every failed language is reported.
    """
    # Objects the collector never visits stay shared with the children instead of being copied into each.
    gc.collect()
    gc.freeze()
    try:
        children = [(language, fork_language_build(kb, language, edition, staging, run_mkdocs)) for language in LANGUAGES]
    finally:
        gc.unfreeze()
    failures = []
    for language, pid in children:
        exit_code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        lines = [line for line in language_log(staging, language).read_text(encoding="utf-8").splitlines() if line.strip()]
        if exit_code != 0 or any(line.startswith(("WARNING", "ERROR")) for line in lines):
            failures.append(f"[{language}] " + "\n  ".join(lines[-20:] or [str(stopped_without_a_word(exit_code, staging))]))
    if failures:  # each language's log as MkDocs wrote it
        raise BuildError(t("MkDocs could not build the site:\n{failures}", failures="\n".join(failures)))
    for language in LANGUAGES:
        language_log(staging, language).unlink()


def fork_language_build(kb: KnowledgeBase, language: str, edition: Edition, staging: Path, run_mkdocs: bool) -> int:
    """Start the child process that writes one language's sources (and runs MkDocs on them); return its process id."""
    log = language_log(staging, language)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("", encoding="utf-8")
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    exit_code = 1
    try:  # in the child: everything it prints goes to the language's log, which the parent reads
        with log.open("w", encoding="utf-8") as output:
            os.dup2(output.fileno(), 1)
            os.dup2(output.fileno(), 2)
        sources = write_language_sources(kb, language, edition, staging / language)
        if run_mkdocs:
            os.chdir(PROJECT_ROOT)
            os.execve(sys.executable, engine.build_command(sources.config), environment_for_mkdocs(edition))
        exit_code = 0
    except BaseException:
        os.write(2, traceback.format_exc().encode("utf-8"))  # to the log even when sys.stderr is not file descriptor 2
    finally:
        os._exit(exit_code)


def language_log(staging: Path, language: str) -> Path:
    return staging / f"{language}.log"


def environment_for_mkdocs(edition: Edition) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(PROJECT_ROOT), SOURCE_DATE_EPOCH=str(edition.timestamp))


# --- the finished site ---------------------------------------------------------------------


def finish_site(edition: Edition, work: Path, rebuilt: tuple[str, ...] | list[str]) -> None:
    """What spans the languages, once MkDocs has built them into work/site: the open data of all three in one
    file and the language chooser; in each language MkDocs built afresh, no loader of remote scripts."""
    site = work / "site"
    for language in rebuilt:
        remove_remote_loaders(site / language)
    write_all_languages(read_language_data(work), site)
    write_language_chooser(edition, site)
    write_root_pages(site, edition)  # the 404 page at the root; the sitemap index when the site has an address


def read_language_data(work: Path) -> dict[str, dict]:
    """The open-data document each language's sources hold, for the file that holds all three."""
    return {language: json.loads((work / language / "docs" / DATA_FOLDER / "facts.json").read_text(encoding="utf-8"))
            for language in LANGUAGES}


# Addresses that Material's JavaScript can load at run time, each only in a case this site never has:
# a browser without ResizeObserver, a Mermaid diagram, a repository link. They become inert data:
# URLs, so that no request can leave the page even then.
REMOTE_LOADERS = (
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    "https://api.github.com",
)


def remove_remote_loaders(site: Path) -> None:
    for script in (site / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = script.read_text(encoding="utf-8")
        for address in REMOTE_LOADERS:
            text = text.replace(address, "data:text/javascript,")
        script.write_text(text, encoding="utf-8")


def write_language_chooser(edition: Edition, site: Path) -> None:
    environment = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), autoescape=True)
    languages = [{"code": code, "name": language_name(code), "title": edition.title[code],
                  "choose": load_translations(code).gettext("Read in this language")} for code in LANGUAGES]
    html_text = environment.get_template("chooser.html.j2").render(languages=languages)
    (site / "index.html").write_text(html_text, encoding="utf-8")


def replace_directory(new: Path, target: Path) -> None:
    """Put new in target's place in one step; see generator/output_folder.py for the rules."""
    swap_in(new, target)

