"""One content repository for many libraries: each library's edition names the services of its own
region and municipality (libraries/<id>.yml: municipality, region; services.yml: roles), `make
libraries` builds every edition from one shared build, plus the guides where no library is chosen
with the list of libraries, and a library whose place lacks a service a guide needs is reported with
its file before anything is published."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from axe import violations
from guide_tools import decode_qr
from medborgarguiden.guides import check_site
from medborgarguiden.library_config import UnknownLibraryError, library_ids, load_library
from medborgarguiden.library_display import swedish_sort_key
from medborgarguiden.registry import REGION_NAMES, Place, load_registry, validate_registry
from project import mkdocs_build
from site_pages import DEFAULT, LANGUAGES
from test_guides import project  # noqa: F401  (a copy of the project's sources to break)

ROOT = Path(__file__).resolve().parents[1]
ENV = {**{k: v for k, v in os.environ.items() if k != "LIB"}, "NO_MKDOCS_2_WARNING": "1"}
GOTEBORG, MALMO, STOCKHOLM = "goteborg-exempel", "malmo-exempel", "stockholm-exempel"
BASE = "https://guides.example/mg/"


def page(site: Path, lib: str, lang: str, slug: str) -> str:
    prefix = "" if lang == DEFAULT else f"{lang}/"
    return (site / lib / prefix / slug / "index.html").read_text(encoding="utf-8")


def article_text(html: str) -> str:
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    return re.sub(r"<[^>]+>", " ", article)


@pytest.fixture(scope="module")
def libraries_build(once_per_run) -> Path:
    """`make libraries` (web editions and zips) for every example library, once per run."""
    def make(folder: Path) -> str:
        result = subprocess.run([sys.executable, "scripts/build_libraries.py", "--site", str(folder / "site"),
                                 "--dist", str(folder / "dist"), "--base", BASE],
                                cwd=ROOT, env=ENV, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return str(folder)
    return Path(once_per_run("libraries-build", make))


@pytest.fixture(scope="module")
def libraries_site(libraries_build) -> Path:
    return libraries_build / "site"


@pytest.fixture(scope="module")
def direct_goteborg(once_per_run) -> Path:
    """The Göteborg library's web edition built on its own (`make build LIB=goteborg-exempel`)."""
    def make(folder: Path) -> str:
        out = folder / "site"
        result = mkdocs_build(ROOT, out, LIB=GOTEBORG, SITE_URL=f"{BASE}{GOTEBORG}/")
        assert result.returncode == 0, result.stdout + result.stderr
        return str(out)
    return Path(once_per_run("direct-goteborg", make))


# ---------------------------------------------------------------- each edition names its own services

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_goteborg_travel_guide_names_vasttrafik_and_not_sl(libraries_site, lang):
    html = page(libraries_site, GOTEBORG, lang, "kollektivtrafik")
    text = article_text(html)
    assert "Västtrafik" in text
    assert not re.search(r"\bSL\b", text), "a Göteborg visitor must not be sent to Stockholm's SL"
    assert 'href="https://www.vasttrafik.se/"' in html
    assert "sl.se" not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_malmo_housing_guide_names_boplats_syd(libraries_site, lang):
    html = page(libraries_site, MALMO, lang, "bostadsko")
    assert "Boplats Syd" in article_text(html)
    assert 'href="https://www.boplatssyd.se/"' in html
    assert "bostad.stockholm.se" not in html


def test_the_stockholm_edition_still_names_sl_and_the_municipal_services(libraries_site):
    assert re.search(r"\bSL\b", article_text(page(libraries_site, STOCKHOLM, DEFAULT, "kollektivtrafik")))
    assert "Stockholms stad" in article_text(page(libraries_site, STOCKHOLM, DEFAULT, "kommunen"))
    assert "Malmö stad" in article_text(page(libraries_site, MALMO, "en", "kommunen"))


