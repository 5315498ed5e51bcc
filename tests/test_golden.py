"""The Markdown rendered from the fixture content matches tests/golden/ (regenerate with `make golden`)."""

from __future__ import annotations

import difflib

from .golden import GOLDEN, render_fixture


def test_rendered_markdown_matches_the_golden_files():
    rendered = render_fixture()
    stored = {path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8") for path in GOLDEN.rglob("*.md")}
    assert sorted(rendered) == sorted(stored), "pages added or removed: run `make golden` and review the diff"
    diffs = []
    for name, markdown in rendered.items():
        if markdown != stored[name]:
            diffs += difflib.unified_diff(stored[name].splitlines(), markdown.splitlines(), f"golden/{name}", f"rendered/{name}", lineterm="")
    assert not diffs, "\n".join(diffs) + "\n\nIf the change is intended, run `make golden` and review the diff."
