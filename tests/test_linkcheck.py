"""The link checker run as a person runs it (python scripts/linkcheck.py ...)
against servers on 127.0.0.1 that misbehave in every way an authority's site can."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linkcheck_servers import (Gauge, Reply, Server, by_method, chunked, free_port, gzipped, huge_body,
                               once_then, page, redirect, self_signed_certificate, stall_after_headers)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "linkcheck.py"

# Small numbers so nothing waits long: a 1 s timeout, short backoff.
TEST_CONFIG = """\
timeout: 1
timeout_retries: 1
retries: 2
backoff: 0.05
max_retry_after: 5
deadline: 60
"""


def run_cli(*args, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env={**os.environ, **(env or {})})


def write_config(folder: Path, extra: str = "") -> Path:
    path = folder / "linkcheck.yml"
    path.write_text(TEST_CONFIG + extra, encoding="utf-8")
    return path


def results(json_path: Path) -> dict[str, dict]:
    return {record["url"]: record for record in json.loads(json_path.read_text())["links"]}


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


# ----------------------------------------------------------------- one run, every case

class Site:
    """One check over a guide that links to every kind of trouble; tests read its results."""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    other = Server({"/landning": Reply(200, page("Ny plats"))})
    hops = {f"/hopp/{i}": redirect(f"/hopp/{i + 1}", 302) for i in range(15)}
    server = Server({
        "/": Reply(200, page("Myndigheten – Start")),
        "/sida": Reply(200, page("Flytta inom Sverige")),
        "/404": Reply(404, page("Hittades inte")),
        "/410": Reply(410, page("Borta")),
        "/500": Reply(500, page("Serverfel")),
        "/flytt": redirect("/ny-flytt", 301),
        "/ny-flytt": Reply(200, page("Ny adress")),
        "/tillfallig": redirect("/tillfallig-2", 302),
        "/tillfallig-2": redirect("/sida", 307),
        "/till-annan-vard": redirect(other.url("/landning"), 308),
        "/kedja-fel": redirect("/mellan", 302),
        "/mellan": redirect("/404", 301),
        "/slinga-a": redirect("/slinga-b", 302),
        "/slinga-b": redirect("/slinga-a", 302),
        **hops,
        "/upptagen": once_then(Reply(429, b"", {"Retry-After": "1"}), Reply(200, page("Efter väntan"))),
        "/upptagen-lange": Reply(429, b"", {"Retry-After": "3600"}),
        "/tillfalligt-fel": once_then(Reply(503, page("Underhåll")), Reply(200, page("Tillbaka"))),
        "/blankett.pdf": by_method(HEAD=Reply(405), GET=Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})),
        "/langsam": Reply(200, page("Långsam"), delay=3),
        "/stannar": stall_after_headers,
        "/saknas-sv": Reply(200, page("Sidan kunde inte hittas – Myndigheten")),
        "/saknas-en": Reply(200, page("Error", "<h1>Page not found</h1><p>Try the search.</p>")),
        "/saknas-text": Reply(200, page("Myndigheten", "<p>Tyvärr! Sidan du söker finns inte.</p>")),
        "/djup/lank/sida": redirect("/", 301),
        "/ankare": Reply(200, page("Ankare", '<h2 id="finns">Rubrik</h2><a name="gammalt-namn"></a>')),
        "/stor": huge_body(50_000_000),
        "/komprimerad": gzipped(Reply(200, page("Sidan finns inte"))),
        "/delad": chunked(page("Lång sida", "<p>text</p>" * 200 + '<h2 id="sist">Sist</h2>')),
    })
    refused = f"http://127.0.0.1:{free_port()}/sida"
    urls = {
        "ok": server.url("/sida"),
        "404": server.url("/404"),
        "410": server.url("/410"),
        "500": server.url("/500"),
        "moved": server.url("/flytt"),
        "temporary": server.url("/tillfallig"),
        "moved_other_host": server.url("/till-annan-vard"),
        "chain_bad": server.url("/kedja-fel"),
        "loop": server.url("/slinga-a"),
        "long_chain": server.url("/hopp/0"),
        "rate_limited": server.url("/upptagen"),
        "rate_limited_long": server.url("/upptagen-lange"),
        "flaky": server.url("/tillfalligt-fel"),
        "head_refused": server.url("/blankett.pdf"),
        "slow": server.url("/langsam"),
        "stall": server.url("/stannar"),
        "soft_sv": server.url("/saknas-sv"),
        "soft_en": server.url("/saknas-en"),
        "soft_text": server.url("/saknas-text"),
        "deep_to_start": server.url("/djup/lank/sida"),
        "anchor_id": server.url("/ankare#finns"),
        "anchor_name": server.url("/ankare#gammalt-namn"),
        "anchor_missing": server.url("/ankare#saknas"),
        "big": server.url("/stor"),
        "gzip_soft": server.url("/komprimerad"),
        "chunked_anchor": server.url("/delad#sist"),
        "refused": refused,
        "bad_host": "http://ingen-sadan-vard.invalid/sida",
    }
    guide = folder / "guide.md"
    lines = ["# Alla sorters länkar", ""]
    line_of = {}
    for name, url in urls.items():
        lines.append(f"- [{name}]({url})")
        line_of[name] = len(lines)
    lines.append(f"- Samma sida igen: <{urls['ok']}> och {urls['ok']}.")
    guide.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = write_config(folder)
    out = folder / "out.json"
    md = folder / "out.md"
    proc = run_cli("--no-cache", "--config", config, "--json", out, "--markdown", md, guide, cwd=folder)

    s = Site()
    s.proc, s.server, s.other, s.urls, s.line_of = proc, server, other, urls, line_of
    s.results = results(out) if out.exists() else {}
    s.markdown = md.read_text() if md.exists() else ""
    s.of = lambda name: s.results[urls[name]]
    yield s
    server.close()
    other.close()


def test_a_working_page_is_ok(site):
    assert site.of("ok")["status"] == "ok"
    assert site.of("ok")["code"] == 200


@pytest.mark.parametrize("name,code", [("404", 404), ("410", 410), ("500", 500)])
def test_error_pages_are_broken(site, name, code):
    record = site.of(name)
    assert record["status"] == "broken"
    assert record["code"] == code


def test_a_permanent_redirect_is_reported_moved_with_the_new_address(site):
    record = site.of("moved")
    assert record["status"] == "moved"
    assert record["final_url"] == site.server.url("/ny-flytt")


def test_a_permanent_redirect_to_another_host_is_moved_there(site):
    record = site.of("moved_other_host")
    assert record["status"] == "moved"
    assert record["final_url"] == site.other.url("/landning")


def test_temporary_redirects_that_end_well_are_ok(site):
    record = site.of("temporary")
    assert record["status"] == "ok"
    assert record["final_url"] == site.server.url("/sida")


def test_a_redirect_chain_that_ends_in_404_is_broken(site):
    record = site.of("chain_bad")
    assert record["status"] == "broken"
    assert record["code"] == 404
    assert "redirected" in record["message"]


def test_a_redirect_loop_is_broken(site):
    record = site.of("loop")
    assert record["status"] == "broken"
    assert "loop" in record["message"]


def test_an_overlong_redirect_chain_is_broken(site):
    record = site.of("long_chain")
    assert record["status"] == "broken"
    assert "more than 10 redirects" in record["message"]


def test_429_with_retry_after_is_waited_for_and_then_ok(site):
    assert site.of("rate_limited")["status"] == "ok"
    assert len(site.server.requests_for("/upptagen")) == 2


def test_a_retry_after_longer_than_the_limit_is_not_waited_for(site):
    record = site.of("rate_limited_long")
    assert record["status"] == "error"
    assert record["code"] == 429
    assert "3600" in record["message"]
    assert len(site.server.requests_for("/upptagen-lange")) == 1


def test_a_transient_503_is_retried(site):
    assert site.of("flaky")["status"] == "ok"
    assert len(site.server.requests_for("/tillfalligt-fel")) == 2


def test_head_refused_with_405_falls_back_to_get(site):
    assert site.of("head_refused")["status"] == "ok"
    assert [s.method for s in site.server.requests_for("/blankett.pdf")] == ["HEAD", "GET"]


def test_a_page_slower_than_the_timeout_is_a_timeout_retried_once_only(site):
    record = site.of("slow")
    assert record["status"] == "timeout"
    assert len(site.server.requests_for("/langsam")) == 2


def test_a_server_that_stalls_after_the_headers_is_a_timeout(site):
    record = site.of("stall")
    assert record["status"] == "timeout"
    assert "headers" in record["message"]


@pytest.mark.parametrize("name", ["soft_sv", "soft_en", "soft_text"])
def test_a_not_found_page_that_answers_200_is_a_soft_404(site, name):
    record = site.of(name)
    assert record["status"] == "soft404"
    assert record["code"] == 200


def test_a_deep_link_redirected_to_the_start_page_is_a_soft_404(site):
    record = site.of("deep_to_start")
    assert record["status"] == "soft404"
    assert "start page" in record["message"]


def test_fragments_are_checked_against_ids_and_names(site):
    assert site.of("anchor_id")["status"] == "ok"
    assert site.of("anchor_name")["status"] == "ok"
    missing = site.of("anchor_missing")
    assert missing["status"] == "broken"
    assert "#saknas" in missing["message"]
    assert len(site.server.requests_for("/ankare")) == 1  # one page, three fragments, one request


def test_a_50_mb_page_is_not_downloaded_whole(site):
    assert site.of("big")["status"] == "ok"
    assert site.server.big_stopped.wait(5), "the client never hung up"
    assert site.server.big_sent < 1_000_000


def test_compressed_and_chunked_pages_are_read(site):
    assert site.of("gzip_soft")["status"] == "soft404"
    assert site.of("chunked_anchor")["status"] == "ok"


def test_a_refused_connection_is_an_error(site):
    record = site.of("refused")
    assert record["status"] == "error"
    assert "refused" in record["message"]


def test_a_host_name_that_does_not_resolve_is_an_error(site):
    record = site.of("bad_host")
    assert record["status"] == "error"
    assert "does not exist" in record["message"]


def test_every_case_is_classified_and_the_run_fails(site):
    assert site.proc.returncode == 1, site.proc.stderr
    assert_no_traceback(site.proc)
    assert set(site.results) == set(site.urls.values())


def test_a_link_that_appears_three_times_is_asked_once_and_lists_every_place(site):
    record = site.of("ok")
    assert len(site.server.requests_for("/sida")) == 1 + 1  # the link itself, and /tillfallig's end
    assert record["sources"][0] == f"guide.md:{site.line_of['ok']}"
    last_line = len(site.urls) + 3
    assert f"guide.md:{last_line}" in record["sources"]
    assert len(record["sources"]) == 2  # the two on the last line are one place


def test_requests_name_the_project_in_the_user_agent(site):
    agents = {s.headers.get("user-agent", "") for s in site.server.seen}
    assert agents and all(a.startswith("Medborgarguiden-linkcheck/1.0 (+") for a in agents)


def test_the_json_report_has_one_record_per_url_with_sources(site):
    for record in site.results.values():
        assert set(record) == {"url", "status", "code", "final_url", "message", "sources"}
        assert record["status"] in ("ok", "moved", "broken", "soft404", "timeout", "error", "excluded")
        assert all(source.startswith("guide.md:") for source in record["sources"])


def test_the_markdown_report_lists_each_problem_with_where_it_was_found(site):
    md = site.markdown
    assert md.startswith("<!-- medborgarguiden-linkcheck -->")
    assert "## Broken" in md and "## Soft 404" in md and "## Timed out" in md and "## Moved" in md
    row = next(line for line in md.splitlines() if site.urls["404"] in line)
    assert "HTTP 404" in row and f"guide.md:{site.line_of['404']}" in row


def test_the_summary_groups_problems(site):
    out = site.proc.stdout
    assert out.index("Broken (") < out.index("Soft 404") < out.index("Timed out") < out.index("Moved")
    assert "FAILED" in out


@pytest.mark.skipif(not shutil.which("openssl"), reason="needs the openssl command to make a certificate")
def test_https_pages_are_checked_and_untrusted_certificates_reported(tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    with Server({"/sida": Reply(200, page("Säker sida")), "/saknas": Reply(404, page("Nej"))},
                tls=(cert, key)) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/sida')}) [b]({server.url('/saknas')})\n")
        out = tmp_path / "o.json"
        config = write_config(tmp_path)
        trusted = run_cli("--no-cache", "--config", config, "--json", out, guide, env={"SSL_CERT_FILE": cert})
        assert trusted.returncode == 1, trusted.stdout
        found = results(out)
        assert found[server.url("/sida")]["status"] == "ok"
        assert found[server.url("/saknas")]["status"] == "broken"
        untrusted = run_cli("--no-cache", "--config", config, "--json", out, guide,
                            env={"SSL_CERT_FILE": str(tmp_path / "empty.pem")})
        record = results(out)[server.url("/sida")]
        assert untrusted.returncode == 1
        assert record["status"] == "error" and "certificate" in record["message"]


# ----------------------------------------------------------------- politeness

def test_no_more_than_two_requests_at_once_reach_one_host(tmp_path):
    with Server(default=Reply(200, page("Sida"), delay=0.2)) as server:
        guide = tmp_path / "g.md"
        guide.write_text("\n".join(f"- [s]({server.url(f'/s/{i}')})" for i in range(10)) + "\n")
        proc = run_cli("--no-cache", "--config", write_config(tmp_path), guide)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert len(server.seen) == 10
        assert server.gauge.peak == 2


def test_the_total_limit_holds_across_hosts(tmp_path):
    shared = Gauge()
    servers = [Server(default=Reply(200, page("Sida"), delay=0.2), gauges=[shared]) for _ in range(3)]
    try:
        guide = tmp_path / "g.md"
        guide.write_text("\n".join(f"- [s]({s.url(f'/s/{i}')})" for s in servers for i in range(4)) + "\n")
        proc = run_cli("--no-cache", "--config", write_config(tmp_path), "--concurrency", 3, guide)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert shared.peak == 3
        assert all(s.gauge.peak <= 2 for s in servers)
    finally:
        for s in servers:
            s.close()


def test_the_global_deadline_stops_the_run(tmp_path):
    with Server(default=Reply(200, page("Sida"), delay=5)) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[s]({server.url('/sida')})\n")
        out = tmp_path / "out.json"
        proc = run_cli("--no-cache", "--config", write_config(tmp_path), "--timeout", 4, "--deadline", 1,
                       "--json", out, guide)
        assert proc.returncode == 1
        record = results(out)[server.url("/sida")]
        assert record["status"] == "timeout"
        assert "deadline" in record["message"]


# ----------------------------------------------------------------- cache

def test_a_rerun_within_the_age_limit_asks_no_host_again(tmp_path):
    with Server({"/a": Reply(200, page("A")), "/b": Reply(404, page("B"))}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/a')}) [b]({server.url('/b')})\n")
        cache = tmp_path / "cache" / "linkcheck.json"
        config = write_config(tmp_path)
        first = run_cli("--cache", cache, "--config", config, guide)
        assert first.returncode == 1 and len(server.seen) == 2
        second = run_cli("--cache", cache, "--config", config, "--json", tmp_path / "o.json", guide)
        assert second.returncode == 1  # the cached 404 still counts
        assert len(server.seen) == 2
        assert "2 results from the cache" in second.stdout
        assert results(tmp_path / "o.json")[server.url("/b")]["status"] == "broken"


def test_old_cache_entries_are_asked_again(tmp_path):
    with Server({"/a": Reply(200, page("A"))}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/a')})\n")
        cache = tmp_path / "linkcheck.json"
        config = write_config(tmp_path)
        run_cli("--cache", cache, "--config", config, guide)
        data = json.loads(cache.read_text())
        for entry in data["results"].values():
            entry["checked_at"] -= 2 * 3600
        cache.write_text(json.dumps(data))
        run_cli("--cache", cache, "--config", config, "--cache-max-age", "1h", guide)
        assert len(server.seen) == 2


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path):
    with Server({"/a": Reply(200, page("A"))}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/a')})\n")
        cache = tmp_path / "linkcheck.json"
        config = write_config(tmp_path)
        run_cli("--cache", cache, "--config", config, guide)
        before = cache.read_bytes()
        proc = run_cli("--cache", cache, "--no-cache", "--config", config, guide)
        assert proc.returncode == 0
        assert len(server.seen) == 2
        assert cache.read_bytes() == before
        fresh = tmp_path / "never.json"
        run_cli("--cache", fresh, "--no-cache", "--config", config, guide)
        assert not fresh.exists()


# ----------------------------------------------------------------- config

def test_excluded_urls_are_not_asked_and_carry_their_reason(tmp_path):
    with Server({"/a": Reply(200, page("A")), "/login": Reply(401, page("Logga in"))}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/a')}) [b]({server.url('/login')})\n")
        config = write_config(tmp_path, f"exclude:\n  - prefix: {server.url('/login')}\n"
                                        f"    reason: Needs BankID.\n")
        out = tmp_path / "o.json"
        proc = run_cli("--no-cache", "--config", config, "--json", out, guide)
        assert proc.returncode == 0, proc.stdout
        record = results(out)[server.url("/login")]
        assert record["status"] == "excluded" and record["message"] == "Needs BankID."
        assert server.requests_for("/login") == []


def test_an_exclusion_without_a_reason_is_a_clear_error(tmp_path):
    guide = tmp_path / "g.md"
    guide.write_text("[a](http://127.0.0.1:9/a)\n")
    config = write_config(tmp_path, "exclude:\n  - prefix: http://127.0.0.1:9/\n")
    proc = run_cli("--no-cache", "--config", config, guide)
    assert proc.returncode == 2
    assert_no_traceback(proc)
    line = TEST_CONFIG.count("\n") + 2
    assert f"linkcheck.yml:{line}:" in proc.stderr and "reason" in proc.stderr


def test_accepted_codes_make_a_link_ok(tmp_path):
    with Server({"/robotvakt": Reply(403, page("Forbidden"))}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/robotvakt')})\n")
        config = write_config(tmp_path, f"accept:\n  - url: {server.url('/robotvakt')}\n    codes: [403]\n"
                                        f"    reason: Blocks robots, works in a browser.\n")
        out = tmp_path / "o.json"
        proc = run_cli("--no-cache", "--config", config, "--json", out, guide)
        assert proc.returncode == 0, proc.stdout
        assert results(out)[server.url("/robotvakt")]["status"] == "ok"


def test_soft_404_phrases_are_configurable(tmp_path):
    with Server({"/hoppsan": Reply(200, page("Hoppsan!"))}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/hoppsan')})\n")
        out = tmp_path / "o.json"
        plain = run_cli("--no-cache", "--config", write_config(tmp_path), "--json", out, guide)
        assert plain.returncode == 0
        config = write_config(tmp_path, "soft404:\n  heading_phrases: [Hoppsan]\n")
        proc = run_cli("--no-cache", "--config", config, "--json", out, guide)
        assert proc.returncode == 1
        assert results(out)[server.url("/hoppsan")]["status"] == "soft404"


# ----------------------------------------------------------------- exit codes

def test_exit_0_when_every_link_is_fine_even_with_moved_and_excluded(tmp_path):
    with Server({"/a": Reply(200, page("A")), "/gammal": redirect("/a", 301)}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/a')}) [b]({server.url('/gammal')}) [c](http://127.0.0.1:9/x)\n")
        config = write_config(tmp_path, "exclude:\n  - url: http://127.0.0.1:9/x\n    reason: Example.\n")
        proc = run_cli("--no-cache", "--config", config, guide)
        assert proc.returncode == 0, proc.stdout
        assert "All links are fine" in proc.stdout
        strict = run_cli("--no-cache", "--config", config, "--fail-on-moved", guide)
        assert strict.returncode == 1


def test_exit_2_for_a_path_that_does_not_exist(tmp_path):
    proc = run_cli("--no-cache", tmp_path / "saknas.md")
    assert proc.returncode == 2
    assert_no_traceback(proc)
    assert "saknas.md" in proc.stderr and "no such file" in proc.stderr


def test_exit_2_for_a_file_that_is_not_utf8(tmp_path):
    guide = tmp_path / "latin1.md"
    guide.write_bytes("# Rubrik\n\nSkåne\n".encode("latin-1"))
    proc = run_cli("--no-cache", guide)
    assert proc.returncode == 2
    assert_no_traceback(proc)
    assert "latin1.md:3" in proc.stderr and "UTF-8" in proc.stderr


def test_exit_2_for_a_broken_config(tmp_path):
    guide = tmp_path / "g.md"
    guide.write_text("ingen länk\n")
    config = tmp_path / "linkcheck.yml"
    config.write_text("timeout: [1\n")
    proc = run_cli("--no-cache", "--config", config, guide)
    assert proc.returncode == 2
    assert_no_traceback(proc)
    assert "linkcheck.yml:" in proc.stderr


def test_exit_2_for_a_bad_option():
    proc = run_cli("--per-host", "0")
    assert proc.returncode == 2
    assert_no_traceback(proc)
    assert "--per-host" in proc.stderr


def test_help_explains_the_command():
    proc = run_cli("--help")
    assert proc.returncode == 0
    for words in ("--per-host", "--deadline", "--no-cache", "--json", "--markdown", "Exit status"):
        assert words in proc.stdout


# ----------------------------------------------------------------- terminal

def test_progress_bar_only_on_a_terminal(tmp_path):
    import pty

    with Server({"/a": Reply(200, page("A"))}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[a]({server.url('/a')})\n")
        config = write_config(tmp_path)
        env = {k: v for k, v in os.environ.items() if k != "CI"}
        piped = subprocess.run([sys.executable, str(SCRIPT), "--no-cache", "--config", str(config), str(guide)],
                               capture_output=True, text=True, env=env, timeout=60)
        assert "[#" not in piped.stderr

        controller, terminal = pty.openpty()
        proc = subprocess.Popen([sys.executable, str(SCRIPT), "--no-cache", "--config", str(config), str(guide)],
                                stdout=subprocess.PIPE, stderr=terminal, env=env)
        proc.wait(timeout=60)
        os.close(terminal)
        shown = b""
        try:
            while chunk := os.read(controller, 4096):
                shown += chunk
        except OSError:  # the terminal's other end is closed: all read
            pass
        os.close(controller)
        proc.stdout.close()
        assert b"[#" in shown and b"1/1 pages checked" in shown


# ----------------------------------------------------------------- no network

def test_an_unreachable_network_is_exit_3_with_its_own_message(tmp_path):
    # Every host refuses the connection, as when the runner's network is down.
    guide = tmp_path / "g.md"
    guide.write_text("".join(f"- [s](http://127.0.0.1:{free_port()}/sida)\n" for _ in range(4))
                     + "- [t](http://ingen-sadan-vard.invalid/)\n")
    md = tmp_path / "o.md"
    proc = run_cli("--no-cache", "--config", write_config(tmp_path), "--markdown", md, guide)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert_no_traceback(proc)
    assert "network seems unreachable: 5 of 5 hosts" in proc.stderr


def test_a_few_dead_hosts_among_working_ones_are_link_errors_not_a_dead_network(tmp_path):
    servers = [Server({"/a": Reply(200, page("A"))}) for _ in range(2)]
    try:
        guide = tmp_path / "g.md"
        guide.write_text("".join(f"- [s]({s.url('/a')})\n" for s in servers)
                         + "".join(f"- [d](http://127.0.0.1:{free_port()}/a)\n" for _ in range(2)))
        proc = run_cli("--no-cache", "--config", write_config(tmp_path), guide)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "unreachable" not in proc.stderr
        assert "connection refused" in proc.stdout
    finally:
        for s in servers:
            s.close()


def test_a_page_with_a_long_header_is_read(tmp_path):
    # Some sites send a Content-Security-Policy far longer than 8 KiB.
    policy = "default-src 'self' " + "https://cdn.example.se " * 800
    with Server({"/sida": Reply(200, page("Sida"), {"Content-Security-Policy": policy})}) as server:
        guide = tmp_path / "g.md"
        guide.write_text(f"[s]({server.url('/sida')})\n")
        proc = run_cli("--no-cache", "--config", write_config(tmp_path), guide)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert len(server.seen) == 1
