"""Build the site: validate, render each language to Markdown, run MkDocs per language, add the chooser.

Nothing is written to the output folder until all three languages have built;
then the new site replaces the old one in one rename, so a failed build never
leaves a half-written site behind.
"""

from __future__ import annotations

import gc
import html
import json
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

import jinja2
import yaml
from babel import Locale

from . import LANGUAGES
from .citing import Edition
from .errors import BuildError, ContentError
from .i18n import load_translations
from .load import load_content
from .model import KnowledgeBase, build_knowledge_base
from .open_data import DATA_FOLDER, write_all_languages, write_language_data
from .render import render_pages, text_in
from .settings import PACKAGE_ROOT, PROJECT_ROOT
from .validate import validate_content
from .version import content_version

MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"


def build_site(content: Path, archive: Path | None, out: Path, build_timestamp: int | None = None,
               base_url: str | None = None, strict: bool = False) -> KnowledgeBase:
    """The whole pipeline: load, validate, model, render, build; returns the model it built from.

    build_timestamp (seconds since the epoch) becomes SOURCE_DATE_EPOCH, so that dates MkDocs writes
    (the sitemaps) and the access date in citations are the content's, not the clock's; by default it is
    SOURCE_DATE_EPOCH when set, else the content version's time. base_url, when given, makes the
    permanent links in citations absolute. strict refuses content with warnings (such as a missing
    translation) too.
    """
    kb = load_knowledge_base(content, archive, strict)
    write_site(kb, content, out, build_timestamp, base_url)
    return kb


def write_site(kb: KnowledgeBase, content: Path, out: Path, build_timestamp: int | None = None,
               base_url: str | None = None) -> None:
    """Render and build a validated knowledge base into out, replacing it only once every language has built."""
    if build_timestamp is None:
        build_timestamp = source_date_epoch() or content_version(content).timestamp
    edition = Edition.from_timestamp(build_timestamp, base_url)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{out.name}-", dir=out.parent) as staging_name:
        staging = Path(staging_name)
        site = staging / "site"
        build_languages(kb, edition, staging, site, environment_for_mkdocs(build_timestamp))
        for language in LANGUAGES:
            remove_remote_loaders(site / language)
        write_all_languages(read_language_data(staging), site)
        write_language_chooser(site)
        replace_directory(site, out)


def build_markdown(content: Path, archive: Path | None, out: Path, base_url: str | None = None) -> KnowledgeBase:
    """The generator's own stage alone: load, validate and write each language's Markdown and MkDocs configuration.

    out/<language>/ receives docs/ and mkdocs.yml; `mkdocs build -f out/<language>/mkdocs.yml` then builds
    that language into out/site/<language>/. Nothing runs MkDocs here.
    """
    kb = load_knowledge_base(content, archive)
    edition = Edition.from_timestamp(source_date_epoch() or content_version(content).timestamp, base_url)
    out = out.resolve()
    build_languages(kb, edition, out, out / "site", mkdocs_environment=None)
    return kb


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH from the environment, the reproducible-builds convention, if it holds a whole number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def load_knowledge_base(content: Path, archive: Path | None, strict: bool = False) -> KnowledgeBase:
    """Load and validate the content; refuse (ContentError) when it has errors, or under strict warnings."""
    documents, load_problems = load_content(content)
    report = validate_content(documents, load_problems, archive)
    if report.failed(strict):
        refused = ("error", "warning") if strict else ("error",)
        raise ContentError([problem for problem in report.problems if problem.severity in refused])
    return build_knowledge_base(documents)


def build_languages(kb: KnowledgeBase, edition: Edition, staging: Path, site: Path,
                    mkdocs_environment: dict[str, str] | None) -> None:
    """Render each language in its own forked process, side by side, then (given an environment) build it with MkDocs.

    The children share the loaded knowledge base with this process, so nothing is loaded twice; each one becomes
    `mkdocs build` for its language once its Markdown is written, so its memory is MkDocs' alone from then on.
    Every failed language is reported.
    """
    # Objects the collector never visits stay shared with the children instead of being copied into each.
    gc.collect()
    gc.freeze()
    try:
        children = [(language, fork_language_build(kb, language, edition, staging, site, mkdocs_environment))
                    for language in LANGUAGES]
    finally:
        gc.unfreeze()
    failures = []
    for language, pid in children:
        exit_code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        lines = [line for line in language_log(staging, language).read_text(encoding="utf-8").splitlines() if line.strip()]
        if exit_code != 0 or any(line.startswith(("WARNING", "ERROR")) for line in lines):
            failures.append(f"[{language}] " + "\n  ".join(lines[-20:] or [f"the build stopped with exit code {exit_code}"]))
    if failures:
        raise BuildError("MkDocs could not build the site:\n" + "\n".join(failures))
    for language in LANGUAGES:
        language_log(staging, language).unlink()


