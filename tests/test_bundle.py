"""The offline bundle: one reproducible archive, a MANIFEST, and nothing that reaches for the network."""

from __future__ import annotations

import hashlib
import re
import zipfile

import pytest

from generator import LANGUAGES
from generator.bundle import build_bundle
from generator.settings import load_settings

from .conftest import SEEDS
from .site_support import parse_html, settings_for

pytestmark = pytest.mark.build

# Where a page would fetch an address by itself (links a reader clicks are fine).
LOADING_ATTRIBUTES = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
                      "embed": "src", "object": "data", "link": "href"}
CSS_LOADS = re.compile(r"""url\(\s*["']?\s*(https?:)?//|@import\s+(url\()?\s*["']?\s*(https?:)?//""", re.IGNORECASE)
# A string literal that holds an address: how JavaScript hands one to fetch, import, a worker or a script tag.
JS_ADDRESS = re.compile(r"""["'`]\s*(?:https?:)?//(?!www\.w3\.org/)[\w.-]+\.[a-z]{2,}""", re.IGNORECASE)


def test_the_bundle_is_one_zip_named_after_the_project_and_version(bundle):
    assert re.fullmatch(r"penal-policy-kb-([0-9a-f]{12}|\d{8})\.zip", bundle.name)
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    root = bundle.stem + "/"
    assert all(name.startswith(root) for name in names)
    assert names == sorted(names)
    assert {f"{root}index.html", f"{root}MANIFEST"} | {f"{root}{code}/index.html" for code in LANGUAGES} <= set(names)


def test_the_manifest_lists_every_file_with_its_sha256(unpacked):
    manifest = (unpacked / "MANIFEST").read_text(encoding="utf-8").splitlines()
    header = [line for line in manifest if line.startswith("#")]
    assert header[0] == "# penal-policy-kb offline bundle"
    assert "# languages: kk, ru, en" in header
    entries = dict(reversed(line.split("  ", 1)) for line in manifest if not line.startswith("#"))
    files = {path.relative_to(unpacked).as_posix() for path in unpacked.rglob("*") if path.is_file()} - {"MANIFEST"}
    assert set(entries) == files
    assert f"# files: {len(files)}" in header
    for name, digest in entries.items():
        assert hashlib.sha256((unpacked / name).read_bytes()).hexdigest() == digest, name


def test_two_bundles_of_one_commit_are_byte_identical(bundle, tmp_path):
    again = build_bundle(settings_for(load_settings().content, SEEDS if SEEDS.is_dir() else None), tmp_path)
    assert again.name == bundle.name
    assert again.read_bytes() == bundle.read_bytes()


def test_no_file_loads_anything_from_the_network(unpacked):
    offenders = []
    for path in sorted(unpacked.rglob("*")):
        relative = path.relative_to(unpacked).as_posix()
        if path.suffix == ".html":
            soup = parse_html(path)
            for tag, attribute in LOADING_ATTRIBUTES.items():
                for element in soup.find_all(tag):
                    value = (element.get(attribute) or "").strip()
                    if re.match(r"(https?:)?//", value):
                        offenders.append(f"{relative}: <{tag} {attribute}={value}>")
            for element in soup.find_all(style=True):
                if CSS_LOADS.search(element["style"]):
                    offenders.append(f"{relative}: style={element['style']}")
            for style in soup.find_all("style"):
                if CSS_LOADS.search(style.get_text()):
                    offenders.append(f"{relative}: <style>")
            for script in soup.find_all("script", src=False):
                # Data blocks (the page's settings, its JSON-LD) are never run: an address in them is data, not a request.
                if script.get("type") not in ("application/json", "application/ld+json") and JS_ADDRESS.search(script.get_text()):
                    offenders.append(f"{relative}: inline <script>")
        elif path.suffix == ".css" and CSS_LOADS.search(path.read_text(encoding="utf-8")):
            offenders.append(relative)
        elif path.suffix == ".js" and path.parent.name != "search":
            text = _without_comments(path.read_text(encoding="utf-8"))
            offenders += [f"{relative}: {match.group(0)}" for match in JS_ADDRESS.finditer(text)]
        elif path.parent.name == "search":  # the search index: content text, which may name addresses, but loads nothing
            text = path.read_text(encoding="utf-8")
            offenders += [f"{relative}: {match.group(0)}" for match in re.finditer(r"src=\\?[\"'](https?:)?//", text)]
    assert offenders == []


def test_the_offline_build_has_no_site_url_fonts_or_made_with_link(unpacked):
    for code in LANGUAGES:
        soup = parse_html(unpacked / code / "index.html")
        assert soup.find("link", rel="canonical") is None
        assert soup.find("link", href=re.compile("fonts.g")) is None
        assert "Made with" not in soup.get_text()
        assert soup.find("script", src=re.compile(r"iframe-worker-shim\.js$")) is not None
    assert not list(unpacked.rglob("*.woff*"))


def _without_comments(script: str) -> str:
    """Drop /* */ and // comments (licence headers and notes name addresses that are never fetched)."""
    script = re.sub(r"/\*.*?\*/", "", script, flags=re.DOTALL)
    return re.sub(r"(?m)(?<![:\"'`\\])//[^\n]*$", "", script)
