"""A guide in the visitor's language next to the Swedish original, section by section, so a visitor
and a member of staff who read different languages can follow the same step on one screen.

The build (overrides/hooks/side_by_side.py) gives this module the two rendered page bodies; it cuts
each at the section headings every guide has (guides.SECTIONS: need, steps, problems, help; the text
before them is the intro) and pairs the pieces in rows. Each column keeps its own lang and dir.
"""

from __future__ import annotations

import html
import posixpath
import re


from . import locales
from .guides import SECTIONS

INTRO = "intro"
ROWS = (INTRO, *SECTIONS)

_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>\s*", re.S)
# A section starts at its heading; the shared-computer reminder (overrides/hooks/login_reminders.py)
# stands right before the steps' heading and belongs to the steps.
_SECTION_START = re.compile(
    r'(?:<div class="admonition warning mg-shared-pc"[^>]*>.*?</div>\s*)?'
    r'<h2\b[^>]*\bid="(' + "|".join(SECTIONS) + r')"', re.S)
_HEADING_ID = re.compile(r'(<h[1-6]\b[^>]*?)\s+id="[^"]*"')
_LINK = re.compile(r'\b(href|src)="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def split_sections(body: str) -> tuple[str, dict[str, str]]:
    """(title as HTML, {row id: HTML}) of a rendered guide body; the h1 is taken out of the intro."""
    title = ""
    match = _H1.search(body)
    if match:
        title = match.group(1).strip()
        body = body[:match.start()] + body[match.end():]
    starts = [(m.start(), m.group(1)) for m in _SECTION_START.finditer(body)]
    sections = {INTRO: body[:starts[0][0]] if starts else body}
    for i, (start, section) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(body)
        sections.setdefault(section, "")
        sections[section] += body[start:end]
    return title, {key: value.strip() for key, value in sections.items()}


def strip_heading_ids(body: str) -> str:
    """Both languages have a heading with id "need" (and may share others); on one page the rows
    carry the ids instead, so every id stays unique."""
    return _HEADING_ID.sub(r"\1", body)


def _directory(url: str) -> str:
    """The folder a page URL's relative links start from: "ar/pass/" for directory URLs,
    "ar/" for "ar/pass.html", "" for a page at the root."""
    if not url or url.endswith("/"):
        return url
    return url.rsplit("/", 1)[0] + "/" if "/" in url else ""


def rebase_links(body: str, from_url: str, to_url: str) -> str:
    """Relative links written for a page at from_url, rewritten to work on a page at to_url.
    The Swedish column is one folder higher on its own page than on the side-by-side page."""
    from_dir, to_dir = _directory(from_url), _directory(to_url)
    if from_dir == to_dir:
        return body

    def rebase(match):
        attr, value = match.group(1), match.group(2)
        if not value or value.startswith(("#", "/")) or _SCHEME.match(value):
            return match.group(0)
        path, sep, rest = value.partition("#") if "#" in value else value.partition("?")
        target = posixpath.normpath(posixpath.join(from_dir or ".", html.unescape(path)))
        new = posixpath.relpath(target, to_dir.rstrip("/") or ".")
        if path.endswith("/") and not new.endswith("/"):
            new += "/"
        return f'{attr}="{html.escape(new, quote=True)}{sep}{rest}"'

    return _LINK.sub(rebase, body)


def direction(lang: str) -> str:
    """"rtl" for languages written right to left (Arabic, Persian), else "ltr"."""
    return locales.direction(lang)


def guide_slug(src_uri: str, lang: str) -> str | None:
    """The guide's slug when the page docs/<src_uri> is a guide of the language, else None
    (start pages and pages in sub-folders are not guides; see guides.guide_paths)."""
    parts = src_uri.split("/")
    if len(parts) != 2 or parts[0] != lang or not parts[1].endswith(".md") or parts[1] == "index.md":
        return None
    return parts[1][:-3]


def page_url(lang: str, slug: str, default: str, directory_urls: bool) -> str:
    """Where the side-by-side page of a guide is: beside the guide in the same folder, so every
    relative link the theme writes for the guide (styles, scripts, navigation, languages) works."""
    prefix = "" if lang == default else f"{lang}/"
    name = f"{slug}-{default}"
    return f"{prefix}{name}/" if directory_urls else f"{prefix}{name}.html"


def dest_path(url: str) -> str:
    """The file a page URL is served from."""
    return url + "index.html" if url.endswith("/") else url


def combine(visitor: dict, original: dict, lead: str = "") -> str:
    """The side-by-side body. `visitor` and `original` each hold lang, dir, name (the language's
    own name), title (HTML) and sections ({row id: HTML}, links already right for the new page).
    The visitor's language comes first: on the left in a left-to-right page, on the right in a
    right-to-left one."""
    def column(side: dict, row: str) -> str:
        label = f'<p class="mg-sbs__lang">{html.escape(side["name"])}</p>'
        return (f'<div class="mg-sbs__col" lang="{side["lang"]}" dir="{side["dir"]}" data-section="{row}">'
                f'{label}{strip_heading_ids(side["sections"].get(row, ""))}</div>')

    rows = [row for row in ROWS if row in visitor["sections"] or row in original["sections"]]
    out = [
        f'<h1 id="mg-sbs-title"><span lang="{visitor["lang"]}" dir="{visitor["dir"]}">{visitor["title"]}</span><br>'
        f'<span class="mg-sbs__subtitle" lang="{original["lang"]}" dir="{original["dir"]}">'
        f'{original["title"]}</span></h1>',
    ]
    if lead:
        out.append(f'<p class="mg-sbs__lead">{html.escape(lead)}</p>')
    out.append('<div class="mg-sbs">')
    for row in rows:
        out.append(f'<div class="mg-sbs__row" id="{row}">{column(visitor, row)}{column(original, row)}</div>')
    out.append("</div>")
    return "\n".join(out)
