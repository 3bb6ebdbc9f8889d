"""Give every page the address of the accessibility statement in its own language
(docs/<lang>/om/tillganglighet.md), which the footer links to (overrides/partials/copyright.html).
Public bodies in Sweden must link their statement from every page or the start page (DOS-lagen)."""

STATEMENT = "om/tillganglighet.md"

_statement_url = None


def on_nav(nav, config, files, **kwargs):
    """After mkdocs-static-i18n has sorted the files by language (it does so in on_files)."""
    global _statement_url
    lang = config.theme["language"]
    _statement_url = None
    for file in files:
        path = getattr(file, "norm_src_uri", file.src_uri)
        if path == STATEMENT and getattr(file, "locale", lang) == lang:
            _statement_url = file.url
    return nav


def on_page_context(context, page, config, nav, **kwargs):
    context["statement_url"] = _statement_url
    return context
