"""The engine that turns each language's Markdown into HTML: MkDocs 1.6.1, or ProperDocs where it is installed.

ProperDocs is the maintained fork of MkDocs 1.6 (see MIGRATION.md). Its package is `properdocs`, not
`mkdocs`; once `properdocs.replacement` is imported, every later `import mkdocs...` (the preview's,
Material's, the hooks') gets the ProperDocs module of the same name, and its command line does the same.
This module is imported by the package's `__init__`, before any module imports `mkdocs`.

`requirements-properdocs.lock` installs ProperDocs without MkDocs, so that in that environment
(`make test-properdocs`) no MkDocs code is there to run.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

NAME = "properdocs" if importlib.util.find_spec("properdocs") is not None else "mkdocs"

if NAME == "properdocs":
    import properdocs.replacement  # noqa: F401  (from here on, `mkdocs.*` is ProperDocs)

# MkDocs and Material log under "mkdocs.*"; ProperDocs' own modules log under "properdocs.*".
LOGGER_NAMES = ("mkdocs", "properdocs")


def build_command(config: Path) -> list[str]:
    """The engine's own `build`, strict and quiet, for one language's configuration."""
    return [sys.executable, "-m", NAME, "build", "--strict", "--quiet", "--config-file", str(config)]
