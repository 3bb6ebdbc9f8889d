"""Build time of both editions, today and with 100 guides per language, beside a plain Material build.

Ours: `mkdocs build --strict -f mkdocs.yml` and `-f mkdocs-library.yml`, each a separate process (median
of 5 rounds, 3 with 100 guides; 1 in quick mode). The 100-guide corpus is a copy of the project in
which every language gets copies of its existing guides under new slugs (the same in every language,
so it passes the guide rules).

Plain: the same pages — every language's Markdown, in the same folders — as one plain Material site
(theme material, the same Markdown extensions, no i18n, no hooks), `service:` links turned into the
plain https URLs and `{phone:…}` into the number. The ratio web edition / plain says what our languages
and hooks (tiles, checks, side-by-side pages, QR codes, per-language search) cost on top of what Material
costs for the same pages; the target is at most 1.3x. The ratio uses CPU time (user + system of the build
process): on a machine shared with other jobs, wall time varies several-fold from run to run, CPU time
less so. Even CPU time drifts on a virtual machine (the same build took 4.7 s and 8.1 s of CPU minutes
apart), so each of our builds runs at the same time as a plain build, one per core, and the ratio is
the median of these pairs' own ratios. Built one after the other, six pairs ranged 1.10-1.59; built
together, 1.21-1.31.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from statistics import median

import yaml

from benchmarks import _support
from benchmarks._support import CONFIGS, ROOT, builds_at_once, scratch

from medborgarguiden.guides import PHONE_TOKEN, SERVICE_LINK
from medborgarguiden.registry import load_registry
from medborgarguiden.site import languages, read_config

REPEATS = 5  # rounds for the project as it is (3 for the 100-guide corpus: its builds take 4 times as long)
BIG = 100  # guides per language in the grown corpus


def language_pages(root: Path, edition: str) -> int:
    """Markdown pages an edition builds, in all languages (the library edition leaves out what its
    exclude_docs lists, read with mkdocs' own gitignore-style matcher)."""
    import pathspec

    docs = root / "docs"
    pages = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    if edition == "library":
        config = yaml.safe_load((root / CONFIGS["library"]).read_text(encoding="utf-8")) or {}
        spec = pathspec.GitIgnoreSpec.from_lines((config.get("exclude_docs") or "").splitlines())
        pages = [p for p in pages if not spec.match_file(p)]
    return len(pages)


def plain_project(root: Path, dest: Path) -> Path:
    """Every language's pages, in their folders, as a plain one-language Material site."""
    default = languages(root)[0].code
    registry = load_registry(root / "services.yml")
    ours = read_config(root)
    docs = dest / "docs"
    shutil.copytree(root / "docs", docs)
    for page in docs.rglob("*.md"):
        lang = page.relative_to(docs).parts[0]
        text = page.read_text(encoding="utf-8")
        text = SERVICE_LINK.sub(lambda m: f"]({registry.url_for(m.group(1), lang)})", text)
        text = PHONE_TOKEN.sub(lambda m: registry.resolve(m.group(1)).phone or "", text)
        page.write_text(text, encoding="utf-8")
    config = {
        "site_name": ours.get("site_name", "Site"),
        "theme": {"name": "material", "language": default},
        "markdown_extensions": ours.get("markdown_extensions", []),
        "plugins": ["search"],
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def measure(root: Path, label: str, guides: int | None, repeats: int) -> list[dict]:
    plain_root = plain_project(root, scratch("plain"))
    outs = {name: scratch(f"build-{name}") / "site" for name in (*CONFIGS, "plain")}
    runs: dict[str, list] = {name: [] for name in (*CONFIGS, "plain")}
    pairs: dict[str, list[float]] = {edition: [] for edition in CONFIGS}
    for _ in range(repeats):
        for edition, config in CONFIGS.items():  # each edition beside a plain build: see the module's doc
            ours, plain = builds_at_once([(root, config, outs[edition], True),
                                          (plain_root, "mkdocs.yml", outs["plain"], False)])
            runs[edition].append(ours)
            runs["plain"].append(plain)
            pairs[edition].append(ours.cpu_seconds / plain.cpu_seconds)
    times = {name: median(r.seconds for r in done) for name, done in runs.items()}
    cpu = {name: median(r.cpu_seconds for r in done) for name, done in runs.items()}
    ratio = {edition: median(pairs[edition]) for edition in CONFIGS}
    pages = {edition: language_pages(root, edition) for edition in CONFIGS}
    pages["plain"] = language_pages(plain_root, "plain")
    for edition in CONFIGS:
        _support.keep_site(edition, guides, runs[edition][-1].out)  # the search and page-weight benchmarks reuse it

    ours_s = times["web"] + times["library"]
    ours_cpu = cpu["web"] + cpu["library"]
    ours_pages = pages["web"] + pages["library"]
    turns = f"median of {repeats}, each beside a plain build" if repeats > 1 else "1 run, beside a plain build"
    count = len(languages(root))

    def edition_row(edition: str) -> dict:
        return _row(f"{label}: {edition} edition, {count} languages", times[edition], "s",
                    f"{pages[edition]} language-pages, {pages[edition] / times[edition]:.1f} pages/s; "
                    f"CPU {cpu[edition]:.1f} s; {turns}, --strict")

    def ratio_row(edition: str) -> dict:
        each = ", ".join(f"{r:.2f}" for r in pairs[edition])
        return _row(f"{label}: {edition} edition / plain Material (CPU)", round(ratio[edition], 2),
                    "x", f"the same {pages['plain']} pages; rounds {each}; CPU {cpu[edition]:.1f} s vs {cpu['plain']:.1f} s "
                    f"(wall {times[edition]:.1f} vs {times['plain']:.1f} s). Ours also writes a side-by-side page "
                    "per translated guide, QR codes and one search index per language", target="<= 1.3")

    return [
        edition_row("web"),
        edition_row("library"),
        _row(f"{label}: both editions, {count} languages", ours_s, "s",
             f"{ours_pages} language-pages, {ours_pages / ours_s:.1f} pages/s; CPU {ours_cpu:.1f} s"),
        _row(f"{label}: plain Material, same pages", times["plain"], "s",
             f"{pages['plain']} pages, {pages['plain'] / times['plain']:.1f} pages/s; CPU {cpu['plain']:.1f} s; "
             f"median of {len(runs['plain'])}, one beside each of ours; no i18n, no hooks, same Markdown extensions"),
        ratio_row("web"),
        ratio_row("library"),
    ]


def run(quick: bool = False) -> list[dict]:
    repeats = 1 if quick else REPEATS
    rows = measure(ROOT, f"today ({len(_support.guide_slugs())} guides)", None, repeats)
    if not quick:
        rows += measure(_support.project_with_guides(BIG), f"{BIG} guides", BIG, 3)
    return rows


def _row(metric, value, unit, note, target="") -> dict:
    if isinstance(value, float) and unit == "s":
        value = round(value, 1)
    return {"benchmark": "build", "metric": metric, "value": value, "unit": unit, "target": target, "note": note}


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['metric']:<48} {row['value']!s:>8} {row['unit']:<3} {row['note']}")
