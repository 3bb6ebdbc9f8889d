"""What one more library costs: `make libraries` for 1 and for N generated libraries in three regions
(Stockholm, Västra Götaland, Skåne), web editions only, each library a separate `mkdocs build`
(scripts/build_libraries.py). Reports the build time per added library (wall and CPU) and projects
the time for 300 libraries; the issue's target is at most 1 s per added library on a 2-core machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import _support  # noqa: E402
else:
    from . import _support

PLACES = (("stockholm", "stockholm"), ("goteborg", "vastra-gotaland"), ("malmo", "skane"))
TARGET_PER_LIBRARY_S = 1.0
PROJECTED = 300


def project_with_libraries(count: int) -> Path:
    """A copy of the project whose libraries/ holds `count` generated libraries, cycling the three
    example places; the first is the default library."""
    root = _support.copy_project(_support.scratch(f"libraries-{count}"))
    template = (root / "libraries" / "exempel.yml").read_text(encoding="utf-8")
    for old in (root / "libraries").glob("*.yml"):
        old.unlink()
    for number in range(1, count + 1):
        municipality, region = PLACES[(number - 1) % len(PLACES)]
        text = template.replace("name: Exempelbackens bibliotek", f"name: Genererat bibliotek {number}", 1)
        text = re.sub(r"^municipality: .*$", f"municipality: {municipality}", text, count=1, flags=re.M)
        text = re.sub(r"^region: .*$", f"region: {region}", text, count=1, flags=re.M)
        (root / "libraries" / f"lib-{number:03d}.yml").write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^(\s+library:) \S+$", r"\1 lib-001", config.read_text(encoding="utf-8"),
                             count=1, flags=re.M), encoding="utf-8")
    return root


def build_all(root: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the builds' processes included) of building every library's web edition."""
    command = [sys.executable, str(root / "scripts" / "build_libraries.py"), "--no-zip",
               "--site", str(_support.scratch("libraries-site") / "site"), "--base", "https://bench.example/"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("LIB", None)
    _children_cpu()  # count only this build's processes
    started = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        tail = " / ".join(result.stdout.strip().splitlines()[-3:])
        raise _support.BuildError(f"build_libraries.py in {root} failed: {tail}")
    return seconds, _children_cpu()


_last_cpu = 0.0


def _children_cpu() -> float:
    """CPU seconds of the child processes that finished since the last call."""
    global _last_cpu
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    spent, _last_cpu = total - _last_cpu, total
    return spent


def run(quick: bool = False) -> list[dict]:
    many = 2 if quick else 6
    one_wall, one_cpu = build_all(project_with_libraries(1))
    many_wall, many_cpu = build_all(project_with_libraries(many))
    per_wall = (many_wall - one_wall) / (many - 1)
    per_cpu = (many_cpu - one_cpu) / (many - 1)
    note = "web editions only, one mkdocs build per library (scripts/build_libraries.py); 3 regions"
    return [
        _row("1 library: make libraries (web)", one_wall, "s", f"{note}; CPU {one_cpu:.1f} s"),
        _row(f"{many} libraries: make libraries (web)", many_wall, "s", f"{note}; CPU {many_cpu:.1f} s"),
        # CPU is the steadier number on a shared machine; wall is what a person waits.
        _row("cost of each added library (CPU)", per_cpu, "s",
             f"({many_cpu:.1f} − {one_cpu:.1f}) / {many - 1}", target=f"<= {TARGET_PER_LIBRARY_S:g}"),
        _row("cost of each added library (wall)", per_wall, "s",
             f"({many_wall:.1f} − {one_wall:.1f}) / {many - 1}; noisy when other jobs share the cores",
             target=f"<= {TARGET_PER_LIBRARY_S:g}"),
        _row(f"projected: {PROJECTED} libraries (wall)", (one_wall + (PROJECTED - 1) * per_wall) / 60, "min",
             f"1 library + {PROJECTED - 1} × {per_wall:.1f} s; CPU {(one_cpu + (PROJECTED - 1) * per_cpu) / 60:.0f} "
             "min; the library-PC zips would about double it"),
    ]


def _row(metric, value, unit, note, target="") -> dict:
    if isinstance(value, float):
        value = round(value, 1)
    return {"benchmark": "libraries", "metric": metric, "value": value, "unit": unit, "target": target,
            "note": note}


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['metric']:<44} {row['value']!s:>8} {row['unit']:<3} {row['note']}")
