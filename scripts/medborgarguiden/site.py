"""Where things are in the repository, and which languages the site has.

mkdocs.yml is the one place languages are listed (the i18n plugin's `languages:`); everything else
reads them from there, so adding a language means changing one file.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from .file_cache import per_file_version



def _is_project(folder: Path) -> bool:
    return (folder / "mkdocs.yml").is_file() and (folder / "scripts" / "medborgarguiden").is_dir()


def _installed_from() -> Path | None:
    """The checkout this package is installed from (`pip install -e .`), if it is installed."""
    try:
        info = json.loads(metadata.distribution("medborgarguiden").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        return None
    url = info.get("url", "")
    return Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file:") else None


def _project_root() -> Path:
    """The project being worked on. This package's own checkout, when it was found there (a script run
    from a copy's scripts/ folder imports the copy's package); the installed package works on the
    project in the current folder (MkDocs and the tests run there, also in copies of the project), or
    else on its own checkout."""
    own = Path(__file__).resolve().parents[2]
    if own != _installed_from():
        return own
    here = Path.cwd()
    return here if _is_project(here) else own


ROOT = _project_root()


def script_project(script: str, usage: str) -> Path:
    """The project a command in scripts/ works on: the checkout it is in, whatever folder it is run
    from. A copy of the command away from a Medborgarguiden checkout ends here, in one line."""
    root = Path(script).resolve().parents[1]
    if not _is_project(root):
        raise SystemExit(f"{Path(script).name}: no Medborgarguiden project around this script (no mkdocs.yml "
                         f"in {root}). Run the script from the project's scripts/ folder: {usage}")
    return root


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
    i18n = i18n_plugin_config(_parse_config(root / "mkdocs.yml"))  # read only: no copy needed
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
