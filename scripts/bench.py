#!/usr/bin/env python3
"""Run every benchmark the project has and print one table.

Each module in scripts/benchmarks/ named *_bench.py has run(quick=False) returning rows
(benchmark, metric, value, unit, target, note). Speed and size targets live here, not in the tests.

  python scripts/bench.py                 all benchmarks, full size
  python scripts/bench.py --quick         small sizes, to see that they run
  python scripts/bench.py --only search   benchmarks whose module name contains "search"
  python scripts/bench.py --json out.json also write the rows as JSON
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from pathlib import Path

import medborgarguiden  # noqa: E402,F401  (one clear line, not a traceback, when this Python lacks the packages)

BENCH_DIR = Path(__file__).resolve().parent / "benchmarks"
COLUMNS = ("benchmark", "metric", "value", "unit", "target", "note")


def load_modules(only: str | None):
    for path in sorted(BENCH_DIR.glob("*_bench.py")):
        if only and only not in path.stem:
            continue
        yield path.stem, importlib.import_module(f"benchmarks.{path.stem}")


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def print_table(rows: list[dict]) -> None:
    cells = [[fmt(row.get(c, "")) for c in COLUMNS] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(COLUMNS)]
    print(" | ".join(c.ljust(w) for c, w in zip(COLUMNS, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in cells:
        print(" | ".join(v.ljust(w) for v, w in zip(r, widths)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check that every benchmark runs")
    parser.add_argument("--only", help="run only benchmarks whose module name contains this text")
    parser.add_argument("--json", type=Path, help="write the rows to this JSON file too")
    args = parser.parse_args(argv)
    rows: list[dict] = []
    failed = False
    for name, module in load_modules(args.only):
        print(f"running {name} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            rows.extend(module.run(quick=args.quick))
        except Exception:  # one broken benchmark must not hide the others' numbers
            failed = True
            rows.append({"benchmark": name, "metric": "error", "value": "failed", "unit": "", "target": "",
                         "note": traceback.format_exc().strip().splitlines()[-1]})
        print(f"  {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
