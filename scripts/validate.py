#!/usr/bin/env python3
"""Check every guide and the service registry, the same way the site build does.

Reports each problem as FILE:LINE: what is wrong. What to do. Exits 0 when all is well, 1 when there
are problems. It never changes a file.

  python scripts/validate.py
"""

from __future__ import annotations

import argparse
import sys

from medborgarguiden.guides import check_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    problems = check_site()
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} problem(s). Fix them and run 'python scripts/validate.py' again.", file=sys.stderr)
        return 1
    print("All guides, services.yml and libraries/*.yml are fine.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
