"""Every page of every language, in both editions, as a visitor meets it — one visit per page:

- it says which language it is in, and Arabic and Persian read right to left;
- its language switcher leads to the same page in each language;
- axe-core (WCAG 2.1 A/AA, required by DOS-lagen) finds nothing, with the search overlay closed and
  open — on the start page, on one fixed guide and on a sample of the other guides that rotates by
  the day (every page is built from the same two templates, so a sample finds what a template breaks,
  while the rotation reaches every guide's own text over a few weeks of runs). MG_AXE_ALL=1 checks
  every page; the weekly accessibility workflow does that;
- it asks for nothing from anyone but the site itself (no fonts, CDNs, analytics, API calls).

One visit per page keeps the run short; the findings are reported per page and per kind.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from urllib.parse import urlsplit

import pytest

from axe import violations
from browser import search, switcher_links
from site_pages import LANGUAGES, RTL, SLUGS, guide


FIXED_GUIDE = "pass"  # an e-service guide: checklist, steps, reminders, phone numbers
SAMPLE = 1  # guides per language and edition besides the fixed one: 16 different ones a run


def axe_pages(lang: str, edition: str) -> set[str | None]:
    """The pages axe checks this run: all with MG_AXE_ALL=1, else the start page, the fixed guide and a
    sample that changes every day (the seed is printed with any finding, so a run can be repeated)."""
    if os.environ.get("MG_AXE_ALL") == "1":
        return {None, *SLUGS}
    others = sorted(set(SLUGS) - {FIXED_GUIDE})
    # Each language and edition takes the next guides in turn, and each day starts where the day
    # before stopped, so the runs of a few days together reach every guide in every language.
    slots = len(LANGUAGES) * 2
    slot = LANGUAGES.index(lang) * 2 + (edition != "web")
    start = zlib.crc32(axe_seed().encode()) if not _is_date(axe_seed()) else \
        dt.date.fromisoformat(axe_seed()).toordinal() * slots * SAMPLE
    return {None, FIXED_GUIDE, *(others[(start + slot + k * slots) % len(others)] for k in range(SAMPLE))}


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def axe_seed() -> str:
    return os.environ.get("MG_AXE_SEED") or dt.date.today().isoformat()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return "file://" if parts.scheme == "file" else f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page(edition, browser, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    # A word that finds results in this language, so the open overlay shows a result list.
    query = str(guide(lang, SLUGS[0]).meta["title"]).split()[0]
    expected_dir = "rtl" if lang in RTL else "ltr"
    findings: list[str] = []
    checked = axe_pages(lang, str(edition))
    for slug in [None, *SLUGS]:
        name = slug or "start page"
        page.goto(edition.url(lang, slug))
        html_lang = page.get_attribute("html", "lang")
        direction = page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction")
        if html_lang != lang or direction != expected_dir:
            findings.append(f"{name}: lang={html_lang} direction={direction}, expected {lang} {expected_dir}")
        links = switcher_links(page)
        if sorted(links) != sorted(LANGUAGES):
            findings.append(f"{name}: the switcher offers {sorted(links)}")
        for other, href in links.items():
            if href.split("#")[0] != edition.url(other, slug):
                findings.append(f"{name}: switcher's {other} goes to {href}, not {edition.url(other, slug)}")
        if slug not in checked:
            continue
        findings += [f"{name}: axe: {v}" for v in violations(page)]
        search(page, query)
        findings += [f"{name}, search open: axe: {v}" for v in violations(page)]
    page.wait_for_timeout(500)  # anything a page loads late is recorded too
    context.close()
    home = origin(edition.url(lang))
    foreign = sorted({url for url in requests if origin(url) != home
                      and not url.startswith(("data:", "blob:", "about:"))})
    findings += [f"request outside the site: {url}" for url in foreign]
    assert len(requests) > len(SLUGS), "no requests recorded: the test saw nothing"
    assert not findings, f"{edition} {lang} (MG_AXE_SEED={axe_seed()}):\n" + "\n".join(findings)
