"""Stop the build when a guide breaks the rules (missing field, wrong date, unknown service key, raw
HTML or a foreign link, a guide missing in one language …). The rules live in
scripts/medborgarguiden/guides.py, which `scripts/validate.py` also runs, so the build and the command
always agree.

Every page's text also reaches the build the way the rules saw it: NFC-normalised (a word typed with
combining marks is found by a search typed without them), and its front matter texts HTML-escaped
before any template prints them (the templates print page.meta.title and .description unescaped)."""

import html

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from medborgarguiden.guides import check_site
from medborgarguiden.safe_yaml import text_in

# The front matter fields templates print as text.
TEXT_FIELDS = ("title", "label", "description")

_checked = False


def on_pre_build(config, **kwargs):
    global _checked
    if _checked:  # mkdocs-static-i18n runs one inner build per language; check once
        return
    problems = check_site()
    if problems:
        raise PluginError("The guides have problems:\n" + "\n".join(problems)
                          + "\nRun 'python scripts/validate.py' to see them again.")
    _checked = True


def on_serve(server, **kwargs):
    global _checked
    _checked = False  # `mkdocs serve` rebuilds after an edit: check again
    return server


def on_page_read_source(page, config, **kwargs):
    """The page's text as check_site read it: without a byte-order mark, NFC."""
    return text_in(page.file.content_string)


@event_priority(100)  # before every other hook uses the page's front matter
def on_page_markdown(markdown, page, config, files, **kwargs):
    for key in TEXT_FIELDS:
        value = page.meta.get(key)
        if value is not None and not isinstance(value, (dict, list)):
            page.meta[key] = html.escape(str(value), quote=True)
    return markdown


def on_env(env, config, files, **kwargs):
    """`unescape`: a front matter text back as plain text, for a URL's query (mg-page-actions.html)."""
    env.filters["unescape"] = html.unescape
    return env
