"""An address that does not exist (an old link, a mistyped address, a guide that was removed) gets the
site's own page, as GitHub Pages serves 404.html for it: it says so in Swedish and offers each
language's start page, each line in its own language and direction; every link opens that start page
from any depth of address, and axe finds nothing on the page."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from urllib.parse import urlsplit

import pytest

from axe import violations
from guide_tools import ui
from medborgarguiden import site
from site_pages import DEFAULT, LANGUAGES, RTL

# Where the web edition lives on its host: the links on 404.html start from this path.
SITE_PATH = urlsplit(os.environ.get("SITE_URL") or site.read_config()["site_url"]).path
MISSING = "en/en-guide-som-inte-finns/steg-2/"  # deep, so a page-relative link would go astray


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site below SITE_PATH and answers a missing address with 404.html, as GitHub Pages does."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(SITE_PATH):  # e.g. the browser's own /favicon.ico: not the site's
            return os.path.join(self.directory, "__outside_the_site__")
        return super().translate_path("/" + path[len(SITE_PATH):])

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            body = f.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(web_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_PagesHandler, directory=str(web_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{SITE_PATH}"
    server.shutdown()


def test_a_missing_address_gets_a_page_for_every_language(pages_url, page):
    answer = page.goto(pages_url + MISSING)
    assert answer.status == 404
    assert page.locator("article h1").inner_text() == ui(DEFAULT)["not_found_title"]
    assert ui(DEFAULT)["not_found_text"] in page.locator("article").inner_text()
    lines = page.locator("ul.mg-not-found > li")
    assert lines.count() == len(LANGUAGES)
    for lang in LANGUAGES:
        line = page.locator(f"ul.mg-not-found > li[lang='{lang}']")
        assert line.inner_text().strip() == ui(lang)["not_found_home"], lang
        expected = "rtl" if lang in RTL else "ltr"
        assert line.evaluate("li => getComputedStyle(li).direction") == expected, lang
    assert not violations(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_line_opens_that_languages_start_page(pages_url, page, lang):
    page.goto(pages_url + MISSING)
    page.locator(f"ul.mg-not-found a[hreflang='{lang}']").click()
    page.wait_for_load_state()
    assert page.url == pages_url + ("" if lang == DEFAULT else f"{lang}/")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator(".md-search__input").count() == 1, "the start page, with its search"


def test_the_language_switcher_on_the_missing_page_leads_to_start_pages(pages_url, page):
    page.goto(pages_url + MISSING)
    hrefs = page.eval_on_selector_all(".md-select__link[hreflang]", "links => links.map(a => a.href)")
    assert hrefs and all("//" not in urlsplit(href).path for href in hrefs), hrefs
    assert pages_url + "en/" in hrefs
