"""What the translation status costs: `collect()` on this checkout, which every build of the web
edition runs once for the staff page (overrides/hooks/status_page.py) and `scripts/translations.py`
runs per call. It reads every guide's front matter and asks git three times."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from medborgarguiden.translation_status import collect, read_history


def _best_of(func, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def run(quick: bool = False) -> list[dict]:
    runs = 2 if quick else 5
    report = collect(ROOT)
    files = len(report.records)
    best, median = _best_of(lambda: collect(ROOT), runs)
    git_best, _ = _best_of(lambda: read_history(ROOT), runs)
    note = f"{len(report.slugs)} guides × {len(report.languages)} languages = {files} files; best of {runs}"
    return [
        {"benchmark": "translation_status", "metric": "collect (median)", "value": round(median * 1000),
         "unit": "ms", "target": "< 1000", "note": note},
        {"benchmark": "translation_status", "metric": "collect (best)", "value": round(best * 1000),
         "unit": "ms", "target": "", "note": note},
        {"benchmark": "translation_status", "metric": "git history only (best)", "value": round(git_best * 1000),
         "unit": "ms", "target": "", "note": "git rev-parse ×2, log --first-parent, status"},
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
