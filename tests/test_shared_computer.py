"""On the library's shared PCs the next visitor sits down at the same computer: every link to an
e-service that needs a login gets a reminder right before it (log out, close the browser, don't
save passwords, delete downloads). The web edition, read on people's own phones, doesn't. And
after using the site, the browser holds nothing from it but the documented text size."""

from __future__ import annotations

import re

import pytest

from browser import search
from medborgarguiden.registry import load_registry
from medborgarguiden.site import ROOT
from site_pages import LANGUAGES, SLUGS, guide

# What the site itself may keep in the browser (documented in docs/<lang>/om/tillganglighet.md).
DOCUMENTED_KEYS = {"mg-text-size"}

REGISTRY = load_registry(ROOT / "services.yml")
LOGIN_KEYS = {key for key, service in REGISTRY.services.items() if service.login}
LINK = re.compile(r"\]\(service:([a-z0-9-]+)\)")


def login_links(lang: str, slug: str) -> int:
    return sum(1 for key in LINK.findall(guide(lang, slug).body) if key in LOGIN_KEYS)


def guides_with_login_links() -> list[str]:
    return [slug for slug in SLUGS if login_links(LANGUAGES[0], slug)]


def test_some_guides_link_to_e_services_with_a_login():
    assert len(guides_with_login_links()) >= 3, "the tests below would prove nothing"


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
def test_the_library_edition_reminds_before_every_login_link(page, library_url, lang):
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    login_urls = sorted({REGISTRY.url_for(key, lang) for key in LOGIN_KEYS})
    for slug in guides_with_login_links():
        page.goto(f"{library_url}{prefix}{slug}.html")
        # The block (step or paragraph) each reminder belongs to, and the links in it.
        blocks = page.evaluate("""() => [...document.querySelectorAll('.mg-login-reminder')].map(r => {
            const block = r.parentElement.tagName === 'LI' ? r.parentElement : r.nextElementSibling;
            return {first: block.tagName !== 'LI' || block.firstElementChild === r,
                    links: [...block.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
                    text: r.innerText};
        })""")
        expected = login_links(lang, slug)
        assert 1 <= len(blocks) <= expected, f"{lang}/{slug}: {len(blocks)} reminders for {expected} login links"
        for block in blocks:
            assert block["first"], f"{lang}/{slug}: the reminder is not at the start of its step"
            assert set(block["links"]) & set(login_urls), f"{lang}/{slug}: a reminder without a login link"
        assert "Hämtade filer" in blocks[0]["text"] and "Delete" in blocks[0]["text"], \
            "where downloads go and how to delete them"


def test_the_web_edition_has_no_per_link_reminder_but_keeps_the_box_before_the_steps(page, web_url):
    for slug in guides_with_login_links():
        page.goto(f"{web_url}{slug}/")
        assert page.locator(".mg-login-reminder").count() == 0, slug
        if guide(LANGUAGES[0], slug).meta.get("eservice"):
            assert page.locator(".mg-shared-pc").count() == 1, slug


def test_a_link_to_a_service_without_login_gets_no_reminder(page, library_url):
    """The passport guide links the booking (login) and a page about passports (no login) that
    share the authority's address; only the booking link is a login link."""
    page.goto(f"{library_url}pass.html")
    assert page.locator(".mg-login-reminder").count() == login_links("sv", "pass")


def storage(page) -> dict:
    return page.evaluate("() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage),"
                         " cookies: document.cookie})")


def test_after_using_the_site_the_browser_holds_only_the_documented_keys(edition, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(edition.url("sv"))
    search(page, "pass")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state()
    page.locator(".mg-text-size [data-mg-step='1']").click()
    page.goto(edition.url("ar", SLUGS[0]))  # another language, as the language menu does
    page.locator("label.md-header__button[for=__drawer]").click()  # the menu on a phone
    page.wait_for_timeout(300)
    found = storage(page)
    context.close()
    assert set(found["local"]) <= DOCUMENTED_KEYS, found
    assert "mg-text-size" in found["local"], "the test should have stored the text size"
    assert found["session"] == [] and found["cookies"] == "", found
