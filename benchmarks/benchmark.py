"""Measure the build against its floors on synthetic corpora: benchmarks/run [N ...] (default 1000 10000).

For each N, on one corpus written by make_corpus.py, four stages run one after another, each in a
fresh process whose whole process tree is sampled for memory:

  (a) parse:        every YAML file through PyYAML's C loader, and nothing else (the floor for reading the content);
  (b) generator:    `python -m generator build --markdown-only`: load, validate, render kk, ru and en to Markdown;
  (c) plain MkDocs: `mkdocs build` on the Markdown (b) wrote, one language after another;
  (d) full build:   `python -m generator build`, the project's own build of the same content.

Figures go to the terminal, to BENCHMARKS.md (with the machine's description) and to
benchmarks/results.json; --results DIR writes both into DIR instead.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("kk", "ru", "en")
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "PyYAML", "Jinja2", "Babel",
            "jsonschema", "fastjsonschema", "psutil")
PARSE_ONLY = """
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).glob("*/*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""
SAMPLE_INTERVAL = 0.02  # seconds between two samples of the process tree's memory
MIB = 1024 * 1024
SEARCH_SECTION = "\n## Search"


@dataclass
class Measurement:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the whole process tree: less disturbed by other work on the machine
    peak_rss_mb: float  # summed resident memory: pages that forked processes share count once per process
    peak_pss_mb: float  # summed proportional memory: a shared page counts once in all


def measure(commands: list[list[str]], environment: dict[str, str]) -> Measurement:
    """Run the commands one after another; wall time in total, and the largest RSS their process tree held at once."""
    seconds, peak_rss, peak_pss = 0.0, 0, 0
    cpu_before = _children_cpu_seconds()
    for command in commands:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        sampler = TreeMemorySampler(process.pid)
        sampler.start()
        output, _ = process.communicate()
        seconds += time.perf_counter() - start
        sampler.stop()
        if process.returncode != 0:
            sys.exit(f"benchmark: {' '.join(command)} failed:\n{output.decode('utf-8', 'replace')}")
        peak_rss, peak_pss = max(peak_rss, sampler.peak_rss), max(peak_pss, sampler.peak_pss)
    return Measurement(seconds, _children_cpu_seconds() - cpu_before, peak_rss / MIB, peak_pss / MIB)


def _children_cpu_seconds() -> float:
    """CPU time of every finished descendant (each process adds its own waited-for children to it)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class TreeMemorySampler(threading.Thread):
    """Samples the summed resident and proportional memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak_rss = 0
        self.peak_pss = 0
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.is_set():
            rss, pss = self.tree_memory()
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.finished.wait(SAMPLE_INTERVAL)

    def tree_memory(self) -> tuple[int, int]:
        rss = pss = 0
        try:
            members = [self.process, *self.process.children(recursive=True)]
        except psutil.Error:
            return 0, 0
        for member in members:
            with contextlib.suppress(psutil.Error):  # it ended between listing and reading
                memory = member.memory_full_info()
                rss, pss = rss + memory.rss, pss + memory.pss
        return rss, pss

    def stop(self) -> None:
        self.finished.set()
        self.join()


def benchmark(n: int, work: Path, environment: dict[str, str]) -> dict[str, float | int]:
    python = sys.executable
    content, archive = work / f"corpus-{n}", work / f"corpus-{n}-archive"
    markdown, site = work / f"markdown-{n}", work / f"site-{n}"
    corpus = measure([[python, str(ROOT / "benchmarks" / "make_corpus.py"), str(n), str(content), "--archive", str(archive)]],
                     environment)
    files = len(list(content.glob("*/*.yaml")))
    print(f"N = {n}: corpus of {files} files written in {corpus.seconds:.1f} s", flush=True)
    load_before = os.getloadavg()[0]
    parse = measure([[python, "-c", PARSE_ONLY, str(content)]], environment)
    report("(a) parse (PyYAML C loader)", parse)
    generator = measure([[python, "-m", "generator", "build", "--markdown-only", "--content", str(content),
                          "--archive", str(archive), "--out", str(markdown)]], environment)
    report("(b) generator: load, validate, render", generator)
    pages = len(list((markdown / "en" / "docs").rglob("*.md")))
    plain = measure([[python, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(markdown / language / "mkdocs.yml")]
                     for language in LANGUAGES], environment)
    report("(c) plain mkdocs build, kk then ru then en", plain)
    full = measure([[python, "-m", "generator", "build", "--content", str(content), "--archive", str(archive), "--out", str(site)]],
                   environment)
    report("(d) full build", full)
    for folder in (content, archive, markdown, site):
        shutil.rmtree(folder, ignore_errors=True)
    result: dict[str, float | int] = {
        "n": n, "files": files, "pages_per_language": pages,
        "parse_s": round(parse.seconds, 2), "generator_s": round(generator.seconds, 2),
        "plain_mkdocs_s": round(plain.seconds, 2), "full_build_s": round(full.seconds, 2),
        "peak_rss_mb": round(max(full.peak_rss_mb, generator.peak_rss_mb), 1),
        "parse_peak_rss_mb": round(parse.peak_rss_mb, 1), "generator_peak_rss_mb": round(generator.peak_rss_mb, 1),
        "plain_mkdocs_peak_rss_mb": round(plain.peak_rss_mb, 1), "full_build_peak_rss_mb": round(full.peak_rss_mb, 1),
        "generator_peak_pss_mb": round(generator.peak_pss_mb, 1), "plain_mkdocs_peak_pss_mb": round(plain.peak_pss_mb, 1),
        "full_build_peak_pss_mb": round(full.peak_pss_mb, 1),
        "parse_cpu_s": round(parse.cpu_seconds, 2), "generator_cpu_s": round(generator.cpu_seconds, 2),
        "plain_mkdocs_cpu_s": round(plain.cpu_seconds, 2), "full_build_cpu_s": round(full.cpu_seconds, 2),
        "load_average_before": round(load_before, 2), "load_average_after": round(os.getloadavg()[0], 2),
        "generator_over_parse": round(generator.seconds / parse.seconds, 2),
        "full_over_plain_mkdocs": round(full.seconds / plain.seconds, 3),
        "generator_share_of_full_build": round(generator.seconds / full.seconds, 3),
        "full_build_ms_per_fact": round(full.seconds / n * 1000, 2),
    }
    print(f"    ratios: (b)/(a) {result['generator_over_parse']}, (d)/(c) {result['full_over_plain_mkdocs']}, "
          f"(b)/(d) {result['generator_share_of_full_build']:.1%}, {result['full_build_ms_per_fact']} ms a fact", flush=True)
    return result


def report(label: str, measurement: Measurement) -> None:
    print(f"    {label:<45} {measurement.seconds:8.2f} s wall {measurement.cpu_seconds:8.2f} s CPU "
          f"{measurement.peak_rss_mb:6.0f} MiB RSS {measurement.peak_pss_mb:6.0f} MiB PSS", flush=True)


def scaling(results: list[dict]) -> float | None:
    """Time per fact of the full build at the largest N over that at the smallest."""
    if len(results) < 2:
        return None
    small, large = min(results, key=lambda r: r["n"]), max(results, key=lambda r: r["n"])
    return (large["full_build_s"] / large["n"]) / (small["full_build_s"] / small["n"])


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in _read_lines("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor() or "unknown")
    memory_kib = next((int(line.split()[1]) for line in _read_lines("/proc/meminfo") if line.startswith("MemTotal")), 0)
    release = dict(line.split("=", 1) for line in _read_lines("/etc/os-release") if "=" in line)
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} logical ({len(os.sched_getaffinity(0))} available to the benchmark)",
        "memory": f"{memory_kib / MIB:.1f} GiB",
        "OS": f"{release.get('PRETTY_NAME', platform.system()).strip(chr(34))}, kernel {platform.release()}",
        "Python": platform.python_version(),
        "packages": ", ".join(f"{name} {metadata.version(name)}" for name in PACKAGES),
        "libyaml": yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "not available",  # type: ignore[attr-defined]
    }


