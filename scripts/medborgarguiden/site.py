"""Where things are in the repository, and which languages the site has.

mkdocs.yml is the one place languages are listed (the i18n plugin's `languages:`); everything else
reads them from there, so adding a language means changing one file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import yaml

from .file_cache import per_file_version



def _project_root() -> Path:
    """The project being worked on: the current folder when it is a Medborgarguiden checkout (MkDocs, the
    commands and the tests run there, also in copies of the project), else the checkout of this package."""
    here = Path.cwd()
    if (here / "mkdocs.yml").is_file() and (here / "scripts" / "medborgarguiden").is_dir():
        return here
    return Path(__file__).resolve().parents[2]


ROOT = _project_root()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name): we only need plain values."""


def _ignore_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None  # !ENV [NAME, default] -> default
    return loader.construct_mapping(node)


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool
    visible: bool = True  # False: 'build: false' in mkdocs.yml, hidden from visitors until staff switch it on


def read_config(root: Path = ROOT) -> dict:
    # A copy, so a caller that changes it cannot change what the next caller reads.
    return copy.deepcopy(_parse_config(root / "mkdocs.yml"))


@per_file_version
def _parse_config(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_ConfigLoader)


def i18n_plugin_config(config: dict):
    """The i18n plugin's settings in a read mkdocs.yml, as written; None when there is no i18n plugin.
    `plugins:` may be a mapping or, as mkdocs also allows, a list of names and one-key mappings."""
    plugins = config.get("plugins") or {}
    if isinstance(plugins, list):
        plugins = {k: v for item in plugins if isinstance(item, dict) for k, v in item.items()}
    return plugins.get("i18n")


def languages(root: Path = ROOT) -> list[Language]:
    """The site's languages, the default (Swedish) first."""
    i18n = i18n_plugin_config(read_config(root))
    if i18n is not None:
        langs = [
            Language(item["locale"], item.get("name", item["locale"]), bool(item.get("default")),
                     item.get("build", True) is not False)
            for item in i18n["languages"]
        ]
        return sorted(langs, key=lambda lang: not lang.default)
    raise RuntimeError(f"{root / 'mkdocs.yml'}: no i18n plugin with languages found")


def default_language(root: Path = ROOT) -> str:
    return languages(root)[0].code
