"""Write a fact (facts.yml) and a phone number the way a page in each language shows it.

Numbers always in the digits 0-9 (visitors compare them with letters and bank apps), grouped the
language's way (Babel: "1 914" in Swedish, "1,914" in English); money with the currency word of
overrides/strings/<lang>.yml (`money`, a pattern with {amount}, or one pattern per plural form).
The digits are wrapped in <bdi dir="ltr">, so in Arabic and Persian text they can never be shown in
the wrong order (a bankgiro 5045-3158 read as 3158-5045).
"""

from __future__ import annotations

import html
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from . import site
from .facts import Fact
from .ui_strings import strings

NBSP = "\u00a0"


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("sv")


def number_text(fact: Fact, lang: str) -> str:
    """The value alone: '1 914' (sv), '1,914' (en), '5045-3158' (a code, in every language)."""
    if fact.type == "code":
        return str(fact.value)
    return format_decimal(fact.value, locale=_locale(lang), numbering_system="latn")


def money_pattern(lang: str, amount: int | float, root: Path = site.ROOT) -> str:
    """'{amount} kr' for Swedish, from the language's strings file (Swedish when it has none).
    A mapping of plural forms (one, few, many, other) picks the form for `amount`."""
    folder = root / "overrides" / "strings"
    pattern = strings(lang, folder).get("money") or strings(site.default_language(root), folder)["money"]
    if isinstance(pattern, dict):
        form = _locale(lang).plural_form(amount) if amount == int(amount) else "other"
        pattern = pattern.get(form) or pattern["other"]
    return pattern


def _parts(fact: Fact, lang: str, root: Path) -> tuple[str, str, str]:
    """(text before the number, the number, text after it)."""
    number = number_text(fact, lang)
    if fact.type != "money":
        return "", number, ""
    before, _, after = money_pattern(lang, fact.value, root).partition("{amount}")
    # The amount and its currency word stay on one line.
    if before.endswith(" "):
        before = before[:-1] + NBSP
    if after.startswith(" "):
        after = NBSP + after[1:]
    return before, number, after


def fact_text(fact: Fact, lang: str, root: Path = site.ROOT) -> str:
    """The fact as plain text: '500 kr' (sv, with a no-break space), '500 kronor' (en)."""
    return "".join(_parts(fact, lang, root))


def fact_html(fact: Fact, lang: str, root: Path = site.ROOT) -> str:
    """The fact as HTML for a page in `lang`, its digits isolated left-to-right."""
    before, number, after = _parts(fact, lang, root)
    return (f'<span class="mg-fact" data-fact="{html.escape(fact.key)}">{html.escape(before)}'
            f'<bdi dir="ltr">{html.escape(number)}</bdi>{html.escape(after)}</span>')


def phone_html(number: str) -> str:
    """A phone number that reads left to right in every language."""
    return f'<bdi dir="ltr">{html.escape(number)}</bdi>'


def phone_markdown(number: str, href: str) -> str:
    """A phone link whose number reads left to right in every language."""
    return f"[{phone_html(number)}]({href})"
