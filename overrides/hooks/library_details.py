"""Show the library's own details (libraries/<id>.yml, the library this build is for) where visitors look for help: on the start page
and at the end of every guide's "get help" section, in the page's language. The values come from
scripts/medborgarguiden/library_display.py; overrides/partials/mg-library-details.html shows them.

Pages that are not guides (the accessibility statement) can use two tokens in their text:
`{library:name}` (the library's name) and `{library:contact}` (on a line of its own: how to reach
the library, and in the web edition the project's problem form on GitHub)."""

import logging
import re
from urllib.parse import urlencode

from guide_pages import strings  # the UI strings of each language (a sibling hook, read-only use)
from mkdocs.exceptions import PluginError
from medborgarguiden.library_config import LibraryConfigError, load_library
from medborgarguiden.library_display import library_view
from medborgarguiden.markdown_rules import as_markdown_text
from medborgarguiden.site import ROOT

log = logging.getLogger("mkdocs.hooks.library_details")
TOKEN = re.compile(r"\{library:(name|contact)\}")

_library = None
_view = None  # the library's details as this language shows them (library_display.py)
_start_url = None  # this language's start page


def on_pre_build(config, **kwargs):
    global _library
    try:
        _library = load_library(ROOT)
        for warning in _library.warnings:  # info, not warning: --strict must not fail when a date passes
            log.info(warning)
    except LibraryConfigError as err:
        raise PluginError("The library's details have problems:\n" + "\n".join(err.problems)
                          + "\nRun 'python scripts/validate.py' to see them again.")


def on_nav(nav, config, files, **kwargs):
    """Once per language, after mkdocs-static-i18n has sorted the files by language (in on_files):
    the details formatted for the language (dates, times) and the language's start page."""
    global _view, _start_url
    lang = config.theme["language"]
    _view = library_view(_library, lang) if _library is not None else None
    _start_url = next((file.url for file in files if getattr(file, "norm_src_uri", None) == "index.md"
                       and getattr(file, "locale", lang) == lang), None)
    return nav


def _page_kind(page) -> str:
    """'start', 'guide' or 'other', from the page's path inside its language folder."""
    path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    if path == "index.md":
        return "start"
    return "guide" if "/" not in path else "other"


def report_url(config) -> str:
    """The problem form on GitHub, for the web edition only: a library PC may have no network."""
    if config.extra.get("edition") != "web" or not config.repo_url:
        return ""
    # The project's problem form (.github/ISSUE_TEMPLATE/guide-problem.yml), titled as an accessibility problem.
    query = urlencode({"template": "guide-problem.yml", "title": "Tillgänglighet: "})
    return config.repo_url.rstrip("/") + "/issues/new?" + query


def _render_contact(config, lang: str) -> str:
    template = config.theme.get_env().get_template("partials/mg-library-contact.html")
    html = template.render(library=_view, ui=strings(lang),
                           report_url=report_url(config))
    # One raw HTML block for Markdown: no blank lines inside it.
    return "\n".join(line for line in html.splitlines() if line.strip())


def on_page_markdown(markdown, page, config, files, **kwargs):
    if "{library:" not in markdown:
        return markdown
    lang = config.theme["language"]
    name = _view["name"]

    def replace(match):
        if match.group(1) == "contact":
            return _render_contact(config, lang)
        text = as_markdown_text(name["text"])  # library.yml is text, not HTML or Markdown
        if name["lang"]:
            return f'<span lang="{name["lang"]}" dir="ltr">{text}</span>'
        return text

    return TOKEN.sub(replace, markdown)


def on_page_context(context, page, config, nav, **kwargs):
    kind = _page_kind(page)
    if kind in ("start", "guide") and _view is not None:
        context["library"] = _view
        context["library_place"] = kind
        context["library_start_url"] = _start_url
    return context
