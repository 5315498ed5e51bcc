"""Pack the built site into one zip archive for offline use, with a MANIFEST of SHA-256 checksums.

The archive is reproducible: entries are sorted, every timestamp is the content
commit's time, permissions are fixed, and the site itself is built with
SOURCE_DATE_EPOCH set to the same time, so the same commit gives the same bytes.
"""

from __future__ import annotations

import datetime
import hashlib
import zipfile
from importlib.metadata import version as package_version
from pathlib import Path

from . import engine
from .build import load_knowledge_base, write_site
from .citing import edition_of
from .errors import BuildError, display_path
from .languages import LANGUAGES
from .output_folder import OUTPUT_MARKER, OutputFolderError, check_archive_folder, staging_folder
from .settings import Settings
from .version import ContentVersion, content_version
from .voice import t

ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def build_bundle(settings: Settings, out: Path, strict: bool = False) -> Path:
    """Build the site into a temporary folder and write dist/<name>-<version>.zip; return its path."""
    kb = load_knowledge_base(settings.content, settings.archive, strict)  # invalid content stops here, before anything is written
    version = content_version(settings.content)
    edition = edition_of(settings, settings.content)
    name = settings.name
    check_archive_folder(out, settings.content, settings.archive)
    target = out / f"{name}-{version.label}.zip"
    if target.is_dir() or target.is_symlink():
        raise OutputFolderError(t("{file}: a folder or a link has the archive's name (move it away, or {choose})",
                                  file=display_path(target, None), choose=t("choose another folder with --out DIR")))
    with staging_folder(out, ".bundle-") as staging_name:
        site = Path(staging_name) / "site"
        write_site(kb, edition, site)
        files = sorted(path for path in site.rglob("*") if path.is_file() and path != site / OUTPUT_MARKER)
        manifest = manifest_text(site, files, version, name,
                                 {"facts": len(kb.facts), "sources": len(kb.sources), "entities": len(kb.entities)})
        partial = Path(staging_name) / target.name
        write_zip(partial, site, files, manifest, f"{name}-{version.label}", edition.timestamp)
        partial.replace(target)
    return target


def manifest_text(site: Path, files: list[Path], version: ContentVersion, name: str, counts: dict[str, int]) -> str:
    """The MANIFEST, in English whatever the messages' language: the archive's bytes depend on its content alone."""
    lines = [
        f"# {name} offline bundle",
        f"# version: {version.label}",
        f"# commit: {version.commit or 'none (not built from git)'}",
        f"# content date: {version.date}",
        f"# languages: {', '.join(LANGUAGES)}",
        "# " + ", ".join(f"{key}: {value}" for key, value in counts.items()),
        f"# built with: {engine.NAME} {package_version(engine.NAME)}, mkdocs-material {package_version('mkdocs-material')}",
        f"# files: {len(files)}",
        "# open index.html in a browser; no network is needed",
        "#",
        "# sha256  path",
    ]
    for path in files:
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(site).as_posix()}")
    return "\n".join(lines) + "\n"


def write_zip(target: Path, site: Path, files: list[Path], manifest: str, root: str, timestamp: int) -> None:
    date_time = datetime.datetime.fromtimestamp(max(timestamp, ZIP_EPOCH), datetime.UTC).timetuple()[:6]
    entries = [(f"{root}/{path.relative_to(site).as_posix()}", path.read_bytes()) for path in files]
    entries.append((f"{root}/MANIFEST", manifest.encode("utf-8")))
    try:
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for entry_name, data in sorted(entries):
                info = zipfile.ZipInfo(entry_name, date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3  # Unix, whatever the building machine
                archive.writestr(info, data, compresslevel=9)
    except OSError as error:
        raise BuildError(t("{file}: cannot write the archive ({reason})", file=target, reason=error.strerror)) from error
