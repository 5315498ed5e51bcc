"""The benchmark and its corpus maker work, on a small corpus; they are measured by benchmarks/run, never timed here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.settings import PROJECT_ROOT

BENCHMARKS = PROJECT_ROOT / "benchmarks"
RESULT_KEYS = {"n", "parse_s", "generator_s", "plain_mkdocs_s", "full_build_s", "peak_rss_mb"}


def make_corpus(n: int, content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCHMARKS / "make_corpus.py"), str(n), str(content)],
                          capture_output=True, text=True, check=True)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_corpus_has_the_proportions_of_the_content_and_passes_strict_validation(tmp_path, capsys):
    content = tmp_path / "corpus"
    make_corpus(200, content)
    counts = {kind: len(list((content / kind).glob("*.yaml"))) for kind in ("facts", "sources", "entities", "topics")}
    assert counts == {"facts": 200, "sources": 40, "entities": 20, "topics": 2}
    archive = tmp_path / "corpus-archive"
    assert len(list(archive.glob("*.txt"))) == 40
    capsys.readouterr()
    code = main(["validate", "--strict", "--content", str(content), "--archive", str(archive)])
    output = capsys.readouterr().out
    assert code == 0, output
    summary = output.splitlines()[-1]
    assert summary.startswith("0 errors, 0 warnings; ")
    assert summary.endswith(" quotes checked against the archive")
    assert int(summary.split("; ")[1].split()[0]) >= 200  # every fact and entity cites at least once, all checked


def test_the_corpus_is_the_same_for_the_same_n(tmp_path):
    make_corpus(60, tmp_path / "first")
    make_corpus(60, tmp_path / "second")
    assert tree_bytes(tmp_path / "first") == tree_bytes(tmp_path / "second")
    assert tree_bytes(tmp_path / "first-archive") == tree_bytes(tmp_path / "second-archive")
    make_corpus(61, tmp_path / "other")
    assert tree_bytes(tmp_path / "other") != tree_bytes(tmp_path / "first")


@pytest.mark.build
def test_the_benchmark_runs_at_n_50_and_writes_its_results_where_asked(tmp_path):
    committed = PROJECT_ROOT / "BENCHMARKS.md"
    committed_before = committed.read_bytes() if committed.exists() else None
    committed_results = BENCHMARKS / "results.json"
    results_before = committed_results.read_bytes() if committed_results.exists() else None
    run = subprocess.run([str(BENCHMARKS / "run"), "50", "--results", str(tmp_path / "out"), "--work", str(tmp_path),
                          "--edit-rounds", "1"],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert [result["n"] for result in results] == [50]
    (result,) = results
    assert result.keys() >= RESULT_KEYS
    assert all(result[key] > 0 for key in RESULT_KEYS)
    assert result["files"] == 50 + 10 + 5 + 1
    report = (tmp_path / "out" / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "benchmarks/run 50" in report
    assert "## Machine" in report
    assert "## Edit loop (target: within 2 s)" in report and "edit loop: median" in run.stdout
    assert [line for line in report.splitlines() if line.startswith("| 50 |")], report
    for stage in ("(a) parse", "(b) generator", "(c) plain mkdocs build", "(d) full build"):
        assert stage in run.stdout
    assert (committed.read_bytes() if committed.exists() else None) == committed_before
    assert (committed_results.read_bytes() if committed_results.exists() else None) == results_before
    assert list(tmp_path.glob("kb-benchmark-*")) == []  # the work folder is cleaned up
