"""axe-core finds no WCAG 2.1 A/AA violation on any page of any language, in both editions, with
the search overlay closed and open (DOS-lagen requires WCAG 2.1 AA of public bodies' sites)."""

from __future__ import annotations

import pytest

from axe import violations
from browser import search
from site_pages import LANGUAGES, SLUGS, guide


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_axe_violations_on_any_page(edition, page, lang):
    found = []
    # A search word that finds results in this language, so the overlay shows a result list.
    query = str(guide(lang, SLUGS[0]).meta["title"]).split()[0]
    for slug in [None, *SLUGS]:
        page.goto(edition.url(lang, slug))
        found += [f"{slug or 'start page'}: {v}" for v in violations(page)]
        search(page, query)
        found += [f"{slug or 'start page'} with search open: {v}" for v in violations(page)]
    assert not found, f"{edition} {lang}:\n" + "\n".join(found)


def test_keyboard_reaches_search_and_tiles(page, web_url):
    """A keyboard user gets to the content first, then finds the search and the tiles."""
    page.goto(web_url)
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert skip, "the first Tab stop should be the skip link"
    page.keyboard.press("Enter")
    # The tiles are reachable and each has a visible name.
    names = page.eval_on_selector_all(".mg-tiles a", "links => links.map(a => a.innerText.trim())")
    assert len(names) == len(SLUGS) and all(names)
    page.keyboard.press("/")  # Material's shortcut to the search box
    assert page.evaluate("document.activeElement.matches('input[data-md-component=search-query]')")
