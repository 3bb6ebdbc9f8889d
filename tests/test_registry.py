"""A staff member edits services.yml; the registry accepts good entries and names
the file, line and fix for bad ones."""

import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_pages import LANGUAGES

from medborgarguiden.registry import (
    URL_STATUSES,
    RegistryError,
    host_is_allowed,
    load_registry,
    tel_href,
    validate_registry,
)

REPO = Path(__file__).resolve().parents[1]
SERVICES = REPO / "services.yml"

GOOD_ENTRY = """\
  skatteverket-flytt:
    organisation: Skatteverket
    name: Flytta inom Sverige
    url: https://www.skatteverket.se/
    url_status: domain_root
    evidence: start page of the official domain
    check: true
"""


def write_registry(tmp_path, services_text, domains=("skatteverket.se", "polisen.se")):
    """A small services.yml in tmp_path; returns its path. Line 1 is 'allowed_domains:'."""
    lines = ["allowed_domains:"] + [f"  - {d}" for d in domains] + ["services:"]
    path = tmp_path / "services.yml"
    path.write_text("\n".join(lines) + "\n" + services_text, encoding="utf-8")
    return path


def services_start_line(domains=("skatteverket.se", "polisen.se")):
    """Line number of the first line after 'services:' in write_registry's file."""
    return len(domains) + 3


def line_containing(path, text, occurrence=1):
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{text!r} not in {path}")


def only_problem(path):
    problems = validate_registry(path)
    assert len(problems) == 1, problems
    return problems[0]


# ------------------------------------------------------------ the real registry

def test_the_real_registry_loads_without_problems():
    assert validate_registry(SERVICES) == []
    registry = load_registry(SERVICES)
    assert len(registry.services) >= 50


def test_every_real_url_is_https_on_an_official_domain():
    registry = load_registry(SERVICES)
    assert registry.allowed_domains
    for service in registry.services.values():
        for url in [service.url, *service.languages.values()]:
            parts = urlsplit(url)
            assert parts.scheme == "https", (service.key, url)
            assert host_is_allowed(parts.hostname, registry.allowed_domains), (service.key, url)


def test_every_unverified_real_link_is_marked_for_checking():
    for service in load_registry(SERVICES).services.values():
        assert service.url_status in URL_STATUSES
        if service.url_status != "stored":
            assert service.check is True, service.key
        assert set(service.languages) <= set(LANGUAGES[1:])


def test_every_organisation_has_a_start_page_entry():
    registry = load_registry(SERVICES)
    start_orgs = {s.organisation for k, s in registry.services.items() if k.endswith("-start")}
    prefixes = {k.rsplit("-start", 1)[0] for k in registry.services if k.endswith("-start")}
    for key, service in registry.services.items():
        assert any(key == p or key.startswith(p + "-") for p in prefixes), f"{key}: no <org>-start entry"
    assert start_orgs


def test_guide_writers_keys_exist():
    registry = load_registry(SERVICES)
    for key in ["skatteverket-flytt", "migrationsverket-min-sida", "polisen-boka-pass", "1177-logga-in",
                "bankid-bestall", "freja-eid", "hallakonsument", "kammarkollegiet-tolkar"]:
        assert key in registry.services


def test_passport_booking_links_only_to_polisen():
    registry = load_registry(SERVICES)
    assert urlsplit(registry.url_for("polisen-boka-pass")).hostname == "polisen.se"


def test_a_visitor_language_gets_the_organisations_own_page_else_swedish():
    registry = load_registry(SERVICES)
    flytt = registry.services["skatteverket-flytt"]
    assert registry.url_for("skatteverket-flytt", "en") == flytt.languages["en"]
    assert registry.url_for("skatteverket-flytt", "sv") == flytt.url
    assert registry.url_for("skatteverket-flytt", "ti") == flytt.url
    assert registry.url_for("skatteverket-flytt") == flytt.url


def test_line_of_points_at_the_key_in_the_file():
    registry = load_registry(SERVICES)
    assert registry.line_of("freja-eid") == line_containing(SERVICES, "  freja-eid:")
    assert registry.path == SERVICES


def test_an_unknown_key_suggests_the_closest_one():
    registry = load_registry(SERVICES)
    with pytest.raises(KeyError) as err:
        registry.url_for("skateverket-flytt")
    assert "skatteverket-flytt" in str(err.value)
    assert isinstance(err.value, RegistryError)


def test_phone_becomes_a_tel_link():
    registry = load_registry(SERVICES)
    assert tel_href(registry.phone_for("skatteverket-start")) == "tel:+46771567567"
    assert tel_href("114 14") == "tel:11414"


def test_loading_does_not_rewrite_the_registry(tmp_path):
    before = hashlib.sha256(SERVICES.read_bytes()).hexdigest()
    mtime = SERVICES.stat().st_mtime_ns
    load_registry(SERVICES)
    validate_registry(SERVICES)
    assert hashlib.sha256(SERVICES.read_bytes()).hexdigest() == before
    assert SERVICES.stat().st_mtime_ns == mtime

    copy = write_registry(tmp_path, GOOD_ENTRY)
    os.chmod(copy, 0o444)  # a read-only file must still load
    try:
        assert "skatteverket-flytt" in load_registry(copy).services
    finally:
        os.chmod(copy, 0o644)


# ------------------------------------------------------------ bad input, one problem each

def test_a_good_small_registry_passes(tmp_path):
    assert validate_registry(write_registry(tmp_path, GOOD_ENTRY)) == []


