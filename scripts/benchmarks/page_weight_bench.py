"""What a phone downloads for a first view of a guide on the web edition, and Lighthouse's mobile scores.

The built web edition is served from 127.0.0.1 by a small server that gzips text (html, css, js, json,
svg) as a web server does. Chromium opens a guide with an empty cache (a fresh browser context, phone
sized) and waits for the network to go quiet and 2 s more, so what loads after the load event (the search
index, the search worker's language files) counts too. Bytes are counted by the server per response
(status line, headers and gzipped body): Chromium's own count (CDP Network.loadingFinished
encodedDataLength) is the same for the page's requests but does not see the search worker's.

Lighthouse 12.2.3 (13 needs Node.js 22) from .bench-tools/lighthouse, run against the same server with
Debian's Chromium: mobile form factor and its simulated throttling, performance and accessibility only;
three runs per page at a raised priority where allowed (nice -10), the one with the median performance
score reported (scores move with the machine's load: Lighthouse's benchmarkIndex is in the note).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import _support
from benchmarks._support import CHROMIUM, CHROMIUM_ARGS, ROOT, built_site, gzip_server, page_url

GUIDE = "pass"
LANGUAGES = ("sv", "ar", "ti")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SETTLE_MS = 2000
LIGHTHOUSE_VERSION = "12.2.3"  # 13.x needs Node.js 22; the machines have Node.js 20
LIGHTHOUSE_DIR = ROOT / ".bench-tools" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_RUNS = 3  # performance scores vary from run to run with the machine's load
TARGET_PERFORMANCE = 95
TARGET_ACCESSIBILITY = 100


# --- bytes of a first view ---------------------------------------------------------------------------------

def first_view(browser, server, url: str) -> dict:
    """Every response of one first view: the server's log, split at the load event, and Chromium's count."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    chromium_bytes = []
    cdp.on("Network.loadingFinished", lambda event: chromium_bytes.append(event["encodedDataLength"]))
    server.take_log()
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(SETTLE_MS)
        load_event = page.evaluate(_LOAD_EVENT)
    finally:
        context.close()
    log = server.take_log()
    return {"responses": log, "after_load": [r for r in log if r.started >= load_event],
            "chromium": sum(chromium_bytes)}


# When the load event started, on the system clock (seconds), to compare with the server's log.
_LOAD_EVENT = """() => (performance.timeOrigin
    + performance.getEntriesByType('navigation')[0].loadEventStart) / 1000"""


def weight_row(lang: str, view: dict) -> dict:
    responses = view["responses"]
    total = sum(r.size for r in responses)
    largest = sorted(responses, key=lambda r: -r.size)[:5]
    names = ", ".join(f"{Path(r.path.split('?')[0].rstrip('/')).name or 'page'} {r.size / 1000:.1f}" for r in largest)
    errors = [f"{r.path} {r.status}" for r in responses if r.status >= 400]
    note = (f"{len(responses)} requests, {sum(r.size for r in view['after_load']) / 1000:.1f} kB of it requested after "
            f"the load event; largest (kB): {names}; Chromium's count for the page's own requests "
            f"{view['chromium'] / 1000:.1f} kB" + (f"; errors: {', '.join(errors)}" if errors else ""))
    return _row(f"first view, {lang} guide ({GUIDE}), gzip", round(total / 1000, 1), "kB", "", note)


# --- Lighthouse --------------------------------------------------------------------------------------------

def lighthouse_cli() -> tuple[str | None, str]:
    """The installed CLI (installing it into .bench-tools/ if need be), or None and why not."""
    node = shutil.which("node")
    if not node:
        return None, "not available: Node.js is not installed"
    if not LIGHTHOUSE_CLI.exists() and shutil.which("npm"):
        try:
            subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund",
                            f"lighthouse@{LIGHTHOUSE_VERSION}"], capture_output=True, timeout=600)
        except subprocess.TimeoutExpired:
            pass
    if not LIGHTHOUSE_CLI.exists():
        return None, (f"not available: npm install --prefix .bench-tools/lighthouse lighthouse@{LIGHTHOUSE_VERSION} "
                      "failed")
    return node, ""


