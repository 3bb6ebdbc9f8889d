"""Search: how much a visitor downloads for one language, and how long from a keystroke to the first result.

Size: each language's search/search_index.json in the web edition (raw, and gzipped as a web server
sends it), next to the one combined index mkdocs-static-i18n would ship without
overrides/hooks/search_per_language.py (a copy of the project built without that hook; in quick mode
the per-language indexes put back together instead of a build).

Time: the library edition from disk (file://) in Chromium, a guide page in sv, ar, ti and ru. After a
warm-up query (the search worker has loaded the index), each query is filled in but for its last
character; that character is then pressed, and the page itself records performance.now() at the
keydown and at the first change to the result list that adds a result (a MutationObserver). Queries are
real words from that language's guides, in its own script. Chromium runs at a raised priority where
allowed (nice -10), as on a library PC that runs nothing else.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path
from statistics import median

from benchmarks import _support
from benchmarks._support import ROOT, built_site, gzip_size, page_url, percentile

from medborgarguiden.guides import load_guides
from medborgarguiden.site import languages

RESULTS_CLEARED = _support.tests_module("browser").RESULTS_CLEARED
SEARCH_INPUT = _support.tests_module("browser").SEARCH_INPUT

HOOK = "overrides/hooks/search_per_language.py"
LATENCY_LANGUAGES = {"sv": "LATIN", "ar": "ARABIC", "ti": "ETHIOPIC", "ru": "CYRILLIC"}  # and their script
GUIDE = "pass"  # the page the visitor searches from (any guide would do)
QUERIES = 20
BIG = 100  # guides per language in the grown corpus (as in build_bench)
TARGET_MS = 100
# The separator the site's search uses (mkdocs.yml), plus Markdown's own marks.
WORD_SPLIT = re.compile(r"[\s\-.,;:!?()\"'«»“”„،؛؟።፣፤፥፦፧፨\[\]{}#*|<>/=_`~+]+")
LINK_TARGET = re.compile(r"\]\([^)]*\)")  # service:KEY and page links: not text a visitor reads
TOKEN = re.compile(r"\{[^}\n]*\}")  # {phone:KEY}, {#need}

# Placed before the last key is pressed: times from that keydown to the first result item added.
_ARM = """() => {
    const list = document.querySelector('.md-search-result__list');
    const probe = window.__mgProbe = {down: null, shown: null};
    window.addEventListener('keydown', () => { if (probe.down === null) probe.down = performance.now(); },
                            {capture: true, once: true});
    const isResult = node => node.nodeType === 1
        && (node.matches('.md-search-result__item') || node.querySelector('.md-search-result__item'));
    const observer = new MutationObserver(records => {
        if (probe.down === null) return;
        if (records.some(r => [...r.addedNodes].some(isResult))) {
            probe.shown = performance.now();
            observer.disconnect();
        }
    });
    observer.observe(list, {childList: true, subtree: true});
    probe.stop = () => observer.disconnect();
}"""

_RESULTS_OR_NONE = """() => {
    const probe = window.__mgProbe;
    if (probe && probe.shown !== null) return true;
    const config = JSON.parse(document.getElementById('__config').textContent);
    const meta = document.querySelector('.md-search-result__meta');
    return !!meta && meta.textContent.trim() === config.translations['search.result.none'];
}"""


# --- size ----------------------------------------------------------------------------------------------------

def index_path(site: Path, lang: str, default: str) -> Path:
    return site / ("" if lang == default else lang) / "search" / "search_index.json"


def combined_by_building() -> bytes:
    """The stock combined index: the web edition of a copy of the project without the split hook."""
    root = _support.copy_project(_support.scratch("no-split"))
    _support.without_hook(root, HOOK)
    site = _support.build(root, _support.CONFIGS["web"], root / "site").out
    return (site / "search" / "search_index.json").read_bytes()


def combined_from_parts(site: Path, codes: list[str]) -> bytes:
    """The per-language indexes put back into one (locations prefixed again), for quick mode."""
    default, docs, config = codes[0], [], {}
    for lang in codes:
        index = json.loads(index_path(site, lang, default).read_text(encoding="utf-8"))
        config = config or index["config"]
        prefix = "" if lang == default else f"{lang}/"
        docs += [{**doc, "location": prefix + doc["location"]} for doc in index["docs"]]
    return json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")).encode()


def size_rows(quick: bool) -> list[dict]:
    codes = [lang.code for lang in languages(ROOT)]
    site = built_site("web")
    sizes = {}
    for lang in codes:
        data = index_path(site, lang, codes[0]).read_bytes()
        sizes[lang] = (len(data), gzip_size(data))
    combined = combined_from_parts(site, codes) if quick else combined_by_building()
    how = ("the per-language indexes joined (quick mode)" if quick
           else f"built without {HOOK}: site/search/search_index.json")
    combined_sizes = (len(combined), gzip_size(combined))
    escapes = combined.count(b"\\u")
    if escapes:  # Material writes the index with json.dumps' default ensure_ascii
        how += f"; it writes {escapes:,} letters as \\uXXXX escapes (6 bytes each; ours UTF-8: 2-3)"
    rows = []
    for i, kind in enumerate(("raw", "gzip")):
        largest = max(codes, key=lambda lang: sizes[lang][i])
        ordered = ", ".join(f"{lang} {sizes[lang][i] / 1000:.0f}" for lang in sorted(codes, key=lambda c: -sizes[c][i]))
        rows += [
            _row(f"index per language, largest ({kind})", sizes[largest][i], "B", "",
                 f"{largest}; all in kB: {ordered}"),
            _row(f"index per language, median ({kind})", round(median([s[i] for s in sizes.values()])), "B", "", ""),
            _row(f"combined index, all languages ({kind})", combined_sizes[i], "B", "",
                 f"{how}; the {len(codes)} per-language indexes add up to "
                 f"{sum(size[i] for size in sizes.values()) / 1000:.0f} kB"),
            _row(f"largest language / combined ({kind})", round(sizes[largest][i] / combined_sizes[i], 3), "x",
                 "<= 0.167 (1/6)",
                 f"a visitor reading {largest} downloads {sizes[largest][i] / combined_sizes[i]:.0%} of the combined index"),
        ]
    return rows


# --- time to first result -----------------------------------------------------------------------------------

def query_words(root: Path, lang: str, script: str, count: int) -> list[str]:
    """Words in the language's own script that occur in at least two guides, in a fixed random order
    (more than `count`: a word the search pipeline drops, like a stop word, is skipped)."""
    seen: dict[str, int] = {}
    for guide in load_guides(lang, root):
        text = LINK_TARGET.sub(" ", TOKEN.sub(" ", guide.body))  # only what a visitor reads
        words = {w.lower() for w in WORD_SPLIT.split(text) if len(w) >= 4 and w.isalpha()
                 and all(unicodedata.name(c, "").startswith(script) for c in w)}
        for word in words:
            seen[word] = seen.get(word, 0) + 1
    common = sorted(w for w, n in seen.items() if n >= 2)
    random.Random(f"{lang}-{count}").shuffle(common)
    return common[: count * 3]


def press(cdp, char: str) -> None:
    """One key as a keyboard with that language's layout sends it (keydown with the character as its
    key and text, then keyup). Playwright's own press() only knows the US layout's keys."""
    cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": char, "text": char, "unmodifiedText": char})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})


def time_queries(page, words: list[str], count: int) -> tuple[dict[str, float], list[str]]:
    """Milliseconds from the last keystroke to the first result, per word; and the words that found nothing."""
    box = page.locator(SEARCH_INPUT)
    cdp = page.context.new_cdp_session(page)
    timings, misses = {}, []
    for word in words:
        if len(timings) >= count:
            break
        box.fill("")
        box.press("End")  # Material searches on keyup: this clears the last results
        page.wait_for_function(RESULTS_CLEARED, timeout=10_000)
        box.fill(word[:-1])  # no key event: Material does not search yet
        page.wait_for_timeout(50)
        page.evaluate(_ARM)
        press(cdp, word[-1])
        page.wait_for_function(_RESULTS_OR_NONE, timeout=10_000)
        probe = page.evaluate("() => { window.__mgProbe.stop(); return [window.__mgProbe.down, window.__mgProbe.shown]; }")
        if probe[1] is None:
            misses.append(word)
        else:
            timings[word] = probe[1] - probe[0]
    return timings, misses


def warm_up(page, words: list[str]) -> int:
    """Wait until the search worker has its index: a first query shows results. A word that finds
    nothing (a stop word, which decides nothing) is passed over. Returns the index of the word used."""
    box = page.locator(SEARCH_INPUT)
    box.click()
    for i, word in enumerate(words):
        if i:
            box.fill("")
            box.press("End")
            page.wait_for_function(RESULTS_CLEARED, timeout=60_000)
        box.fill(word)
        box.press("End")
        page.wait_for_function(f"({_RESULTS_OR_NONE})() || "
                               "document.querySelectorAll('.md-search-result__item').length > 0", timeout=60_000)
        if page.locator(".md-search-result__item").count():
            return i
    raise RuntimeError(f"no query found anything: {', '.join(words[:5])}")


def latency_rows(browser, guides: int | None, count: int) -> list[dict]:
    root = ROOT if guides is None else _support.project_with_guides(guides)
    site = built_site("library", guides)
    label = f"{guides or len(_support.guide_slugs())} guides"
    rows = []
    for lang, script in LATENCY_LANGUAGES.items():
        words = query_words(root, lang, script, count)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        try:
            page.goto(page_url(site.as_uri() + "/", "library", lang, GUIDE))
            used = warm_up(page, words)
            words = words[used:]
            timings, misses = time_queries(page, words[1:], count)
        finally:
            context.close()
        if not timings:
            rows.append(_row(f"time to first result, {lang} ({label})", "failed", "ms", "", "no query found anything"))
            continue
        note = (f"{len(timings)} queries from {lang} guides, e.g. {', '.join(words[1:4])}"
                + (f"; {len(misses)} found nothing ({', '.join(misses[:3])})" if misses else ""))
        slowest = ", ".join(f"{w} {ms:.0f}" for w, ms in sorted(timings.items(), key=lambda i: -i[1])[:3])
        values = list(timings.values())
        rows += [
            _row(f"time to first result, {lang}, median ({label})", round(median(values), 1), "ms",
                 f"< {TARGET_MS}", note),
            _row(f"time to first result, {lang}, p90 ({label})", round(percentile(values, 0.9), 1), "ms",
                 f"< {TARGET_MS}", f"slowest (ms): {slowest}; library edition from file://"),
        ]
    return rows


def run(quick: bool = False) -> list[dict]:
    rows = size_rows(quick)
    with _support.chromium(priority=True) as browser:
        rows += latency_rows(browser, None, 5 if quick else QUERIES)
        if not quick:
            rows += latency_rows(browser, BIG, QUERIES)
    return rows


def _row(metric, value, unit, target, note) -> dict:
    return {"benchmark": "search", "metric": metric, "value": value, "unit": unit, "target": target, "note": note}


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['metric']:<48} {row['value']!s:>8} {row['unit']:<3} {row['target']:<10} {row['note']}")
