"""Fact watch: the link checker reads each fact's source page (facts.yml) and reports
"fact may have changed" when none of the forms of its value is on the page."""

from __future__ import annotations

import json

import pytest

from linkcheck_servers import Reply, Server, page
from test_linkcheck import assert_no_traceback, run_cli, write_config


def facts_yml(entries: dict[str, tuple[int, str]]) -> str:
    lines = ["# Test facts", "facts:"]
    for key, (value, source) in entries.items():
        lines += [f"  {key}:", "    service: polisen-pass", "    type: money", f"    value: {value}",
                  f"    source: {source}", "    seen: 2026-12-03"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def watched(tmp_path_factory):
    folder = tmp_path_factory.mktemp("facts")
    server = Server({
        "/pass": Reply(200, page("Pass", "<p>Ett pass kostar <b>500</b>&nbsp;kr.</p>")),
        "/id-kort": Reply(200, page("Id-kort", "<p>Avgiften är 600 kr. Förr kostade två kort 1 500 kr.</p>")),
        "/borta": Reply(404, page("Hittades inte")),
    })
    facts = folder / "facts.yml"
    facts.write_text(facts_yml({"pass-avgift": (500, server.url("/pass")),
                                "id-kort-avgift": (500, server.url("/id-kort")),
                                "blankett-avgift": (100, server.url("/borta"))}), encoding="utf-8")
    guide = folder / "guide.md"
    guide.write_text(f"Boka hos [polisen]({server.url('/pass')}).\n", encoding="utf-8")
    out, md = folder / "out.json", folder / "out.md"
    proc = run_cli("--no-cache", "--config", write_config(folder), "--facts", facts, "--json", out,
                   "--markdown", md, guide, cwd=folder)
    yield proc, server, json.loads(out.read_text())["links"], md.read_text()
    server.close()


def fact_record(records, key):
    return next(r for r in records if r.get("fact", {}).get("key") == key)


def test_a_value_on_its_page_is_ok_even_across_tags_and_no_break_spaces(watched):
    proc, server, records, md = watched
    assert fact_record(records, "pass-avgift")["status"] == "ok"


def test_a_value_no_longer_on_its_page_may_have_changed(watched):
    proc, server, records, md = watched
    record = fact_record(records, "id-kort-avgift")
    assert record["status"] == "changed"
    assert record["sources"] == ["facts.yml:9"]  # the line of the fact's key
    assert "500 kr" in record["message"]  # "1 500 kr" on the page is another number
    assert proc.returncode == 1
    assert_no_traceback(proc)
    out = proc.stdout
    assert "Fact may have changed" in out and "in facts.yml:9" in out and "id-kort-avgift (500 kr)" in out
    assert "FAILED" in out and "fact" in out.split("FAILED", 1)[1]


def test_a_missing_source_page_is_reported_on_the_fact(watched):
    proc, server, records, md = watched
    record = fact_record(records, "blankett-avgift")
    assert record["status"] == "broken" and "HTTP 404" in record["message"]
    assert record["sources"] == ["facts.yml:15"]


def test_the_weekly_issue_lists_the_fact_with_its_line(watched):
    proc, server, records, md = watched
    assert "## Fact may have changed" in md
    row = next(line for line in md.splitlines() if "id-kort-avgift" in line)
    assert server.url("/id-kort") in row and "facts.yml:9" in row


def test_a_page_that_is_a_link_and_a_source_is_asked_once(watched):
    proc, server, records, md = watched
    assert len(server.requests_for("/pass")) == 1
    link = next(r for r in records if r["url"] == server.url("/pass") and "fact" not in r)
    assert link["status"] == "ok" and link["sources"] == ["guide.md:1"]


def test_facts_are_cached_like_links_and_asked_again_when_the_value_changes(tmp_path):
    with Server({"/pass": Reply(200, page("Pass", "<p>500 kr</p>"))}) as server:
        facts = tmp_path / "facts.yml"
        facts.write_text(facts_yml({"pass-avgift": (500, server.url("/pass"))}), encoding="utf-8")
        guide = tmp_path / "g.md"
        guide.write_text("Inga länkar.\n")
        args = ("--cache", tmp_path / "cache.json", "--config", write_config(tmp_path), "--facts", facts, guide)
        assert run_cli(*args).returncode == 0
        assert run_cli(*args).returncode == 0
        assert len(server.seen) == 1
        facts.write_text(facts_yml({"pass-avgift": (600, server.url("/pass"))}), encoding="utf-8")
        out = tmp_path / "o.json"
        changed = run_cli(*args, "--json", out)
        assert len(server.seen) == 2
        assert changed.returncode == 1
        assert json.loads(out.read_text())["links"][0]["status"] == "changed"


def test_a_broken_facts_file_is_exit_2_with_its_line(tmp_path):
    facts = tmp_path / "facts.yml"
    facts.write_text("facts:\n  pass-avgift:\n    service: polisen-pass\n    type: pengar\n", encoding="utf-8")
    guide = tmp_path / "g.md"
    guide.write_text("Inga länkar.\n")
    proc = run_cli("--no-cache", "--config", write_config(tmp_path), "--facts", facts, guide)
    assert proc.returncode == 2
    assert_no_traceback(proc)
    assert "facts.yml:4:" in proc.stderr


def test_list_shows_each_fact_source_with_its_line_and_asks_nothing(tmp_path):
    with Server({"/pass": Reply(200, page("Pass", "<p>500 kr</p>"))}) as server:
        facts = tmp_path / "facts.yml"
        facts.write_text(facts_yml({"pass-avgift": (500, server.url("/pass"))}), encoding="utf-8")
        guide = tmp_path / "g.md"
        guide.write_text("Inga länkar.\n")
        proc = run_cli("--list", "--facts", facts, guide, cwd=tmp_path)
        assert proc.returncode == 0
        assert f"{server.url('/pass')}\tfacts.yml:3 (fact pass-avgift: 500 kr)" in proc.stdout
        assert server.seen == []
