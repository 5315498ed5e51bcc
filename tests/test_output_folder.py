"""The build never deletes what it did not write: every dangerous --out and --content is refused, decoys intact.

Each case writes the minimal valid tree beside decoy folders (someone's documents, a previous site, a
folder named like the archive) and runs the real command line as a subprocess. A refused command exits
with 1 and prints the full message; every case then checks that every file under the tree, decoys
included, is still there byte for byte.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.output_folder import OUTPUT_MARKER, OutputFolderError, check_output_folder, write_output_marker
from generator.version import content_version

from .conftest import minimal_tree
from .test_hostile import previous_build, run_command, snapshot

pytestmark = pytest.mark.cli

VALID = ("--content", "content", "--archive", "archive")
DECOYS = {
    "documents/letter.txt": "Dear committee,\n",
    "documents/notes/draft.md": "# Draft\n",
    "documents/.hidden": "a file whose name starts with a dot\n",
    "project-notes.txt": "an uncommitted file in the project folder\n",
}
LABEL = content_version(Path("/")).label  # outside git: today's date, as in the trees below
CHOOSE = "choose a new or empty folder with --out DIR"


@dataclass(frozen=True)
class Refusal:
    name: str
    arguments: tuple[str, ...]
    stderr: str
    stdout: tuple[str, ...] = ()
    setup: str = ""


def prepare(root: Path, setup: str) -> None:
    if setup == "foreign file in the previous site":
        write_output_marker(root / "site")  # the previous site was the generator's
        (root / "site" / "en" / "my-notes.txt").write_text("kept by hand beside the site\n", encoding="utf-8")
    elif setup == "link":
        (root / "link").symlink_to(root / "documents")
    elif setup == "file":
        (root / "out.txt").write_text("a file, not a folder\n", encoding="utf-8")
    elif setup == "empty content":
        (root / "empty").mkdir()
    elif setup == "content without records":
        (root / "bare" / "facts").mkdir(parents=True)
    elif setup == "folder named like the archive":
        (root / "dist" / f"penal-policy-kb-{LABEL}.zip").mkdir(parents=True)


REFUSALS = [
    Refusal("build into the content folder", ("build", *VALID, "--out", "content"),
            f"error: content: the output folder is the content folder content, which the build would delete ({CHOOSE})\n"),
    Refusal("build into the current folder", ("build", *VALID, "--out", "."),
            f"error: .: the output folder holds the content folder content, which the build would delete ({CHOOSE})\n"),
    Refusal("build into the parent folder", ("build", *VALID, "--out", ".."),
            f"error: ..: the output folder holds the content folder content, which the build would delete ({CHOOSE})\n"),
    Refusal("build into the file system's root", ("build", *VALID, "--out", "/"),
            f"error: /: the output folder holds the content folder content, which the build would delete ({CHOOSE})\n"),
    Refusal("build into the archive", ("build", *VALID, "--out", "archive"),
            f"error: archive: the output folder is the archive folder archive, which the build would delete ({CHOOSE})\n"),
    Refusal("build inside the content folder", ("build", *VALID, "--out", "content/site"),
            f"error: content/site: the output folder is inside the content folder content ({CHOOSE} outside it)\n"),
    Refusal("build into someone's documents", ("build", *VALID, "--out", "documents"),
            "error: documents: the folder holds files the generator did not write (.hidden, letter.txt, notes and 1 more); "
            f"the build would delete them (move them away, or {CHOOSE})\n"),
    Refusal("build over a site written without the marker", ("build", *VALID, "--out", "site"),
            "error: site: the folder holds files the generator did not write (en, en/index.html, en/search and 2 more); "
            f"the build would delete them (move them away, or {CHOOSE})\n"),
    Refusal("build over a site that holds a file of someone's", ("build", *VALID, "--out", "site"),
            "error: site: the folder holds files the generator did not write (en/my-notes.txt); "
            f"the build would delete them (move them away, or {CHOOSE})\n", setup="foreign file in the previous site"),
    Refusal("build into a symbolic link", ("build", *VALID, "--out", "link"),
            f"error: link: the output folder is a symbolic link; the generator replaces only a folder it wrote ({CHOOSE})\n",
            setup="link"),
    Refusal("build over a file", ("build", *VALID, "--out", "out.txt"),
            f"error: out.txt: is a file, not a folder; the build would delete it ({CHOOSE})\n", setup="file"),
    Refusal("bundle into the content folder", ("bundle", *VALID, "--out", "content"),
            "error: content: the folder for the archive is inside the content folder content (choose another folder with --out DIR)\n"),
    Refusal("bundle into the archive", ("bundle", *VALID, "--out", "archive/zips"),
            "error: archive/zips: the folder for the archive is inside the archive folder archive "
            "(choose another folder with --out DIR)\n"),
    Refusal("bundle over a folder named like its archive", ("bundle", *VALID, "--out", "dist"),
            f"error: dist/penal-policy-kb-{LABEL}.zip: a folder or a link has the archive's name "
            "(move it away, or choose another folder with --out DIR)\n", setup="folder named like the archive"),
    Refusal("build from an empty folder", ("build", "--content", "empty", "--archive", "archive", "--out", "site"),
            "error: the content has 1 error; run 'python -m generator validate' to see them\n",
            ("empty:1:1: not a content folder: it holds none of the record folders topics/, facts/, sources/, entities/, terms/ "
             "(pass the content folder with --content DIR)",), setup="empty content"),
    Refusal("build from the file system's root", ("build", "--content", "/", "--archive", "archive", "--out", "site"),
            "error: the content has 1 error; run 'python -m generator validate' to see them\n",
            ("/:1:1: not a content folder: it holds none of the record folders topics/, facts/, sources/, entities/, terms/ "
             "(pass the content folder with --content DIR)",)),
    Refusal("build from record folders without records", ("build", "--content", "bare", "--archive", "archive", "--out", "site"),
            "error: the content has 1 error; run 'python -m generator validate' to see them\n",
            ("bare:1:1: the content folder holds no records: write one, e.g. with 'python -m generator new fact ID'",),
            setup="content without records"),
]


@pytest.fixture
def decoyed(write_tree, tmp_path) -> Path:
    write_tree(minimal_tree() | DECOYS)
    previous_build(tmp_path)  # a site/ and a dist/ as an earlier version of the generator left them, without a marker
    return tmp_path


@pytest.mark.parametrize("case", REFUSALS, ids=[case.name for case in REFUSALS])
def test_a_dangerous_folder_is_refused_and_every_file_stays(case, decoyed):
    prepare(decoyed, case.setup)
    before = snapshot(decoyed)
    result, _, _ = run_command(decoyed, case.arguments)
    assert (result.returncode, result.stderr, tuple(result.stdout.splitlines())) == (1, case.stderr, case.stdout)
    assert snapshot(decoyed) == before


def test_the_project_folder_is_refused(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "notes.txt").write_text("uncommitted\n", encoding="utf-8")
    monkeypatch.setattr("generator.output_folder.PROJECT_ROOT", project)
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    with pytest.raises(OutputFolderError) as refused:
        check_output_folder(project, content=Path("/nonexistent/content"))
    assert str(refused.value) == f"{project}: the output folder is the project, which the build would delete ({CHOOSE})"
    with pytest.raises(OutputFolderError) as refused:
        check_output_folder(Path("."), content=Path("/nonexistent/content"))
    assert str(refused.value) == f".: the output folder is the current folder, which the build would delete ({CHOOSE})"


def test_a_folder_the_generator_wrote_or_an_empty_one_may_be_replaced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "en" / "index.html").write_text("old", encoding="utf-8")
    write_output_marker(site)
    assert (site / OUTPUT_MARKER).read_text(encoding="utf-8").splitlines()[1:] == ["en", "en/index.html"]
    check_output_folder(site, content=tmp_path / "content")
    check_output_folder(tmp_path / "absent", content=tmp_path / "content")
    (tmp_path / "empty").mkdir()
    check_output_folder(tmp_path / "empty", content=tmp_path / "content")


@pytest.mark.build
def test_bundle_into_a_folder_of_documents_adds_only_its_archive(decoyed):
    before = snapshot(decoyed)
    result, _, _ = run_command(decoyed, ("bundle", *VALID, "--out", "documents"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote documents/penal-policy-kb-{LABEL}.zip\n"
    after = snapshot(decoyed)
    assert {path: digest for path, digest in after.items() if path in before} == before
    assert sorted(set(after) - set(before)) == [f"documents/penal-policy-kb-{LABEL}.zip"]


def test_the_staging_folders_are_ignored_by_git():
    ignored = (Path(__file__).parent.parent / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/.site-*/" in ignored and "/dist/" in ignored


def test_environment_has_no_fault_point_set():
    assert "GENERATOR_FAULT_AT" not in os.environ  # a leftover setting would kill every build
