"""Do the theme's work once per build, not once per language.

mkdocs-static-i18n runs one inner build per language, and MkDocs asks the theme for a new Jinja
environment in each, so without this hook every language would
- load, check and compile the same ~70 templates again (about a fifth of the build's CPU);
- list the theme's ~14,500 files again and filter them (MkDocs adds the theme's CSS, JavaScript and
  images to every language's files; about 6 % of the build's CPU);
- write the site's one 404.html and one sitemap.xml again, each over the last (the sitemap grows
  with every language: eight of them came to a megabyte of XML for one of 260 KB).

Here the theme hands out one environment per build: its templates stay loaded from one language to
the next, and only the theme's translations (MkDocs' gettext, for the language being built) are
installed again. The environment lives on the theme object, which `mkdocs serve` makes anew for every
rebuild, so an edited template or a file added to overrides/ is seen."""

from mkdocs import localization

from medborgarguiden.build_languages import default_language, last_built_language


def _one_env(theme):
    """theme.get_env, made to return the same environment each time: with the translations of the
    theme's language now, and with list_templates answering the same question with the first answer
    (the same extensions and filter; MkDocs filters the theme's files with a new closure over the
    build's one config in every language)."""
    theme_get_env = theme.get_env
    shared = None
    installed = None  # the locale whose translations the environment has
    answers: dict[tuple, list[str]] = {}

    def get_env():
        nonlocal shared, installed
        if shared is not None:
            # Hooks ask for the environment too (library_details.py): load the catalogues only when
            # the build has moved on to another language.
            if str(theme.locale) != installed:
                localization.install_translations(shared, theme.locale, theme.dirs)
                installed = str(theme.locale)
            return shared
        shared = theme_get_env()
        installed = str(theme.locale)
        list_templates = shared.list_templates

        def listed(extensions=None, filter_func=None):
            closure = getattr(filter_func, "__closure__", None) or ()
            key = (None if extensions is None else tuple(extensions), getattr(filter_func, "__code__", filter_func),
                   *(id(cell.cell_contents) for cell in closure))
            if key not in answers:
                answers[key] = list_templates(extensions, filter_func)
            return list(answers[key])

        shared.list_templates = listed
        return shared

    return get_env


def on_config(config, **kwargs):
    theme = config.theme
    if "get_env" not in vars(theme):  # on_config runs once per language: wrap once per build
        theme.get_env = _one_env(theme)
    return config


def on_pre_build(config, **kwargs):
    """404.html from the default language's build: it is the site root's language, and the page
    links every language (overrides/404.html). sitemap.xml from the last build: mkdocs-static-i18n's
    sitemap lists the pages of every language built so far."""
    lang = config.theme["language"]
    for template, wanted in (("404.html", lang == default_language(config)),
                             ("sitemap.xml", lang == last_built_language(config))):
        if wanted:
            config.theme.static_templates.add(template)
        else:
            config.theme.static_templates.discard(template)
