"""Fact watch: is each fact in facts.yml (fee, deadline, account number) still
written on the official page it names as its `source`?

The page is asked like any link (same limits, bounded body, cache); its visible
text (tags stripped, entities decoded, every kind of space made one) is searched
for the forms a Swedish page writes the value in (medborgarguiden.facts.value_forms:
"500 kr", "500 kronor", "500:-", ...). None found: "fact may have changed".
"""

from __future__ import annotations

import re
from collections import namedtuple
from pathlib import Path

from . import htmlpage
from .extract import InputError, Source, display_path

# key, source URL, the forms of the value, where the fact is (facts.yml:LINE).
Watch = namedtuple("Watch", "key url forms source")


def watches(path: Path) -> list[Watch]:
    """A watch per fact in facts.yml; InputError listing every problem of the file."""
    from ..facts import FactsError, load_facts, value_forms  # only when facts are watched

    try:
        facts = load_facts(path, None)  # services and domains are validate.py's to check
    except FactsError as exc:
        raise InputError("\n".join(exc.problems)) from None
    shown = display_path(path)
    return [Watch(fact.key, fact.source, tuple(value_forms(fact)), Source(shown, fact.line))
            for fact in facts.values()]


def cache_key(watch: Watch) -> str:
    """The cache entry of this fact: a changed value or source is asked again."""
    return f"fact:{watch.key}={watch.forms[0]}@{watch.url}"


def _pattern(forms: tuple[str, ...]) -> re.Pattern:
    # Not part of a longer number: "500 kr" must not be found in "1 500 kr" or "2500 kr",
    # "14" not in "14,5" or "14 000".
    either = "|".join(re.escape(htmlpage.normalise(form)) for form in forms)
    return re.compile(rf"(?<!\d)(?<!\d[ .,])(?:{either})(?!\d)(?![ .,]\d)")


def judge(watch: Watch, status: str, message: str, text: str | None) -> tuple[str, str]:
    """(status, message) of the fact, from its source page's outcome and visible text."""
    looked_for = watch.forms[0]
    if status not in ("ok", "moved"):
        return status, f"{watch.key} ({looked_for}) could not be looked for: {message}"
    if text is None:
        return "error", (f"{watch.key} ({looked_for}) could not be looked for: the source is not an HTML page. "
                         f"Give a page that states the value as its source")
    if _pattern(watch.forms).search(text):
        return "ok", f"{watch.key}: {looked_for} is on the page"
    return "changed", (f"fact may have changed: {watch.key} ({looked_for}) is not on its source page. "
                       f"Read the page; update value and seen in facts.yml")
