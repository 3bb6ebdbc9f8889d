"""Lets the hooks use the project's shared package in scripts/medborgarguiden/, so the build and the
commands in scripts/ apply the same rules, and answers what several hooks ask of the build's
languages. (Imported by the hooks; not a hook itself.)"""

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


def default_language(config) -> str:
    """The site's default language (the one at the site root), from mkdocs-static-i18n's settings."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return config.theme["language"]
    return next(lang.locale for lang in i18n.config.languages if lang.default)


def language_names(config) -> dict[str, str]:
    """Every language's name in its own script, by language code."""
    i18n = config.plugins.get("i18n")
    return {lang.locale: lang.name or lang.locale for lang in i18n.config.languages} if i18n else {}
