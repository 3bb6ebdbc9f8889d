"""Every page of every language, in both editions, as a visitor meets it — one visit per page:

- it says which language it is in, and Arabic and Persian read right to left;
- its language switcher leads to the same page in each language;
- its footer links the accessibility statement in the page's language (DOS-lagen); the statement
  itself is opened by a click on that link;
- axe-core (WCAG 2.1 A/AA, required by DOS-lagen) finds nothing — on the start page (also with the
  search overlay open, which is the same on every page), on one fixed guide and on a sample of the
  other guides that rotates by the day (every page is built from the same two templates, so a sample
  finds what a template breaks, while the rotation reaches every guide's own text over a few weeks of
  runs). MG_AXE_ALL=1 checks every guide; the weekly accessibility workflow does that;
- it asks for nothing from anyone but the site itself (no fonts, CDNs, analytics, API calls).

One visit per page keeps the run short; the findings are reported per page and per kind. The pages
axe checks are opened with their scripts, as a visitor's browser does; the others are opened with
scripts switched off, which shows the page's own HTML and styles at half the cost. The scripts are the
same files on every page, so what they do (and every address they ask for) is seen on the checked pages.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from urllib.parse import urlsplit

import pytest

from axe import violations
from browser import search
from conftest import DESKTOP
from guide_tools import ui
from site_pages import LANGUAGES, RTL, SLUGS, STATEMENT, guide


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


# What the checks read from a page, in one call: its language and direction, where the language
# switcher leads ({code: absolute URL}) and the footer's statement links ([text, absolute URL]).
_WHAT_A_VISITOR_SEES = """() => ({
    lang: document.documentElement.lang,
    direction: getComputedStyle(document.querySelector('.md-content')).direction,
    switcher: Object.fromEntries([...document.querySelectorAll('.md-select__link[hreflang]')]
        .map(a => [a.getAttribute('hreflang'), a.href])),
    statement: [...document.querySelectorAll('.md-footer a.mg-statement-link')]
        .map(a => [a.innerText.trim(), a.href]),
})"""


def origin(url: str) -> str:
    parts = urlsplit(url)
    return "file://" if parts.scheme == "file" else f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page(edition, browser, lang):
    requests: list[str] = []
    pages = {}  # by whether scripts run; contexts of their own, so every request is recorded
    for scripts in (True, False):
        context = browser.new_context(**DESKTOP, java_script_enabled=scripts)
        context.on("request", lambda request: requests.append(request.url))
        pages[scripts] = context.new_page()
    # A word that finds results in this language, so the open overlay shows a result list.
    query = str(guide(lang, SLUGS[0]).meta["title"]).split()[0]
    expected_dir = "rtl" if lang in RTL else "ltr"
    statement_text = ui(lang)["accessibility_statement"]
    findings: list[str] = []
    checked = axe_pages(lang, str(edition))
    for slug in [None, *SLUGS, STATEMENT]:
        name = slug or "start page"
        if slug == STATEMENT:  # reached as a visitor does: the footer's link on the page before
            page.locator(".md-footer a.mg-statement-link").click()
            page.wait_for_load_state()
            landed = page.url.split("?")[0].split("#")[0]
            if landed != edition.url(lang, STATEMENT):
                findings.append(f"the footer's statement link opened {landed}")
                continue
        else:
            page = pages[slug in checked]
            page.goto(edition.url(lang, slug))
        seen = page.evaluate(_WHAT_A_VISITOR_SEES)
        if seen["lang"] != lang or seen["direction"] != expected_dir:
            findings.append(f"{name}: lang={seen['lang']} direction={seen['direction']}, "
                            f"expected {lang} {expected_dir}")
        links = seen["switcher"]
        if sorted(links) != sorted(LANGUAGES):
            findings.append(f"{name}: the switcher offers {sorted(links)}")
        for other, href in links.items():
            if href.split("#")[0] != edition.url(other, slug):
                findings.append(f"{name}: switcher's {other} goes to {href}, not {edition.url(other, slug)}")
        if seen["statement"] != [[statement_text, edition.url(lang, STATEMENT)]]:
            findings.append(f"{name}: the footer links the statement as {seen['statement']}, "
                            f"expected '{statement_text}'")
        if slug not in checked:
            continue
        findings += [f"{name}: axe: {v}" for v in violations(page)]
        if slug is None:  # the search overlay is the same on every page
            search(page, query)
            findings += [f"{name}, search open: axe: {v}" for v in violations(page)]
    pages[True].wait_for_timeout(500)  # anything a page loads late is recorded too
    for page in pages.values():
        page.context.close()
    home = origin(edition.url(lang))
    foreign = sorted({url for url in requests if origin(url) != home
                      and not url.startswith(("data:", "blob:", "about:"))})
    findings += [f"request outside the site: {url}" for url in foreign]
    assert len(requests) > len(SLUGS), "no requests recorded: the test saw nothing"
    assert not findings, f"{edition} {lang} (MG_AXE_SEED={axe_seed()}):\n" + "\n".join(findings)

