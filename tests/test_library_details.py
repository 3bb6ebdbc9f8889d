"""A library fills in libraries/<id>.yml; its opening hours, help times, courses and partners appear on
the start page and in every guide's "get help" section, in every language, written the way that
language writes weekdays, times and dates. A mistake gets a file:line message, not a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.dates import get_day_names

from medborgarguiden.guides import check_site
from medborgarguiden.library_config import check_library, load_library
from medborgarguiden.library_display import library_view, span_text
from project import LIBRARY, copy_project, mkdocs_build
from site_pages import LANGUAGES, SLUGS

ROOT = Path(__file__).resolve().parents[1]
ENV = {**{k: v for k, v in os.environ.items() if k != "LIB"}, "NO_MKDOCS_2_WARNING": "1"}  # the default library

GOOD = """\
name: Testbackens bibliotek
municipality: stockholm
region: stockholm
address: Testvägen 2, 123 45 Stockholm
phone: ""
email: ""
opening_hours:
  måndag: 10:00–19:00
  tuesday: 10.00-12.00, 13.00-19.00
  söndag: stängt
help:
  drop_in:
    - weekday: tisdag
      time: 13:00–15:00
  bookable:
    - weekday: [måndag, onsdag]
      time: 10:00–12:00
events:
  - name: {sv: Sociala medier-tisdagar, en: Social media Tuesdays}
    weekday: tisdag
    time: 15:00–16:30
  - name: Kom igång med BankID
    dates: [2027-01-19, 2027-01-26]
partners:
  - name: SeniorNet Testbacken
    description: Seniorer som hjälper seniorer.
"""




def library_root(tmp_path: Path, text: str) -> Path:
    """A folder with the site's mkdocs.yml (for the languages) and the given default library's file."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "libraries").mkdir(exist_ok=True)
    (tmp_path / LIBRARY).write_text(text, encoding="utf-8")
    return tmp_path


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


# ---------------------------------------------------------------- a library fills in the file

def test_the_example_library_file_is_valid_and_marked_as_an_example():
    assert check_library(ROOT) == []
    header = (ROOT / LIBRARY).read_text(encoding="utf-8").split("\nname:")[0]
    assert "EXEMPEL" in header and "EXAMPLE" in header
    library = load_library(ROOT)
    assert library.phone == "" and library.email == "", "the example must not carry a phone or e-mail address"


def test_a_good_file_is_read(tmp_path):
    library = load_library(library_root(tmp_path, GOOD))
    assert library.name.by_lang == {"sv": "Testbackens bibliotek"}
    assert [str(t) for span in library.opening_hours[1] for t in span] == ["10:00:00", "12:00:00", "13:00:00", "19:00:00"]
    assert library.opening_hours[6] == []  # stängt
    assert library.bookable[0].weekdays == (0, 2)
    assert [str(d) for d in library.events[1].dates] == ["2027-01-19", "2027-01-26"]


@pytest.mark.parametrize("bad, fragment, words", [
    ("  måndag: 10:00–19:00", "  måndag: 10-19", ["is not opening hours like 10:00–19:00"]),
    ("  måndag: 10:00–19:00", "  måndag: 19:00–10:00", ["end time must come after"]),
    ("  måndag: 10:00–19:00", "  måndag: 25:00–26:00", ["Hours go from 00 to 23"]),
    ("  måndag: 10:00–19:00", "  mondag: 10:00–19:00", ["unknown weekday 'mondag'", "måndag, tisdag"]),
    ("    - weekday: tisdag\n      time: 13:00–15:00", "    - weekday: tis\n      time: 13:00–15:00",
     ["unknown weekday 'tis'"]),
    ("      time: 13:00–15:00", "      time: kl 13", ["'kl 13'", "not a time like 10:00–19:00"]),
    ("    dates: [2027-01-19, 2027-01-26]", "    dates: [2027-01-19, 19/1]", ["'19/1'", "YYYY-MM-DD"]),
    ('phone: ""', "phone: ring oss", ["is not a phone number"]),
    ("{sv: Sociala medier-tisdagar, en: Social media Tuesdays}", "{en: Social media Tuesdays}",
     ["has no Swedish text", "sv: …"]),
    ("{sv: Sociala medier-tisdagar, en: Social media Tuesdays}", "{sv: Sociala medier, de: Soziale Medien}",
     ["'de'", "not one of the site's languages"]),
    ("partners:", "partnrs:", ["unknown field 'partnrs'"]),
])
def test_a_mistake_names_the_line_and_the_fix(tmp_path, bad, fragment, words):
    text = GOOD.replace(bad, fragment, 1)
    assert text != GOOD
    problems = check_library(library_root(tmp_path, text))
    assert len(problems) == 1, problems
    line = line_of(text, fragment.strip().splitlines()[0])
    assert problems[0].startswith(f"{LIBRARY}:{line}: "), problems
    for word in words:
        assert word in problems[0], problems


