"""File names in docs/: lowercase ASCII only, and no two that differ only in case.

A page's file name is its web address. 'Låna dator.md' or 'Pass.md' would publish addresses with
spaces, å or capitals, and 'Pass.md' beside 'pass.md' overwrite each other when the library zip is
unpacked on Windows (or checked out on a Mac)."""

from __future__ import annotations

import re
from pathlib import Path

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)?")


def file_name_problems(docs: Path, root: Path) -> list[str]:
    """One 'docs/…:1: what is wrong. What to write.' message per badly named file or folder."""
    from .guide_files import suggest_slug  # guide_files imports guides, which imports this module

    problems = []
    seen: dict[str, str] = {}  # lowercased path -> path as written
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            problems.append(f"{rel}:1: a link to another file has no place in docs/. Replace it by the file itself.")
            continue
        name = path.name
        stem, dot, ext = name.rpartition(".") if path.is_file() and "." in name else (name, "", "")
        if not NAME.fullmatch(name):
            better = suggest_slug(stem) or "skriva-ut"
            better += f".{ext.lower()}" if dot else ""
            problems.append(f"{rel}:1: the name '{name}' may only have lowercase letters a–z (no å, ä, ö), digits "
                            f"and hyphens — it becomes the page's web address. Rename it, e.g. to '{better}' "
                            "(in every language, with git mv).")
        folded = rel.casefold()
        if folded in seen:
            problems.append(f"{rel}:1: '{rel}' and '{seen[folded]}' differ only in capital letters and overwrite "
                            "each other on Windows. Keep one of them.")
        else:
            seen[folded] = rel
    return problems
