"""At the desk a visitor reads the guide in Arabic and a member of staff reads Swedish: "show next to
Swedish" puts both on one screen, section by section, so both point at the same step."""

from __future__ import annotations

import html as html_lib
import json
import re
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import pytest

from axe import violations
from browser import switcher_links
from guide_tools import side_by_side_url, ui
from medborgarguiden import side_by_side as sbs
from site_pages import DEFAULT, LANGUAGES, RTL, SLUGS

SLUG = "vidimera"
OTHERS = [lang for lang in LANGUAGES if lang != DEFAULT]


def _sections(page) -> dict:
    """Heading text of each section of a guide page, and its intro's first paragraph."""
    return page.evaluate("""() => {
        const text = (e) => e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;
        const out = {intro: text(document.querySelector('article h1 ~ p:not(.mg-checked)'))};
        for (const id of ['need', 'steps', 'problems', 'help']) out[id] = text(document.getElementById(id));
        return out;
    }""")


def _rows(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('.mg-sbs__row')].map((row) => ({
        id: row.id,
        cols: [...row.querySelectorAll(':scope > .mg-sbs__col')].map((col) => {
            const box = col.getBoundingClientRect();
            const heading = col.querySelector('h2');
            const intro = col.querySelector(':scope > p:not(.mg-sbs__lang)');
            return {lang: col.lang, dir: col.dir, direction: getComputedStyle(col).direction,
                    section: col.dataset.section,
                    heading: heading ? heading.textContent.replace(/\\s+/g, ' ').trim() : null,
                    intro: intro ? intro.textContent.replace(/\\s+/g, ' ').trim() : null,
                    left: box.left, right: box.right, top: box.top, bottom: box.bottom};
        }),
    }))""")


def test_a_translated_guide_links_to_the_side_by_side_view_and_the_swedish_one_does_not(page, edition):
    page.goto(edition.url(DEFAULT, SLUG))
    assert page.locator(".mg-tools a[href*='-%s']" % DEFAULT).count() == 0
    page.goto(edition.url("ar", SLUG))
    page.get_by_role("link", name=ui("ar")["side_by_side"]).click()
    assert page.url == side_by_side_url(edition, "ar", SLUG)
    # … and back to the guide
    page.get_by_role("link", name=ui("ar")["side_by_side_back"]).click()
    assert page.url == edition.url("ar", SLUG)


def test_switching_language_keeps_the_side_by_side_view(page, edition):
    # Staff change the visitor's language from the header: the view stays side by side with Swedish.
    page.goto(side_by_side_url(edition, "ar", SLUG))
    links = switcher_links(page)
    expected = {lang: side_by_side_url(edition, lang, SLUG) for lang in OTHERS}
    expected[DEFAULT] = edition.url(DEFAULT, SLUG)  # Swedish beside Swedish would say everything twice
    assert {lang: href.split("#")[0] for lang, href in links.items()} == expected
    page.locator(".md-select button").click()  # opens the language list
    page.locator(".md-select__link[hreflang=ti]").click()
    page.wait_for_url(side_by_side_url(edition, "ti", SLUG))
    assert page.locator(".mg-sbs__col[lang=ti]").count() > 0


@pytest.mark.parametrize("lang", ["ar", "ti", "en"])
def test_each_row_pairs_the_same_section_in_both_languages(page, edition, lang):
    page.goto(edition.url(lang, SLUG))
    visitor = _sections(page)
    page.goto(edition.url(DEFAULT, SLUG))
    swedish = _sections(page)
    page.goto(side_by_side_url(edition, lang, SLUG))

    rows = _rows(page)
    assert [row["id"] for row in rows] == list(sbs.ROWS)
    for row in rows:
        mine, theirs = row["cols"]
        assert mine["section"] == theirs["section"] == row["id"]
        assert (mine["lang"], theirs["lang"]) == (lang, DEFAULT)
        expected_dir = "rtl" if lang in RTL else "ltr"
        assert (mine["dir"], mine["direction"]) == (expected_dir, expected_dir)
        assert (theirs["dir"], theirs["direction"]) == ("ltr", "ltr")
        if row["id"] == sbs.INTRO:
            assert (mine["intro"], theirs["intro"]) == (visitor["intro"], swedish["intro"])
        else:
            assert (mine["heading"], theirs["heading"]) == (visitor[row["id"]], swedish[row["id"]])
        # the visitor's language on the reading side it starts from: right in Arabic, left otherwise
        if lang in RTL:
            assert mine["left"] > theirs["right"] - 1
        else:
            assert theirs["left"] > mine["right"] - 1
        assert abs(mine["top"] - theirs["top"]) < 1, "the two columns of a row start at the same height"
    assert page.locator("[id]").evaluate_all("els => els.length === new Set(els.map(e => e.id)).size")


def test_on_a_phone_the_columns_stack(phone, edition):
    phone.goto(side_by_side_url(edition, "ar", SLUG))
    for row in _rows(phone):
        mine, theirs = row["cols"]
        assert theirs["top"] >= mine["bottom"] - 1, f"row {row['id']} is not stacked"
        assert abs((mine["right"] - mine["left"]) - (theirs["right"] - theirs["left"])) < 2
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", ["ar", "ti"])
def test_the_side_by_side_page_passes_axe(page, edition, lang):
    page.goto(side_by_side_url(edition, lang, SLUG))
    assert violations(page) == []


def test_every_link_on_a_side_by_side_page_leads_to_a_page(edition, web_site, library_site):
    """The Swedish column's links were written for a page one folder up; they must still work."""
    site_dir = web_site if edition.directory_urls else library_site
    for lang in ["ar", "uk"]:
        for slug in SLUGS:
            url = side_by_side_url(edition, lang, slug)
            html = _file_for(site_dir, edition, url).read_text(encoding="utf-8")
            for href in _local_links(html):
                target = urljoin(url, href)
                assert _file_for(site_dir, edition, target).is_file(), f"{url}: broken link {href}"


