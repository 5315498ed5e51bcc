"""Who publishes the site, under which licences, and where a reader reports an error.

Read from [tool.generator] in pyproject.toml (publisher, texts_licence, data_licence, repository,
contact); the repository can also come from KB_REPOSITORY where the site is published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from .settings import Settings


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


@dataclass(frozen=True)
class Publication:
    publisher: dict[str, str] = field(default_factory=dict)  # the publisher's name in each language
    texts_licence: Licence | None = None
    data_licence: Licence | None = None
    repository: str | None = None  # GitHub "owner/name"
    contact: str | None = None  # an e-mail address

    @classmethod
    def from_settings(cls, settings: Settings) -> Publication:
        return cls(dict(settings.publisher or {}), _licence(settings.texts_licence), _licence(settings.data_licence),
                   settings.repository, settings.contact)

    def publisher_in(self, language: str) -> str:
        return self.publisher.get(language) or self.publisher.get("en") or ""

    def report_address(self, title: str, body: str) -> str | None:
        """A prefilled new issue on the repository, else a prefilled e-mail to the contact, else None."""
        if self.repository:
            return (f"https://github.com/{self.repository}/issues/new?title={quote(title, safe='')}"
                    f"&body={quote(body, safe='')}")
        if self.contact:
            return f"mailto:{self.contact}?subject={quote(title, safe='')}&body={quote(body, safe='')}"
        return None


def _licence(table: dict[str, str] | None) -> Licence | None:
    return Licence(table["name"], table["url"]) if table and table.get("name") and table.get("url") else None
