#!/usr/bin/env python3
"""Check every guide, the service registry (services.yml), the fact registry (facts.yml), the glossary
and libraries/*.yml, the same way the site build does.

Reports each problem as FILE:LINE: what is wrong. What to do. Then, as warnings that do not stop the
build: facts, phone numbers and guides nobody has checked for too long (oldest first), hard words a
guide does not explain the first time, and courses whose dates have passed. Exits 0 when there are no
problems (warnings or not), 1 when there are, 2 when this Python lacks the project's packages. It
never changes a file.

  python scripts/validate.py
"""

from __future__ import annotations

import argparse
import sys

from medborgarguiden.content_rules import check_content
from medborgarguiden.guides import check_site
from medborgarguiden.library_config import library_warnings
from medborgarguiden.registry import RegistryError, load_registry
from medborgarguiden.site import ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    problems = check_site()
    for warning in library_warnings():  # shown, but not a reason to stop: the site still builds
        print(warning)
    for problem in problems:
        print(problem)
    try:
        registry = load_registry(ROOT / "services.yml")
    except (RegistryError, OSError):
        registry = None  # already reported above
    warnings = check_content(ROOT, registry)[1]
    if warnings:
        print(f"\n{len(warnings)} warning(s): they do not stop the build, but fix them soon.")
        for text in warnings:
            where, _, what = text.partition(": ")  # file:line first, as every message
            print(f"{where}: warning: {what}")
    if problems:
        print(f"\n{len(problems)} problem(s). Fix them and run 'python scripts/validate.py' again.", file=sys.stderr)
        return 1
    print("\nNo problems: all guides, services.yml, facts.yml and libraries/*.yml are fine."
          + (f" ({len(warnings)} warning(s) above.)" if warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
