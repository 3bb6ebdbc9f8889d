"""One build for every library: what differs between libraries is left as a slot, filled per library.

Most of a build is the same for every library: the guides' text, the search indexes, the side-by-side
pages. What differs is small and known: the library's details, the services of its region and
municipality (roles, services.yml), and its web address (QR codes, canonical links, sitemap). With
MG_SLOTS_DIR set, the hooks write a slot token where such a value goes, and write each library's
values for the tokens into that folder (slot tables, JSON). scripts/build_libraries.py then builds
the site once and writes each library's edition by filling the slots (library_editions), so an added library
costs a string replacement and its QR codes, not a build.

Tokens use only ASCII letters, dots and hyphens, no digits: Markdown, HTML escaping, JSON and the
right-to-left digit isolation (rtl_numbers) leave them as they are.

    mgslot.KIND.ARG.LANG.end          a value in text (role name, library details, QR code)
    <!--mgslot.KIND.ARG.LANG.end-->   the same where the value is a block of HTML
    https://library.slot.invalid/role/ROLE/LANG/    a role's address in a link
    https://library.slot.invalid/mgslot-site/       the library's own web address (site_url); also
                                                    percent-encoded, and as a path (/mgslot-site/)
    https://library.slot.invalid/mgslot-root/       where every library's edition lives (the list)
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from .fact_display import phone_html
from .registry import UnknownServiceError, link_url, tel_href
from .rtl_numbers import isolate_numbers
from .side_by_side import direction
from .ui_strings import strings

ENV = "MG_SLOTS_DIR"
SLOT_HOST = "https://library.slot.invalid/"
SITE = SLOT_HOST + "mgslot-site/"
ROOT_URL = SLOT_HOST + "mgslot-root/"
# The values of the edition no library has chosen (the guides at the site root).
NO_LIBRARY = "-"

_TOKEN = r"(?:<!--)?mgslot\.([a-z]+)\.([a-z0-9-]+)\.([a-z]{2,3})\.end(?:-->)?"
_URL = re.escape(SLOT_HOST) + r"role/([a-z0-9-]+)/([a-z]{2,3})/"
# The site's address as a URL, percent-encoded in a query, or as the path Material writes on the 404 page.
_ADDRESS = r"(?:https://|https%3A%2F%2F)library\.slot\.invalid(?:/|%2F)mgslot-(site|root)(?:/|%2F)|/mgslot-(site|root)/"
PATTERN = re.compile(f"{_TOKEN}|{_URL}|{_ADDRESS}")
# Files that can hold slots, and how a value is written in them.
TEXT_SUFFIXES = {".html": "html", ".json": "json", ".js": "json", ".xml": "html"}


def slots_dir() -> Path | None:
    """The folder the hooks write their slot tables to, when this build is the shared one."""
    value = os.environ.get(ENV, "").strip()
    return Path(value) if value else None


def token(kind: str, arg: str, lang: str, block: bool = False) -> str:
    text = f"mgslot.{kind}.{arg or NO_LIBRARY}.{lang}.end"
    return f"<!--{text}-->" if block else text


def role_url(role: str, lang: str) -> str:
    return f"{SLOT_HOST}role/{role}/{lang}/"


def key(kind: str, arg: str, lang: str) -> str:
    """A slot's name in the tables: 'name.transit-planner.sv'."""
    return f"{kind}.{arg or NO_LIBRARY}.{lang}"


def write_table(name: str, table: dict[str, dict[str, str]]) -> None:
    """Save a hook's values, {library id: {slot key: HTML}}, as MG_SLOTS_DIR/<name>.json."""
    folder = slots_dir()
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(table, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def read_tables(folder: Path) -> dict[str, dict[str, str]]:
    """Every hook's values merged: {library id: {slot key: HTML}}."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.json")):
        for lib, values in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(lib, {}).update(values)
    return merged


class SlotMissing(Exception):
    """A built file holds a slot that no table has a value for (a hook left out a library)."""


def name_of(match: re.Match) -> str:
    """The slot's name ('name.transit-planner.sv') from a match of PATTERN."""
    if match.group(4):  # a role's address
        return key("url", match.group(4), match.group(5))
    if match.group(6):  # 'address.site.url', 'address.root.quoted'
        form = "quoted" if "%2F" in match.group(0) else "url"
        return f"address.{match.group(6)}.{form}"
    if match.group(7):
        return f"address.{match.group(7)}.path"
    return key(match.group(1), match.group(2), match.group(3))


def html_text(value: str) -> str:
    return html.escape(value, quote=True)


def role_phrase(lang: str, role: str) -> str:
    """What the guides call a role's service where no library is chosen: 'trafikbolaget i din
    region'. From overrides/strings/<lang>.yml (`role_<role>`), else the role's key."""
    return str(strings(lang).get(f"role_{role}") or role)


def role_values(registry, place, lang: str, default: str) -> dict[str, str]:
    """The slots of every role in `lang` for a library at `place`: its name, the address of its
    page and its phone link. With place None: the edition where no library is chosen, whose roles
    are the national fallback, or else a phrase ('your region's public transport') that links to the
    start page's list of libraries."""
    rtl = direction(lang) == "rtl"
    values: dict[str, str] = {}
    for role_key, role in registry.roles.items():
        if place is None and not role.fallback:
            name = html_text(role_phrase(lang, role_key))
            url = SITE + ("" if lang == default else f"{lang}/") + "#mg-library"
            values[key("name", role_key, lang)] = name
            values[key("url", role_key, lang)] = url
            values[key("phone", role_key, lang)] = f'<a href="{url}">{name}</a>'
            continue
        try:
            service = registry.resolve(role_key, place)
        except UnknownServiceError:
            continue  # library_roles.check_library_roles names the library's file and the role
        name = html_text(service.display_name)
        values[key("name", role_key, lang)] = isolate_numbers(name) if rtl else name
        values[key("url", role_key, lang)] = html_text(link_url(service.url_for(lang)))
        if service.phone:
            number = registry.phone_for(service.key)
            values[key("phone", role_key, lang)] = f'<a href="{html_text(tel_href(number))}">{phone_html(number)}</a>'
    return values
