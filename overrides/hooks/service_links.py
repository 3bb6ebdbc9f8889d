"""Turn registry keys in guides into what the visitor reads: `[text](service:KEY)` becomes the
authority's URL in the page's language (its own page in that language when services.yml has one),
`{phone:KEY}` a phone number you can tap, `{name:KEY}` the name people know the service by, and
`{fact:KEY}` the value from facts.yml written the page's language's way (medborgarguiden.fact_display).
URLs, phones and facts live only in the two registries, read once per build.

A KEY may be a role (transit-planner, housing-queue, …): it becomes the service of the edition's
library (libraries/<id>.yml: its municipality's, else its region's, else the role's national
fallback), so a Göteborg library's guide names Västtrafik where Stockholm's names SL.

In the shared build for many libraries (library_slots, MG_SLOTS_DIR) a role is left as a slot, and
this hook writes every library's name, address and phone for it into a slot table.

Numbers must read left to right in every language: phones and facts are wrapped in <bdi dir="ltr">,
and in right-to-left pages every other run of digits in the text is isolated too (rtl_numbers)."""

from mkdocs.exceptions import PluginError
from medborgarguiden.fact_display import fact_html, phone_markdown
from medborgarguiden.facts import FACT_TOKEN, load_facts
from medborgarguiden.guides import NAME_TOKEN, PHONE_TOKEN, SERVICE_LINK
from medborgarguiden import library_slots as slots
from medborgarguiden.build_languages import default_language
from medborgarguiden.library_config import LibraryConfigError, library_ids, load_library
from medborgarguiden.registry import UnknownServiceError, link_url, load_registry, tel_href
from medborgarguiden.rtl_numbers import isolate_numbers
from medborgarguiden.side_by_side import direction
from medborgarguiden.site import ROOT

_registry = None
_facts = None
_place = None
_slot_table: dict[str, dict[str, str]] = {}


def on_pre_build(config, **kwargs):
    global _registry, _facts, _place
    _registry = load_registry(ROOT / "services.yml")  # both cached per version of the file
    _facts = load_facts(ROOT / "facts.yml", _registry)
    try:
        _place = None if slots.slots_dir() else load_library(ROOT).place
    except LibraryConfigError:
        _place = None  # library_details.py stops the build with the library file's problems


def on_nav(nav, config, files, **kwargs):
    """In the shared build: every library's values for the roles, in this language (once per language)."""
    if slots.slots_dir() is not None:
        lang = config.theme["language"]
        default = default_language(config)
        for lib in library_ids(ROOT):
            try:
                place = load_library(ROOT, lib).place
            except LibraryConfigError:
                continue  # library_details.py stops the build with the library file's problems
            _slot_table.setdefault(lib, {}).update(slots.role_values(_registry, place, lang, default))
        _slot_table.setdefault(slots.NO_LIBRARY, {}).update(slots.role_values(_registry, None, lang, default))
        slots.write_table("roles", _slot_table)
    return nav


def on_page_markdown(markdown, page, config, files, **kwargs):
    lang = config.theme["language"]
    out = []
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        def link(match):
            if _slot(match.group(1), page, number):
                return "](" + slots.role_url(match.group(1), lang) + ")"
            return "](" + link_url(_service(match.group(1), page, number).url_for(lang)) + ")"

        def phone(match):
            if _slot(match.group(1), page, number):
                return slots.token("phone", match.group(1), lang)
            number_text = _registry.phone_for(_service(match.group(1), page, number).key)
            return phone_markdown(number_text, tel_href(number_text))

        def name(match):
            if _slot(match.group(1), page, number):
                return slots.token("name", match.group(1), lang)
            return _service(match.group(1), page, number).display_name

        def fact(match):
            key = match.group(1)
            if key not in _facts:
                raise PluginError(f"docs/{page.file.src_uri}: unknown fact '{key}' (line {number} of the text "
                                  "after the front matter). Use a key from facts.yml.")
            return fact_html(_facts[key], lang)

        line = NAME_TOKEN.sub(name, line) if "{name:" in line else line
        out.append(FACT_TOKEN.sub(fact, PHONE_TOKEN.sub(phone, SERVICE_LINK.sub(link, line))))
    return "".join(out)


def on_page_content(html, page, config, files, **kwargs):
    """In Arabic and Persian, digits written in the text itself (a case number, a year) keep their
    order too."""
    if direction(config.theme["language"]) == "rtl":
        return isolate_numbers(html)
    return html


def _slot(key, page, number) -> bool:
    """A role in the shared build: each library fills in its own service."""
    if slots.slots_dir() is None or key not in _registry.roles:
        return False
    _service(key, page, number)
    return True


def _service(key, page, number):
    if not _registry.knows(key):
        raise PluginError(f"docs/{page.file.src_uri}: unknown service '{key}' (line {number} of the text "
                          "after the front matter). Use a key from services.yml.")
    try:
        return _registry.resolve(key, _place)
    except UnknownServiceError as err:
        raise PluginError(f"docs/{page.file.src_uri}: {err} Run 'python scripts/validate.py'.") from None
