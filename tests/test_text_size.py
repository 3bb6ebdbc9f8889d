"""A visitor who needs larger text presses A+ once, and every page after that has larger text,
from the first paint, in both editions (the library edition from disk too). A goes back to normal
and forgets the choice."""

from __future__ import annotations

import pytest

from site_pages import SLUGS

CONTENT_TEXT = "() => parseFloat(getComputedStyle(document.querySelector('.md-content__inner > p:not([class])')).fontSize)"


def press(page, step: str) -> None:
    page.locator(f".mg-text-size [data-mg-step='{step}']").click()


def test_larger_text_lasts_when_the_visitor_goes_to_another_page(edition, page):
    page.goto(edition.url("sv"))
    normal = page.evaluate(CONTENT_TEXT)
    press(page, "1")
    larger = page.evaluate(CONTENT_TEXT)
    assert larger > normal * 1.1
    page.goto(edition.url("sv", SLUGS[0]))
    assert page.evaluate(CONTENT_TEXT) == pytest.approx(larger, rel=0.01)
    page.goto(edition.url("ar", SLUGS[1]))  # another language too
    assert page.evaluate(CONTENT_TEXT) == pytest.approx(larger, rel=0.01)
    press(page, "0")
    assert page.evaluate(CONTENT_TEXT) == pytest.approx(normal, rel=0.01)
    assert page.evaluate("() => localStorage.getItem('mg-text-size')") is None, "normal size stores nothing"


BOX_TEXT = "() => parseFloat(getComputedStyle(document.querySelector('.md-content__inner .admonition')).fontSize)"


def test_the_boxes_grow_and_shrink_with_the_text(page, web_url):
    # The start page's "ask the staff" box: its text follows A+ and A− like the rest of the page.
    page.goto(web_url)
    normal = page.evaluate(BOX_TEXT)
    press(page, "1")
    assert page.evaluate(BOX_TEXT) == pytest.approx(normal * 1.2, rel=0.02)
    press(page, "0")
    press(page, "-1")
    assert page.evaluate(BOX_TEXT) == pytest.approx(normal * 0.85, rel=0.02)


def test_the_size_is_applied_before_the_page_is_drawn(page, web_url):
    """The inline script in the head sets the size: even with text-size.js blocked, the next page
    starts large, so nothing jumps."""
    page.goto(web_url)
    press(page, "1")
    press(page, "1")
    larger = page.evaluate(CONTENT_TEXT)
    page.route("**/text-size.js", lambda route: route.abort())
    page.goto(f"{web_url}{SLUGS[0]}/")
    assert page.evaluate("() => document.documentElement.getAttribute('data-mg-text-size')") == "2"
    assert page.evaluate(CONTENT_TEXT) == pytest.approx(larger, rel=0.01)


def test_the_buttons_are_named_in_the_pages_language_and_say_the_size(page, web_url):
    page.goto(f"{web_url}ar/")
    control = page.locator(".mg-text-size")
    assert control.get_attribute("role") == "group"
    assert page.get_by_role("group", name="حجم النص").is_visible()
    larger = page.get_by_role("button", name="A+ نص أكبر")
    assert larger.is_visible()
    for _ in range(10):  # stops at the largest size
        if larger.is_disabled():
            break
        larger.click()
    assert larger.is_disabled()
    status = page.locator(".mg-text-size__status")
    # Arabic percent formatting carries left-to-right marks around the sign.
    assert status.inner_text().replace("\u200e", "") == "175%"
    press(page, "0")
    assert status.inner_text().replace("\u200e", "") == "100%"


def test_without_javascript_no_dead_buttons_are_shown(browser, web_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(web_url)
    controls = page.locator(".mg-text-size")
    assert controls.count() == 1, "the text size controls are not in the page at all"
    assert not controls.is_visible()
    context.close()


def test_the_text_size_one_test_chose_is_gone_for_the_next(contexts, web_url, library_url):
    """Tests share a browser context (tests/conftest.py); what one stores must not reach the next, or a
    test would pass or fail by the order tests run in."""
    from conftest import forget_storage

    context = contexts("desktop")
    places = (web_url, library_url + "index.html")
    for url in places:
        page = context.new_page()
        page.goto(url)
        page.evaluate("localStorage.setItem('mg-text-size', '2')")
        page.close()
    forget_storage(context, {web_url.rstrip('/'), 'file://'})
    for url in places:
        page = context.new_page()
        page.goto(url)
        assert page.evaluate("localStorage.getItem('mg-text-size')") is None, url
        assert page.get_attribute("html", "data-mg-text-size") is None, url
        page.close()
