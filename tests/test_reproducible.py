"""Reproducible builds: the same commit, built in two clones at different times, gives byte-identical output.

Each clone builds with the README's commands (`build`, then `bundle`) from its own folder, with its own
temporary folder, time zone, locale and hash seed, a little apart in time. The site/ folders and the
bundles must be identical byte for byte, and no output may name the folder it was built in.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.settings import PROJECT_ROOT

from .conftest import SEEDS

pytestmark = pytest.mark.build


def build_clone(clone: Path, temporary: Path, variant: dict[str, str]) -> None:
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(PROJECT_ROOT), str(clone)], check=True, timeout=120)
    temporary.mkdir()
    environment = {key: value for key, value in os.environ.items() if key not in ("SOURCE_DATE_EPOCH", "PYTHONPATH")}
    environment |= {"TMPDIR": str(temporary), "NO_MKDOCS_2_WARNING": "1"} | variant
    for command in ("build", "bundle"):
        result = subprocess.run([sys.executable, "-m", "generator", command, "--archive", str(SEEDS)], cwd=clone, env=environment,
                                capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def files_under(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_two_clones_of_one_commit_build_byte_identical_sites_and_bundles(tmp_path):
    first, second = tmp_path / "first" / "checkout", tmp_path / "second-place" / "elsewhere" / "kb"
    build_clone(first, tmp_path / "tmp-first", {"TZ": "Asia/Almaty", "LANG": "kk_KZ.UTF-8", "PYTHONHASHSEED": "1"})
    time.sleep(1.5)  # at least one second apart, whatever the build took
    build_clone(second, tmp_path / "tmp-second", {"TZ": "America/Los_Angeles", "LANG": "C", "PYTHONHASHSEED": "2"})

    sites = files_under(first / "site"), files_under(second / "site")
    assert sorted(sites[0]) == sorted(sites[1])
    assert [name for name in sites[0] if sites[0][name] != sites[1][name]] == []
    bundles = sorted((first / "dist").glob("*.zip")), sorted((second / "dist").glob("*.zip"))
    assert [path.name for path in bundles[0]] == [path.name for path in bundles[1]] != []
    assert bundles[0][0].read_bytes() == bundles[1][0].read_bytes()

    leaks = [name for name, data in sites[0].items() if str(first).encode() in data or b"/tmp-first" in data]
    leaks += [name for name, data in sites[1].items() if str(second).encode() in data or b"/tmp-second" in data]
    assert leaks == []