def test_a_missing_name_is_reported(tmp_path):
    problems = check_library(library_root(tmp_path, GOOD.replace("name: Testbackens bibliotek\n", "")))
    assert problems == [problems[0]] and problems[0].startswith(f"{LIBRARY}:1: the library's name is missing")


def test_a_library_without_its_place_is_reported(tmp_path):
    problems = check_library(library_root(tmp_path, GOOD.replace("region: stockholm\n", "")))
    assert problems == [problems[0]] and problems[0].startswith(f"{LIBRARY}:1: the library's region is missing")
    problems = check_library(library_root(tmp_path, GOOD.replace("region: stockholm", "region: Västra Götaland")))
    assert problems[0].startswith(f"{LIBRARY}:{line_of(GOOD, 'region:')}: 'Västra Götaland' is not an id")


def test_broken_yaml_and_a_missing_file_give_one_line_not_a_traceback(tmp_path):
    problems = check_library(library_root(tmp_path, GOOD.replace("help:\n", "help:\n  - [\n")))
    assert len(problems) == 1 and re.match(r"libraries/exempel\.yml:\d+: not valid YAML", problems[0])
    (tmp_path / LIBRARY).unlink()
    assert check_library(tmp_path)[0].startswith(f"{LIBRARY}:1: the library's details are missing")


def test_validate_reports_a_library_mistake_with_its_line(tmp_path):
    """scripts/validate.py (through guides.check_site) checks the library files too, and fails."""
    project = copy_project(tmp_path / "project")
    path = project / LIBRARY
    text = path.read_text(encoding="utf-8").replace("  tisdag: 10:00–19:00", "  tisdag: 10–19", 1)
    path.write_text(text, encoding="utf-8")
    assert any(p.startswith(f"{LIBRARY}:{line_of(text, '  tisdag: 10–19')}: ") for p in check_site(project))
    result = subprocess.run([sys.executable, str(project / "scripts" / "validate.py")],
                            capture_output=True, text=True, env=ENV)
    assert result.returncode == 1
    assert f"{LIBRARY}:{line_of(text, '  tisdag: 10–19')}: '10–19' for tisdag" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# ---------------------------------------------------------------- each language writes it its own way

def test_each_language_writes_weekdays_and_times_its_own_way(tmp_path):
    library = load_library(library_root(tmp_path, GOOD))
    sv, en, ar = (library_view(library, lang) for lang in ("sv", "en", "ar"))
    assert sv["hours"][0] == {"day": "Måndag", "times": "10:00–19:00"}
    assert en["hours"][0]["day"] == "Monday" and "PM" in en["hours"][0]["times"]
    assert ar["hours"][0]["day"] == get_day_names("wide", locale="ar")[0]
    assert sv["hours"][6]["times"] == "", "a closed day has no times (the template writes 'closed')"
    assert sv["bookable"][0]["days"] == "Måndag och onsdag"
    assert en["events"][1]["dates"][0]["text"] == "Tuesday, January 19, 2027"
    assert span_text(library.drop_in[0].span, "ru") == "13:00—15:00"


