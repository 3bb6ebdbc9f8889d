"""What the site benchmarks share: copies of the project with more guides, timed builds, built sites kept
for the rest of the run, a local web server that gzips like a real one, and Debian's Chromium.

bench.py runs every benchmark in one process, so a site built by one benchmark (build_bench times the
builds) is reused by the next (search_bench, page_weight_bench) instead of being built again.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gzip
import importlib.util
import http.server
import io
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def tests_module(name: str):
    """A plain helper module of the tests (tests/NAME.py), shared with the benchmarks."""
    spec = importlib.util.spec_from_file_location(f"tests_{name}", ROOT / "tests" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_browser = tests_module("browser")
CHROMIUM, CHROMIUM_ARGS = _browser.CHROMIUM, _browser.CHROMIUM_ARGS  # page_weight_bench uses them too
from medborgarguiden.guides import guide_paths
from medborgarguiden.site import languages

CONFIGS = {"web": "mkdocs.yml", "library": "mkdocs-library.yml"}
# What a build reads; libraries/ holds the libraries' own details (library.yml in older checkouts).
PROJECT_PARTS = ("docs", "overrides", "scripts", "mkdocs.yml", "mkdocs-library.yml", "services.yml", "facts.yml",
                 "glossary.yml", "libraries", "library.yml")
GZIP_LEVEL = 6  # what web servers use by default (nginx gzip_comp_level 6 in most setups, Apache's deflate)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p90 of 20 values is the 18th smallest)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


# --- scratch space, removed when the run ends ------------------------------------------------------------

_SCRATCH: Path | None = None


def scratch(name: str) -> Path:
    """A fresh folder for this run (under one temporary folder that is deleted at exit)."""
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = Path(tempfile.mkdtemp(prefix="mg-bench-"))
        atexit.register(shutil.rmtree, _SCRATCH, True)
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=_SCRATCH))


# --- copies of the project ---------------------------------------------------------------------------------

def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """The files a build reads, copied to dest (not a git checkout: the staff status page then says it
    cannot show outdated translations, which costs the build nothing)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, dest / part)
    return dest


def guide_slugs(root: Path = ROOT) -> list[str]:
    """The guides' slugs (the default language's guides: every language has the same ones)."""
    default = languages(root)[0].code
    return [p.stem for p in guide_paths(root / "docs", default)]


def grow_guides(root: Path, per_language: int) -> int:
    """Give every language `per_language` guides by copying existing guides under new slugs (pass-2,
    csn-2, …), the same slugs in every language, so the copy still follows the guide rules. Returns
    how many guides each language has afterwards."""
    codes = [lang.code for lang in languages(root)]
    slugs = guide_slugs(root)
    existing = set(slugs)
    copy_number, added = 2, 0
    while len(slugs) + added < per_language:
        for slug in slugs:
            if len(slugs) + added >= per_language:
                break
            new = f"{slug}-{copy_number}"
            if new in existing:
                continue
            for code in codes:
                source = root / "docs" / code / f"{slug}.md"
                shutil.copyfile(source, root / "docs" / code / f"{new}.md")
            existing.add(new)
            added += 1
        copy_number += 1
    return len(slugs) + added


_CORPORA: dict[str, Path] = {}


def project_with_guides(per_language: int) -> Path:
    """A copy of the project with `per_language` guides in every language, made once per run."""
    key = f"corpus-{per_language}"
    if key not in _CORPORA:
        root = copy_project(scratch(key))
        grow_guides(root, per_language)
        _CORPORA[key] = root
    return _CORPORA[key]


# --- builds ------------------------------------------------------------------------------------------------

@dataclass
class Build:
    seconds: float      # wall clock
    cpu_seconds: float  # user + system time of the build process (steadier on a shared machine)
    out: Path


class BuildError(RuntimeError):
    pass


def build(root: Path, config: str, out: Path, strict: bool = True) -> Build:
    """One `mkdocs build` as a separate process, as a person runs it."""
    return builds_at_once([(root, config, out, strict)])[0]


