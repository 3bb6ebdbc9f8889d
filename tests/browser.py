"""Small helpers for driving the real site in Chromium the way a visitor does (a plain module: the
benchmarks in scripts/benchmarks/ use it too)."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

# Debian's Chromium, never a downloaded browser.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium tries to reach Google's services at start (tests and benchmarks run offline).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

SEARCH_INPUT = "input[data-md-component=search-query]"

# Done when the result list shows results, or shows the page language's "no results" text.
_RESULTS_SHOWN = """() => {
    const config = JSON.parse(document.getElementById('__config').textContent);
    const meta = document.querySelector('.md-search-result__meta');
    if (!meta) return false;
    return document.querySelectorAll('.md-search-result__item').length > 0
        || meta.textContent.trim() === config.translations['search.result.none'];
}"""


# The list is empty again and asks for a search word.
RESULTS_CLEARED = """() => {
    const config = JSON.parse(document.getElementById('__config').textContent);
    const meta = document.querySelector('.md-search-result__meta');
    return meta && document.querySelectorAll('.md-search-result__item').length === 0
        && meta.textContent.trim() === config.translations['search.result.placeholder'];
}"""


# Empties the result list and its count line, so the next results shown are the next query's. Material
# rewrites both for every answer of its search worker; this saves waiting for a cleared box's answer.
_FORGET_RESULTS = """() => {
    const meta = document.querySelector('.md-search-result__meta');
    const list = document.querySelector('.md-search-result__list');
    if (meta) meta.textContent = '';
    if (list) list.innerHTML = '';
}"""


def search(page, query: str, timeout: float = 15_000) -> list[str]:
    """Types a query into the search box and returns the result links, best first."""
    box = page.locator(SEARCH_INPUT)
    if not box.is_visible():  # on a phone the search box opens from the magnifier button
        page.locator("label.md-header__button[for=__search]").click()
    if box.input_value() != query:  # the same words again get no new answer: the shown ones stand
        page.evaluate(_FORGET_RESULTS)
        box.fill(query)
        box.press("End")  # Material's search reacts to key events, not to fill() alone
    page.wait_for_function(_RESULTS_SHOWN, timeout=timeout)
    return [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__item > a")]


def switcher_links(page) -> dict[str, str]:
    """Where the header's language switcher leads: {language code: absolute URL}."""
    return page.eval_on_selector_all(
        ".md-select__link[hreflang]",
        "links => Object.fromEntries(links.map(a => [a.getAttribute('hreflang'), a.href]))",
    )


def page_path(url: str) -> str:
    """The path of a result link, without query and fragment."""
    return urlsplit(url).path