@pytest.mark.parametrize("url, expected", [
    ("http://www.skatteverket.se/", "not https"),
    ("https://example.com/", "'example.com' is not an official domain"),
    ("https://skatteverket.se.evil.com/flytt", "'skatteverket.se.evil.com' is not an official domain"),
    ("https://fakeskatteverket.se/", "'fakeskatteverket.se' is not an official domain"),
    ("https://skatteverket.se@evil.com/", "no plain host"),
])
def test_a_link_outside_official_https_domains_is_rejected_with_its_line(tmp_path, url, expected):
    path = write_registry(tmp_path, GOOD_ENTRY.replace("https://www.skatteverket.se/", url))
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{line_containing(path, '    url:')}: ")
    assert expected in problem


def test_a_subdomain_of_an_official_domain_is_accepted(tmp_path):
    entry = GOOD_ENTRY.replace("https://www.skatteverket.se/", "https://support.www.skatteverket.se/")
    entry = entry.replace("domain_root", "stored_old")
    assert validate_registry(write_registry(tmp_path, entry)) == []


def test_a_foreign_language_link_is_checked_too(tmp_path):
    entry = GOOD_ENTRY + "    languages:\n      en: https://skatteverket.se.evil.com/en\n"
    path = write_registry(tmp_path, entry)
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{line_containing(path, 'evil.com')}: ")


def test_a_duplicate_key_is_caught_not_silently_overwritten(tmp_path):
    path = write_registry(tmp_path, GOOD_ENTRY + GOOD_ENTRY.replace("Flytta inom Sverige", "Annat"))
    problem = only_problem(path)
    first = line_containing(path, "skatteverket-flytt:", 1)
    second = line_containing(path, "skatteverket-flytt:", 2)
    assert problem.startswith(f"services.yml:{second}: duplicate key 'skatteverket-flytt'")
    assert f"first on line {first}" in problem


def test_a_duplicate_field_is_caught(tmp_path):
    entry = GOOD_ENTRY.replace("    check: true\n", "    check: true\n    url: https://www.skatteverket.se/\n")
    path = write_registry(tmp_path, entry)
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{line_containing(path, '    url:', 2)}: duplicate key 'url'")


@pytest.mark.parametrize("field", ["organisation", "name", "url", "url_status"])
def test_a_missing_required_field_names_the_service_line(tmp_path, field):
    entry = "".join(line + "\n" for line in GOOD_ENTRY.splitlines() if not line.startswith(f"    {field}:"))
    path = write_registry(tmp_path, entry)
    problem = only_problem(path)
    assert problem == (f"services.yml:{services_start_line()}: service 'skatteverket-flytt' is missing "
                       f"'{field}'. Add '{field}:' under the key.")


def test_a_bad_url_status_is_rejected(tmp_path):
    path = write_registry(tmp_path, GOOD_ENTRY.replace("domain_root", "verified"))
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{line_containing(path, 'url_status:')}: url_status 'verified'")
    assert "Use one of stored" in problem


def test_an_unverified_link_without_check_is_rejected(tmp_path):
    path = write_registry(tmp_path, GOOD_ENTRY.replace("    check: true\n", ""))
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{services_start_line()}: ")
    assert "check: true" in problem


def test_an_unknown_language_is_rejected(tmp_path):
    entry = GOOD_ENTRY + "    languages:\n      de: https://www.skatteverket.se/de\n"
    path = write_registry(tmp_path, entry)
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{line_containing(path, '      de:')}: language 'de'")


def test_an_unknown_field_is_rejected(tmp_path):
    path = write_registry(tmp_path, GOOD_ENTRY + "    note: remember this\n")
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{line_containing(path, 'note:')}: unknown field 'note'")


def test_a_key_with_capitals_or_swedish_letters_is_rejected(tmp_path):
    path = write_registry(tmp_path, GOOD_ENTRY.replace("skatteverket-flytt", "Skatteverket-flytt-å"))
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{services_start_line()}: service key")


def test_a_start_page_entry_must_really_be_a_start_page(tmp_path):
    path = write_registry(tmp_path, GOOD_ENTRY.replace("https://www.skatteverket.se/", "https://www.skatteverket.se/x"))
    assert "domain_root needs a start page" in only_problem(path)


def test_a_stored_link_must_carry_its_own_url_as_evidence(tmp_path):
    entry = GOOD_ENTRY.replace("domain_root", "stored")
    path = write_registry(tmp_path, entry)
    problem = only_problem(path)
    assert problem.startswith(f"services.yml:{line_containing(path, 'evidence:')}: url_status stored")


def test_all_problems_are_reported_at_once(tmp_path):
    entry = GOOD_ENTRY.replace("https://www.skatteverket.se/", "http://example.com/").replace("domain_root", "bad")
    path = write_registry(tmp_path, entry + GOOD_ENTRY)
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert len(err.value.problems) == 3  # http, bad status, duplicate key
    assert all(p.startswith("services.yml:") for p in err.value.problems)
    assert str(err.value).count("\n") == 2


def test_broken_yaml_gives_a_line_not_a_traceback(tmp_path):
    path = write_registry(tmp_path, GOOD_ENTRY + "    name: [unclosed\n")
    problems = validate_registry(path)
    assert len(problems) == 1
    assert problems[0].startswith("services.yml:")
    assert "not valid YAML" in problems[0]


def test_a_missing_file_is_reported(tmp_path):
    problems = validate_registry(tmp_path / "services.yml")
    assert problems and problems[0].startswith("services.yml:1: cannot read the file")
