"""The preview's incremental build gives the same site as a full build, rebuilding only what an edit touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import build_site
from generator.errors import ContentError
from generator.preview import IncrementalSite

from .conftest import minimal_tree
from .site_support import settings_for
from .test_validate import FACT

pytestmark = pytest.mark.build

# The sitemaps are dated by the build (the published build takes the commit's date); the output marker lists the
# files of a site written to an output folder, which the preview, serving from its own folder, does not write.
SKIPPED = {"sitemap.xml", "sitemap.xml.gz", ".generator-output"}


def site_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and path.name not in SKIPPED }


def search_entries(root: Path, language: str) -> list[str]:
    script = (root / language / "search" / f"index.{language}.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("window.__kbSearchIndex = ").removesuffix(";\n"))
    return [json.dumps(entry, ensure_ascii=False) for entry in index["entries"]]


def assert_same_site(preview: Path, full: Path) -> None:
    preview_files, full_files = site_files(preview), site_files(full)
    assert sorted(preview_files) == sorted(full_files)
    differing = [name for name in full_files if preview_files[name] != full_files[name]]
    assert differing == []
    for language in ("kk", "ru", "en"):
        assert search_entries(preview, language) == search_entries(full, language)


def test_an_edit_rebuilds_only_the_pages_it_touched_and_gives_the_full_builds_site(write_tree, tmp_path):
    root = write_tree(minimal_tree())
    content, archive = root / "content", root / "archive"
    with IncrementalSite(settings_for(content, archive), tmp_path / "preview") as preview:
        first = preview.build()
        # every page, the first time: the site's own 9, a topic, its handout, a source and an entity, and the search index
        assert first == {"kk": 14, "ru": 14, "en": 14}
        build_site(settings_for(content, archive), tmp_path / "full-1")
        assert_same_site(preview.site, tmp_path / "full-1")

        fact = root / FACT
        fact.write_text(fact.read_text(encoding="utf-8").replace("reviewed 15,970 submissions.", "reviewed 15,970 submissions in all."),
                        encoding="utf-8")
        # The English statement shows on the topic page and its handout, on the source's and the entity's pages,
        # and in the search index.
        assert preview.build() == {"kk": 0, "ru": 0, "en": 5}
        build_site(settings_for(content, archive), tmp_path / "full-2")
        assert_same_site(preview.site, tmp_path / "full-2")
        assert "reviewed 15,970 submissions in all." in (preview.site / "en" / "topics" / "alpha.html").read_text(encoding="utf-8")

        # Nothing changed: nothing is rewritten.
        assert preview.build() == {"kk": 0, "ru": 0, "en": 0}

        # Invalid content changes nothing in the preview.
        before = site_files(preview.site)
        fact.write_text(fact.read_text(encoding="utf-8").replace("topic: alpha", "topic: alpah"), encoding="utf-8")
        with pytest.raises(ContentError):
            preview.build()
        assert site_files(preview.site) == before
