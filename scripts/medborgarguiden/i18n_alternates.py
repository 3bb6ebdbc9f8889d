"""Finds each page's versions in the other languages (mkdocs-static-i18n's "alternates", which the
language switcher and the sitemap use) without making i18n files only to throw them away.

In each language's build the plugin tries, for every page and every language, the page's copies in
the other languages one by one: it makes a full i18n file of each copy, reads which language the copy
is in, and keeps the one in the language sought. Eight builds of eight languages make some 6,000 such
files, most of them thrown away: about a tenth of the build's CPU. Here the copy's language is read
from its path first, exactly as the plugin's folder.create_i18n_file reads it, and the file is made
only for the copy that is kept. The plugin's own code still chooses the alternates, so the site is
the same; tests/test_i18n_alternates.py checks the language read here against the plugin's.
It also remembers the plugin's answers to "is this path below that folder?", asked again with the
same paths in every language's build.

Applied to the plugin version requirements.txt pins, with docs_structure: folder and no fallback to
the default language (mkdocs.yml); anything else runs the plugin's code unchanged."""

from __future__ import annotations

import functools
from pathlib import PurePath
from types import SimpleNamespace

import mkdocs_static_i18n
import mkdocs_static_i18n.folder as folder
import mkdocs_static_i18n.reconfigure as reconfigure
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

PLUGIN_VERSION = "1.3.1"


def file_locale(src_path: str, default_language: str, all_languages: list[str]) -> str:
    """The language folder.create_i18n_file gives the file at src_path (its `locale`): the path's
    first folder when it is a language, configured or not (yet), else the default language."""
    first = PurePath(src_path).parts[0]
    if all_languages and (first in all_languages or folder.RE_LOCALE.match(first)):
        return first
    return default_language


def _kept_only(create_i18n_file):
    """create_i18n_file for the alternates' search: a copy in another language than the one sought
    is only asked for its locale, and then passed over."""

    def create(file, current_language, default_language, all_languages, config):
        locale = file_locale(file.src_path, default_language, all_languages)
        if locale != current_language:
            return SimpleNamespace(locale=locale)
        return create_i18n_file(file, current_language, default_language, all_languages, config)

    return create


_plugins_own = ExtendedPlugin.reconfigure_files_alternates


def _reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
    if self.config.docs_structure == "folder" and self.config.fallback_to_default is not True:
        create_i18n_file = _kept_only(create_i18n_file)
    return _plugins_own(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file)


# Each language's build asks whether each of the ~1,800 files (the theme's too) is below docs/, with
# the same paths as the build before: remember the answers (PurePath's own, so they are the same).
_is_relative_to = functools.lru_cache(maxsize=65536)(mkdocs_static_i18n.is_relative_to)

ACTIVE = mkdocs_static_i18n.version == PLUGIN_VERSION
if ACTIVE:
    ExtendedPlugin.reconfigure_files_alternates = _reconfigure_files_alternates
    reconfigure.is_relative_to = folder.is_relative_to = _is_relative_to
