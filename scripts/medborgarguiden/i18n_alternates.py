"""Lets mkdocs-static-i18n sort the site's files by language without making files only to throw
them away.

In each language's build the plugin makes a full i18n file (a new MkDocs File with its paths and URL
worked out again) of every file of every language, reads which language it is in, and keeps only the
current language's; to find each page's versions in the other languages ("alternates", which the
language switcher and the sitemap use) it does the same again for every copy it tries. Eight builds
of eight languages made some 10,000 such files, most of them thrown away. Here a file in another
language is only read for what the plugin asks of it (its language, read from its path exactly as
the plugin's folder.create_i18n_file reads it; its language folder; its path without that folder),
and the full file is made for the current language's files. The plugin's own code still sorts the
files and chooses the alternates, so the site is the same; tests/test_i18n_alternates.py compares
both with what the plugin does on its own. It also remembers the plugin's answers to "is this path
below that folder?", asked again with the same paths in every language's build.

Applied to the plugin version requirements.txt pins; with a fallback to the default language the
plugin uses other languages' files, and gets them whole."""

from __future__ import annotations

import functools
from pathlib import PurePath

import mkdocs_static_i18n
import mkdocs_static_i18n.folder as folder
import mkdocs_static_i18n.reconfigure as reconfigure

PLUGIN_VERSION = "1.3.1"


def file_locale(src_path: str, default_language: str, all_languages: list[str]) -> str:
    """The language folder.create_i18n_file gives the file at src_path (its `locale`): the path's
    first folder when it is a language, configured or not (yet), else the default language."""
    first = PurePath(src_path).parts[0]
    if all_languages and (first in all_languages or folder.RE_LOCALE.match(first)):
        return first
    return default_language


class _Elsewhere:
    """What the plugin reads of a file in another language than the one being built (its language,
    language folder, path without that folder and kind), without the full i18n file it would make
    only to pass over."""

    __slots__ = ("locale", "localization", "norm_src_uri", "is_documentation_page")

    def __init__(self, file, locale: str):
        first = PurePath(file.src_uri).parts[0]
        self.locale = locale
        self.localization = locale if first == locale else None
        self.norm_src_uri = (PurePath(file.src_uri).relative_to(locale).as_posix() if self.localization
                             else file.src_uri)
        self.is_documentation_page = file.is_documentation_page


_plugins_create = folder.create_i18n_file


def create_i18n_file(file, current_language, default_language, all_languages, config):
    """folder.create_i18n_file, but a file in another language than the one being built is only
    read for what the plugin asks of it (with a fallback to the default language, the plugin uses
    such files: then it gets them whole)."""
    locale = file_locale(file.src_path, default_language, all_languages)
    i18n = config.plugins.get("i18n")
    if locale != current_language and i18n is not None and i18n.config.fallback_to_default is not True:
        return _Elsewhere(file, locale)
    return _plugins_create(file, current_language, default_language, all_languages, config)


# Each language's build asks whether each of the ~1,800 files (the theme's too) is below docs/, with
# the same paths as the build before: remember the answers (PurePath's own, so they are the same).
_is_relative_to = functools.lru_cache(maxsize=65536)(mkdocs_static_i18n.is_relative_to)

ACTIVE = mkdocs_static_i18n.version == PLUGIN_VERSION
if ACTIVE:
    folder.create_i18n_file = create_i18n_file
    reconfigure.is_relative_to = folder.is_relative_to = _is_relative_to
