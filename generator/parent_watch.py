"""Worker processes that end with the process that started them.

The preview builds each language in a worker process that stays up between builds. Should `serve` be
killed (SIGKILL, a closed terminal), nothing would tell its workers: they would wait for work for ever
and keep its temporary folder. Each worker therefore watches its parent: the moment its parent is gone
(the worker has been handed to another process), it removes the temporary folder, which the dead
parent's lock no longer guards, and exits. A thread that polls getppid() works on every POSIX system,
unlike Linux's prctl(PR_SET_PDEATHSIG), and lets the worker tidy up before it exits.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from .output_folder import remove_leftover_staging

POLL_SECONDS = 0.2


def exit_with_parent(parent: int, folder: str | None = None) -> None:
    """Start the watch in this worker (a ProcessPoolExecutor initializer); folder is the parent's staging folder."""
    threading.Thread(target=_watch, args=(parent, folder), name="parent-watch", daemon=True).start()


def _watch(parent: int, folder: str | None) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    if folder is not None:
        path = Path(folder)
        for _ in range(20):  # another worker may still be writing into it for a moment
            try:
                remove_leftover_staging(path.parent, path.name)
                break
            except OSError:
                time.sleep(0.05)
    os._exit(1)
