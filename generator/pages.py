"""Where every page of a language's site goes: one table of the site's own pages, one page_path for records.

Python and the templates ask page_path for a record's page, so a page's place is decided here
and nowhere else; html_path turns it into the built page's address.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Entity, Fact, Source, Topic
from .record_kinds import record_kind

Record = Fact | Entity | Source | Topic


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogs; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class SitePage:
    """A page that is not one record's: its Markdown path, its template and its title in the navigation."""

    path: str
    template: str
    nav_title: str | None = None  # an interface message; None keeps the page out of the navigation


# In the navigation's order; the topics come after the first page.
SITE_PAGES: tuple[SitePage, ...] = (
    SitePage("index.md", "home.md.j2", gettext_noop("Home")),
    SitePage("sources/index.md", "bibliography.md.j2", gettext_noop("Bibliography")),
    SitePage("entities/index.md", "entities.md.j2", gettext_noop("People, organisations and legal provisions")),
    SitePage("glossary.md", "glossary.md.j2", gettext_noop("Glossary")),
    SitePage("timeline.md", "timeline.md.j2", gettext_noop("Timeline")),
    SitePage("data.md", "data.md.j2", gettext_noop("Open data")),
    SitePage("methodology.md", "methodology.md.j2", gettext_noop("Methodology")),
    SitePage("changes.md", "changes.md.j2", gettext_noop("What changed")),
    SitePage("status.md", "status.md.j2", gettext_noop("Translation status")),
)


def navigation_pages() -> list[tuple[str, str]]:
    """(title message, path) of every site page in the navigation, in its order."""
    return [(page.nav_title, page.path) for page in SITE_PAGES if page.nav_title]


def page_path(record: Record) -> str:
    """The record's page from the docs root: 'topics/amnesty.md'; a fact's is its anchor on its home topic's page."""
    if isinstance(record, Fact):
        return f"{record_page_path('topics', record.home_topic_id)}#{record.id}"
    return record_page_path(record.KIND, record.id)


def handout_path(topic: Topic) -> str:
    """A topic's printable handout: 'handouts/amnesty.md'; outside the navigation, linked from its topic page."""
    return f"{HANDOUT_FOLDER}/{topic.id}.md"


HANDOUT_FOLDER = "handouts"


def record_page_path(kind: str, record_id: str) -> str:
    return f"{record_kind(kind).page_folder}/{record_id}.md"


def html_path(target: str) -> str:
    """A Markdown path as the built page's address: 'topics/amnesty.md#x' -> 'topics/amnesty.html#x'."""
    path, hash_sign, fragment = target.partition("#")
    if path.endswith(".md"):
        path = path.removesuffix(".md") + ".html"
    return f"{path}{hash_sign}{fragment}"
