"""No page makes a request to anyone but the site itself: no fonts, CDNs, analytics or API calls
leak a library visitor to a third party, and the library edition needs no network at all."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser import search
from site_pages import LANGUAGES, SLUGS


def origin(url: str) -> str:
    parts = urlsplit(url)
    return "file://" if parts.scheme == "file" else f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_request_stays_on_the_site(edition, browser, lang):
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    home = origin(edition.url(lang))
    for slug in [None, *SLUGS]:
        page.goto(edition.url(lang, slug))
        page.wait_for_load_state("networkidle")
    search(page, "a")  # the search worker, index and language files load too
    page.wait_for_load_state("networkidle")
    context.close()
    foreign = sorted({url for url in requests
                      if origin(url) != home and not url.startswith(("data:", "blob:", "about:"))})
    assert not foreign, f"{edition} {lang} pages requested: {foreign}"
    assert len(requests) > len(SLUGS), "no requests recorded: the test saw nothing"


def test_built_pages_name_no_third_party_scripts_or_fonts(web_site):
    offenders = []
    for html in web_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "googletagmanager",
                       "google-analytics", "api.github.com"):
            if marker in text:
                offenders.append(f"{html.relative_to(web_site)}: {marker}")
    assert not offenders, offenders
