"""i18n_alternates.py lets mkdocs-static-i18n skip the files it would make only to throw away; the
plugin must still keep exactly the same files, and choose the same alternates (each page's versions
in the other languages)."""

from __future__ import annotations

import os

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files
from mkdocs_static_i18n import folder, reconfigure

from medborgarguiden import i18n_alternates, site

ROOT = site.ROOT
# Paths a docs folder can hold: each language's pages, a nested page, a language folder that is not
# configured, a three-letter code, pages and files outside any language folder.
OTHER_PATHS = ["index.md", "README.md", "assets/logo.png", "xx/pass.md", "prs/pass.md", "sv-SE/pass.md",
               "sv/personal/a/b.md", "svenska/pass.md", "en_GB/pass.md", "img/sv/pass.png"]


@pytest.fixture(scope="module")
def config():
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return load_config(str(ROOT / "mkdocs.yml"))
    finally:
        os.chdir(here)


def test_the_shortcut_is_used_with_the_pinned_plugin():
    assert i18n_alternates.ACTIVE, ("mkdocs-static-i18n is not the version i18n_alternates.py was checked against: "
                                    "compare file_locale with folder.create_i18n_file, then update PLUGIN_VERSION")
    assert folder.create_i18n_file is i18n_alternates.create_i18n_file
    assert reconfigure.is_relative_to is folder.is_relative_to is i18n_alternates._is_relative_to


def test_the_language_read_from_the_path_is_the_plugins(config):
    plugin = config.plugins["i18n"]
    languages, default = plugin.all_languages, plugin.default_language
    paths = [f.src_path for f in get_files(config)] + OTHER_PATHS
    for path in paths:
        file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
        for current in languages:
            made = i18n_alternates._plugins_create(file, current, default, languages, config)
            assert i18n_alternates.file_locale(file.src_path, default, languages) == made.locale, (path, current)


def _files(config, plugin, lang) -> dict:
    """What the plugin keeps for `lang`: each file's paths and language, and its alternates'."""
    def described(f):
        return (f.src_uri, f.dest_uri, f.url, f.abs_dest_path, getattr(f, "locale", None),
                getattr(f, "localization", None), getattr(f, "norm_src_uri", None),
                getattr(f, "locale_alternate_of", None))

    plugin.current_language = lang
    files = plugin.reconfigure_files(get_files(config), config)
    return {f.src_uri: (described(f), {locale: described(alt) for locale, alt in getattr(f, "alternates", {}).items()})
            for f in files}


def test_every_language_gets_the_files_and_alternates_the_plugin_itself_chooses(config):
    plugin = config.plugins["i18n"]
    for lang in plugin.all_languages:
        shortcut = _files(config, plugin, lang)
        folder.create_i18n_file = i18n_alternates._plugins_create
        try:
            own = _files(config, plugin, lang)
        finally:
            folder.create_i18n_file = i18n_alternates.create_i18n_file
        assert shortcut == own, lang
        assert sum(len(alternates) for _, alternates in own.values()) > 100  # the comparison compares something
        assert sum(1 for described, _ in own.values() if described[4] == lang) > 20
