"""The package's shape: no import circles, one table per concept that everything follows, checked settings, a complete map."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import material
import pytest

from generator.cli import make_parser
from generator.languages import LANGUAGE_TABLE, LANGUAGES
from generator.record_kinds import KINDS, RECORD_KINDS, scaffold_kinds
from generator.settings import PACKAGE_ROOT, PROJECT_ROOT, SettingsError, load_settings

MODULES = sorted(path for path in PACKAGE_ROOT.glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """The package's modules that one module imports anywhere in it: at the top, in a function or for type checking."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:  # from . import x: x is a module, or a name the package's __init__ gives
                names.update(alias.name if (PACKAGE_ROOT / f"{alias.name}.py").is_file() else "__init__" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[1] for alias in node.names if alias.name.startswith("generator."))
    return names


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle, as the modules along it, or None."""
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> list[str] | None:
        state[module] = "open"
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == "open":
                return path[path.index(imported):] + [imported] if imported in path else [module, imported]
            if imported not in state:
                found = visit(imported, path + [imported])
                if found:
                    return found
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state:
            found = visit(module, [module])
            if found:
                return found
    return None


def test_no_module_of_the_package_imports_itself_through_others():
    graph = {path.stem: imported_modules(path) - {path.stem} for path in MODULES}
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_a_circle():
    assert find_cycle({"render": {"charts"}, "charts": {"wording", "render"}, "wording": set()}) == ["charts", "render", "charts"]
    assert find_cycle({"render": {"charts"}, "charts": {"wording"}, "wording": set()}) is None


# --- the language table ---------------------------------------------------------------


def test_the_schemas_allow_exactly_the_languages_of_the_table():
    common = json.loads((PACKAGE_ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    assert tuple(common["$defs"]["language"]["enum"]) == LANGUAGES
    text = common["$defs"]["text"]
    assert set(text["properties"]) == set(LANGUAGES)


def test_the_command_line_offers_exactly_the_languages_of_the_table():
    parser = make_parser(load_settings())
    commands = next(action for action in parser._actions if action.dest == "command").choices
    choices = {(name, action.dest): tuple(action.choices) for name, command in commands.items()
               for action in command._actions if action.dest in ("written_in", "language")}
    assert choices == {("new", "written_in"): LANGUAGES, ("stamp", "language"): LANGUAGES, ("archive", "language"): LANGUAGES}


def test_every_language_has_an_interface_catalog_and_a_theme_partial():
    locales = PACKAGE_ROOT / "locales"
    assert sorted(path.name for path in locales.iterdir() if path.is_dir()) == sorted(LANGUAGES)
    for language in LANGUAGES:
        assert (locales / language / "LC_MESSAGES" / "messages.po").is_file(), language
        ours = PROJECT_ROOT / "theme" / "partials" / "languages" / f"{language}.html"
        materials = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{language}.html"
        assert ours.is_file() or materials.is_file(), f"{language}: add theme/partials/languages/{language}.html"


def test_the_language_table_describes_every_language_fully():
    for row in LANGUAGE_TABLE:
        assert re.fullmatch("[a-z]{2}", row.code)
        assert len(row.quote_marks) == 2 and all(row.quote_marks)
        assert row.number_pattern.search("15 970") or row.number_pattern.search("15,970")


# --- the record kinds -----------------------------------------------------------------


def test_every_record_kind_has_its_schema_and_content_folder():
    content = load_settings().content
    for kind in RECORD_KINDS:
        assert (PACKAGE_ROOT / "schemas" / f"{kind.name}.schema.json").is_file(), kind.name
        assert (content / kind.folder).is_dir(), kind.folder
    assert sorted(path.name for path in content.iterdir() if path.is_dir()) == sorted(KINDS)
    assert scaffold_kinds() == ["fact", "source", "entity"]


# --- settings ---------------------------------------------------------------------------


def settings_from(tmp_path: Path, toml: str):
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    return load_settings(tmp_path)


@pytest.mark.parametrize(("toml", "message"), [
    ("[tool.generator]\nbase_url = 5\n", "pyproject.toml: [tool.generator].base_url: expected text, got 5"),
    ("[tool.generator]\nname = true\n", "pyproject.toml: [tool.generator].name: expected text, got true"),
    ("[tool.generator]\ncontent = ['a']\n", "pyproject.toml: [tool.generator].content: expected text, got a list"),
    ("[tool.generator]\nbase_ur = 'https://kb.example.org/'\n",
     "pyproject.toml: [tool.generator].base_ur: unknown setting (did you mean 'base_url'?)"),
    ("[tool.generator]\ncolour = 'red'\n", "pyproject.toml: [tool.generator].colour: unknown setting "
     "(the settings are content, archive, site, dist, name, title, base_url, publisher, texts_licence, data_licence, "
     "repository, contact, archive_repository)"),
    ("[tool.generator]\narchive_repository = 'https://github.com/x/y'\n", "pyproject.toml: [tool.generator].archive_repository: "
     "expected a GitHub repository as owner/name, got 'https://github.com/x/y'"),
    ("[tool.generator]\nbase_url = 'kb.example.org'\n", "pyproject.toml: [tool.generator].base_url: expected an address that "
     "starts with http:// or https:// and holds no spaces, got 'kb.example.org'"),
    ("[tool.generator]\nname = ''\n", "pyproject.toml: [tool.generator].name: expected text, got an empty text "
     "(remove the line to use the default)"),
    ("[tool.generator]\ntitle = 'KB'\n", "pyproject.toml: [tool.generator].title: expected a table of texts, "
     "one per language (kk, ru, en), got 'KB'"),
    ("[tool.generator.title]\nkk = 'А'\nru = 'Б'\n", "pyproject.toml: [tool.generator].title.en: expected the title in "
     "English, got nothing"),
    ("[tool.generator.title]\nkk = 'А'\nru = 'Б'\nen = 'C'\nde = 'D'\n",
     "pyproject.toml: [tool.generator].title.de: not a language of the site (write kk, ru, en)"),
    ("[tool]\ngenerator = 3\n", "pyproject.toml: [tool.generator]: expected a table of settings, got 3"),
    ("[tool.generator\n", "pyproject.toml: Expected ']' at the end of a table declaration (at line 1, column 16) "
     "(check the TOML syntax)"),
])
def test_a_setting_of_the_wrong_kind_is_named_with_what_to_write(tmp_path, toml, message):
    with pytest.raises(SettingsError) as raised:
        settings_from(tmp_path, toml)
    assert str(raised.value) == message


def test_settings_are_read_whole_and_paths_are_relative_to_the_project(tmp_path):
    settings = settings_from(tmp_path, "[tool.generator]\ncontent = 'facts-here'\nbase_url = 'https://kb.example.org/'\n"
                                       "[tool.generator.title]\nkk = 'А'\nru = 'Б'\nen = 'C'\n")
    assert settings.content == tmp_path / "facts-here"
    assert settings.site == tmp_path / "site"
    assert settings.base_url == "https://kb.example.org/"
    assert settings.title == {"kk": "А", "ru": "Б", "en": "C"}


def test_the_command_line_reports_a_bad_setting_in_one_line(tmp_path, monkeypatch, capsys):
    from generator import cli

    (tmp_path / "pyproject.toml").write_text("[tool.generator]\nbase_url = 5\n", encoding="utf-8")
    monkeypatch.setattr(cli, "load_settings", lambda: load_settings(tmp_path))
    assert cli.main(["validate"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "error: pyproject.toml: [tool.generator].base_url: expected text, got 5\n"
    assert captured.out == ""


def test_every_setting_is_documented_in_the_readme():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Settings", 1)[1].split("\n#", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE)
    assert documented == [name for name in load_settings().__dataclass_fields__]


# --- the map of the package ---------------------------------------------------------------


def test_the_readme_maps_every_module_of_the_package():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Where a change goes", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    mapped = re.findall(r"^\| `generator/([a-z0-9_]+\.py)` \|", section, flags=re.MULTILINE)
    assert sorted(mapped) == sorted(path.name for path in MODULES)