def builds_at_once(jobs: list[tuple[Path, str, Path, bool]]) -> list[Build]:
    """`mkdocs build`s (root, config, out, strict) started together, each its own process: builds
    measured side by side meet the same moment of a shared machine."""
    started = time.perf_counter()
    running = []
    with contextlib.ExitStack() as stack:
        for root, config, out, strict in jobs:
            if out.exists():
                shutil.rmtree(out)
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(out)]
            if strict:
                command.insert(4, "--strict")
            log = stack.enter_context(tempfile.TemporaryFile())
            process = subprocess.Popen(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                       stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            running.append((process, log, root, config, out))
        done: dict[int, Build] = {}
        while len(done) < len(running):  # each build's own wall time: note it when it ends
            for i, (process, log, root, config, out) in enumerate(running):
                if i in done:
                    continue
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid == 0:
                    continue
                if os.waitstatus_to_exitcode(status) != 0:
                    log.seek(0)
                    lines = log.read().decode("utf-8", "replace").strip().splitlines()
                    raise BuildError(f"mkdocs build -f {config} in {root} failed: " + " / ".join(lines[-3:]))
                done[i] = Build(time.perf_counter() - started, usage.ru_utime + usage.ru_stime, out)
            time.sleep(0.01)
    return [done[i] for i in range(len(running))]


_SITES: dict[tuple[str, int | None], Path] = {}


def keep_site(edition: str, guides: int | None, site: Path) -> None:
    """Offer a finished build to the benchmarks that run later (guides None: the project as it is)."""
    _SITES[(edition, guides)] = site


def built_site(edition: str, guides: int | None = None) -> Path:
    """An edition built once per run: of the project as it is (guides None), or of a copy with
    `guides` guides in every language."""
    key = (edition, guides)
    if key not in _SITES:
        root = ROOT if guides is None else project_with_guides(guides)
        _SITES[key] = build(root, CONFIGS[edition], scratch(f"{edition}-{guides or 'now'}") / "site").out
    return _SITES[key]


def without_hook(root: Path, hook: str) -> None:
    """Drop one hook from mkdocs.yml's hooks list in a copy of the project."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = re.compile(rf"^\s*-\s*{re.escape(hook)}\s*$\n?", re.MULTILINE)
    if not line.search(text):
        raise BuildError(f"{config}: no hook {hook} in the hooks list")
    config.write_text(line.sub("", text), encoding="utf-8")


# --- a local web server that compresses like a real one ----------------------------------------------------

COMPRESSED_TYPES = ("text/html", "text/css", "application/javascript", "text/javascript", "application/json",
                    "image/svg+xml", "application/xml", "text/xml", "text/plain")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files over HTTP/1.1 with keep-alive; text types gzipped when the browser accepts it,
    and the cache header GitHub Pages sends (max-age=600). Every response's bytes on the wire (status
    line, headers, body) go to the server's log."""

    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".json": "application/json", ".svg": "image/svg+xml",
                      ".webmanifest": "application/manifest+json"}
    _gzipped: dict[str, bytes] = {}

    def send_head(self):
        self._body_bytes = 0
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder with a slash
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self.send_error(404, "File not found")
            return None
        ctype = self.guess_type(path)
        with open(path, "rb") as f:
            body = f.read()
        gzipped = ctype in COMPRESSED_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            key = f"{path}:{os.stat(path).st_mtime_ns}"
            if key not in self._gzipped:
                self._gzipped[key] = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
            body = self._gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._body_bytes = len(body) if self.command != "HEAD" else 0
        return io.BytesIO(body)

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def flush_headers(self):
        self._header_bytes = sum(len(part) for part in getattr(self, "_headers_buffer", []))
        super().flush_headers()

    def parse_request(self):
        # The request line has just arrived (on a kept-alive connection the handler waits before it).
        self._started = time.time()  # the system clock, which pages read as performance.timeOrigin too
        return super().parse_request()

    def handle_one_request(self):
        self._header_bytes = self._body_bytes = 0
        super().handle_one_request()
        if self._header_bytes:
            self.server.log.append(Response(self.path, self._status, self._header_bytes + self._body_bytes,
                                            self._started))

    def log_message(self, *args):
        pass


@dataclass
class Response:
    path: str
    status: int
    size: int  # bytes on the wire: status line, headers and (gzipped) body
    started: float  # time.time() when the request line arrived


class GzipServer:
    """A built site on 127.0.0.1 (url ends in /); log holds a Response per request answered."""

    def __init__(self, directory: Path):
        handler = functools.partial(_GzipHandler, directory=str(directory))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._server.log = self.log = []
        self.url = f"http://127.0.0.1:{self._server.server_port}/"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def take_log(self) -> list[Response]:
        """The responses since the last call."""
        taken = list(self.log)
        del self.log[: len(taken)]
        return taken

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def gzip_server(directory: Path):
    server = GzipServer(directory)
    try:
        yield server
    finally:
        server.close()


# --- Chromium ----------------------------------------------------------------------------------------------

@contextlib.contextmanager
def raised_priority(step: int = 10):
    """Processes started inside this block run at a raised priority (nice -10) where that is allowed:
    a visitor's PC or phone runs the page alone, this machine also runs other people's jobs, which
    would otherwise decide the timings. Yields whether the priority was raised."""
    before = os.getpriority(os.PRIO_PROCESS, 0)
    try:
        os.setpriority(os.PRIO_PROCESS, 0, before - step)
        raised = True
    except OSError:
        raised = False
    try:
        yield raised
    finally:
        if raised:
            os.setpriority(os.PRIO_PROCESS, 0, before)


@contextlib.contextmanager
def chromium(priority: bool = False):
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser); with priority,
    the browser runs at a raised priority (see raised_priority)."""
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        with raised_priority() if priority else contextlib.nullcontext():
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        yield browser


def page_url(base: str, edition: str, lang: str, slug: str | None = None, default: str = "sv") -> str:
    """A guide's (or a start page's) address in a built edition: the web edition has folder URLs,
    the library edition (opened from disk) .html files."""
    prefix = "" if lang == default else f"{lang}/"
    if edition == "web":
        return f"{base}{prefix}{slug + '/' if slug else ''}"
    return f"{base}{prefix}{slug + '.html' if slug else 'index.html'}"
