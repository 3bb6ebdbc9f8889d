"""What the checker needs from a fetched page: its title, main headings, visible
text (for soft-404 phrases) and anchor ids (for #fragments).

Regular expressions rather than a full parser: the input is a bounded prefix of
pages that may be cut mid-tag, and a few hundred pages must be scanned quickly.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from .lazy_regex import lazy

_CHARSET_HEADER = lazy(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_CHARSET_META = lazy(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_TITLE = lazy(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_HEADING = lazy(r"<h([12])\b[^>]*>(.*?)</h\1\s*>", re.I | re.S)
_INVISIBLE = lazy(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = lazy(r"<[^>]*>")
_ID = lazy(r"<[a-zA-Z][^>]*?\sid\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.S)
_A_NAME = lazy(r"<a\b[^>]*?\sname\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I | re.S)
_SPACE = lazy(r"\s+")


class Page:
    def __init__(self, title: str, headings: list[str], text: str, ids: set[str]):
        self.title = title
        self.headings = headings
        self.text = text    # visible text, whitespace collapsed
        self.ids = ids      # id= on any element, name= on <a>


def decode(body: bytes, content_type: str = "") -> str:
    match = _CHARSET_HEADER.search(content_type) or _CHARSET_META.search(body[:4096])
    charset = match.group(1) if match else "utf-8"
    if isinstance(charset, bytes):
        charset = charset.decode("ascii", "replace")
    try:
        return body.decode(charset, "replace")
    except LookupError:
        return body.decode("utf-8", "replace")


@lru_cache(maxsize=256)
def _needle(phrase: str) -> str:
    return normalise(phrase)


def normalise(text: str) -> str:
    """For phrase matching: entities decoded, NFC, lower case, single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", html.unescape(text))).strip().casefold()


def _plain(fragment: str) -> str:
    return normalise(_TAG.sub(" ", fragment))


def parse(markup: str, want_ids: bool = False) -> Page:
    visible = _INVISIBLE.sub(" ", markup)
    title = _TITLE.search(visible) or _TITLE.search(markup)
    ids: set[str] = set()
    if want_ids:  # only pages with a #fragment to find
        ids = {next(g for g in m.groups() if g is not None) for m in _ID.finditer(visible)}
        ids |= {next(g for g in m.groups() if g is not None) for m in _A_NAME.finditer(visible)}
    return Page(
        title=_plain(title.group(1)) if title else "",
        headings=[_plain(m.group(2)) for m in _HEADING.finditer(visible)],
        text=_plain(visible),
        ids={html.unescape(i) for i in ids},
    )


def soft404_reason(page: Page, heading_phrases: list[str], body_phrases: list[str]) -> str | None:
    """Why this 200 page looks like a "not found" page, or None.

    Short phrases ("Sidan finns inte") count only in the title or a main heading,
    where a page says what it is; in running text they too often belong to another
    sentence. Longer, unambiguous phrasings count anywhere in the visible text."""
    for phrase in heading_phrases:
        needle = _needle(phrase)
        if needle and needle in page.title:
            return f"the page title says \"{phrase}\""
        if needle and any(needle in heading for heading in page.headings):
            return f"the page heading says \"{phrase}\""
    for phrase in body_phrases:
        needle = _needle(phrase)
        if needle and needle in page.text:
            return f"the page says \"{phrase}\""
    return None
