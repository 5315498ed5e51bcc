"""The lock file pins every package with hashes, agrees with pyproject.toml, and is installed with hash checking."""

from __future__ import annotations

import json
import re
import tomllib

from generator.settings import PROJECT_ROOT

LOCK = PROJECT_ROOT / "requirements.lock"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_requirements() -> dict[str, tuple[str, list[str]]]:
    """{name: (version, hashes)} from requirements.lock, whose entries run on over backslashed lines."""
    text = re.sub(r"\\\n", " ", LOCK.read_text(encoding="utf-8"))
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)", line)
        assert match, f"not an exact pin with hashes: {line[:80]}"
        entries[canonical(match.group(1))] = (match.group(2), re.findall(r"sha256:([0-9a-f]{64})", match.group(3)))
    return entries


def test_every_locked_package_is_pinned_exactly_with_sha256_hashes():
    entries = locked_requirements()
    assert len(entries) > 40
    assert all(hashes for _, hashes in entries.values())
    assert not re.search(r"^--(index-url|extra-index-url|find-links)", LOCK.read_text(encoding="utf-8"), re.MULTILINE)


def test_every_dependency_in_pyproject_is_locked_at_the_same_version():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + [pin for pins in project["optional-dependencies"].values() for pin in pins]
    entries = locked_requirements()
    mismatched = []
    for pin in declared:
        name, version = pin.split("==")
        if entries.get(canonical(name), (None,))[0] != version:
            mismatched.append(f"{pin} (locked: {entries.get(canonical(name), ('nothing',))[0]}); run 'make lock'")
    assert mismatched == []


def test_the_makefile_installs_with_hash_checking_and_npm_from_its_lock():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes -r requirements.lock" in line for line in installs)
    assert "npm ci " in makefile  # npm ci installs exactly package-lock.json and checks its integrity hashes
    npm_lock = json.loads((PROJECT_ROOT / "tests" / "browser" / "package-lock.json").read_text(encoding="utf-8"))
    packages = {path: entry for path, entry in npm_lock["packages"].items() if path}
    assert packages and all(entry.get("integrity", "").startswith("sha512-") for entry in packages.values())
