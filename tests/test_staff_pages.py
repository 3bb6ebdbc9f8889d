"""What staff and visitors get for keeping the guides right: a labelled "report a problem" and "edit
this page" link at the end of every web page, in the page's language (none in the offline library
edition), and the staff handbook (docs/<lang>/personal/), which visitors never meet in the menus or
in search."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from axe import violations
from guide_tools import expected_web_url, ui
from medborgarguiden import guides, site
from medborgarguiden.guides import split_front_matter
from medborgarguiden.safe_yaml import load_plain
from site_pages import DEFAULT, LANGUAGES, SLUGS, guide

ROOT = site.ROOT
STAFF_LANGUAGES = ("sv", "en")
STAFF_PAGES = sorted(p.stem for p in (ROOT / "docs" / DEFAULT / "personal").glob("*.md"))
ACTION_KEYS = ("page_actions", "report_problem", "edit_page")


def page_file(built: Path, lang: str, path: str, directory_urls: bool = True) -> Path:
    base = built if lang == DEFAULT else built / lang
    return base / path / "index.html" if directory_urls else base / f"{path}.html"


class _Page(HTMLParser):
    """The links of a page, and the links inside its navigation menus."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.nav_hrefs: list[str] = []
        self._nav_depth = 0
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self._nav_depth += 1
        if tag == "a" and attrs.get("href"):
            self._href, self._text = attrs["href"], []
            if self._nav_depth:
                self.nav_hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav_depth -= 1
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)


def parse(html_file: Path) -> _Page:
    parsed = _Page()
    parsed.feed(html_file.read_text(encoding="utf-8"))
    return parsed


def test_every_language_has_the_link_texts_in_its_own_words():
    sv = ui("sv")
    for lang in LANGUAGES:
        own = ui(lang)
        for key in ACTION_KEYS:
            assert own.get(key), f"overrides/strings/{lang}.yml has no '{key}'"
            if lang != "sv":
                assert own[key] != sv[key], f"'{key}' in {lang}.yml is still Swedish"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_web_guide_links_to_its_source_and_to_a_prefilled_problem_report(web_site, lang):
    texts = ui(lang)
    slug = SLUGS[0]
    links = dict((text, href) for href, text in parse(page_file(web_site, lang, slug)).links)
    edit = links.get(texts["edit_page"])
    assert edit, f"{lang}/{slug}: no link named '{texts['edit_page']}'"
    assert edit.endswith(f"/edit/main/docs/{lang}/{slug}.md")
    assert (ROOT / "docs" / lang / f"{slug}.md").is_file()
    report = links.get(texts["report_problem"])
    assert report, f"{lang}/{slug}: no link named '{texts['report_problem']}'"
    config = site.read_config()
    assert report.startswith(config["repo_url"].rstrip("/") + "/issues/new?")
    query = parse_qs(urlsplit(report).query, strict_parsing=True)
    assert query["template"] == ["guide-problem.yml"]
    assert query["page"] == [expected_web_url(lang, slug)]
    assert query["language"] == [lang]
    title = guide(lang, slug).meta["title"]
    assert title in query["title"][0], "the issue title should name the guide (decoded intact)"


def test_the_web_edition_shows_no_icon_only_edit_button(web_site):
    html = page_file(web_site, DEFAULT, SLUGS[0]).read_text(encoding="utf-8")
    assert "md-content__button" not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_library_edition_has_no_github_links(library_site, lang):
    for slug in [SLUGS[0], SLUGS[-1]]:
        hrefs = [href for href, _ in parse(page_file(library_site, lang, slug, directory_urls=False)).links]
        assert not [h for h in hrefs if "github.com" in h], f"{lang}/{slug} links to GitHub on an offline PC"


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_page_links_pass_axe(web_url, page, lang):
    prefix = "" if lang == DEFAULT else f"{lang}/"
    page.goto(f"{web_url}{prefix}{SLUGS[0]}/")
    assert page.locator(".mg-page-actions a").count() == 2, "is .mg-page-actions on the page?"
    assert violations(page) == []


def test_the_handbook_has_the_same_pages_in_swedish_and_english():
    english = sorted(p.stem for p in (ROOT / "docs" / "en" / "personal").glob("*.md"))
    assert STAFF_PAGES == english
    assert {"index", "redigera", "ny-guide", "granska-oversattning", "kontroll", "publicera",
            "installera"} <= set(STAFF_PAGES)


def test_handbook_pages_are_not_guides():
    for lang in STAFF_LANGUAGES:
        assert not [p for p in guides.guide_paths(ROOT / "docs", lang) if "personal" in p.parts]
    assert not [problem for problem in guides.check_site() if "/personal/" in problem]


@pytest.mark.parametrize("lang", STAFF_LANGUAGES)
def test_handbook_pages_are_built_and_opt_out_of_search(web_site, lang):
    for name in STAFF_PAGES:
        path = "personal" if name == "index" else f"personal/{name}"
        assert page_file(web_site, lang, path).is_file(), f"{lang}: {path} was not built"
        front, _, _ = split_front_matter((ROOT / "docs" / lang / "personal" / f"{name}.md").read_text(encoding="utf-8"))
        meta = load_plain(front or "")
        assert meta and meta.get("search") == {"exclude": True}, f"{lang}/personal/{name}.md"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_visitors_menus_and_search_never_show_the_handbook(web_site, lang):
    for slug in [None, SLUGS[0]]:
        built = page_file(web_site, lang, slug) if slug else (web_site if lang == DEFAULT else web_site / lang) / "index.html"
        staff = [h for h in parse(built).nav_hrefs if re.search(r"(^|/)personal/", h)]
        assert not staff, f"{lang} {slug or 'start page'}: the menu links to staff pages {staff}"
    index_file = (web_site if lang == DEFAULT else web_site / lang) / "search" / "search_index.json"
    locations = [doc["location"] for doc in json.loads(index_file.read_text(encoding="utf-8"))["docs"]]
    assert not [loc for loc in locations if loc.startswith("personal/")], f"{lang}: staff pages are searchable"


def test_the_offline_library_edition_leaves_the_handbook_out(library_site):
    for lang in STAFF_LANGUAGES:
        folder = library_site / "personal" if lang == DEFAULT else library_site / lang / "personal"
        assert not folder.exists(), f"{folder} should not be in the library edition"


@pytest.mark.parametrize("lang", STAFF_LANGUAGES)
def test_every_link_between_handbook_pages_leads_to_a_page(web_site, lang):
    """Also the links written as HTML (to the translations page), which the build does not check."""
    base = web_site if lang == DEFAULT else web_site / lang
    for built in sorted((base / "personal").rglob("index.html")):
        for href, _ in parse(built).links:
            if re.match(r"[a-z]+:|#|/", href):
                continue
            target = (built.parent / href.split("#")[0]).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{built.relative_to(web_site)}: the link '{href}' leads nowhere"
