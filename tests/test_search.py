"""A visitor searches in their own language and finds the guide, on the web and from disk."""

from __future__ import annotations

import re

import pytest

from browser import page_path, search
from site_pages import DEFAULT, LANGUAGES, SLUGS, guide

# The same separators the site's search uses (mkdocs.yml, plugins.search.separator).
WORD_SPLIT = re.compile(r"[\s\-.,;:!?()\"'«»“”„،؛؟።፣፤፥፦፧፨]+")


def title_words(lang: str, slug: str) -> list[str]:
    return [w for w in WORD_SPLIT.split(str(guide(lang, slug).meta["title"])) if len(w) >= 3]


def distinctive_queries(lang: str) -> dict[str, str]:
    """For each guide, the longest word of its title that is in no other guide's title (not even
    inside a longer word, as "tjänst" is in "e-tjänster")."""
    titles = {slug: str(guide(lang, slug).meta["title"]).lower() for slug in SLUGS}
    queries = {}
    for slug in SLUGS:
        words = sorted({w.lower() for w in title_words(lang, slug)}, key=len, reverse=True)
        unique = [w for w in words if not any(w in t for other, t in titles.items() if other != slug)]
        if unique:
            queries[slug] = unique[0]
    return queries


def lang_of(edition, url: str) -> str:
    """The language a page belongs to, from its place in the site: /<lang>/… or the root (Swedish)."""
    rel = url.split("?")[0].split("#")[0][len(edition.base):]
    first = rel.split("/")[0]
    return first if first in LANGUAGES and "/" in rel else DEFAULT


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_each_guide_in_its_language_only(edition, page, lang):
    queries = distinctive_queries(lang)
    assert len(queries) >= len(SLUGS) * 0.6, f"too few guides with a distinctive title word in {lang}"
    page.goto(edition.url(lang))
    failures = []
    for slug, word in queries.items():
        results = search(page, word)
        if not results:
            failures.append(f"'{word}' found nothing (expected {slug})")
            continue
        top = page_path(results[0])
        if not re.search(rf"/{re.escape(slug)}(/|\.html)$", top):
            failures.append(f"'{word}': top result {top}, expected the guide {slug}")
        strangers = [r for r in results if lang_of(edition, r) != lang]
        if strangers:
            failures.append(f"'{word}' showed pages of another language: {strangers}")
    assert not failures, f"{edition} {lang}:\n" + "\n".join(failures)


@pytest.mark.parametrize("lang,word", [("uk", "паспорт"), ("ru", "паспорт"), ("ti", "ፓስፖርት")])
def test_cyrillic_and_ethiopic_words_are_searchable(edition, page, lang, word):
    """The stock search pipeline deletes these words; here they must find the passport guide."""
    page.goto(edition.url(lang))
    results = search(page, word)
    assert results, f"searching '{word}' in {lang} found nothing"
    assert any(re.search(r"/pass(/|\.html)", page_path(r)) for r in results[:3])


def test_each_language_downloads_only_its_own_search_index(web_site):
    """A visitor's browser fetches one language's index, far smaller than all languages together."""
    import json

    sizes = {}
    for lang in LANGUAGES:
        path = web_site / ("" if lang == DEFAULT else lang) / "search" / "search_index.json"
        index = json.loads(path.read_text(encoding="utf-8"))
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert locations, f"{lang} index is empty"
        assert all(not loc.startswith(tuple(f"{o}/" for o in LANGUAGES)) for loc in locations), lang
        sizes[lang] = path.stat().st_size
    total = sum(sizes.values())
    assert max(sizes.values()) < total / 4
