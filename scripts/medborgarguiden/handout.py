"""What a printed guide carries besides its text: a QR code that opens the same guide on the web
edition, with the address written under it for those who would rather type it.

The code always points to the web edition, in the library edition too: the visitor scans it at home,
on a phone, where the library PC's copy on disk cannot be reached. The code is drawn at build time
(segno) as inline SVG, so printing needs no network and no outside service.
"""

from __future__ import annotations

from functools import lru_cache

import segno

QR_MASK = 2


def web_url(site_url: str, lang: str, slug: str, default: str) -> str:
    """The guide's address on the web edition (directory URLs; the default language at the root)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    prefix = "" if lang == default else f"{lang}/"
    return f"{base}{prefix}{slug}/"


def short_url(url: str) -> str:
    """The address as a person reads or types it: no https://."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme):]
    return url


@lru_cache(maxsize=None)  # `mkdocs serve` rebuilds often; a code takes ~10 ms to make
def qr_svg(url: str) -> str:
    """The QR code as an <svg> element, black on white with the quiet zone the standard asks for.
    Error level M still scans from a creased or slightly smudged handout."""
    # A fixed mask: every mask scans, and searching for the best one took most of the build's QR time.
    code = segno.make(url, error="m", micro=False, mask=QR_MASK)
    return code.svg_inline(scale=1, border=4, dark="#000", light="#fff", svgclass="mg-qr__code",
                           lineclass=None, omitsize=True)
