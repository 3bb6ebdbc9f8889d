"""Turn registry keys in guides into links: `[text](service:KEY)` becomes the authority's URL in the
page's language (its own page in that language when services.yml has one), and `{phone:KEY}` a
phone number you can tap. URLs live only in services.yml."""

import re

from mkdocs.exceptions import PluginError
from medborgarguiden.guides import PHONE_TOKEN, SERVICE_LINK
from medborgarguiden.registry import load_registry, tel_href
from medborgarguiden.site import ROOT

_registry = None


def on_pre_build(config, **kwargs):
    global _registry
    _registry = load_registry(ROOT / "services.yml")


def on_page_markdown(markdown, page, config, files, **kwargs):
    lang = config.theme["language"]
    out = []
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        def link(match):
            return f"]({_registry.url_for(_known(match.group(1), page, number), lang)})"

        def phone(match):
            number_text = _registry.phone_for(_known(match.group(1), page, number))
            return f"[{number_text}]({tel_href(number_text)})"

        out.append(PHONE_TOKEN.sub(phone, SERVICE_LINK.sub(link, line)))
    return "".join(out)


def _known(key, page, number):
    if key not in _registry.services:
        raise PluginError(f"docs/{page.file.src_uri}: unknown service '{key}' (line {number} of the text "
                          "after the front matter). Use a key from services.yml.")
    return key
