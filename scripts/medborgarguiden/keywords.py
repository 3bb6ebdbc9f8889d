"""A guide's search words: the `keywords:` list in its front matter.

These are the words a visitor types at a library PC for this errand (everyday words, misspellings,
the authority's name in the visitor's own script) in the guide's language. Search indexes them with a
boost; they are never shown on the page. Staff add words when a visitor's search found nothing (the
staff handbook page personal/sokord/). The format, which the search index relies on, is one line:

    keywords: [bostadsbidrag, forsakringskassan, "pengar, hyra"]
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from . import site

MAX_ENTRIES = 40
MAX_LENGTH = 60
EXAMPLE = "keywords: [bostadsbidrag, forsakringskassan, pengar till hyran]"


def fold(word: str) -> str:
    """The form two entries are compared in: lower case, without accents or Arabic vowel marks.
    й stays й (it is its own letter in Russian and Ukrainian, not и with a mark); the zero-width
    non-joiner stays, since Persian is written both with and without it."""
    protected = word.replace("й", "\0").replace("Й", "\0")
    bare = "".join(c for c in unicodedata.normalize("NFD", protected) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("\0", "й")).casefold().strip()


def _not_text(value) -> str | None:
    """Why YAML did not read an entry as text, with the fix; None when it is text."""
    if isinstance(value, str):
        return None
    if isinstance(value, bool) or value is None:
        return ("an entry is read as yes/no or as nothing, not as a word (YAML reads yes, no, on, off, true, "
                "false and null that way). Put the word in quotes, e.g. \"no\"")
    if isinstance(value, (list, dict)):
        return ("an entry is read as a list or as 'name: value', not as a word. Put a word with a colon, "
                "a comma or brackets in double quotes, e.g. \"1177: logga in\"")
    return f"the entry {value} is read as a number or a date, not as a word. Put it in quotes: \"{value}\""


def check(value, where: str, problems: list[str]) -> None:
    """Adds a 'file:line: what is wrong. What to write.' message for every problem with a keywords
    value; `where` is 'file:line' of the keywords field."""
    if not isinstance(value, list):
        problems.append(f"{where}: 'keywords' must be a list in square brackets, e.g. {EXAMPLE} "
                        "(or keywords: [] when there are none yet).")
        return
    if len(value) > MAX_ENTRIES:
        problems.append(f"{where}: 'keywords' has {len(value)} words; at most {MAX_ENTRIES} are allowed. "
                        "Keep the words visitors really type and remove the rest.")
    seen: dict[str, str] = {}
    for number, entry in enumerate(value, start=1):
        why = _not_text(entry)
        if why:
            problems.append(f"{where}: 'keywords', word {number}: {why}.")
            continue
        text = entry.strip()
        if not text:
            problems.append(f"{where}: 'keywords', word {number} is empty. Remove the extra comma or the empty quotes.")
            continue
        if "\n" in entry or "\r" in entry:
            problems.append(f"{where}: 'keywords', word {number} runs over several lines. Write each word or "
                            "phrase on the keywords line, separated by commas.")
            continue
        if len(text) > MAX_LENGTH:
            problems.append(f"{where}: 'keywords', word {number} ('{text[:30]}…') is {len(text)} characters long; "
                            f"at most {MAX_LENGTH} are allowed. Write a few words, the way a visitor types them.")
        key = fold(text)
        if key in seen:
            same = "" if seen[key] == text else f" ('{seen[key]}' is the same word without accents or capitals)"
            problems.append(f"{where}: 'keywords' has '{text}' twice{same}. Remove one of them.")
        else:
            seen[key] = text


def guides_without_keywords(root: Path = site.ROOT) -> list[str]:
    """'lang/slug' of every written guide (not a 'translation: needed' copy) with no search words."""
    from .guides import guide_paths, read_guide

    empty = []
    for lang in (language.code for language in site.languages(root)):
        for path in guide_paths(root / "docs", lang):
            guide = read_guide(path, lang, [], root)
            if guide and guide.meta.get("translation") != "needed" and not guide.meta.get("keywords"):
                empty.append(f"{lang}/{path.stem}")
    return empty
