"""Turn registry keys in guides into links: `[text](service:KEY)` becomes the authority's URL in the
page's language (its own page in that language when services.yml has one), `{phone:KEY}` a phone
number you can tap, and `{name:KEY}` the name people know the service by. URLs live only in
services.yml. A KEY may be a role (transit-planner, housing-queue, …): it becomes the service of the
edition's library (libraries/<id>.yml: its municipality's, else its region's, else the role's
national fallback), so a Göteborg library's guide names Västtrafik where Stockholm's names SL."""

import _shared  # noqa: F401
from mkdocs.exceptions import PluginError
from medborgarguiden.guides import NAME_TOKEN, PHONE_TOKEN, SERVICE_LINK
from medborgarguiden.library_config import LibraryConfigError, load_library
from medborgarguiden.registry import UnknownServiceError, load_registry, tel_href
from medborgarguiden.site import ROOT

_registry = None
_place = None


def on_pre_build(config, **kwargs):
    global _registry, _place
    _registry = load_registry(ROOT / "services.yml")
    try:
        _place = load_library(ROOT).place
    except LibraryConfigError:
        _place = None  # library_details.py stops the build with the library file's problems


def on_page_markdown(markdown, page, config, files, **kwargs):
    lang = config.theme["language"]
    out = []
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        def link(match):
            return f"]({_service(match.group(1), page, number).url_for(lang)})"

        def phone(match):
            service = _service(match.group(1), page, number)
            number_text = _registry.phone_for(service.key)
            return f"[{number_text}]({tel_href(number_text)})"

        def name(match):
            return _service(match.group(1), page, number).display_name

        line = NAME_TOKEN.sub(name, line) if "{name:" in line else line
        out.append(PHONE_TOKEN.sub(phone, SERVICE_LINK.sub(link, line)))
    return "".join(out)


def _service(key, page, number):
    if not _registry.knows(key):
        raise PluginError(f"docs/{page.file.src_uri}: unknown service '{key}' (line {number} of the text "
                          "after the front matter). Use a key from services.yml.")
    try:
        return _registry.resolve(key, _place)
    except UnknownServiceError as err:
        raise PluginError(f"docs/{page.file.src_uri}: {err} Run 'python scripts/validate.py'.") from None
