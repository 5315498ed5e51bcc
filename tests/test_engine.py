"""The build runs the engine installed beside the generator: MkDocs 1.6.1 in .venv, ProperDocs 1.6.7 in .venv-properdocs.

The same tests pass in both environments (`make test` and `make test-properdocs`); each checks that what runs is
the engine's own code, so that a ProperDocs run cannot quietly be MkDocs, or the other way round. They are
marked `build` so that `make test-properdocs`, which runs the site tests, runs them all.
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path

import pytest

from generator import engine
from generator.errors import BuildError
from generator.preview import _run_mkdocs
from generator.settings import PROJECT_ROOT

pytestmark = pytest.mark.build

def installed(name: str) -> bool:
    try:
        distribution(name)
    except PackageNotFoundError:
        return False
    return True


def files_of(name: str) -> set[Path]:
    files = distribution(name).files or []
    return {Path(str(distribution(name).locate_file(file))).resolve() for file in files}


def test_the_engine_is_properdocs_where_it_is_installed_and_mkdocs_otherwise():
    expected = "properdocs" if installed("properdocs") else "mkdocs"
    assert expected == engine.NAME
    if engine.NAME == "properdocs":
        assert not installed("mkdocs")  # requirements-properdocs.lock leaves MkDocs out


def test_every_mkdocs_module_the_preview_imports_is_the_engines_own_code():
    import mkdocs.commands.build
    import mkdocs.config
    import mkdocs.livereload

    engine_files = files_of(engine.NAME)
    for module in (mkdocs, mkdocs.commands.build, mkdocs.config, mkdocs.livereload):
        assert Path(module.__file__).resolve() in engine_files, module.__file__
    assert mkdocs.__name__ == engine.NAME


def test_the_command_the_build_runs_is_the_engines_command_line(tmp_path):
    command = engine.build_command(tmp_path / "mkdocs.yml")
    assert command == [sys.executable, "-m", engine.NAME, "build", "--strict", "--quiet", "--config-file", str(tmp_path / "mkdocs.yml")]
    result = subprocess.run([*command[:3], "--version"], capture_output=True, text=True, timeout=60, check=True, cwd=PROJECT_ROOT)
    assert result.stdout.startswith(f"python -m {engine.NAME}, version {version(engine.NAME)} from "), result.stdout
    printed = Path(result.stdout.split(" from ", 1)[1].rsplit(" (Python", 1)[0])
    assert printed.resolve() == Path(str(distribution(engine.NAME).locate_file(engine.NAME))).resolve()


def test_the_bundles_manifest_names_the_engine_that_built_it(unpacked):
    manifest = (unpacked / "MANIFEST").read_text(encoding="utf-8").splitlines()
    assert f"# built with: {engine.NAME} {version(engine.NAME)}, mkdocs-material {version('mkdocs-material')}" in manifest


def test_the_preview_fails_on_a_warning_from_the_engines_own_modules(tmp_path):
    """ProperDocs logs its own warnings under `properdocs.*`, MkDocs under `mkdocs.*`: the preview hears both."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[gone](missing.md)\n", encoding="utf-8")
    config = tmp_path / "lang" / "mkdocs.yml"
    config.parent.mkdir()
    config.write_text(f"site_name: Test\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\ntheme: {{name: material}}\n", encoding="utf-8")
    with pytest.raises(BuildError) as error:
        _run_mkdocs(config, dirty=False)
    assert str(error.value) == ("MkDocs could not build lang:\n  Doc file 'index.md' contains a link 'missing.md', "
                                "but the target is not found among documentation files.")
