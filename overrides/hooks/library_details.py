"""Show the library's own details (libraries/<id>.yml, the library this build is for) where visitors look for help: on the start page
and at the end of every guide's "get help" section, in the page's language. The values come from
scripts/medborgarguiden/library_display.py; overrides/partials/mg-library-details.html shows them.

Pages that are not guides (the accessibility statement) can use two tokens in their text:
`{library:name}` (the library's name) and `{library:contact}` (on a line of its own: how to reach
the library, and in the web edition the project's problem form on GitHub).

In the shared build for many libraries (library_slots, MG_SLOTS_DIR) the box and the tokens are
slots, and this hook renders what each library's edition puts in them, and what the edition where
no library is chosen shows: the list of libraries to choose from."""

import logging
import re
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError
from medborgarguiden import library_slots as slots
from medborgarguiden.build_languages import default_language
from medborgarguiden.library_config import FOLDER, LibraryConfigError, library_ids, load_library
from medborgarguiden.library_display import by_region, library_view
from medborgarguiden.markdown_rules import as_markdown_text
from medborgarguiden.rtl_numbers import isolate_numbers
from medborgarguiden.side_by_side import direction
from medborgarguiden.site import ROOT
from medborgarguiden.ui_strings import strings

log = logging.getLogger("mkdocs.hooks.library_details")
TOKEN = re.compile(r"\{library:(name|contact)\}")

_library = None
_view = None  # the library's details as this language shows them (library_display.py)
_start_url = None  # this language's start page
_libraries: dict = {}  # the shared build: every library, by id
_slot_table: dict[str, dict[str, str]] = {}


def on_pre_build(config, **kwargs):
    global _library, _libraries
    try:
        if slots.slots_dir() is None:
            _library = load_library(ROOT)
            loaded = [_library]
        else:
            _library = None
            _libraries = {lib: load_library(ROOT, lib) for lib in library_ids(ROOT)}
            loaded = list(_libraries.values())
        for library in loaded:
            for warning in library.warnings:  # info, not warning: --strict must not fail when a date passes
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
    if slots.slots_dir() is not None:
        _write_slots(config, lang)
    return nav


def _write_slots(config, lang: str) -> None:
    """Every library's box, name and contact in this language; and for the edition where no library
    is chosen, the list of libraries (start page) and a pointer to it (guides)."""
    env = config.theme.get_env()
    about = env.get_template("partials/mg-library-about.html")
    ui = strings(lang)
    for lib, library in _libraries.items():
        view = library_view(library, lang)
        values = _slot_table.setdefault(lib, {})
        for kind in ("start", "guide"):
            values[slots.key("library", kind, lang)] = about.render(
                library=view, library_place=kind, ui=ui, library_edit_url=edit_url(config, lib))
        # In the page's text, where right-to-left pages isolate digits (service_links.py): so here too.
        for name, value in (("libraryname", _name_html(view, into_markdown=False)),
                            ("librarycontact", _render_contact(config, lang, view))):
            values[slots.key(name, "", lang)] = isolate_numbers(value) if direction(lang) == "rtl" else value
        values[slots.key("librarymore", "", lang)] = ui["library_more"]
    default = default_language(config)
    choose = env.get_template("partials/mg-library-choose.html")
    values = _slot_table.setdefault(slots.NO_LIBRARY, {})
    for kind in ("start", "guide"):
        values[slots.key("library", kind, lang)] = choose.render(
            regions=by_region(_libraries, lang), library_place=kind, ui=ui, root=slots.ROOT_URL,
            lang_prefix="" if lang == default else f"{lang}/")
    values[slots.key("libraryname", "", lang)] = slots.html_text(ui["library_any"])
    values[slots.key("librarymore", "", lang)] = ui["library_choose"]
    values[slots.key("librarycontact", "", lang)] = _render_contact(config, lang, {})
    slots.write_table("library", _slot_table)


def _name_html(view, into_markdown: bool = True) -> str:
    """The library's name, as text (libraries/<id>.yml is text, not HTML or Markdown)."""
    name = view["name"]
    text = as_markdown_text(name["text"]) if into_markdown else slots.html_text(name["text"])
    if name["lang"]:
        return f'<span lang="{name["lang"]}" dir="ltr">{text}</span>'
    return text


def _page_kind(page) -> str:
    """'start', 'guide' or 'other', from the page's path inside its language folder."""
    path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    if path == "index.md":
        return "start"
    return "guide" if "/" not in path else "other"


def edit_url(config, lib: str) -> str:
    """Where staff change the library's details on GitHub (libraries/<id>.yml), in the web edition."""
    if not config.extra.get("github_links") or not config.repo_url or not config.edit_uri:
        return ""
    branch = config.edit_uri.strip("/").rsplit("/", 1)[0]  # 'edit/main/docs' -> 'edit/main'
    return f"{config.repo_url.rstrip('/')}/{branch}/{FOLDER}/{lib}.yml"


def report_url(config) -> str:
    """The problem form on GitHub, for the web edition only: a library PC may have no network."""
    if not config.extra.get("github_links") or not config.repo_url:
        return ""
    # The project's problem form (.github/ISSUE_TEMPLATE/guide-problem.yml), titled as an accessibility problem.
    query = urlencode({"template": "guide-problem.yml", "title": "Tillgänglighet: "})
    return config.repo_url.rstrip("/") + "/issues/new?" + query


def _render_contact(config, lang: str, view) -> str:
    template = config.theme.get_env().get_template("partials/mg-library-contact.html")
    html = template.render(library=view, ui=strings(lang),
                           report_url=report_url(config))
    # One raw HTML block for Markdown: no blank lines inside it.
    return "\n".join(line for line in html.splitlines() if line.strip())


def on_page_markdown(markdown, page, config, files, **kwargs):
    if "{library:" not in markdown:
        return markdown
    lang = config.theme["language"]

    def replace(match):
        if slots.slots_dir() is not None:
            return slots.token("library" + match.group(1), "", lang, block=match.group(1) == "contact")
        return _render_contact(config, lang, _view) if match.group(1) == "contact" else _name_html(_view)

    return TOKEN.sub(replace, markdown)


def on_page_context(context, page, config, nav, **kwargs):
    kind = _page_kind(page)
    if kind in ("start", "guide") and slots.slots_dir() is not None:
        context["library_slot"] = slots.token("library", kind, config.theme["language"], block=True)
        context["library_more_slot"] = slots.token("librarymore", "", config.theme["language"])
        context["library_place"] = kind
        context["library_start_url"] = _start_url
    elif kind in ("start", "guide") and _view is not None:
        context["library"] = _view
        context["library_place"] = kind
        context["library_start_url"] = _start_url
        context["library_edit_url"] = edit_url(config, _library.id)
    return context
