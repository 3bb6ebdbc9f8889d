"""A MkDocs plugin (listed before i18n in mkdocs.yml) that lets mkdocs-static-i18n take every ISO 639
code. The plugin accepts only two-letter codes, but library visitors in Sweden read languages that
have only three-letter ones: prs Dari, ckb Sorani, kmr Kurmanji. Importing this module, which MkDocs
does before it checks the i18n plugin's settings, widens the plugin's pattern, and lets the plugin
find each page's other-language versions without wasted work (i18n_alternates.py)."""

from __future__ import annotations

import re

import mkdocs_static_i18n.config
import mkdocs_static_i18n.folder
from mkdocs.plugins import BasePlugin

from . import i18n_alternates  # noqa: F401 (applied when imported)

# The i18n plugin's own pattern (language[-Script][-REGION] or language_REGION), with 2–3 letter languages.
LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")
mkdocs_static_i18n.config.RE_LOCALE = LOCALE
mkdocs_static_i18n.folder.RE_LOCALE = LOCALE


class LanguageCodes(BasePlugin):
    """Does nothing at build time: its work is done when MkDocs imports it."""