def fork_language_build(kb: KnowledgeBase, language: str, edition: Edition, staging: Path, site: Path,
                        mkdocs_environment: dict[str, str] | None) -> int:
    """Start the child process that renders one language (and runs MkDocs on it); return its process id."""
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
        docs = staging / language / "docs"
        write_language_data(kb, language, edition, docs)
        config = write_language_sources(kb, language, edition, docs, site)
        if mkdocs_environment is not None:
            os.chdir(PROJECT_ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config)],
                      mkdocs_environment)
        exit_code = 0
    except BaseException:
        os.write(2, traceback.format_exc().encode("utf-8"))  # to the log even when sys.stderr is not file descriptor 2
    finally:
        os._exit(exit_code)


def read_language_data(staging: Path) -> dict[str, dict]:
    """The open-data document each language's process wrote, for the file that holds all three."""
    return {language: json.loads((staging / language / "docs" / DATA_FOLDER / "facts.json").read_text(encoding="utf-8"))
            for language in LANGUAGES}


def language_log(staging: Path, language: str) -> Path:
    return staging / f"{language}.log"


def environment_for_mkdocs(build_timestamp: int) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(PROJECT_ROOT), SOURCE_DATE_EPOCH=str(build_timestamp))


def write_language_sources(kb: KnowledgeBase, language: str, edition: Edition, docs: Path, site: Path) -> Path:
    """Write the Markdown pages and the MkDocs configuration of one language; return the configuration's path."""
    for page in render_pages(kb, language, edition):
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    config_path = docs.parent / "mkdocs.yml"
    config = language_config(kb, language, docs, site / language)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


def language_config(kb: KnowledgeBase, language: str, docs: Path, site_dir: Path) -> dict:
    """The per-language MkDocs configuration; everything shared is inherited from mkdocs.yml."""
    _ = load_translations(language).gettext

    def text(value: dict[str, str]) -> str:
        return text_in(value, language)

    def title(value: dict[str, str]) -> str:
        # Material prints navigation titles as HTML, unescaped: content must arrive as text.
        return html.escape(text(value), quote=False)

    return {
        "INHERIT": str(MKDOCS_CONFIG),
        "site_name": _("Penal policy of Kazakhstan"),
        "site_description": _("Facts on penal policy in Kazakhstan, each cited with a verbatim quote from its source."),
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {"language": language, "custom_dir": str(PROJECT_ROOT / "theme")},
        "hooks": [str(PACKAGE_ROOT / "mkdocs_hooks.py")],
        "extra": {"alternate": [{"name": language_name(code), "lang": code, "link": f"../{code}/"} for code in LANGUAGES]},
        "markdown_extensions": {
            "footnotes": {"BACKLINK_TITLE": _("Back to reference %d in the text")},
            "toc": {"permalink": True, "permalink_title": _("Link to this section")},
            "generator.footnote_labels": {
                "reference_label": _("Source note {}"),
                "backlink_label": _("Back to reference {} in the text"),
            },
        },
        # Topics and index pages only: a source or entity page is reached from its index, the footnotes and the
        # facts that mention it. Every page carries the navigation, so a nav that listed one entry per source and
        # entity would make the build grow with the square of the content. Every entry has its title here, so
        # that the preview's incremental builds, which read only the pages that changed, know every title.
        "nav": [
            {_("Home"): "index.md"},
            {_("Topics"): [{title(topic.title): f"topics/{topic.id}.md"} for topic in kb.topics]},
            {_("Bibliography"): "sources/index.md"},
            {_("People, organisations and legal provisions"): "entities/index.md"},
            {_("Glossary"): "glossary.md"},
            {_("Timeline"): "timeline.md"},
            {_("Open data"): "data.md"},
            {_("Methodology"): "methodology.md"},
            {_("Translation status"): "status.md"},
        ],
        "not_in_nav": "/sources/*.md\n/entities/*.md\n",
    }


def language_name(code: str) -> str:
    """The language's name in itself: 'Қазақ тілі', 'Русский', 'English'."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


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


def write_language_chooser(site: Path) -> None:
    environment = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), autoescape=True)
    languages = [{"code": code, "name": language_name(code),
                  "title": load_translations(code).gettext("Penal policy of Kazakhstan"),
                  "choose": load_translations(code).gettext("Read in this language")} for code in LANGUAGES]
    html = environment.get_template("chooser.html.j2").render(languages=languages)
    (site / "index.html").write_text(html, encoding="utf-8")


def replace_directory(new: Path, target: Path) -> None:
    """Put new in target's place with renames on one file system; the old copy goes only once the new is in."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)