def lighthouse(node: str, url: str) -> dict:
    """Lighthouse's report (lhr) for one URL; raises RuntimeError with the reason when it fails."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        with _support.raised_priority():  # as a phone that runs only this page
            result = subprocess.run(
                [node, str(LIGHTHOUSE_CLI), url, "--output=json", f"--output-path={out}", "--quiet",
                 "--only-categories=performance,accessibility", f"--chrome-flags={flags}"],
                env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=600)
        if result.returncode != 0 or not out.exists():
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"lighthouse exited {result.returncode}: {last}")
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError'].get('message', report['runtimeError'])}")
    return report


def failed_audits(report: dict, category: str) -> str:
    """The category's audits that scored below 1, briefly: id and Lighthouse's displayed value."""
    failed = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"].get(ref["id"], {})
        score = audit.get("score")
        if score is not None and score < 1 and audit.get("scoreDisplayMode") not in ("informative", "manual",
                                                                                      "notApplicable"):
            value = audit.get("displayValue", "") or ", ".join(_failing_nodes(audit))
            failed.append(f"{ref['id']}" + (f" ({value})" if value else "") + ("" if score == 0 else f" {score:.2f}"))
    return "failed: " + "; ".join(failed) if failed else "no failed audits"


def _failing_nodes(audit: dict, most: int = 2) -> list[str]:
    """The CSS selectors of the first elements an accessibility audit failed on."""
    items = (audit.get("details") or {}).get("items") or []
    return [item["node"]["selector"] for item in items[:most] if isinstance(item.get("node"), dict)
            and item["node"].get("selector")]


def lighthouse_rows(base: str) -> list[dict]:
    node, why = lighthouse_cli()
    pages = [(f"{lang} {name}", page_url(base, "web", lang, slug))
             for lang in LANGUAGES for name, slug in (("start page", None), (f"guide ({GUIDE})", GUIDE))]
    if not node:
        return [_row(f"lighthouse {category}, {label}", "n/a", "", target, why)
                for label, _ in pages for category, target in _CATEGORIES]
    rows = []
    for label, url in pages:
        try:
            reports = [lighthouse(node, url) for _ in range(LIGHTHOUSE_RUNS)]
        except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as err:
            rows += [_row(f"lighthouse {category}, {label}", "n/a", "", target, f"not available: {err}")
                     for category, target in _CATEGORIES]
            continue
        # The run with the median performance score, as Lighthouse's docs advise for noisy machines.
        scores = [r["categories"]["performance"]["score"] or 0 for r in reports]
        report = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)[len(reports) // 2]
        bench_index = report.get("environment", {}).get("benchmarkIndex")
        for category, target in _CATEGORIES:
            score = report["categories"][category]["score"]
            note = failed_audits(report, category)
            if category == "performance":
                note = (f"median of {len(reports)} runs (scores {', '.join(str(round(x * 100)) for x in scores)}; "
                        f"machine's benchmarkIndex {bench_index or 0:.0f}); {note}")
            rows.append(_row(f"lighthouse {category}, {label}", None if score is None else round(score * 100),
                             "score", target, note))
    return rows


_CATEGORIES = (("performance", f">= {TARGET_PERFORMANCE}"), ("accessibility", f"{TARGET_ACCESSIBILITY}"))


def run(quick: bool = False) -> list[dict]:
    site = built_site("web")
    rows = []
    with gzip_server(site) as server:
        with _support.chromium() as browser:
            for lang in LANGUAGES:
                rows.append(weight_row(lang, first_view(browser, server, page_url(server.url, "web", lang, GUIDE))))
        if not quick:
            rows += lighthouse_rows(server.url)
    return rows


def _row(metric, value, unit, target, note) -> dict:
    return {"benchmark": "page_weight", "metric": metric, "value": value, "unit": unit, "target": target,
            "note": note}


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['metric']:<44} {row['value']!s:>8} {row['unit']:<5} {row['target']:<6} {row['note']}")