def _read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def write_markdown(results: list[dict], command: str, path: Path, edit_loop: dict | None = None) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Synthetic trilingual corpora of N facts (`benchmarks/make_corpus.py`: one source per 5 facts, one entity per 10,",
        "one topic per 100, every quote checked against a generated archive), built four ways, each stage in a fresh",
        "process:",
        "",
        "- (a) parse: every YAML file through PyYAML's C loader (`yaml.load`, `CSafeLoader`), nothing else;",
        "- (b) generator: `python -m generator build --markdown-only`: load, validate, render the Markdown of kk, ru and en;",
        "- (c) plain MkDocs: `mkdocs build` on the Markdown (b) wrote, one language after another;",
        "- (d) full build: `python -m generator build` (three MkDocs builds side by side, atomic swap into the output folder).",
        "",
        "Wall time is what a contributor waits; CPU time is the user and system time of the stage's whole process tree,",
        "which other work on the machine disturbs less (the load average before and after each N is recorded in",
        "`benchmarks/results.json`). Peak memory is sampled every 20 ms over the stage's process tree: RSS sums each",
        "process's resident memory, so pages that forked processes share count once per process; PSS shares them out",
        "and is the memory the tree really holds.",
        "",
        "Reproduce from a fresh clone:",
        "",
        "```sh",
        "make site",
        command,
        "```",
        "",
        "## Machine",
        "",
    ]
    lines += [f"- {key}: {value}" for key, value in machine().items()]
    lines += [
        "",
        "## Wall time, seconds (CPU time in brackets)",
        "",
        "| N | files | pages a language | (a) parse | (b) generator | (c) plain MkDocs | (d) full build |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['n']:,} | {r['files']:,} | {r['pages_per_language']:,} | {r['parse_s']:.2f} ({r['parse_cpu_s']:.2f}) | "
              f"{r['generator_s']:.2f} ({r['generator_cpu_s']:.2f}) | {r['plain_mkdocs_s']:.2f} ({r['plain_mkdocs_cpu_s']:.2f}) | "
              f"{r['full_build_s']:.2f} ({r['full_build_cpu_s']:.2f}) |" for r in results]
    lines += [
        "",
        "## Peak memory, MiB: RSS (PSS)",
        "",
        "| N | (a) parse | (b) generator | (c) plain MkDocs | (d) full build |",
        "|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['n']:,} | {r['parse_peak_rss_mb']:.0f} | {r['generator_peak_rss_mb']:.0f} ({r['generator_peak_pss_mb']:.0f}) | "
              f"{r['plain_mkdocs_peak_rss_mb']:.0f} ({r['plain_mkdocs_peak_pss_mb']:.0f}) | "
              f"{r['full_build_peak_rss_mb']:.0f} ({r['full_build_peak_pss_mb']:.0f}) |" for r in results]
    lines += [
        "",
        "## Ratios and targets",
        "",
        "| N | (b) / (a), target ≤ 2 at 10,000 | (d) / (c), target ≤ 0.65 at 1,000 | (b) / (d), target < 5 % at 1,000 "
        "| (d) ms a fact | load average before, after |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['n']:,} | {r['generator_over_parse']:.2f} | {r['full_over_plain_mkdocs']:.2f} | "
              f"{r['generator_share_of_full_build']:.1%} | {r['full_build_ms_per_fact']:.2f} | "
              f"{r['load_average_before']:.1f}, {r['load_average_after']:.1f} |" for r in results]
    growth = scaling(results)
    if growth is not None:
        small, large = min(r["n"] for r in results), max(r["n"] for r in results)
        lines += ["", f"Time per fact of the full build at N = {large:,} over N = {small:,}: {growth:.2f} (target ≤ 1.2)."]
    largest = max(results, key=lambda r: r["n"])
    lines += ["", f"Peak memory of the full build at N = {largest['n']:,}: {largest['full_build_peak_rss_mb']:.0f} MiB RSS, "
              f"{largest['full_build_peak_pss_mb']:.0f} MiB PSS (target ≤ 1024 MiB at N = 10,000).", ""]
    if edit_loop:
        lines += [
            "## Edit loop (target: within 2 s)",
            "",
            f"`python -m generator serve` on a copy of the project's own content: from saving one fact file "
            f"({edit_loop['fact']}, its English statement changed) to the served topic page holding the new text, "
            f"{edit_loop['rounds']} rounds (`benchmarks/edit_loop.py`). The time includes noticing the change "
            "(the watcher polls every 0.2 s), validating everything, rendering the Markdown of the three languages, "
            "and MkDocs rebuilding only the pages whose Markdown changed.",
            "",
            f"- first build when serve starts: {edit_loop['first_build_s']:.2f} s",
            f"- after an edit: median {edit_loop['median_s']:.2f} s, slowest {edit_loop['max_s']:.2f} s "
            f"(each round: {', '.join(f'{t:.2f}' for t in edit_loop['times_s'])})",
            "",
        ]
    # The search figures come from benchmarks/search.py, not from this run: keep them as they are.
    previous = path.read_text(encoding="utf-8") if path.is_file() else ""
    if SEARCH_SECTION in previous:
        lines.append(previous[previous.index(SEARCH_SECTION) + 1:].rstrip("\n") + "\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], metavar="N", help="numbers of facts (default: 1000 10000)")
    parser.add_argument("--results", type=Path, help="write BENCHMARKS.md and results.json into this folder "
                        "(default: BENCHMARKS.md at the root, benchmarks/results.json)")
    parser.add_argument("--work", type=Path, help="folder for the corpora and builds (default: a temporary folder)")
    parser.add_argument("--edit-rounds", type=int, default=7,
                        help="edits timed with serve running on the project's content (default: 7; 0 skips the edit loop)")
    options = parser.parse_args()
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    markdown_path = (options.results / "BENCHMARKS.md") if options.results else ROOT / "BENCHMARKS.md"
    json_path = (options.results / "results.json") if options.results else ROOT / "benchmarks" / "results.json"
    with tempfile.TemporaryDirectory(prefix="kb-benchmark-", dir=options.work) as work:
        results = [benchmark(n, Path(work), environment) for n in options.sizes]
    edit_loop = None
    if options.edit_rounds > 0:
        from edit_loop import measure as measure_edit_loop

        edit_loop = measure_edit_loop(ROOT / "content", options.edit_rounds)
        print(f"edit loop: median {edit_loop['median_s']:.2f} s, slowest {edit_loop['max_s']:.2f} s over {options.edit_rounds} edits")
    growth = scaling(results)
    if growth is not None:
        print(f"time per fact of the full build, N = {max(options.sizes)} over N = {min(options.sizes)}: {growth:.2f}")
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    command = "benchmarks/run " + " ".join(str(n) for n in options.sizes)
    write_markdown(results, command, markdown_path, edit_loop)
    print(f"wrote {markdown_path} and {json_path}")


if __name__ == "__main__":
    main()
