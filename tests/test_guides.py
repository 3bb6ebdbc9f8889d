"""The guide set: every guide in every language, in the same shape, linking only through the
registry; and staff who break a rule get one clear message naming file, line and fix."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medborgarguiden import guides, site
from medborgarguiden.registry import host_is_allowed, load_registry
from project import digest, mkdocs_build
from site_pages import DEFAULT, LANGUAGES, SLUGS, guide

ROOT = site.ROOT


def test_the_sources_have_no_problems():
    assert guides.check_site() == []


def test_at_least_twenty_guides_in_every_language():
    assert len(SLUGS) >= 20
    for lang in LANGUAGES:
        assert [p.stem for p in guides.guide_paths(ROOT / "docs", lang)] == SLUGS, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_guide_has_every_section_in_order(lang):
    for slug in SLUGS:
        ids = re.findall(r"^##\s+.*\{#([a-z-]+)\}\s*$", guide(lang, slug).body, re.M)
        assert [i for i in ids if i in guides.SECTIONS] == list(guides.SECTIONS), f"{lang}/{slug}: {ids}"


def test_translations_keep_the_swedish_facts():
    """Same errand, services, e-service flag and checked date; only Swedish is the source."""
    for slug in SLUGS:
        source = guide(DEFAULT, slug).meta
        assert source["translation"] == "source"
        for lang in LANGUAGES[1:]:
            meta = guide(lang, slug).meta
            for key in ("errand", "services", "eservice", "checked", "icon"):
                assert meta[key] == source[key], f"{lang}/{slug}: {key}"
            assert meta["translation"] in ("machine", "reviewed", "needed"), f"{lang}/{slug}"


def test_every_link_is_https_on_an_official_domain():
    registry = load_registry(ROOT / "services.yml")
    for lang in LANGUAGES:
        for slug in SLUGS:
            for key in guide(lang, slug).meta["services"]:
                url = registry.url_for(key, lang)
                host = re.match(r"https://([^/:]+)", url)
                assert host and host_is_allowed(host.group(1), registry.allowed_domains), f"{lang}/{slug}: {url}"


def test_built_guides_link_only_to_the_site_and_official_domains(web_site):
    registry = load_registry(ROOT / "services.yml")
    visitor_pages = [web_site / ("" if lang == DEFAULT else lang) / (slug or "") / "index.html"
                     for lang in LANGUAGES for slug in [None, *SLUGS]]
    for html in visitor_pages:
        article = html.read_text(encoding="utf-8").split('<article', 1)[-1].split("</article>", 1)[0]
        for href in re.findall(r'href="(https?://[^"]+)"', article):
            host = re.match(r"https?://([^/:]+)", href).group(1)
            assert href.startswith("https://") and host_is_allowed(host, registry.allowed_domains) \
                or href.startswith(own_addresses()), f"{html.relative_to(web_site)}: {href}"


def own_addresses() -> tuple[str, ...]:
    """The project's own site and repository (edit and report-a-problem links)."""
    config = site.read_config()
    return tuple(str(config[key]) for key in ("site_url", "repo_url") if config.get(key))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_start_page_has_a_tile_for_every_guide_most_asked_first(web_site, lang):
    index = web_site / ("" if lang == DEFAULT else lang) / "index.html"
    tiles = re.findall(r'<li><a href="([^"]+)/"><span class="mg-tile__icon"', index.read_text(encoding="utf-8"))
    assert sorted(tiles) == sorted(SLUGS), f"{lang}: {tiles}"
    order = [guides.ERRANDS.index(guide(lang, slug).meta["errand"]) for slug in tiles]
    assert order == sorted(order), "tiles must follow the errands' order"
    assert tiles[0] == "skriva-ut", "printing is what visitors ask about most"


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_unreviewed_translations_say_so_and_link_the_swedish(web_site, lang):
    for slug in SLUGS:
        html = (web_site / lang / slug / "index.html").read_text(encoding="utf-8")
        if guide(lang, slug).meta["translation"] == "reviewed":
            assert 'class="mg-notice"' not in html
            continue
        notice = re.search(r'<aside class="mg-notice".*?</aside>', html, re.S)
        assert notice, f"{lang}/{slug} has no machine-translation notice"
        assert f'href="../../{slug}/"' in notice.group(0), f"{lang}/{slug}: notice must link the Swedish original"


