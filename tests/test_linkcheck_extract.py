"""Finding links with the file and line a person would go to, in guides, built
pages and the service registry; service:KEY resolved per language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medborgarguiden.linkcheck.extract import (InputError, ServiceRegistry, collect, html_links,
                                               language_of, markdown_links)

ROOT = Path(__file__).resolve().parents[1]

REGISTRY = """\
allowed_domains:
  - skatteverket.se
services:
  skatteverket-flytt:
    organisation: Skatteverket
    name: Flytta inom Sverige
    url: https://www.skatteverket.se/privat/folkbokforing/flyttainomsverige
    url_status: stored
    languages:
      en: https://www.skatteverket.se/servicelankar/otherlanguages/inenglish/movingwithinsweden
  skatteverket-start:
    organisation: Skatteverket
    name: Startsida
    url: https://www.skatteverket.se/
    url_status: stored
"""


def places(links) -> list[tuple[str, int]]:
    return [(link.url, link.source.line) for link in links]


def test_markdown_links_of_every_kind_with_their_lines(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text(
        "# Rubrik\n"                                                     # 1
        "Läs [sidan](https://a.se/sida \"titel\") och <https://b.se/>.\n"  # 2
        "Eller skriv https://c.se/x?y=1, sedan punkt.\n"                 # 3
        "[ref]: https://d.se/ref\n"                                      # 4
        '<a href="https://e.se/html">e</a>\n'                            # 5
        "[Wikipedia](https://sv.wikipedia.org/wiki/Ting_(mote))\n"       # 6
        "[intern](../annan-sida.md) [post](mailto:a@b.se)\n",            # 7
        encoding="utf-8")
    assert places(markdown_links(guide, guide.read_text(), None)) == [
        ("https://a.se/sida", 2), ("https://b.se/", 2), ("https://c.se/x?y=1", 3),
        ("https://d.se/ref", 4), ("https://e.se/html", 5), ("https://sv.wikipedia.org/wiki/Ting_(mote)", 6),
    ]


def test_links_in_code_and_comments_are_not_links(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text(
        "Exempel: `https://kod.se/`\n"
        "```\nhttps://block.se/\n```\n"
        "<!-- https://kommentar.se/\n fortsätter -->\n"
        "[riktig](https://riktig.se/)\n", encoding="utf-8")
    assert places(markdown_links(guide, guide.read_text(), None)) == [("https://riktig.se/", 7)]


def test_html_links_with_their_lines(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        "<!doctype html>\n<html><head>\n"
        '<link rel="preconnect" href="https://fonts.example/">\n'
        '<link rel="stylesheet" href="assets/site.css">\n'
        "</head><body>\n"
        '<p><a href="https://www.skatteverket.se/">Skatteverket</a>\n'
        '<img src="https://bild.se/a.png" alt=""></p>\n'
        "</body></html>\n", encoding="utf-8")
    assert places(html_links(page, page.read_text())) == [
        ("https://www.skatteverket.se/", 6), ("https://bild.se/a.png", 7)]


def test_registry_urls_are_found_on_their_own_lines(tmp_path):
    registry = tmp_path / "services.yml"
    registry.write_text(REGISTRY, encoding="utf-8")
    found = places(ServiceRegistry(registry).links())
    assert found == [
        ("https://www.skatteverket.se/privat/folkbokforing/flyttainomsverige", 7),
        ("https://www.skatteverket.se/servicelankar/otherlanguages/inenglish/movingwithinsweden", 10),
        ("https://www.skatteverket.se/", 14),
    ]


@pytest.mark.parametrize("lang,expected", [
    ("sv", "https://www.skatteverket.se/privat/folkbokforing/flyttainomsverige"),
    ("en", "https://www.skatteverket.se/servicelankar/otherlanguages/inenglish/movingwithinsweden"),
    ("fa", "https://www.skatteverket.se/privat/folkbokforing/flyttainomsverige"),
])
def test_service_keys_resolve_for_the_guides_language(tmp_path, lang, expected):
    registry = tmp_path / "services.yml"
    registry.write_text(REGISTRY, encoding="utf-8")
    guide = tmp_path / "docs" / lang / "flytta.md"
    guide.parent.mkdir(parents=True)
    guide.write_text("# Flytta\n\nAnmäl [flytten](service:skatteverket-flytt#sa-gor-du).\n", encoding="utf-8")
    links = collect([tmp_path / "docs"], ServiceRegistry(registry))
    assert places(links) == [(expected + "#sa-gor-du", 3)]
    assert links[0].source.file.endswith(f"docs/{lang}/flytta.md")


def test_an_unknown_service_key_is_kept_to_be_reported(tmp_path):
    registry = tmp_path / "services.yml"
    registry.write_text(REGISTRY, encoding="utf-8")
    guide = tmp_path / "g.md"
    guide.write_text("[x](service:finns-inte)\n", encoding="utf-8")
    assert places(collect([guide], ServiceRegistry(registry))) == [("service:finns-inte", 1)]


def test_a_service_link_without_a_registry_is_a_clear_error(tmp_path):
    guide = tmp_path / "g.md"
    guide.write_text("\n[x](service:skatteverket-flytt)\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"g\.md:2: .*--registry"):
        collect([guide], None)


def test_language_comes_from_the_folder_or_the_suffix():
    assert language_of(Path("docs/en/flytta.md")) == "en"
    assert language_of(Path("docs/flytta.ar.md")) == "ar"
    assert language_of(Path("docs/sv/flytta.md")) == "sv"
    assert language_of(Path("annat/flytta.md")) == "sv"


def test_the_cli_lists_links_and_reports_unknown_keys_as_broken(tmp_path):
    registry = tmp_path / "services.yml"
    registry.write_text(REGISTRY, encoding="utf-8")
    docs = tmp_path / "docs" / "en"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text("[a](service:skatteverket-flytt)\n[b](service:saknas)\n", encoding="utf-8")
    script = [sys.executable, str(ROOT / "scripts" / "linkcheck.py")]
    listed = subprocess.run(script + ["--list", "--registry", str(registry), "docs"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "https://www.skatteverket.se/servicelankar/otherlanguages/inenglish/movingwithinsweden\tdocs/en/a.md:1",
        "service:saknas\tdocs/en/a.md:2",
    ]
    # Checking only the unknown key (the registry's real URL is excluded: no network here).
    config = tmp_path / "linkcheck.yml"
    config.write_text("exclude:\n  - prefix: https://\n    reason: No network in tests.\n", encoding="utf-8")
    checked = subprocess.run(script + ["--no-cache", "--config", str(config), "--registry", str(registry), "docs"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 1
    assert "unknown service key 'saknas'" in checked.stdout


def test_a_registry_with_loopback_urls_is_read_with_a_warning(tmp_path):
    registry = tmp_path / "services.yml"
    registry.write_text("allowed_domains: [example.se]\nservices:\n  lokal:\n    organisation: Test\n"
                        "    name: Test\n    url: http://127.0.0.1:9/sida\n    url_status: stored\n",
                        encoding="utf-8")
    guide = tmp_path / "g.md"
    guide.write_text("[x](service:lokal)\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "linkcheck.py"), "--list", "--registry",
                           str(registry), str(guide)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.startswith("http://127.0.0.1:9/sida\t")
    assert "warning" in proc.stderr and "services.yml:6" in proc.stderr
