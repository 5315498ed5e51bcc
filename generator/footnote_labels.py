"""A Markdown extension that gives footnote links ARIA labels in the page's language.

Python-Markdown's footnotes extension sets only a `title` on back-links (set per
language through BACKLINK_TITLE) and nothing on references; screen readers need
an `aria-label` on both.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class FootnoteLabelExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "reference_label": ["Footnote {}", "ARIA label of a footnote reference; {} is its number"],
            "backlink_label": ["Back to footnote {} in the text", "ARIA label of a back-link; {} is its number"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After the footnotes extension (priority 50) has built its list and before inline links are final.
        md.treeprocessors.register(_FootnoteLabels(md, self.getConfigs()), "footnote_labels", 15)


class _FootnoteLabels(Treeprocessor):
    def __init__(self, md: Markdown, config: dict[str, str]) -> None:
        super().__init__(md)
        self.reference_label = config["reference_label"]
        self.backlink_label = config["backlink_label"]

    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            classes = element.get("class", "").split()
            if "footnote-ref" in classes:
                element.set("aria-label", self.reference_label.format(element.text or ""))
            elif "footnote-backref" in classes:
                number = element.get("href", "").rsplit("-", 1)[-1]
                element.set("aria-label", self.backlink_label.format(_number_from_title(element.get("title", ""), number)))


def _number_from_title(title: str, fallback: str) -> str:
    digits = "".join(character for character in title if character.isdigit())
    return digits or fallback


def makeExtension(**kwargs: object) -> FootnoteLabelExtension:
    return FootnoteLabelExtension(**kwargs)
