"""A build killed at any moment leaves the complete old site or the complete new one, and the next run tidies up.

`build` is killed with SIGKILL at each of the points generator/output_folder.py names (GENERATOR_FAULT_AT),
including between the two renames of the fallback swap, and at a few moments chosen by the clock. After each
kill, site/ must be byte for byte the site before the build or the site a complete build of the new content
gives; the next build removes every staging folder the killed ones left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.output_folder import FAULT_POINTS, PREVIOUS
from generator.settings import PROJECT_ROOT

from .conftest import minimal_tree
from .test_hostile import snapshot

pytestmark = pytest.mark.build

BUILD = ("build", "--content", "content", "--archive", "archive", "--out", "site")
# Forces the fallback swap (two renames), as on a system without renameat2.
WITHOUT_EXCHANGE = ("import sys, generator.output_folder as folder; folder._exchange = lambda new, target: False; "
                    "from generator.cli import main; sys.exit(main(sys.argv[1:]))")


def run_build(root: Path, fault: str | None = None, fallback: bool = False, kill_after: float | None = None) -> int:
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    environment.pop("GENERATOR_FAULT_AT", None)
    if fault:
        environment["GENERATOR_FAULT_AT"] = fault
    command = [sys.executable, "-c", WITHOUT_EXCHANGE] if fallback else [sys.executable, "-m", "generator"]
    process = subprocess.Popen([*command, *BUILD], cwd=root, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    if kill_after is not None:
        time.sleep(kill_after)
        os.killpg(process.pid, signal.SIGKILL)  # the build and its language processes, as a power cut would
    _, errors = process.communicate(timeout=180)
    assert b"Traceback" not in errors, errors.decode()
    return process.returncode


def site_state(root: Path) -> dict[str, str]:
    return snapshot(root / "site") if (root / "site").is_dir() else {}


def leftovers(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith(".site-"))


def test_a_build_killed_anywhere_leaves_a_complete_site(write_tree, tmp_path):
    tree = minimal_tree()
    write_tree(tree)
    assert run_build(tmp_path) == 0
    old = site_state(tmp_path)
    topic = tmp_path / "content/topics/alpha.yaml"
    old_topic, new_topic = tree["content/topics/alpha.yaml"], tree["content/topics/alpha.yaml"].replace("In short.", "Briefly.")
    topic.write_text(new_topic, encoding="utf-8")
    # The new site, built once elsewhere from the same content and the same date.
    reference = tmp_path.parent / f"{tmp_path.name}-reference"
    reference.mkdir()
    for relative in ("content", "archive"):
        subprocess.run(["cp", "-r", str(tmp_path / relative), str(reference / relative)], check=True)
    assert run_build(reference) == 0
    new = site_state(reference)
    assert new != old and set(new) - set(old) == set()  # the same files, some of them changed

    outcomes = {}
    for point in FAULT_POINTS:
        if point == "between-renames":
            continue
        assert run_build(tmp_path, fault=point) == -signal.SIGKILL
        state = site_state(tmp_path)
        assert state in (old, new), point
        outcomes[point] = "new" if state == new else "old"
        if state == new:  # start again from the old site for the next point
            topic.write_text(old_topic, encoding="utf-8")
            assert run_build(tmp_path) == 0
            assert site_state(tmp_path) == old
            topic.write_text(new_topic, encoding="utf-8")
    assert outcomes == {"staging-created": "old", "site-built": "old", "marker-written": "old", "swapped": "new",
                        "old-site-half-removed": "new"}

    # The fallback swap: killed between its renames, the old site waits in the staging folder and the next run puts it back.
    assert run_build(tmp_path, fault="between-renames", fallback=True) == -signal.SIGKILL
    assert not (tmp_path / "site").exists()
    (parked,) = [tmp_path / name for name in leftovers(tmp_path)]
    assert snapshot(parked / PREVIOUS) == old
    assert run_build(tmp_path, fault="staging-created") == -signal.SIGKILL
    assert site_state(tmp_path) == old

    for seconds in (0.3, 1.0, 2.0, 3.0):  # moments chosen by the clock: rendering, MkDocs, the swap
        run_build(tmp_path, kill_after=seconds)
        assert site_state(tmp_path) in (old, new), seconds

    assert run_build(tmp_path) == 0
    assert site_state(tmp_path) == new
    assert leftovers(tmp_path) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive", "content", "site"]

