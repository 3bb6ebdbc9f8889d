"""What one more library costs: `make libraries` (web editions and library-PC zips) for 1 and for N
generated libraries in three regions (Stockholm, Västra Götaland, Skåne). The site is built once;
each library's edition is written from that build (scripts/build_libraries.py). Reports the time per
added library (wall and CPU), projects the time for 300 libraries, and the disk each library takes;
the target is at most 1 s per added library on a 2-core machine.
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


def build_all(root: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the builds' processes included) of building every library's editions into `out`."""
    command = [sys.executable, str(root / "scripts" / "build_libraries.py"), "--site", str(out / "site"),
               "--dist", str(out / "dist"), "--base", "https://bench.example/"]
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


def disk_per_library(out: Path) -> tuple[float, float]:
    """MB of one library's web edition (files it shares with the build are hard links, counted here
    as if copied) and of its zip, in the build in `out`."""
    folder = out / "site" / "lib-001"
    web = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    return web / 1e6, (out / "dist" / "lib-001-library.zip").stat().st_size / 1e6


def run(quick: bool = False) -> list[dict]:
    many = 4 if quick else 30
    one_wall, one_cpu = build_all(project_with_libraries(1), _support.scratch("libraries-1"))
    out = _support.scratch(f"libraries-{many}")
    many_wall, many_cpu = build_all(project_with_libraries(many), out)
    web_mb, zip_mb = disk_per_library(out)
    per_wall = (many_wall - one_wall) / (many - 1)
    per_cpu = (many_cpu - one_cpu) / (many - 1)
    note = "web editions and library-PC zips from one shared build; 3 regions"
    return [
        _row("1 library: make libraries", one_wall, "s", f"{note}; CPU {one_cpu:.1f} s"),
        _row(f"{many} libraries: make libraries", many_wall, "s", f"{note}; CPU {many_cpu:.1f} s"),
        # CPU is the steadier number on a shared machine; wall is what a person waits.
        _row("cost of each added library (CPU)", per_cpu, "s",
             f"({many_cpu:.1f} − {one_cpu:.1f}) / {many - 1}", target=f"<= {TARGET_PER_LIBRARY_S:g}"),
        _row("cost of each added library (wall)", per_wall, "s",
             f"({many_wall:.1f} − {one_wall:.1f}) / {many - 1}; noisy when other jobs share the cores",
             target=f"<= {TARGET_PER_LIBRARY_S:g}"),
        _row(f"projected: {PROJECTED} libraries (wall)", (one_wall + (PROJECTED - 1) * per_wall) / 60, "min",
             f"1 library + {PROJECTED - 1} × {per_wall:.2f} s; CPU {(one_cpu + (PROJECTED - 1) * per_cpu) / 60:.1f} min"),
        _row("disk: one library's web edition", web_mb, "MB",
             f"unchanged files are hard links to the shared build's; {PROJECTED} libraries ≈ "
             f"{PROJECTED * web_mb / 1000:.1f} GB as separate files"),
        _row("disk: one library's zip", zip_mb, "MB", f"{PROJECTED} libraries ≈ {PROJECTED * zip_mb / 1000:.1f} GB"),
    ]


def _row(metric, value, unit, note, target="") -> dict:
    if isinstance(value, float):
        value = round(value, 2)
    return {"benchmark": "libraries", "metric": metric, "value": value, "unit": unit, "target": target,
            "note": note}


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['metric']:<44} {row['value']!s:>8} {row['unit']:<3} {row['note']}")
