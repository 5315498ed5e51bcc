"""The lock files pin every package with hashes, agree with pyproject.toml, and are installed with hash checking.

requirements.lock is the project's environment (.venv); requirements-properdocs.lock is the same with ProperDocs
in place of MkDocs (.venv-properdocs, `make test-properdocs`).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from generator.settings import PROJECT_ROOT

LOCK = PROJECT_ROOT / "requirements.lock"
PROPERDOCS_LOCK = PROJECT_ROOT / "requirements-properdocs.lock"
PROPERDOCS_INPUT = PROJECT_ROOT / "requirements-properdocs.in"
LEFT_OUT_OF_PROPERDOCS = {"mkdocs", "mkdocs-get-deps", "mergedeep"}  # MkDocs, and what only MkDocs needs


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_requirements(lock: Path = LOCK) -> dict[str, tuple[str, list[str]]]:
    """{name: (version, hashes)} from a lock file, whose entries run on over backslashed lines."""
    text = re.sub(r"\\\n", " ", lock.read_text(encoding="utf-8"))
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)", line)
        assert match, f"not an exact pin with hashes: {line[:80]}"
        entries[canonical(match.group(1))] = (match.group(2), re.findall(r"sha256:([0-9a-f]{64})", match.group(3)))
    return entries


def declared_pins() -> list[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["dependencies"] + [pin for pins in project["optional-dependencies"].values() for pin in pins]


@pytest.mark.parametrize("lock", [LOCK, PROPERDOCS_LOCK], ids=lambda lock: lock.name)
def test_every_locked_package_is_pinned_exactly_with_sha256_hashes(lock):
    entries = locked_requirements(lock)
    assert len(entries) > 40
    assert all(hashes for _, hashes in entries.values())
    assert not re.search(r"^--(index-url|extra-index-url|find-links)", lock.read_text(encoding="utf-8"), re.MULTILINE)


def test_every_dependency_in_pyproject_is_locked_at_the_same_version():
    entries = locked_requirements()
    mismatched = []
    for pin in declared_pins():
        name, version = pin.split("==")
        if entries.get(canonical(name), (None,))[0] != version:
            mismatched.append(f"{pin} (locked: {entries.get(canonical(name), ('nothing',))[0]}); run 'make lock'")
    assert mismatched == []


def test_the_properdocs_input_is_pyprojects_runtime_and_test_pins_with_properdocs_for_mkdocs():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    expected = [pin for pin in project["dependencies"] + project["optional-dependencies"]["test"] if not pin.startswith("mkdocs==")]
    pins = [line for line in PROPERDOCS_INPUT.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert pins == ["properdocs==1.6.7", *expected]


def test_the_properdocs_lock_has_properdocs_no_mkdocs_and_every_shared_package_at_the_main_locks_version():
    main, properdocs = locked_requirements(LOCK), locked_requirements(PROPERDOCS_LOCK)
    assert properdocs["properdocs"][0] == "1.6.7"
    assert "properdocs" not in main
    assert set(main) >= LEFT_OUT_OF_PROPERDOCS
    assert set(properdocs) & LEFT_OUT_OF_PROPERDOCS == set()
    differing = {name: (main[name][0], entry[0]) for name, entry in properdocs.items() if name in main and main[name][0] != entry[0]}
    assert differing == {}, "run 'make lock', which starts the ProperDocs lock from requirements.lock"
    assert set(properdocs) - set(main) == {"properdocs"}  # all it adds to the main environment


def test_the_makefile_installs_with_hash_checking_and_npm_from_its_lock():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.split("pip install", 1)[1].split() for line in makefile.splitlines() if "pip install" in line]
    # MkDocs, which Material requires, is left out of the ProperDocs lock on purpose: that environment installs the lock alone.
    assert installs == [["--quiet", "--disable-pip-version-check", "--require-hashes", "-r", "requirements.lock"],
                        ["--quiet", "--disable-pip-version-check", "--no-deps", "--require-hashes", "-r", "requirements-properdocs.lock"]]
    assert "npm ci " in makefile  # npm ci installs exactly package-lock.json and checks its integrity hashes
    npm_lock = json.loads((PROJECT_ROOT / "tests" / "browser" / "package-lock.json").read_text(encoding="utf-8"))
    packages = {path: entry for path, entry in npm_lock["packages"].items() if path}
    assert packages and all(entry.get("integrity", "").startswith("sha512-") for entry in packages.values())
