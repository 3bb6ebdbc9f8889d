#!/usr/bin/env python3
"""Show which translations lag behind the Swedish guides, and which guides' facts are due for a check.

For every guide and language the translation is one of:
  missing   no file for that language
  needed    a copy of the Swedish text, not translated yet   (translation: needed)
  outdated  the Swedish guide changed after the translation  (from git history, see below)
  machine   machine translated, not reviewed by a person     (translation: machine)
  reviewed  reviewed by a person who knows the language      (translation: reviewed)

"Outdated" compares the last commit that changed docs/sv/SLUG.md with the last commit that changed
docs/LANG/SLUG.md; changes not committed yet count as the newest. No dates typed by hand are used.
A guide's facts are due for a check when its 'checked' date is older than --max-age-days.

When a person has reviewed a translation, change 'translation: machine' to 'translation: reviewed' in
its front matter and commit. When the Swedish guide changed but the translation is still right, record
that with --mark-current LANG/SLUG (it writes 'source_checked:' into the translation's front matter)
and commit. The same table is on the site for staff: personal/oversattningar/.

examples:
  python scripts/translations.py                    # a table: one row per guide, one column per language
  python scripts/translations.py --max-age-days 180 # facts older than half a year are due for a check
  python scripts/translations.py --json             # one record per guide and language, for other tools
  python scripts/translations.py --mark-current en/cv   # checked: still right for the current Swedish guide
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from pathlib import Path

try:
    from medborgarguiden.site import script_project
except ModuleNotFoundError as missing:  # away from the project, or a Python without its packages
    sys.exit(f"{Path(__file__).name}: cannot load '{missing.name}'. Run it from the project's scripts/ folder "
             "with the project's Python: .venv/bin/python (Windows: .venv\\Scripts\\python).")
ROOT = script_project(__file__, "python scripts/translations.py")

from medborgarguiden import site  # noqa: E402
from medborgarguiden.front_matter_edit import set_field  # noqa: E402
from medborgarguiden.keywords import guides_without_keywords  # noqa: E402
from medborgarguiden.translation_status import (  # noqa: E402
    DEFAULT_MAX_AGE_DAYS, MEANING, STATES, TODO, Report, collect, read_meta, source_version,
)

# Full words, and short forms for narrow terminals. Capitals: act on these first.
LABELS = {"missing": "MISSING", "invalid": "INVALID", "outdated": "OUTDATED", "needed": "needed",
          "machine": "machine", "reviewed": "reviewed"}
SHORT = {"missing": "MISS", "invalid": "ERR", "outdated": "OLD", "needed": "need",
         "machine": "mach", "reviewed": "ok"}
STALE_MARK = "!"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print JSON: one record per guide and language")
    parser.add_argument("--mark-current", action="append", default=[], metavar="LANG/SLUG",
                        help="record that a person checked docs/LANG/SLUG.md against the current Swedish guide "
                             "and it is still right (clears 'outdated'); may be given more than once")
    parser.add_argument("--max-age-days", type=int, default=DEFAULT_MAX_AGE_DAYS, metavar="DAYS",
                        help=f"a guide's facts are due for a check after this many days (default: {DEFAULT_MAX_AGE_DAYS})")
    args = parser.parse_args(argv)
    if args.max_age_days < 0:
        parser.error("--max-age-days must be 0 or more")
    return args


def labels_for(report: Report, width: int) -> dict[str, str]:
    """The full words when the table fits the terminal, the short forms when it does not."""
    slug_w = max([len("guide"), *(len(s) for s in report.slugs)])
    full_w = slug_w + 2 + 12 + len(report.translations) * (max(map(len, LABELS.values())) + 1)
    return LABELS if full_w <= width else SHORT


def table(report: Report, labels: dict[str, str]) -> str:
    slug_w = max([len("guide"), *(len(s) for s in report.slugs)])
    langs = report.translations
    col = max(map(len, labels.values())) + 1
    default = report.languages[0]
    lines = [f"{'guide':<{slug_w}}  {'checked':<11} " + "".join(f"{lang:<{col}}" for lang in langs).rstrip()]
    for slug in report.slugs:
        source = report.record(slug, default)
        checked = source.checked.isoformat() if source.checked else "?"
        checked += STALE_MARK if source.stale_check else ""
        cells = "".join(f"{labels[report.record(slug, lang).state]:<{col}}" for lang in langs)
        lines.append(f"{slug:<{slug_w}}  {checked:<11} {cells}".rstrip())
    return "\n".join(lines)


def legend(report: Report, labels: dict[str, str], width: int) -> str:
    lines = ["What the words mean, and what to do (LANG = the column, SLUG = the row):"]
    label_w = max(map(len, labels.values()))
    indent = " " * (label_w + 4)
    entries = [(labels[state], f"{MEANING[state]}: {TODO[state]}.") for state in STATES
               if state != "invalid" or report.counts()["invalid"]]
    entries.append((STALE_MARK, f"(after the date) the facts were last checked more than {report.max_age_days} "
                                "days ago: check them against the authority's pages, then set 'checked:' in "
                                "docs/sv/SLUG.md to today's date."))
    for label, text in entries:
        lines.append(textwrap.fill(text, width=max(width, 60), initial_indent=f"  {label:<{label_w}}  ",
                                   subsequent_indent=indent))
    return "\n".join(lines)


def next_steps(report: Report, without_keywords: list[str] = ()) -> str:
    counts = report.counts()
    lines = ["Next:"]
    urgent = [r for r in report.records if r.state in ("missing", "invalid", "outdated")]
    if urgent:
        named = ", ".join(f"{r.lang}/{r.slug} ({r.state})" for r in urgent[:8])
        more = f" and {len(urgent) - 8} more" if len(urgent) > 8 else ""
        lines.append(f"  Fix first: {named}{more}.")
    if counts["needed"]:
        lines.append(f"  {counts['needed']} translation(s) not translated yet (needed).")
    if counts["machine"]:
        lines.append(f"  {counts['machine']} machine translation(s) wait for a person to review them.")
    stale = report.stale_guides()
    if stale:
        lines.append(f"  Facts due for a check (older than {report.max_age_days} days): "
                     + ", ".join(f"{r.slug} ({r.checked})" for r in stale) + ".")
    if without_keywords:
        named = ", ".join(without_keywords[:8]) + (f" and {len(without_keywords) - 8} more" if len(without_keywords) > 8 else "")
        lines.append(f"  No search words yet (keywords: []): {named}. Add the words visitors type "
                     "(staff page personal/sokord/).")
    if len(lines) == 1:
        lines.append("  Nothing: every translation is reviewed and up to date, and every guide's facts are checked.")
    return "\n".join(lines)


def mark_current(items: list[str], root: Path) -> int:
    """Write source_checked: <version of the Swedish guide> into each translation; all checked first."""
    langs = [lang.code for lang in site.languages(root)]
    default = langs[0]
    problems, changes = [], {}
    for item in items:
        lang, _, slug = item.strip().strip("/").removesuffix(".md").partition("/")
        path, source = root / "docs" / lang / f"{slug}.md", root / "docs" / default / f"{slug}.md"
        if not slug or lang not in langs or lang == default:
            problems.append(f"--mark-current {item}: write LANG/SLUG with a translated language, e.g. en/cv "
                            f"(languages: {', '.join(langs[1:])}).")
        elif not path.is_file() or not source.is_file():
            problems.append(f"--mark-current {item}: docs/{lang}/{slug}.md or docs/{default}/{slug}.md does not "
                            "exist. Check the name with: python scripts/translations.py")
        elif (read_meta(path) or {}).get("translation") not in ("machine", "reviewed"):
            problems.append(f"docs/{lang}/{slug}.md: it is not translated yet (or its front matter cannot be read), "
                            "so it cannot be current. Translate it first, then set 'translation: machine'.")
        else:
            changes[path] = set_field(path.read_text(encoding="utf-8"), "source_checked",
                                      f'"{source_version(source)}"', after="translation")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    for path, text in changes.items():
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(root)}: marked as checked against the current Swedish guide (source_checked).")
    names = " ".join(str(p.relative_to(root)) for p in changes)
    print(f"Commit it: git add {names} && git commit -m \"Translation checked: still right\"")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.mark_current:
        return mark_current(args.mark_current, ROOT)
    try:
        report = collect(ROOT, max_age_days=args.max_age_days)
    except Exception as err:  # a broken mkdocs.yml: say where, not how Python failed
        print(f"translations.py: mkdocs.yml: cannot read the site's languages ({str(err).splitlines()[0]}). "
              "Fix mkdocs.yml or restore it from git.", file=sys.stderr)
        return 1
    if not report.history.available:
        print(f"translations.py: note: {report.history.note}.", file=sys.stderr)
    if args.json:
        json.dump([r.as_json() for r in report.records], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    labels = labels_for(report, width)
    print(f"Translations of {len(report.slugs)} guides into {len(report.translations)} languages "
          f"(Swedish is the source; uncommitted changes count as the newest).\n")
    print(table(report, labels))
    print()
    print(legend(report, labels, width))
    print()
    print(next_steps(report, guides_without_keywords(ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
