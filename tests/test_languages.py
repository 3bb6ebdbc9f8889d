"""Every page says which language it is in, Arabic and Persian read right to left, and the language
switcher on every page leads to the same page in the chosen language — on the web and from disk."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from site_pages import DEFAULT, LANGUAGES, RTL, SLUGS


def switcher_links(page) -> dict[str, str]:
    """The language switcher's links as lang -> absolute URL."""
    return page.eval_on_selector_all(
        ".md-select__link[hreflang]",
        "links => Object.fromEntries(links.map(a => [a.getAttribute('hreflang'), a.href]))",
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lang_and_direction_on_every_page(edition, page, lang):
    wrong = []
    for slug in [None, *SLUGS]:
        page.goto(edition.url(lang, slug))
        html_lang = page.get_attribute("html", "lang")
        direction = page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction")
        expected_dir = "rtl" if lang in RTL else "ltr"
        if html_lang != lang or direction != expected_dir:
            wrong.append(f"{slug or 'start page'}: lang={html_lang} direction={direction}")
    assert not wrong, f"{edition} {lang}: expected lang={lang}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switcher_leads_to_the_same_page_in_every_language(edition, page, lang):
    wrong = []
    for slug in [None, *SLUGS]:
        page.goto(edition.url(lang, slug))
        links = switcher_links(page)
        if sorted(links) != sorted(LANGUAGES):
            wrong.append(f"{slug or 'start page'}: switcher offers {sorted(links)}")
            continue
        for other, href in links.items():
            if href.split("#")[0] != edition.url(other, slug):
                wrong.append(f"{slug or 'start page'}: {other} link goes to {href}, not {edition.url(other, slug)}")
    assert not wrong, f"{edition} {lang}:\n" + "\n".join(wrong)


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
