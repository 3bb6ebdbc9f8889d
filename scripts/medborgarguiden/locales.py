"""What the site needs to know about a language that Babel (CLDR) or Material may not know: staff can
add any ISO 639 code (prs Dari, kmr Kurmanji …). Dates, weekdays and times then fall back to English;
the direction comes from the language's Material texts, which scripts/new_language.py writes with
the direction staff gave (--rtl)."""

from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError

from . import site

FALLBACK = "en"


@functools.cache
def known_to_babel(code: str) -> bool:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def babel_locale(code: str) -> str:
    """The locale to write dates and times with: the language's own, or English when Babel lacks it."""
    return code if known_to_babel(code) else FALLBACK


def direction(code: str) -> str:
    """"rtl" for languages written right to left (Arabic, Persian, Dari), else "ltr"."""
    if known_to_babel(code):
        return _babel_direction(code)
    partial = site.ROOT / "overrides" / "partials" / "languages" / f"{code}.html"
    text = partial.read_text(encoding="utf-8") if partial.is_file() else ""
    match = re.search(r'"direction":\s*"(rtl|ltr)"', text)
    return match.group(1) if match else "ltr"


@functools.cache  # asked for every page; CLDR's answer does not change during a run
def _babel_direction(code: str) -> str:
    return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"