def test_a_text_in_one_language_is_shown_in_swedish_and_marked_so(tmp_path):
    library = load_library(library_root(tmp_path, GOOD))
    assert library_view(library, "en")["events"][0]["name"] == {"text": "Social media Tuesdays", "lang": None}
    assert library_view(library, "ar")["events"][0]["name"] == {"text": "Sociala medier-tisdagar", "lang": "sv"}
    assert library_view(library, "sv")["events"][0]["name"] == {"text": "Sociala medier-tisdagar", "lang": None}


# ---------------------------------------------------------------- the built pages show it

def _built(site: Path, lang: str, slug: str | None, directory_urls: bool = True) -> str:
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    name = "index.html" if slug is None else (f"{slug}/index.html" if directory_urls else f"{slug}.html")
    return (site / f"{prefix}{name}").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_start_page_shows_the_library_after_the_tiles(web_site, lang):
    page = _built(web_site, lang, None)
    library = load_library(ROOT)
    view = library_view(library, lang)
    box = page[page.index('<section class="mg-library"'):]
    assert page.index('class="mg-tiles"') < page.index('<section class="mg-library"')
    assert view["name"]["text"] in box
    for row in view["hours"]:
        assert row["day"] in box
    assert view["hours"][0]["times"] in box
    assert view["events"][0]["name"]["text"] in box
    assert view["partners"][0]["name"]["text"] in box
    assert "tel:" not in box and "mailto:" not in box, "the example's empty phone and e-mail are left out"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_guide_ends_its_help_section_with_the_librarys_help_times(web_site, lang):
    view = library_view(load_library(ROOT), lang)
    for slug in SLUGS:
        page = _built(web_site, lang, slug)
        help_at = page.index('id="help"')
        box_at = page.index('<section class="mg-library mg-library--guide"')
        assert help_at < box_at, f"{lang}/{slug}: the library box is not after the help list"
        box = page[box_at:page.index("</section>", box_at)]
        assert view["drop_in"][0]["time"] in box and view["bookable"][0]["days"] in box, f"{lang}/{slug}"
        assert "#mg-library" in box, "links to the rest (opening hours, courses) on the start page"


@pytest.mark.slow  # builds a copy of the project
def test_a_change_in_the_library_file_shows_on_the_built_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / LIBRARY
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Exempelbackens bibliotek", "name: Ändrade bibliotekets namn")
    text = text.replace("  lördag: 11:00–15:00", "  lördag: 12:00–14:30")
    text = text.replace('phone: ""', 'phone: "08-123 456 78"')
    text = text.replace("events:\n", "events:\n  - name: {sv: Nytt temadag-test, en: New theme day test}\n"
                                      "    dates: [2027-03-09]\n    time: 13:00–14:00\n", 1)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    sv, en, ar = _built(out, "sv", None), _built(out, "en", None), _built(out, "ar", None)
    assert "Ändrade bibliotekets namn" in sv and "Exempelbackens bibliotek" not in sv
    assert "12:00–14:30" in sv and "12:00\u202fPM" in en  # babel: a narrow no-break space
    assert 'href="tel:+46812345678"' in sv
    assert "Nytt temadag-test" in sv and "New theme day test" in en
    assert "Tuesday, March 9, 2027" in en and "tisdag 9 mars 2027" in sv.lower()
    assert '<span lang="sv" dir="ltr">Nytt temadag-test</span>' in ar, "no Arabic text: Swedish, marked as such"
    guide = _built(out, "ar", SLUGS[0])
    assert "Ändrade bibliotekets namn" in guide
    # A mistake stops the build with the file and line.
    path.write_text(text.replace("  söndag: stängt", "  söndag: ibland"), encoding="utf-8")
    result = mkdocs_build(project, out)
    assert result.returncode != 0
    assert re.search(r"libraries/exempel\.yml:\d+: 'ibland' for söndag", result.stdout + result.stderr)
