"""The languages of the build MkDocs is running, from mkdocs-static-i18n's settings in its config.
(For the languages as mkdocs.yml lists them, outside a build: site.languages.)"""


def default_language(config) -> str:
    """The site's default language (the one at the site root)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return config.theme["language"]
    return next(lang.locale for lang in i18n.config.languages if lang.default)


def language_names(config) -> dict[str, str]:
    """Every language's name in its own script, by language code."""
    i18n = config.plugins.get("i18n")
    return {lang.locale: lang.name or lang.locale for lang in i18n.config.languages} if i18n else {}


def built_languages(config) -> list[str]:
    """The codes of the languages this build writes (mkdocs.yml: `build: true`), the default first."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [config.theme["language"]]
    return [lang.locale for lang in i18n.config.languages if lang.build]


def last_built_language(config) -> str:
    """The language mkdocs-static-i18n builds last: the default is built first, then the others in
    mkdocs.yml's order."""
    default = default_language(config)
    others = [lang for lang in built_languages(config) if lang != default]
    return others[-1] if others else default