def test_each_edition_shows_its_own_library_and_qr_address(libraries_site):
    html = page(libraries_site, GOTEBORG, DEFAULT, "kollektivtrafik")
    assert "Exempelbiblioteket i Göteborg" in html and "Exempelbackens bibliotek" not in html
    assert f"{BASE}{GOTEBORG}/kollektivtrafik/".removeprefix("https://") in html, "the handout's address is this library's"
    start = page(libraries_site, GOTEBORG, "en", "")
    assert f'/edit/main/libraries/{GOTEBORG}.yml">Wrong opening hours or details?' in start, "staff edit their own file"


# ---------------------------------------------------------------- one shared build, the same pages

def test_an_edition_from_the_shared_build_is_the_page_its_own_build_makes(libraries_site, direct_goteborg):
    """Every page a library's own build makes is there, byte for byte; the search indexes may differ
    only where the accessibility statement's contact list is (Material's search drops its markup)."""
    own = sorted(p.relative_to(direct_goteborg).as_posix() for p in direct_goteborg.rglob("*") if p.is_file())
    shared = libraries_site / GOTEBORG
    assert own == sorted(p.relative_to(shared).as_posix() for p in shared.rglob("*") if p.is_file())
    differ = [path for path in own if not path.endswith(("search_index.json", ".gz"))
              and (direct_goteborg / path).read_bytes() != (shared / path).read_bytes()]
    assert differ == []
    assert "mgslot" not in "".join(p.read_text(encoding="utf-8") for p in shared.rglob("*.json"))


