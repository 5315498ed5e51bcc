"""`python -m generator new fact|source|entity ID`: a new record file with every field to fill in."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import jinja2

from . import LANGUAGES
from .deceptive_text import visible
from .errors import GeneratorError, display_path
from .record_kinds import record_kind_named
from .settings import PACKAGE_ROOT
from .voice import t

# The same pattern the schemas check ids against.
_ID = re.compile(json.loads((PACKAGE_ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))["$defs"]["id"]["pattern"])


def write_new_record(content: Path, kind: str, record_id: str, written_in: str = "en") -> tuple[Path, str]:
    """Write content/<kind folder>/<record_id>.yaml from its scaffold; return its path and what to do next,
    in the current language."""
    path = check_new_record(content, kind, record_id)
    path.write_text(render_new_record(kind, record_id, written_in), encoding="utf-8")
    shown = display_path(path, None)
    steps = [
        t("Fill in every \"\" in {file}, in all three languages, and delete the optional parts you do not need "
          "(content/README.md explains every field).", file=shown),
        t("Check it: {command}", command="python -m generator validate"),
        t("See it on the site: {command}, then open {address}", command="python -m generator serve", address="http://127.0.0.1:8000/"),
        t("Once the translations are checked against the {language} text: {command}", language=written_in,
          command=f"python -m generator stamp {shown}"),
    ]
    return path, "\n".join([str(t("Next:")), *(f"  {number}. {step}" for number, step in enumerate(steps, 1))])


def check_new_record(content: Path, kind: str, record_id: str) -> Path:
    """The path of a new record; a GeneratorError when the id is not valid or the file exists."""
    if not _ID.fullmatch(record_id):  # match() with '$' would take 'abc\n', and write a file name ending in a line break
        raise GeneratorError(t("'{id}' is not a valid id: use lowercase ASCII letters, digits and single hyphens, e.g. {example}",
                               id=visible(record_id), example="amnesty-releases-2026"))
    folder = content / record_kind_named(kind).folder
    if not folder.is_dir():
        raise GeneratorError(t("{folder} not found: run the command from the project folder, or pass --content DIR",
                               folder=display_path(folder, None)))
    path = folder / f"{record_id}.yaml"
    if path.exists():
        raise GeneratorError(t("{file} already exists: choose another id, or edit that file", file=display_path(path, None)))
    return path


def render_new_record(kind: str, record_id: str, written_in: str, filled: dict[str, Any] | None = None) -> str:
    """The scaffold's text; `filled` gives values already known (YAML scalars, written as they go into the file)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(PACKAGE_ROOT / "templates" / "new"),
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                     keep_trailing_newline=True, autoescape=False)
    environment.globals["t"] = t  # the comments are in the contributor's language, as the command's messages are
    environment.filters["comment"] = _comment
    known = {"languages": [written_in], "texts": {}, "date": '""', "url": '""', "file": '""', "sha256": '""'} | (filled or {})
    return environment.get_template(f"{kind}.yaml.j2").render(
        id=record_id, written_in=written_in, languages=LANGUAGES, units=", ".join(_units()), known=known)


def _comment(text: object, indent: str = "") -> str:
    """A YAML comment of one or more lines, each at most 110 characters."""
    lines = textwrap.wrap(str(text), width=108 - len(indent), break_long_words=False, break_on_hyphens=False)
    return ("\n" + indent).join(f"# {line}" for line in lines)


def _units() -> list[str]:
    schema = json.loads((PACKAGE_ROOT / "schemas" / "fact.schema.json").read_text(encoding="utf-8"))
    return list(schema["$defs"]["unit"]["enum"])
