"""The search's normalisation, for the tests: the same tables (overrides/search/normalise.json) and the same
two steps as the search worker (overrides/search/engine.js), so tests can state what a visitor's word is
searched as, and check the worker against the same cases.

- normalise(word): lower case, then every `replace` table (Arabic-script letter variants and
  diacritics, Persian ZWNJ, Eastern Arabic/Persian digits, Ethiopic homophone series, Cyrillic ё);
- fold(word): the `fold` tables (Latin diacritics) on a normalised word; the search indexes the folded
  form beside the exact one, so "forsakringskassan" finds "Försäkringskassan" and an exact match still
  ranks first.
"""

from __future__ import annotations

import functools
import json
from project import ROOT

TABLES_FILE = ROOT / "overrides" / "search" / "normalise.json"


@functools.cache
def tables() -> dict:
    return json.loads(TABLES_FILE.read_text(encoding="utf-8"))


@functools.cache
def _merged(kind: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for table in tables()[kind].values():
        merged.update(table)
    return merged


def normalise(word: str) -> str:
    replace = _merged("replace")
    return "".join(replace.get(c, c) for c in word.lower())


def fold(word: str) -> str:
    table = _merged("fold")
    return "".join(table.get(c, c) for c in normalise(word))


def stopwords(lang: str) -> set[str]:
    return {normalise(w) for w in tables()["stopwords"].get(lang, [])}


def skeleton(word: str) -> str:
    """The consonants of a word, by sound class, doubled ones once: "Kronofogden" and "кронофогден"
    are both "krnfkdn". Letters of no listed script give nothing."""
    classes = _merged("sounds")
    out = ""
    for c in fold(word):
        sound = classes.get(c, "")
        for s in sound:
            if not out.endswith(s):
                out += s
    return out