def test_no_slot_is_left_in_any_edition(libraries_build):
    for path in (libraries_build / "site").rglob("*"):
        if path.suffix in (".html", ".json", ".js", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "mgslot" not in text and "slot.invalid" not in text, path
    for zip_path in (libraries_build / "dist").glob("*.zip"):
        with zipfile.ZipFile(zip_path) as archive:
            assert archive.testzip() is None
            for name in archive.namelist():
                if name.endswith((".html", ".js", ".json")):
                    assert b"mgslot" not in archive.read(name), f"{zip_path.name}: {name}"


def test_each_library_pc_zip_holds_its_own_edition(libraries_build):
    with zipfile.ZipFile(libraries_build / "dist" / f"{MALMO}-library.zip") as archive:
        names = archive.namelist()
        assert "site-library/index.html" in names and "site-library/kollektivtrafik.html" in names
        guide = archive.read("site-library/bostadsko.html").decode("utf-8")
        assert "/edit/main/libraries/" not in archive.read("site-library/index.html").decode("utf-8"), \
            "a library PC shows no GitHub links"
    assert "Boplats Syd" in guide and "Exempelbiblioteket i Malmö" in guide
    assert f"{BASE}{MALMO}/bostadsko/".removeprefix("https://") in guide.replace("<wbr>", ""), \
        "the handout's QR address is Malmö's"


# ---------------------------------------------------------------- the guides where no library is chosen

def test_the_site_root_lists_every_library_in_every_language(libraries_site):
    ids = library_ids(ROOT)
    assert len(ids) >= 4
    for lang in LANGUAGES:
        prefix = "" if lang == DEFAULT else f"{lang}/"
        start = (libraries_site / prefix / "index.html").read_text(encoding="utf-8")
        box = start.split('id="mg-library"', 1)[1].split("</section>", 1)[0]
        for lib in ids:
            assert (libraries_site / lib / prefix / "index.html").is_file(), lib
            assert f'href="{BASE}{lib}/{prefix}"' in box, (lang, lib)
            name, _ = load_library(ROOT, lib).name.for_lang(lang)
            assert name in box, (lang, lib)


def test_the_libraries_stand_under_their_regions_names(libraries_site):
    """With libraries all over Sweden, a visitor looks for their region first: each library stands
    in the list under its region's heading, the regions in Swedish alphabetical order."""
    start = (libraries_site / "en" / "index.html").read_text(encoding="utf-8")
    box = start.split('id="mg-library"', 1)[1].split("</section>", 1)[0]
    headings = re.findall(r'<h3 class="mg-library-region" lang="sv">([^<]+)</h3>', box)
    assert headings == sorted(set(headings), key=swedish_sort_key), headings
    for lib in library_ids(ROOT):
        library = load_library(ROOT, lib)
        region = REGION_NAMES[library.place.region]
        assert region in headings, (lib, region)
        after = box.split(f'<h3 class="mg-library-region" lang="sv">{region}</h3>', 1)[1].split("<h3", 1)[0]
        assert f'href="{BASE}{lib}/en/"' in after, f"{lib} is not under {region}"
    assert swedish_sort_key("Örebro") > swedish_sort_key("Västra Götaland") > swedish_sort_key("Skåne")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_guide_reads_without_a_library_chosen(libraries_site, lang):
    """No library's opening hours, and no region's service named as if it were the visitor's."""
    html = page(libraries_site, "", lang, "kollektivtrafik")
    text = article_text(html)
    for region_service in ("Västtrafik", "Skånetrafiken", "Exempelbibliotek"):
        assert region_service not in text, region_service
    assert not re.search(r"\bSL\b", text)
    prefix = "" if lang == DEFAULT else f"{lang}/"
    assert f'href="{BASE}{prefix}#mg-library"' in html, "the role's link leads to the list of libraries"
    assert f"{BASE}{prefix}kollektivtrafik/".removeprefix("https://") in html, "the handout's address is this page's"


def test_each_librarys_printed_qr_code_opens_its_own_edition(libraries_site, page):
    page.goto((libraries_site / MALMO / "en" / "kollektivtrafik" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert decode_qr(page.locator(".mg-qr__code").screenshot()) == [f"{BASE}{MALMO}/en/kollektivtrafik/"]


def test_the_list_of_libraries_passes_axe_and_a_choice_opens_that_library(libraries_site, page):
    page.goto((libraries_site / "en" / "index.html").as_uri())
    assert violations(page) == []
    link = page.locator("#mg-library").get_by_role("link", name=re.compile("Göteborg"))
    assert link.get_attribute("href") == f"{BASE}{GOTEBORG}/en/"


@pytest.mark.slow  # builds a copy of the project
def test_one_fact_changed_reaches_every_librarys_edition_in_one_build(project):
    facts = project / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    assert text.count("value: 500\n") == 1, "the passport fee"
    facts.write_text(text.replace("value: 500\n", "value: 1914\n"), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_libraries.py"), "--root", str(project),
                             "--site", str(project / "out"), "--no-zip", "--base", BASE], cwd=project, env=ENV,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("shared build") == 1, "one build for every library"
    for lib in ["", *library_ids(project)]:
        for lang, written in (("sv", "1\u00a0914\u00a0kr"), ("en", "1,914\u00a0kronor")):
            assert written in re.sub(r"<[^>]+>", "", page(project / "out", lib, lang, "pass")), (lib, lang)


def test_a_library_may_not_take_the_address_of_a_guide(project):
    (project / "libraries" / "pass.yml").write_text(
        (project / "libraries" / f"{MALMO}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_libraries.py"), "--root", str(project),
                             "--site", str(project / "out"), "--no-zip"], cwd=project, env=ENV,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "libraries/pass.yml: the id 'pass' is already the address of a language or a guide" in result.stderr
    assert not (project / "out").exists(), "nothing is written when a library's id clashes"


# ---------------------------------------------------------------- roles resolve through the place

def test_a_role_resolves_to_the_municipality_then_the_region_then_the_fallback():
    registry = load_registry(ROOT / "services.yml")
    assert registry.name_for("transit-planner", Place("goteborg", "vastra-gotaland")) == "Västtrafik"
    assert registry.name_for("transit-planner", Place("lund", "skane")) == "Skånetrafiken", "the region's"
    assert registry.name_for("housing-queue", Place("malmo", "skane")) == "Boplats Syd"
    # No common housing queue registered for Lund: the national fallback, which the guide's text allows.
    assert registry.resolve("housing-queue", Place("lund", "skane")).key == "informationsverige-bostad"

    # Healthcare and debt advice: each example library's own region and municipality, else the national page.
    assert registry.name_for("healthcare-region", Place("malmo", "skane")) == "Region Skåne"
    assert registry.name_for("healthcare-region", Place("goteborg", "vastra-gotaland")) == "1177 Västra Götaland"
    assert registry.resolve("healthcare-region", Place("kiruna", "norrbotten")).key == "1177-start"
    assert registry.name_for("debt-advice", Place("goteborg", "vastra-gotaland")) == "Göteborgs Stad"
    assert registry.resolve("debt-advice", Place("lund", "skane")).key == "hallakonsument"


def test_the_library_handbook_page_names_every_role():
    """A region adding its services reads the list of roles on personal/bibliotek, in both languages."""
    roles = load_registry(ROOT / "services.yml").roles
    for lang in ("sv", "en"):
        text = (ROOT / "docs" / lang / "personal" / "bibliotek.md").read_text(encoding="utf-8")
        assert not [role for role in roles if f"`{role}`" not in text], f"docs/{lang}/personal/bibliotek.md"


def test_the_example_libraries_are_marked_and_carry_no_real_contact_details():
    for lib in library_ids(ROOT):
        library = load_library(ROOT, lib)
        assert library.example and library.phone == "" and library.email == "", lib
        assert library.municipality and library.region, lib


def test_an_unknown_LIB_is_named_with_the_libraries_there_are(monkeypatch):
    monkeypatch.setenv("LIB", "kirna")
    with pytest.raises(UnknownLibraryError) as err:
        load_library(ROOT)
    assert "LIB=kirna" in err.value.problems[0] and GOTEBORG in err.value.problems[0]


ROLES_YAML = """\
allowed_domains:
  - example.se
roles:
  transit-planner:
    description: Kollektivtrafik
services:
  a-start:
    organisation: A
    name: A
    url: https://example.se/
    url_status: domain_root
    check: true
    region: skane
    role: transit-planner
  b-start:
    organisation: B
    name: B
    url: https://example.se/b
    url_status: stored
    region: skane
    role: transit-planner
  c-start:
    organisation: C
    name: C
    url: https://example.se/c
    url_status: stored
    role: housing-queue
"""


def test_the_registry_names_the_line_of_a_duplicate_or_unknown_role(tmp_path):
    path = tmp_path / "services.yml"
    path.write_text(ROLES_YAML, encoding="utf-8")
    problems = validate_registry(path)
    lines = ROLES_YAML.splitlines()
    b_line = lines.index("  b-start:") + 1
    c_line = lines.index("  c-start:") + 1
    assert any(p.startswith(f"services.yml:{b_line}: service 'b-start' fills role 'transit-planner' for the same place")
               for p in problems), problems
    assert any(p.startswith(f"services.yml:{c_line}: service 'c-start' fills role 'housing-queue', which is not")
               for p in problems), problems


def test_a_fallback_must_be_a_national_service(tmp_path):
    path = tmp_path / "services.yml"
    path.write_text(ROLES_YAML.replace("    description: Kollektivtrafik\n",
                                       "    description: Kollektivtrafik\n    fallback: a-start\n"), encoding="utf-8")
    problems = validate_registry(path)
    assert any("the fallback 'a-start' of role 'transit-planner' is regional" in p for p in problems), problems


# ---------------------------------------------------------------- a library whose place lacks a role

def test_a_missing_role_is_reported_with_the_library_file(project):
    text = (project / "libraries" / "malmo-exempel.yml").read_text(encoding="utf-8")
    text = text.replace("municipality: malmo", "municipality: kiruna").replace("region: skane", "region: norrbotten")
    (project / "libraries" / "kiruna.yml").write_text(text, encoding="utf-8")
    region_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("region:"))
    problems = [p for p in check_site(project) if p.startswith("libraries/kiruna.yml")]
    transit = [p for p in problems if "'transit-planner'" in p]
    assert transit and transit[0].startswith(f"libraries/kiruna.yml:{region_line}: the guides need the role "
                                             "'transit-planner' (docs/")
    assert "region 'norrbotten'" in transit[0] and "Add a service with 'role: transit-planner'" in transit[0]
    assert not any("'housing-queue'" in p for p in problems), "housing-queue has a national fallback"
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True,
                            env=ENV)
    assert result.returncode == 1 and "libraries/kiruna.yml:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
