"""Keyboard use. (axe on every page of every language: tests/test_every_page.py.)"""

from __future__ import annotations

from site_pages import SLUGS


def test_keyboard_reaches_content_tiles_and_search(page, web_url):
    """A keyboard user can skip to the content, reach every tile by name and jump to search."""
    page.goto(web_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), \
        "the first Tab stop should be the skip link"
    names = page.eval_on_selector_all(".mg-tiles a", "links => links.map(a => a.innerText.trim())")
    assert len(names) == len(SLUGS) and all(names)
    page.keyboard.press("/")  # Material's shortcut to the search box
    assert page.evaluate("document.activeElement.matches('input[data-md-component=search-query]')")
