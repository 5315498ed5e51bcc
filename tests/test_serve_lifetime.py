"""`serve` leaves nothing behind: killed with SIGKILL, its workers exit and its temporary folder goes; a bad port is a message."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.settings import PROJECT_ROOT

from .conftest import minimal_tree
from .test_contributor import free_port, wait_for
from .test_hostile import snapshot

SERVE = ("serve", "--content", "content", "--archive", "archive")


def start_serve(root: Path, *arguments: str) -> subprocess.Popen[str]:
    (root / "tmp").mkdir(exist_ok=True)
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), NO_MKDOCS_2_WARNING="1", TMPDIR=str(root / "tmp"))
    return subprocess.Popen([sys.executable, "-m", "generator", *SERVE, *arguments], cwd=root, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.build
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_serve_killed_leaves_no_worker_and_no_temporary_folder(write_tree):
    root = write_tree(minimal_tree())
    port = free_port()
    process = start_serve(root, "--port", str(port))
    try:
        wait_for(f"http://127.0.0.1:{port}/en/topics/alpha.html", "The committee reviewed 15,970 submissions.", process)
        workers = children_of(process.pid)
        assert len(workers) >= 3  # one per language, and the pool's own helper where Python starts one
        (folder,) = (root / "tmp").iterdir()
        assert folder.name.startswith("generator-serve-")
    finally:
        process.kill()
        process.communicate(timeout=30)
    deadline = time.monotonic() + 15
    while any(running(pid) for pid in workers) or any((root / "tmp").iterdir()):
        assert time.monotonic() < deadline, (
            f"left behind: {[pid for pid in workers if running(pid)]}, {sorted(path.name for path in (root / 'tmp').iterdir())}")
        time.sleep(0.1)


def test_a_port_out_of_range_is_a_message(write_tree):
    root = write_tree(minimal_tree())
    before = snapshot(root)
    process = start_serve(root, "--port", "99999")
    _stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (1, "error: --port 99999: not a port number (choose one from 1 to 65535, such as 8000)\n")
    assert snapshot(root) == before | {"tmp": "folder"}


def test_a_port_in_use_is_a_message_and_nothing_is_left(write_tree):
    root = write_tree(minimal_tree())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start_serve(root, "--port", str(port))
        _stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (1, f"error: --port {port}: cannot listen on 127.0.0.1:{port}: another program uses "
                                               "this port (stop it, or choose another port with --port N)\n")
    assert list((root / "tmp").iterdir()) == []
