"""How long the two test tiers take on this machine: `make test-fast` (no browser, no site build; run it
before every commit) and `make test` (everything, as CI runs it). Both are the same pytest commands the
Makefile runs, timed as a whole. The full tier is left out with --quick: it takes minutes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIERS = {  # name: (pytest arguments, target in seconds on 2 cores)
    "make test-fast": (["-m", "not slow"], 90),
    "make test": ([], 8 * 60),
}


def timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "auto", *args, "tests"], cwd=ROOT,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    return seconds, last if result.returncode == 0 else f"FAILED: {last}"


def run(quick: bool = False) -> list[dict]:
    rows = []
    for name, (args, target) in TIERS.items():
        if quick and name == "make test":
            continue
        seconds, summary = timed(args)
        rows.append({"benchmark": "tiers", "metric": name, "value": round(seconds), "unit": "s",
                     "target": f"<= {target}", "note": summary})
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
