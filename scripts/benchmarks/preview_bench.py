"""The preview while editing (`medborgarguiden serve`): from saving a guide to the reloaded page.

Starts the preview on a copy of the project, saves a change to a guide and asks for the page until it
shows the change (the browser's reload does the same: the page waits for the build). Measured for a
Swedish guide, an English guide (the first save of a language adds it to the preview; later saves
rebuild the changed page only) and services.yml (every page of the built languages is rebuilt).
Target from the staff issue: one guide saved → reloaded page in ≤ 3 s on a 2-core PC.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.request

from benchmarks import _support

TARGET_SECONDS = 3.0


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.read().decode("utf-8", "replace")
    except OSError as err:  # a 500 page while building, a refused connection while starting
        body = getattr(err, "read", lambda: b"")()
        return body.decode("utf-8", "replace") if isinstance(body, bytes) else ""


def _wait_for(url: str, text: str, timeout: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not show {text!r} within {timeout:.0f} s")


def _save(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(quick: bool = False) -> list[dict]:
    root = _support.copy_project(_support.scratch("preview") / "project")
    port = next(p for p in range(18700, 18800) if _port_free(p))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "medborgarguiden", "serve", "--port", str(port)], cwd=root,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/medborgarguiden/"
    rows = []
    try:
        started = _wait_for(base, "<html")
        rows.append(_row("first build (Swedish only)", started, "", "from start to the first page"))
        saves = 2 if quick else 4
        slug = "cv"
        for lang, prefix in (("sv", ""), ("en", "en/")):
            url = f"{base}{prefix}{slug}/"
            times = []
            for n in range(saves):
                marker = f"Preview-{lang}-{n}"
                _save(root / "docs" / lang / f"{slug}.md", "\n# ", f"\n# {marker} ")
                times.append(_wait_for(url, marker))
            if lang != "sv":
                rows.append(_row(f"first save of a {lang} guide", times[0], "",
                                 "adds the language to the preview (its pages are built)"))
                times = times[1:]
            rows.append(_row(f"{lang} guide saved → page reloaded (median)", statistics.median(times),
                             f"≤ {TARGET_SECONDS:g}", f"{len(times)} saves of docs/{lang}/{slug}.md"))
        _save(root / "services.yml", "\n", "\n# a comment, to change the file\n")
        marker = "Preview-sv-final"
        _save(root / "docs" / "sv" / f"{slug}.md", "\n# ", f"\n# {marker} ")
        rows.append(_row("services.yml saved → page reloaded", _wait_for(f"{base}{slug}/", marker), "",
                         "every page of sv and en rebuilt"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def _port_free(port: int) -> bool:
    from medborgarguiden.preview import port_is_free
    return port_is_free(port)


def _row(metric: str, seconds: float, target: str, note: str) -> dict:
    return {"benchmark": "preview", "metric": metric, "value": round(seconds, 2), "unit": "s", "target": target,
            "note": note}


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
