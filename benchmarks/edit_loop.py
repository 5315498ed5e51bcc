"""The edit loop: with `serve` running on a copy of the content, how long from saving one fact file
to the changed page being served.

    python benchmarks/edit_loop.py [--content content] [--rounds 7]

It edits the English statement of one fact (alternating between two texts, so every round is a
real change) and polls the topic page until the new text is there. The time includes noticing
the change (the watcher polls every 0.2 s), validating, rendering and rebuilding.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.settings import load_settings  # noqa: E402


def measure(content: Path, rounds: int) -> dict[str, float | int | list[float]]:
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="edit-loop-") as folder:
        copy = Path(folder) / "content"
        shutil.copytree(content, copy)
        fact = _pick_fact(copy)
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", str(copy), "--archive", str(settings.archive),
             "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=dict(os.environ, PYTHONPATH=str(ROOT)))
        try:
            topic = next(line.split(": ", 1)[1].strip() for line in fact.read_text(encoding="utf-8").splitlines()
                         if line.strip().startswith("- topic:"))
            page = f"http://127.0.0.1:{port}/en/topics/{topic}.html"
            started = time.monotonic()
            _wait(page, "</html>", process, 300)
            first_build = time.monotonic() - started
            times = []
            original = fact.read_text(encoding="utf-8")
            for index in range(rounds):
                marker = f"Edit-loop marker {'abcdefghijklmnopqrstuvwxyz'[index % 26] * (index // 26 + 1)}."  # no digits
                text = original.replace('\n  en: "', f'\n  en: "{marker} ', 1)
                time.sleep(0.5)  # let the watcher settle after the previous build
                saved = time.monotonic()
                fact.write_text(text, encoding="utf-8")
                _wait(page, marker, process, 60)
                times.append(round(time.monotonic() - saved, 3))
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    return {"fact": fact.name, "rounds": rounds, "first_build_s": round(first_build, 2),
            "median_s": round(statistics.median(times), 3), "max_s": max(times), "times_s": times}


def _pick_fact(content: Path) -> Path:
    """A fact written in English, so that editing its statement changes its original text."""
    for path in sorted((content / "facts").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "\nwritten_in: en\n" in text and '\n  en: "' in text:
            return path
    raise SystemExit("no fact written in English found")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(url: str, text: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("serve stopped")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"{url} never showed {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=load_settings().content)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    print(json.dumps(measure(options.content, options.rounds), indent=2))


if __name__ == "__main__":
    main()
