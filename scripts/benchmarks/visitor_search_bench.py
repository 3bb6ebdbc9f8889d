"""Search quality: does a visitor's own query find the right guide?

The queries are in visitor_queries.yml (beside this file): per guide and language, what visitors type
(a natural word, a paraphrase, a typo or colloquial form). Each is typed into the search box of the
library edition opened from disk (file://) in Chromium, on the start page of its language, and the
pages shown are compared with the guide the query is about. Per language: hit@1 (the guide is the
first page), hit@3 (among the first three pages) and the share of queries that found nothing.

  python scripts/benchmarks/visitor_search_bench.py                 build the library edition, then measure
  python scripts/benchmarks/visitor_search_bench.py --site DIR      measure an already built library edition
  python scripts/benchmarks/visitor_search_bench.py --misses        also list every query that missed
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

if __name__ == "__main__":  # run on its own
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from benchmarks import _support  # noqa: E402
from benchmarks._support import page_url  # noqa: E402

from medborgarguiden.site import languages  # noqa: E402

page_path, search = _support.tests_module("browser").page_path, _support.tests_module("browser").search

QUERIES = Path(__file__).with_name("visitor_queries.yml")
HIT3_TARGET = 0.90
ZERO_TARGET = 0.03


def load_queries(path: Path = QUERIES) -> dict[str, list[tuple[str, str]]]:
    """{language: [(query, expected guide slug), …]} from the YAML file (guide → language → queries)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for slug, per_lang in data.items():
        for lang, queries in per_lang.items():
            by_lang.setdefault(lang, []).extend((str(q), str(slug)) for q in queries)
    return by_lang


def rank_of(slug: str, results: list[str]) -> int | None:
    """1-based place of the guide among the distinct pages shown, or None."""
    pages: list[str] = []
    for url in results:
        path = page_path(url)
        if path not in pages:
            pages.append(path)
    pattern = re.compile(rf"/{re.escape(slug)}(/|\.html)$")
    for place, path in enumerate(pages, 1):
        if pattern.search(path):
            return place
    return None


def measure(browser, site: Path, queries: dict[str, list[tuple[str, str]]], default: str) -> dict[str, dict]:
    """Per language: counts of hit@1, hit@3, zero results, and the misses (query, slug, what came first)."""
    outcome = {}
    for lang, items in queries.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(page_url(site.as_uri() + "/", "library", lang, None, default))
        stats = {"n": 0, "hit1": 0, "hit3": 0, "zero": 0, "misses": []}
        try:
            for query, slug in items:
                results = search(page, query, timeout=60_000)
                place = rank_of(slug, results)
                stats["n"] += 1
                stats["zero"] += not results
                stats["hit1"] += place == 1
                stats["hit3"] += place is not None and place <= 3
                if place is None or place > 3:
                    first = page_path(results[0]).rsplit("/", 1)[-1] if results else "nothing"
                    stats["misses"].append((query, slug, first))
        finally:
            context.close()
        outcome[lang] = stats
    return outcome


def rows_from(outcome: dict[str, dict]) -> list[dict]:
    rows = []
    for lang, s in outcome.items():
        n = s["n"] or 1
        rows += [
            _row(f"visitor queries {lang}: hit@1", round(s["hit1"] / n, 3), "", "",
                 f"{s['hit1']} of {s['n']} queries show the right guide first"),
            _row(f"visitor queries {lang}: hit@3", round(s["hit3"] / n, 3), "", f">= {HIT3_TARGET}",
                 f"{s['hit3']} of {s['n']}; misses e.g. " + ", ".join(q for q, _, _ in s["misses"][:4])),
            _row(f"visitor queries {lang}: zero results", round(s["zero"] / n, 3), "", f"<= {ZERO_TARGET}",
                 f"{s['zero']} of {s['n']} found nothing"),
        ]
    return rows


def run(quick: bool = False, site: Path | None = None) -> list[dict]:
    codes = [lang.code for lang in languages(_support.ROOT)]
    queries = load_queries()
    if quick:  # one query per guide: the first (the natural word)
        queries = {lang: items[::3] for lang, items in queries.items()}
    site = site or _support.built_site("library")
    with _support.chromium() as browser:
        return rows_from(measure(browser, site, queries, codes[0]))


def _row(metric, value, unit, target, note) -> dict:
    return {"benchmark": "visitor_search", "metric": metric, "value": value, "unit": unit, "target": target,
            "note": note}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built library edition (default: build one now)")
    parser.add_argument("--quick", action="store_true", help="only the first query per guide and language")
    parser.add_argument("--misses", action="store_true", help="list every query whose guide was not in the top 3")
    args = parser.parse_args(argv)
    codes = [lang.code for lang in languages(_support.ROOT)]
    queries = load_queries()
    if args.quick:
        queries = {lang: items[::3] for lang, items in queries.items()}
    site = args.site.resolve() if args.site else _support.built_site("library")
    with _support.chromium() as browser:
        outcome = measure(browser, site, queries, codes[0])
    print(f"{'language':<9} {'queries':>7} {'hit@1':>7} {'hit@3':>7} {'zero':>7}")
    for lang in codes:
        s = outcome.get(lang)
        if not s:
            continue
        n = s["n"] or 1
        print(f"{lang:<9} {s['n']:>7} {s['hit1'] / n:>7.0%} {s['hit3'] / n:>7.0%} {s['zero'] / n:>7.0%}")
    if args.misses:
        for lang in codes:
            for query, slug, first in outcome.get(lang, {}).get("misses", []):
                print(f"  miss {lang}: {query!r} → expected {slug}, first: {first}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
