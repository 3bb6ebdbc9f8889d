"""Answers what several hooks ask of the build's languages. (Imported by the hooks; not a hook itself.)
The hooks' shared code is the installed package `medborgarguiden` (scripts/medborgarguiden/, see
pyproject.toml), the same the commands in scripts/ use."""


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
