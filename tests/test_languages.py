"""Choosing a language leads to the same page in that language — on the web and from disk — and
right-to-left pages are laid out right to left. (The lang, direction and switcher links of every
page: tests/test_every_page.py.)"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from site_pages import DEFAULT, LANGUAGES, SLUGS


@pytest.mark.parametrize("start,target", [("sv", "ar"), ("ar", "ti"), ("ti", "uk"), ("ru", DEFAULT)])
def test_clicking_a_language_opens_that_page(edition, page, start, target):
    """A visitor opens the switcher and picks a language; the same guide opens in it."""
    slug = "pass"
    page.goto(edition.url(start, slug))
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select__link[hreflang={target}]").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0] == edition.url(target, slug)
    assert page.get_attribute("html", "lang") == target
    assert page.locator("h1").inner_text().strip()


def test_rtl_pages_render_right_to_left(page, web_url):
    """In Arabic the title starts at the right edge and the navigation sits on the right."""
    page.goto(urljoin(web_url, "ar/pass/"))
    title = page.locator(".md-content h1").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert title["x"] + title["width"] > content["x"] + content["width"] - 80
    assert page.evaluate("document.body.dir") == "rtl"


def test_the_sitemap_lists_every_languages_guides_once(web_site):
    """One language's build writes sitemap.xml (hooks/template_cache.py): it must be the one that
    knows every language's pages."""
    places = re.findall(r"<loc>([^<]+)</loc>", (web_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(places) == len(set(places)), "a page is listed twice"
    for lang in LANGUAGES:
        prefix = "" if lang == DEFAULT else f"{lang}/"
        missing = [slug for slug in SLUGS if not any(p.endswith(f"/{prefix}{slug}/") for p in places)]
        assert not missing, f"sitemap.xml lacks {lang}'s guides {missing}"
