#!/usr/bin/env python3
"""Print the number of the link check's own open issue, or nothing when there is none.

Reads the JSON that `gh issue list --state open --json number,body,author` writes. The
issue is the one whose body starts with the marker the Markdown report begins with
(<!-- medborgarguiden-linkcheck -->) and that no person wrote: a label alone never
makes an issue ours, so a person's issue is never edited or closed by the workflow.

Exit status: 0 (with or without a number), 2 when the file cannot be read.

example:
  gh issue list --state open --limit 500 --json number,body,author > open.json
  python scripts/linkcheck_issue.py open.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from medborgarguiden.linkcheck.report import own_issue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="linkcheck_issue.py", description=__doc__.split("\n\n")[0],
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("issues", type=Path, help="JSON list of open issues from gh issue list")
    args = parser.parse_args(argv)
    try:
        issues = json.loads(args.issues.read_text(encoding="utf-8"))
        if not isinstance(issues, list) or not all(isinstance(i, dict) and "number" in i for i in issues):
            raise ValueError("not a list of issues with numbers")
    except (OSError, ValueError) as exc:
        print(f"linkcheck_issue: {args.issues}: cannot read the issue list ({exc}). "
              f"Write it with: gh issue list --state open --json number,body,author", file=sys.stderr)
        return 2
    number = own_issue(issues)
    if number is not None:
        print(number)
    return 0


if __name__ == "__main__":
    sys.exit(main())
