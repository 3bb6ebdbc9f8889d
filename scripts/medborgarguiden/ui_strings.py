"""The site's own UI strings (overrides/strings/<lang>.yml), which the templates and hooks show in the
page's language. A language's file need not have every key: the default language's file fills in."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from . import site
from .file_cache import per_file_version
from .safe_yaml import YamlProblem, load_plain

STRINGS_DIR = site.ROOT / "overrides" / "strings"


@per_file_version  # read again when the file changes (`mkdocs serve`)
def _read(path: Path) -> dict:
    """A strings file, with duplicate keys and aliases refused (safe_yaml): a key written twice
    would otherwise silently change what visitors read."""
    try:
        return load_plain(path.read_text(encoding="utf-8")) or {}
    except YamlProblem as problem:
        raise PluginError(f"overrides/strings/{path.name}:{problem.line}: {problem.message}.") from None


def strings(lang: str, folder: Path = STRINGS_DIR) -> dict:
    own_file = folder / f"{lang}.yml"
    own = _read(own_file) if own_file.is_file() else {}
    return {**_read(folder / f"{site.default_language()}.yml"), **own}
