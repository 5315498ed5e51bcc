"""JSON-LD for search engines and other programs: each topic page with its facts, and the open data.

A topic page is a schema.org WebPage (inLanguage, dateModified, license, isPartOf the Dataset, its
translations) whose facts are Claims; each Claim's appearance is the source document (url, publisher,
datePublished), holding the verbatim quote as a Quotation (text, inLanguage). The open-data page is a
Dataset listing its files with their licence. ClaimReview is not used: the site rates nobody's claims.

The JSON travels to the page's head in the Markdown front matter (key kb_jsonld), written so that it
can never close its script element: '<', '>' and '&' are \\u escapes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import LANGUAGES
from .citing import permalink
from .markdown_text import MarkdownSource
from .model import Fact, Source, Topic
from .open_data import chart_csv_name, site_charts

if TYPE_CHECKING:
    from .wording import Wording

CONTEXT = "https://schema.org"
DATA_FILES = (  # file in data/, its media type; each chart's CSV follows them
    ("facts.json", "application/json"),
    ("facts.csv", "text/csv"),
    ("facts.csl.json", "application/vnd.citationstyles.csl+json"),
    ("wikidata.txt", "text/plain"),
)


def front_matter(document: dict[str, Any]) -> MarkdownSource:
    """The Markdown front matter that carries a JSON-LD document to the page's head."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # As YAML writes a one-line text that cannot be plain, in single quotes (a quote doubled), only without walking
    # PyYAML's emitter over every character: the loader has refused every character YAML could not write so.
    return MarkdownSource("---\nkb_jsonld: '" + text.replace("'", "''") + "'\n---\n\n")


class StructuredData:
    def __init__(self, renderer: Wording) -> None:
        self.r = renderer
        self.edition = renderer.edition
        self.language = renderer.language

    def address(self, path: str) -> str | None:
        """The absolute address of a path from the site's root, when the site has one."""
        root = self.edition.site_root
        return f"{root}{path}" if root else None

    def _with_address(self, node: dict[str, Any], path: str) -> dict[str, Any]:
        address = self.address(path)
        if address:
            node["@id"] = address
            node["url"] = address
        return node

    def dataset_reference(self) -> dict[str, Any]:
        node: dict[str, Any] = {"@type": "Dataset", "name": self.r.site_title}
        return self._with_address(node, f"{self.language}/data.html#dataset")

    def publisher(self) -> dict[str, Any] | None:
        name = self.edition.publication.publisher_in(self.language)
        return {"@type": "Organization", "name": name} if name else None

    def modified(self) -> str | None:
        return self.edition.version_date.isoformat() if self.edition.version_date else None

    def topic_page(self, topic: Topic) -> MarkdownSource:
        path = f"topics/{topic.id}.html"
        page: dict[str, Any] = {
            "@type": "WebPage",
            "name": self.r.text(topic.title),
            "inLanguage": self.language,
            "isPartOf": self.dataset_reference(),
            "workTranslation": [self._with_address({"@type": "WebPage", "inLanguage": code}, f"{code}/{path}")
                                for code in LANGUAGES if code != self.language],
            "hasPart": [self.claim(fact) for fact in topic.facts],
        }
        self._with_address(page, f"{self.language}/{path}")
        if self.publisher():
            page["publisher"] = self.publisher()
        if self.modified():
            page["dateModified"] = self.modified()
        licence = self.edition.publication.texts_licence
        if licence:
            page["license"] = licence.url
        return front_matter({"@context": CONTEXT, **page})

    def claim(self, fact: Fact) -> dict[str, Any]:
        claim: dict[str, Any] = {
            "@type": "Claim",
            "@id": permalink(fact, self.language, self.edition) if self.edition.base_url else f"#{fact.id}",
            "text": self.r.text(fact.statement),
            "inLanguage": self.language,
            "appearance": [self.appearance(citation.source, citation.quote, self.r.quote_language(citation))
                           for citation in fact.citations],
        }
        history = self.edition.history.fact(fact.id)
        if history.added:
            claim["dateCreated"] = history.added.date
        if history.last_changed:
            claim["dateModified"] = history.last_changed.date
        return claim

    def appearance(self, source: Source, quote: dict[str, str], quote_language: str) -> dict[str, Any]:
        work: dict[str, Any] = {
            "@type": "CreativeWork",
            "name": source.title.get(source.languages[0]) or self.r.text(source.title),
            "publisher": {"@type": "Organization", "name": self.r.text(source.publisher)},
            "inLanguage": source.languages[0] if len(source.languages) == 1 else source.languages,
            "hasPart": {"@type": "Quotation", "text": quote[quote_language], "inLanguage": quote_language},
        }
        if source.url:
            work["url"] = source.url
        if source.date:
            work["datePublished"] = source.date
        return work

    def dataset(self) -> MarkdownSource:
        licence = self.edition.publication.data_licence
        dataset: dict[str, Any] = {
            **self.dataset_reference(),
            "description": self.r.gettext("Facts on penal policy in Kazakhstan, each cited with a verbatim quote from its source."),
            "inLanguage": self.language,
            "isAccessibleForFree": True,
            "distribution": [],
        }
        if licence:
            dataset["license"] = licence.url
        if self.publisher():
            dataset["publisher"] = self.publisher()
        if self.modified():
            dataset["dateModified"] = self.modified()
        charts = [(chart_csv_name(chart), "text/csv") for chart in site_charts(self.r.kb)]  # each chart's figures
        for name, media_type in [*DATA_FILES, *charts]:
            download: dict[str, Any] = {"@type": "DataDownload", "name": f"data/{name}", "encodingFormat": media_type,
                                        "contentUrl": self.address(f"{self.language}/data/{name}") or f"data/{name}"}
            if licence:
                download["license"] = licence.url
            dataset["distribution"].append(download)
        return front_matter({"@context": CONTEXT, **dataset})