def test_every_guide_shows_when_it_was_last_checked(web_site):
    html = (web_site / "ar" / "pass" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="mg-checked">[^<]+<time datetime="\d{4}-\d{2}-\d{2}">', html)


# --- Bad input: a staff member breaks a rule ------------------------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's sources to break."""
    for name in ("docs", "overrides", "scripts", "libraries"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs-library.yml", "services.yml", "facts.yml", "glossary.yml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def validate(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)




def edit(path: Path, old: str, new: str) -> int:
    """Replace text in a file; returns the line number of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


CASES = {
    "missing field": ("sv/pass.md", "errand: authorities\n", "", "'errand' is missing"),
    "wrong date": ("en/pass.md", "checked: 2026-12-03", "checked: 03/12/2026", "is not a date"),
    "unknown service key": ("ar/pass.md", "(service:polisen-boka-pass)", "(service:polisen-boka-paas)",
                            "unknown service 'polisen-boka-paas'"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_guide_gets_one_clear_message(project, case):
    relpath, old, new, message = CASES[case]
    line = edit(project / "docs" / relpath, old, new)
    before = digest(project)
    result = validate(project)
    assert result.returncode == 1
    problems = [l for l in result.stdout.splitlines() if l.startswith("docs/") and ": warning: " not in l]
    assert len(problems) == 1, result.stdout
    assert problems[0].startswith(f"docs/{relpath}:"), problems[0]
    assert message in problems[0]
    if case != "missing field":  # a missing field has no line of its own
        assert problems[0].startswith(f"docs/{relpath}:{line}:"), problems[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert digest(project) == before, "validate.py must not change any file"


def test_a_guide_missing_in_one_language_is_left_out_and_listed_as_missing(project):
    """A guide started in the browser (Swedish only) passes the check; the status names what is missing."""
    (project / "docs" / "so" / "csn.md").unlink()
    assert validate(project).returncode == 0
    status = subprocess.run([sys.executable, "scripts/translations.py", "--json"], cwd=project,
                            capture_output=True, text=True)
    states = {(r["slug"], r["lang"]): r["state"] for r in json.loads(status.stdout)}
    assert states[("csn", "so")] == "missing"


def test_the_build_stops_on_a_broken_internal_link_and_names_the_file(project):
    edit(project / "docs" / "en" / "cv.md", "## ", "See [the guide](no-such-guide.md).\n\n## ")
    result = mkdocs_build(project, project / "out")
    assert result.returncode != 0
    assert "en/cv.md" in result.stderr and "no-such-guide.md" in result.stderr, result.stderr


def test_the_build_stops_on_an_unknown_service_key(project):
    edit(project / "docs" / "sv" / "pass.md", "(service:polisen-boka-pass)", "(service:nope)")
    result = mkdocs_build(project, project / "out", strict=False)
    assert result.returncode != 0
    assert "docs/sv/pass.md" in result.stderr and "unknown service 'nope'" in result.stderr


def test_an_old_guide_address_still_opens_the_guide(page, edition):
    """mkdocs.yml `moved_guides`: a QR code printed before a guide got its new name still works."""
    page.goto(edition.url("en", "sl-resa"))
    page.wait_for_url(re.compile(r"kollektivtrafik(/|\.html)$"))
    assert page.locator("h1").inner_text() == "Travel by public transport"


def test_a_moved_guide_must_lead_to_a_guide_and_its_old_name_be_free():
    line = next(n for n, text in enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("sl-resa:"))
    assert guides.moved_guide_problems(ROOT, {"kollektivtrafik", "pass"}) == []
    problems = guides.moved_guide_problems(ROOT, {"sl-resa", "pass"})
    assert problems[0].startswith(f"mkdocs.yml:{line}: moved_guides sends 'sl-resa' to 'kollektivtrafik', but there is no")
    assert "'sl-resa' is a guide again. Remove 'sl-resa' from moved_guides." in problems[1]

