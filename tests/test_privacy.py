"""No page names a third party to load from. (The requests every page really makes are recorded in
tests/test_every_page.py.)"""

from __future__ import annotations


def test_built_pages_name_no_third_party_scripts_or_fonts(web_site):
    offenders = []
    for html in web_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "googletagmanager",
                       "google-analytics", "api.github.com"):
            if marker in text:
                offenders.append(f"{html.relative_to(web_site)}: {marker}")
    assert not offenders, offenders
