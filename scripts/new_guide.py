#!/usr/bin/env python3
"""Start a new guide in every language of the site.

Makes docs/<lang>/SLUG.md for every language from scripts/templates/guide.md: the Swedish guide
(translation: source) for you to write, and in the other languages a copy of the Swedish text marked
'translation: needed' until someone translates it (visitors see a notice and a link to the Swedish
guide meanwhile). The guide appears on every start page and in the menu by itself: both are made
from the guides' front matter.

It never overwrites anything: if a guide with that name exists in any language, nothing is written.

SLUG is the file name and web address of the guide: lowercase a–z (no å, ä, ö), digits and hyphens,
e.g. skriva-ut. Exit status: 0 done, 1 the guide exists or a file is missing, 2 bad input.

examples:
  python scripts/new_guide.py skriva-ut --title "Skriva ut på biblioteket" --label "Skriva ut" --errand printing
  python scripts/new_guide.py lana-dator --title "Låna en dator" --description "Så lånar du en dator här."
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

try:
    from medborgarguiden.site import script_project
except ModuleNotFoundError as missing:  # away from the project, or a Python without its packages
    sys.exit(f"{Path(__file__).name}: cannot load '{missing.name}'. Run it from the project's scripts/ folder "
             "with the project's Python: .venv/bin/python (Windows: .venv\\Scripts\\python).")
ROOT = script_project(__file__, "python scripts/new_guide.py SLUG --title \"…\"")

from medborgarguiden import guide_files  # noqa: E402
from medborgarguiden.guides import ERRANDS, icon_path  # noqa: E402
from medborgarguiden.safe_write import (  # noqa: E402
    Problem, WriteError, languages_or_problem, one_line, read_or_problem, write_all)

DEFAULT_ERRAND = "authorities"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("slug", metavar="SLUG", help="file name of the guide, e.g. skriva-ut")
    parser.add_argument("--title", required=True, help="the task, as a visitor would say it (Swedish)")
    parser.add_argument("--label", help="1–3 words for the start page tile (default: the title)")
    parser.add_argument("--errand", help=f"the kind of errand, which orders the start page (default: {DEFAULT_ERRAND}); "
                                         f"one of: {', '.join(ERRANDS)}")
    parser.add_argument("--description", help="one sentence: what the guide helps with (default: a placeholder "
                                               "to fill in)")
    parser.add_argument("--icon", default=guide_files.DEFAULT_ICON,
                        help=f"a Material icon name (default: {guide_files.DEFAULT_ICON}); "
                             "see https://pictogrammers.com/library/mdi/")
    return parser.parse_args(argv)


def plan(args, root: Path) -> tuple[dict[Path, str], list[str]]:
    """Every file to write and the notes to print, after all checks; raises Problem otherwise."""
    langs = languages_or_problem(root)
    default = langs[0]
    problem = guide_files.slug_problem(args.slug, langs)
    if problem:
        raise Problem(problem, 2)
    one_line("--title", args.title)
    one_line("--label", args.label)
    one_line("--description", args.description)
    notes = []
    errand = args.errand or DEFAULT_ERRAND
    if errand not in ERRANDS:
        raise Problem(f"--errand {errand}: unknown errand. Use one of: {', '.join(ERRANDS)}.", 2)
    if not args.errand:
        notes.append(f"errand: {DEFAULT_ERRAND} (the default; it decides where the tile sits on the start page — "
                     "the other errands are listed in --help)")
    if not icon_path(args.icon):
        raise Problem(f"--icon {args.icon}: there is no such icon. Use a name like material/printer "
                      "from https://pictogrammers.com/library/mdi/.", 2)
    existing = [f"docs/{lang}/{args.slug}.md" for lang in langs if (root / "docs" / lang / f"{args.slug}.md").exists()]
    if existing:
        where = f"docs/*/{args.slug}.md" if len(existing) == len(langs) else ", ".join(existing)
        raise Problem(f"the guide '{args.slug}' already exists ({where}); nothing was changed. "
                      "Edit the existing guide, or choose another name.", 1)
    missing_folders = [f"docs/{lang}/" for lang in langs if not (root / "docs" / lang).is_dir()]
    if missing_folders:
        raise Problem(f"{', '.join(missing_folders)}: the language folder is missing. Restore it from git "
                      "(or add the language with scripts/new_language.py) and try again.", 1)
    template = read_or_problem(
        root / guide_files.TEMPLATE,
        f"{guide_files.TEMPLATE}: the guide template is missing. Restore it with "
        f"'git checkout -- {guide_files.TEMPLATE}'; nothing was changed.",
        lambda err: f"{guide_files.TEMPLATE}: cannot read the guide template ({err}).")
    values = {
        "title": args.title.strip(),
        "label": (args.label or args.title).strip(),
        "description": args.description.strip() if args.description else None,
        "icon": args.icon,
        "errand": errand,
        "checked": dt.date.today().isoformat(),
        "translation": "source",
    }
    if not args.label:
        notes.append("label: the title (shorten it to 1–3 words for the start page tile)")
    if not args.description:
        notes.append("description: a placeholder (SKRIV HÄR) to replace with one sentence about the guide")
    try:
        source = guide_files.render(template, values)
    except ValueError as err:
        raise Problem(f"{guide_files.TEMPLATE}: the template cannot be filled in ({err}). Restore it with "
                      f"'git checkout -- {guide_files.TEMPLATE}'; nothing was changed.", 1)
    files = {root / "docs" / default / f"{args.slug}.md": source}
    copy = guide_files.as_needed(source)
    for lang in langs[1:]:
        files[root / "docs" / lang / f"{args.slug}.md"] = copy
    for path, text in files.items():
        lang = path.parent.name
        rules = guide_files.problems_in(text, path.relative_to(root), lang, root)
        if rules:
            raise Problem(f"{guide_files.TEMPLATE}: the guide made from the template breaks a rule: {rules[0]}", 1)
    return files, notes


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        files, notes = plan(args, ROOT)
        write_all(files)
    except (Problem, WriteError) as problem:
        print(f"new_guide.py: {problem}", file=sys.stderr)
        return problem.code
    langs = [path.parent.name for path in files]
    slug = args.slug
    print(f"Made the guide '{slug}' in {len(langs)} languages:")
    print(f"  docs/{langs[0]}/{slug}.md  the Swedish guide (translation: source): write it here")
    print(f"  docs/{{{','.join(langs[1:])}}}/{slug}.md  copies of the Swedish text (translation: needed)")
    for note in notes:
        print(f"  {note}")
    print("It shows on every start page and in the menu by itself (from its front matter).")
    print("\nNext:")
    print(f"  1. Write the guide in docs/{langs[0]}/{slug}.md: the steps, the services it links to, 'eservice'.")
    print("     Replace every 'SKRIV HÄR' (the check names each one left, with its line).")
    print("  2. Search words: in 'keywords: []' write what a visitor would type for this errand, e.g. "
          "keywords: [lana dator, laptop, datorn] (see the staff handbook page personal/sokord/).")
    print("  3. Check it:  medborgarguiden validate   (and look at it: medborgarguiden serve)")
    print(f"  4. Commit it on a branch of its own: git switch -c guide-{slug}, then "
          f"git add docs/*/{slug}.md && git commit -m \"Add the guide {slug}\"")
    print(f"  5. Translate: python scripts/translations.py lists what needs translating; in each "
          f"docs/LANG/{slug}.md change 'translation: needed' to 'machine' (or 'reviewed') once it is translated, "
          "and write the search words in 'keywords: []' in that language.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
