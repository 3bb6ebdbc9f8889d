"""Shared test setup.

- `medborgarguiden` is the installed package (make test installs it: pip install -e .);
- the two editions built once per test run from the real sources (web: served on 127.0.0.1;
  library: opened from disk via file://);
- Debian's Chromium driven by Playwright (never a downloaded browser).
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]

from browser import CHROMIUM, CHROMIUM_ARGS  # (tests/ is on the path: pytest puts it there)
from project import mkdocs_build


# Tests that build the site or drive a browser are the slow tier; `make test-fast` runs the rest.
# A test is slow when it asks, directly or through another fixture, for one of these, or when it
# is marked slow itself because it builds a copy of the project.
SLOW_FIXTURES = {"web_site", "library_site", "once_per_run", "browser"}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds the site or drives Chromium (left out by make test-fast)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def build_edition(config: str, out: Path) -> Path:
    result = mkdocs_build(ROOT, out, config)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build -f {config} failed:\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def once_per_run(tmp_path_factory):
    """once_per_run(name, make) runs make(folder) once for the whole test run and returns what it
    returned (JSON data). Under pytest-xdist every worker has its own temporary folder but their
    parent is shared: the first worker to ask does the work, the others wait and read the result."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base

    def run(name: str, make):
        home = shared / name
        home.mkdir(exist_ok=True)
        saved = home / "result.json"
        with open(home / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not saved.is_file():
                # A fresh folder each try: work that failed half-way leaves its folder behind.
                folder = Path(tempfile.mkdtemp(prefix="try-", dir=home))
                saved.write_text(json.dumps(make(folder)), encoding="utf-8")
            return json.loads(saved.read_text(encoding="utf-8"))

    return run


@pytest.fixture(scope="session")
def web_site(once_per_run) -> Path:
    """The web edition, built into a temporary folder (once for all test workers)."""
    return Path(once_per_run("web-site", lambda folder: str(build_edition("mkdocs.yml", folder / "site"))))


@pytest.fixture(scope="session")
def library_site(once_per_run) -> Path:
    """The library-PC edition, built into a temporary folder (once for all test workers)."""
    return Path(once_per_run("library-site", lambda folder: str(
        build_edition("mkdocs-library.yml", folder / "site-library"))))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that moves on to the next page hangs up on files it no longer needs; that is
        # not a fault of the site. Anything else still prints its traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def web_url(web_site) -> str:
    """The web edition served on 127.0.0.1, as a visitor's phone would get it from the web server."""
    handler = functools.partial(_QuietHandler, directory=str(web_site))
    server = _SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def library_url(library_site) -> str:
    """The library edition as a library PC opens it: straight from disk."""
    return library_site.as_uri() + "/"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# A browser context costs Chromium about twice what a page in it does, and most tests need only a
# fresh page: each worker keeps one context per kind of screen, and every test gets a new page in it.
# What a test leaves behind is cleared when its page closes (forget_storage), so the next test meets the
# browser as a new visitor does. A test that needs its own settings makes its own context.
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PLAIN = {**DESKTOP, "java_script_enabled": False}


@pytest.fixture(scope="session")
def contexts(browser, tmp_path_factory):
    made = {}
    blank = tmp_path_factory.mktemp("blank") / "blank.html"  # a file:// page to clear file:// storage from
    blank.write_text("<!doctype html><title>blank</title>", encoding="utf-8")

    def context(kind: str):
        if kind not in made:
            made[kind] = browser.new_context(**{"desktop": DESKTOP, "phone": PHONE, "plain": PLAIN}[kind])
            made[kind].mg_blank_file = blank.as_uri()
        return made[kind]

    yield context
    for context_ in made.values():
        context_.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return "file://" if parts.scheme == "file" else f"{parts.scheme}://{parts.netloc}"


def forget_storage(context, origins: set[str]) -> None:
    """Clears cookies and the local and session storage of each origin given (the text size is the one
    thing the site stores), from a blank page: file:// from a blank file, the others from an answer
    made up here, so no site page runs."""
    context.clear_cookies()
    origins = {o for o in origins if o == "file://" or o.startswith(("http://", "https://"))}
    if not origins:
        return
    blank = context.new_page()
    blank.route("**/*", lambda route: route.fulfill(status=200, content_type="text/html", body=""))
    for origin in sorted(origins):
        blank.goto(context.mg_blank_file if origin == "file://" else origin + "/__forget__")
        blank.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    blank.close()


def _fresh_page(contexts, kind: str):
    context = contexts(kind)
    page = context.new_page()
    origins: set[str] = set()
    page.on("framenavigated", lambda frame: origins.add(_origin(frame.url)))
    yield page
    if not page.is_closed():
        try:  # the page still open clears its own origin: no extra page for the usual one-origin test
            page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            origins.discard(_origin(page.url))
        except Exception:
            pass  # e.g. about:blank, where storage is refused; the origins stay in the set
        page.close()
    forget_storage(context, origins)


@pytest.fixture
def page(contexts):
    yield from _fresh_page(contexts, "desktop")


@pytest.fixture
def plain_page(contexts):
    """A page with scripts switched off: the built HTML and styles alone, for what needs no script
    (reading order, text, links). It costs the browser about half of what a page with scripts does."""
    yield from _fresh_page(contexts, "plain")


@pytest.fixture
def phone(contexts):
    """A phone-sized page, as most residents read the web edition."""
    yield from _fresh_page(contexts, "phone")


@pytest.fixture(params=["web", "library"])
def edition(request, web_url, library_url):
    """Runs a test on both editions: (name, base URL, page URL maker)."""
    if request.param == "web":
        return Edition("web", web_url, directory_urls=True)
    return Edition("library", library_url, directory_urls=False)


class Edition:
    def __init__(self, name: str, base: str, directory_urls: bool):
        self.name, self.base, self.directory_urls = name, base, directory_urls

    def url(self, lang: str, slug: str | None = None, default: str = "sv") -> str:
        """URL of a guide (or a language's start page when slug is None)."""
        prefix = "" if lang == default else f"{lang}/"
        if self.directory_urls:
            return f"{self.base}{prefix}{slug + '/' if slug else ''}"
        return f"{self.base}{prefix}{slug + '.html' if slug else 'index.html'}"

    def __repr__(self):
        return self.name
