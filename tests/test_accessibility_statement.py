"""Public bodies in Sweden must publish an accessibility statement (DOS-lagen) and link it from
every page. A visitor finds it from any page's footer, in the page's language (test_every_page.py
checks that footer link on every page and clicks it); it says what is not accessible, how to report a
problem (the library's contact; on the web also the problem form) and how to complain to DIGG. axe
finds nothing on the statement, and nothing on it, the start page and a guide with larger text."""

from __future__ import annotations

from pathlib import Path

import pytest

from axe import violations
from guide_tools import ui
from medborgarguiden.registry import load_registry
from medborgarguiden.site import ROOT
from site_pages import LANGUAGES, SLUGS, STATEMENT



def statement_url(edition, lang: str) -> str:
    return edition.url(lang, STATEMENT)


def test_the_statement_exists_in_every_language_and_is_not_a_guide():
    for lang in LANGUAGES:
        assert (ROOT / "docs" / lang / f"{STATEMENT}.md").is_file(), lang
    assert STATEMENT.split("/")[-1] not in SLUGS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_statement_says_how_to_report_and_links_digg_through_the_registry(edition, plain_page, lang):
    page = plain_page  # its text and links: the built page needs no script to show them
    page.goto(statement_url(edition, lang))
    digg = load_registry(ROOT / "services.yml").url_for("digg-tillsyn", lang)
    assert page.locator(f"a[href='{digg}']").count() == 1
    assert "DIGG" in page.locator("article").inner_text()
    contact = page.locator("article ul.mg-contact")
    assert contact.count() == 1
    assert "Exempelbacken 1" in contact.inner_text(), "the library's address from library.yml"
    report = contact.locator("a[href*='github.com']")
    if edition.name == "web":
        assert report.count() == 1 and "guide-problem.yml" in report.get_attribute("href")
        assert report.inner_text() == ui(lang)["report_online"]
    else:
        assert report.count() == 0, "the library PCs have no network: no GitHub form"
    # Honest about what is not accessible, and dated.
    text = page.locator("article").inner_text()
    assert "axe-core" in text and "WCAG 2.1" in text and "2026" in text
    assert "mg-text-size" in text, "the one thing the site stores is named"
    if lang != LANGUAGES[0]:
        assert page.locator(".mg-notice").count() == 1, "a machine translation says so"


def test_the_statement_is_not_in_the_visitors_menu(web_site: Path):
    start = (web_site / "index.html").read_text(encoding="utf-8")
    nav = start[start.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    assert "tillganglighet" not in nav


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
def test_axe_finds_nothing_on_the_statement_and_with_larger_text(edition, page, lang):
    # The start page and the guide "pass" at normal size are checked by test_every_page.py.
    found = []
    for slug in [None, "pass", STATEMENT]:
        page.goto(edition.url(lang, slug))
        if slug == STATEMENT:
            found += [f"{slug}: {v}" for v in violations(page)]
        page.locator(".mg-text-size [data-mg-step='1']").click()  # larger text, and its status shown
        found += [f"{slug or 'start page'} with larger text: {v}" for v in violations(page)]
        page.evaluate("localStorage.clear()")
    assert not found, f"{edition} {lang}:\n" + "\n".join(found)
