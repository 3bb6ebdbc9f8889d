#!/usr/bin/env python3
"""Add a language to the site.

Makes everything a new language needs, so the site builds with it at once:
  docs/CODE/                       the start page and every guide, copied from Swedish; the guides are
                                   marked 'translation: needed' (visitors see a notice and a link to the
                                   Swedish guide until they are translated)
  mkdocs.yml                       the language's entry, last in the i18n plugin's 'languages:' list
                                   (the rest of the file, comments too, stays as it is)
  overrides/strings/CODE.yml       the site's own texts, copied from English, marked for translation
  overrides/partials/languages/CODE.html
                                   Material's texts (search, menus), copied from English and marked for
                                   translation, only when Material has none for the language

The new language is hidden from visitors ('build: false' in its mkdocs.yml entry): it is not built,
not in the language menu, the sitemap or the search, while staff translate it and look at it with
`medborgarguiden serve --lang CODE`. Changing 'build: false' to 'build: true' publishes it.

It changes nothing when the code is wrong or the language is there already. CODE is any ISO 639 code:
two letters (pl Polish, sw Swahili, am Amharic) or three (prs Dari, ckb Sorani, kmr Kurmanji). Where
Babel does not know the language, dates and weekdays are written in English; where Material has no
texts for it, they start as English copies to translate.
Exit status: 0 done, 1 the language exists or a file is missing, 2 bad input.

examples:
  python scripts/new_language.py pl --name Polski --site-name "Przewodnik obywatela"
  python scripts/new_language.py prs --name دری --rtl
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

try:
    from medborgarguiden.site import script_project
except ModuleNotFoundError as missing:  # away from the project, or a Python without its packages
    sys.exit(f"{Path(__file__).name}: cannot load '{missing.name}'. Run it from the project's scripts/ folder "
             "with the project's Python: .venv/bin/python (Windows: .venv\\Scripts\\python).")
ROOT = script_project(__file__, "python scripts/new_language.py CODE --name \"…\"")

from medborgarguiden import guide_files, language_files  # noqa: E402
from medborgarguiden.guides import guide_paths  # noqa: E402
from medborgarguiden.locales import known_to_babel  # noqa: E402
from medborgarguiden.safe_write import (  # noqa: E402
    Problem, WriteError, languages_or_problem, one_line, read_or_problem, write_all)

DEFAULT_SITE_NAME = "Medborgarguiden"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", metavar="CODE", help="ISO 639 language code, e.g. pl, prs, ckb, kmr")
    parser.add_argument("--name", required=True, help="the language's name in the language itself, e.g. Polski")
    parser.add_argument("--site-name", help=f"the site's name in the language (default: {DEFAULT_SITE_NAME})")
    parser.add_argument("--rtl", action="store_true",
                        help="the language is written right to left (found by itself where Babel knows the "
                             "language, like ps, ur, ckb; give it for others, like prs)")
    return parser.parse_args(argv)


def _read(path: Path, root: Path, what: str) -> str:
    name = path.relative_to(root) if path.is_relative_to(root) else path
    return read_or_problem(
        path,
        f"{name}: {what} is missing; nothing was changed. Restore it (git checkout -- {name}, "
        "or reinstall the requirements for Material's files) and try again.",
        lambda err: f"{path}: cannot read {what} ({err}); nothing was changed.")


def plan(args, root: Path):
    """Every file to write, the new mkdocs.yml text and notes to print; raises Problem otherwise."""
    code = args.code
    problem = language_files.code_problem(code)
    if problem:
        raise Problem(problem, 2)
    one_line("--name", args.name)
    one_line("--site-name", args.site_name)
    config_path = root / "mkdocs.yml"
    config_text = _read(config_path, root, "the site configuration")
    langs = languages_or_problem(root)
    if code in langs:
        raise Problem(f"the site already has the language '{code}' (mkdocs.yml); nothing was changed.", 1)
    docs = root / "docs"
    if (docs / code).exists():
        raise Problem(f"docs/{code}/ exists already, but '{code}' is not in mkdocs.yml; nothing was changed. "
                      f"Move or remove docs/{code}/ first, or add the language to mkdocs.yml by hand.", 1)
    default = langs[0]
    notes = []

    # Every page that all languages have (start page, guides, pages like an accessibility statement);
    # pages only some languages have (the staff pages) stay out.
    source_dir = docs / default
    if not (source_dir / "index.md").is_file():
        raise Problem(f"docs/{default}/index.md: the Swedish start page is missing; nothing was changed. "
                      f"Restore it with 'git checkout -- docs/{default}/index.md'.", 1)
    guides = {p.relative_to(source_dir) for p in guide_paths(docs, default)}
    files: dict[Path, str | bytes | None] = {}
    for path in sorted(p for p in source_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(source_dir)
        if not all((docs / lang / rel).is_file() for lang in langs[1:]):
            continue
        if path.suffix != ".md":
            files[docs / code / rel] = None  # copied as bytes below
            continue
        text = _read(path, root, "a Swedish page")
        files[docs / code / rel] = guide_files.as_needed(text) if rel in guides else text

    strings_dir = root / "overrides" / "strings"
    strings_path = strings_dir / f"{code}.yml"
    if strings_path.exists():
        notes.append(f"overrides/strings/{code}.yml exists already: kept as it is")
    else:
        english = _read(strings_dir / "en.yml", root, "overrides/strings/en.yml (the English texts)")
        files[strings_path] = language_files.strings_file(english, code, args.name)

    if not known_to_babel(code):
        notes.append(f"Babel does not know '{code}': dates, weekdays and times are written in English; the "
                     f"direction is {'right to left' if args.rtl else 'left to right'}, as given (--rtl)")
    written_right_to_left = language_files.is_right_to_left(code)
    rtl = args.rtl or written_right_to_left
    if rtl and not args.rtl:
        notes.append(f"'{code}' is written right to left: the pages will be laid out that way")
    material_dir = language_files.material_languages_dir()
    partial = root / "overrides" / "partials" / "languages" / f"{code}.html"
    if (material_dir / f"{code}.html").is_file():
        if args.rtl and not written_right_to_left:
            notes.append("--rtl: Material's own texts for this language set the direction; check them")
    elif partial.exists():
        notes.append(f"overrides/partials/languages/{code}.html exists already: kept as it is")
    else:
        english = _read(material_dir / "en.html", root, "Material's English texts (partials/languages/en.html)")
        files[partial] = language_files.material_strings(english, code, args.name, rtl)

    english_entry = language_files.english_entry(config_text)
    site_name = (args.site_name or DEFAULT_SITE_NAME).strip()
    if not args.site_name:
        notes.append(f"site name: {DEFAULT_SITE_NAME} (give --site-name or change 'site_name' in mkdocs.yml)")
    try:
        new_config = language_files.with_language(
            config_text, code, args.name.strip(), site_name, english_entry.get("site_description"),
            f"English until translated: write it in {args.name.strip()}")
    except Exception as err:  # ValueError, or YAML the list cannot be found in
        raise Problem(f"mkdocs.yml: cannot add the language to the i18n plugin's 'languages:' list ({err}); "
                      "nothing was changed. Add it by hand, like the entries before it.", 1)

    for path, text in files.items():
        if path.exists():
            raise Problem(f"{path.relative_to(root)} exists already; nothing was changed.", 1)
        if text is None:
            files[path] = (source_dir / path.relative_to(docs / code)).read_bytes()
    return files, new_config, notes, rtl


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        files, new_config, notes, rtl = plan(args, ROOT)
        write_all(files, {ROOT / "mkdocs.yml": new_config})
    except (Problem, WriteError) as problem:
        print(f"new_language.py: {problem}", file=sys.stderr)
        return problem.code
    code, name = args.code, args.name.strip()
    pages = [p for p in files if p.is_relative_to(ROOT / "docs")]
    others = [p.relative_to(ROOT) for p in files if not p.is_relative_to(ROOT / "docs")]
    print(f"Added {name} ({code}{', right to left' if rtl else ''}):")
    print(f"  docs/{code}/  {len(pages)} pages copied from Swedish; the guides are marked 'translation: needed'")
    print(f"  mkdocs.yml  the language's entry, last in the i18n 'languages:' list, hidden from visitors "
          "(build: false)")
    for path in others:
        print(f"  {path}  copied from English, to translate")
    for note in notes:
        print(f"  {note}")
    print("\nNext:")
    step = 1
    for path in others:
        print(f"  {step}. Translate {path} into {name}.")
        step += 1
    print(f"  {step}. Translate docs/{code}/index.md, and 'site_description' in the new entry in mkdocs.yml.")
    print(f"  {step + 1}. Check and look: medborgarguiden validate, then medborgarguiden serve --lang {code}.")
    print(f"  {step + 2}. Commit: git add mkdocs.yml docs/{code} "
          + " ".join(str(p) for p in others) + f" && git commit -m \"Add {name}\"")
    print(f"  {step + 3}. Translate the guides: python scripts/translations.py shows which are left. In each "
          f"translated guide, write the words {name} speakers search with in 'keywords: []'.")
    print(f"  {step + 4}. Publish: in mkdocs.yml change 'build: false' to 'build: true' in the {code} entry.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