def test_side_by_side_pages_stay_out_of_menus_search_and_sitemap(web_site, library_site):
    marker = f"-{DEFAULT}/"
    for site_dir in (web_site, library_site):
        guide = site_dir / "ar" / SLUG / "index.html"
        guide = guide if guide.is_file() else site_dir / "ar" / f"{SLUG}.html"
        html = guide.read_text(encoding="utf-8")
        nav = html[html.index('class="md-nav md-nav--primary"'):]
        assert f"{SLUG}-{DEFAULT}" not in nav.split("</nav>")[0]
        for lang in LANGUAGES:
            index = site_dir / ("" if lang == DEFAULT else lang) / "search" / "search_index.json"
            locations = [doc["location"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]
            assert not [loc for loc in locations if f"-{DEFAULT}/" in loc or f"-{DEFAULT}.html" in loc]
    sitemap = (web_site / "sitemap.xml").read_text(encoding="utf-8")
    assert marker not in sitemap


def _file_for(site_dir, edition, url):
    """The file in the built site that serves a URL of that site."""
    def path(u):
        return url2pathname(urlsplit(u).path) if u.startswith("file:") else unquote(urlsplit(u).path)
    rel = path(url)[len(path(edition.base)):]
    return site_dir / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def _local_links(html: str) -> list[str]:
    out = []
    for href in re.findall(r'\bhref="([^"]*)"', html):
        if not href or href.startswith(("#", "http:", "https:", "mailto:", "tel:", "javascript:", "data:")):
            continue
        out.append(html_lib.unescape(href).split("#")[0] or ".")
    return out


def test_the_shared_computer_reminder_stays_with_the_steps(page, edition):
    """Guides for e-services with a login remind visitors to log out before the steps; side by side,
    the reminder stands in the steps' row, in both languages."""
    page.goto(side_by_side_url(edition, "fa", "1177"))
    for row in page.locator(".mg-sbs__row").all():
        reminders = row.locator(".mg-shared-pc").count()
        assert reminders == (2 if row.get_attribute("id") == "steps" else 0), row.get_attribute("id")


def test_links_are_rewritten_for_the_page_they_move_to():
    body = ('<a href="../kommunen/#steg">k</a> <a href="https://www.csn.se/">c</a> <a href="#need">n</a> '
            '<a href="tel:+46771">t</a>')
    moved = sbs.rebase_links(body, "vidimera/", "ar/vidimera-sv/")
    assert 'href="../../kommunen/#steg"' in moved
    assert 'href="https://www.csn.se/"' in moved and 'href="#need"' in moved and 'href="tel:+46771"' in moved
    assert 'href="../kommunen.html"' in sbs.rebase_links('<a href="kommunen.html">', "vidimera.html",
                                                         "ar/vidimera-sv.html")
    assert sbs.rebase_links(body, "ar/vidimera/", "ar/vidimera-sv/") == body


def test_a_guide_body_splits_into_its_sections():
    body = ('<h1 id="x">Titel</h1><p>Intro</p><h2 id="need">Behöver</h2><ul><li>a</li></ul>'
            '<div class="admonition warning mg-shared-pc" role="note"><p>Logga ut</p></div>\n'
            '<h2 id="steps">Gör</h2><ol><li>b</li></ol><h3 id="sub">Del</h3><ol><li>c</li></ol>'
            '<h2 id="problems">Fel</h2><p>d</p><h2 id="help">Hjälp</h2><p>e</p>')
    title, sections = sbs.split_sections(body)
    assert title == "Titel"
    assert list(sections) == list(sbs.ROWS)
    assert sections["intro"] == "<p>Intro</p>"
    assert sections["need"].endswith("</ul>")
    assert sections["steps"].startswith('<div class="admonition warning mg-shared-pc"')
    assert 'id="sub"' in sections["steps"] and 'id="sub"' not in sbs.strip_heading_ids(sections["steps"])
