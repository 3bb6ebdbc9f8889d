"""The library-PC edition's differences are named switches under `extra:` in mkdocs.yml (the web
edition's values), and mkdocs-library.yml sets them. A switch misspelled in a template or a hook
would read as off without a word (Jinja's undefined, extra.get), so every switch they read must be
one mkdocs.yml sets, and the library file may only change switches the web file has."""

import re

import yaml

from medborgarguiden import site
from project import ROOT

READS = re.compile(r"""config\.extra(?:\.get\(\s*["'](\w+)["']|\[\s*["'](\w+)["']|\.(\w+))""")
SET_BY_PLUGINS = {"alternate"}  # mkdocs-static-i18n: the language switcher's links


def extra(name: str) -> dict:
    return site._parse_config(ROOT / name).get("extra") or {}


def test_every_switch_the_templates_and_hooks_read_is_set_in_mkdocs_yml():
    web = extra("mkdocs.yml")
    for path in sorted((ROOT / "overrides").rglob("*")):
        if path.suffix not in (".html", ".py"):
            continue
        for match in READS.finditer(path.read_text(encoding="utf-8")):
            name = next(group for group in match.groups() if group)
            assert name in web or name in SET_BY_PLUGINS, f"{path.relative_to(ROOT)}: config.extra.{name} is not set in mkdocs.yml's extra"


def test_the_library_edition_changes_only_switches_the_web_edition_has():
    library = yaml.safe_load((ROOT / "mkdocs-library.yml").read_text(encoding="utf-8"))["extra"]
    web = extra("mkdocs.yml")
    assert set(library) <= set(web), set(library) - set(web)
    assert all(library[name] != web[name] for name in library), "a switch set to the web edition's value"
