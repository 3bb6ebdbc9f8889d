"""What the guide tools cost each build: the seconds a real build of this checkout spends in the two
hooks that make the printed QR codes (overrides/hooks/print_qr.py) and the side-by-side pages
(overrides/hooks/side_by_side.py, which renders one extra page per translated guide), beside the
whole build's time. Measured inside one `mkdocs build` per edition (quick: the web edition only),
the hooks' events wrapped with a timer. CPU time of the build process, so other work on the machine does not count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ("print_qr.py", "side_by_side.py")
TARGET_SHARE = 0.25  # of the build time

# Run in a fresh interpreter: mkdocs loads each hook once per process.
_BUILD = r"""
import json, sys, time
from mkdocs.config import config_options
spent = {}
load = config_options.Hooks._load_hook
def timed_load(self, name, path):
    module = load(self, name, path)
    if path.endswith(tuple(%(hooks)r)):
        for attr in [a for a in dir(module) if a.startswith("on_")]:
            event = getattr(module, attr)
            def wrapper(*args, _event=event, _key=path.rsplit("/", 1)[-1], **kwargs):
                start = time.process_time()
                try:
                    return _event(*args, **kwargs)
                finally:
                    spent[_key] = spent.get(_key, 0.0) + time.process_time() - start
            if hasattr(event, "mkdocs_priority"):
                wrapper.mkdocs_priority = event.mkdocs_priority
            setattr(module, attr, wrapper)
    return module
config_options.Hooks._load_hook = timed_load
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.process_time()
build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True))
print(json.dumps({"total": time.process_time() - start, "hooks": spent}))
"""


def _measure(config: str) -> dict:
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, "-c", _BUILD % {"hooks": HOOKS}, config, out], cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[dict]:
    rows = []
    for edition, config in [("web", "mkdocs.yml"), ("library", "mkdocs-library.yml")][: 1 if quick else 2]:
        measured = _measure(config)
        total, hooks = measured["total"], measured["hooks"]
        for hook in HOOKS:
            rows.append({"benchmark": "guide_tools", "metric": f"{edition}: build time in {hook}",
                         "value": round(hooks.get(hook, 0.0), 2), "unit": "s", "target": "",
                         "note": "QR codes for every guide page" if hook == "print_qr.py"
                         else "one extra rendered page per translated guide"})
        share = sum(hooks.values()) / total if total else 0.0
        rows.append({"benchmark": "guide_tools", "metric": f"{edition}: share of build time",
                     "value": round(share * 100, 1), "unit": "%", "target": f"<= {TARGET_SHARE * 100:.0f}",
                     "note": f"whole build {total:.1f} s CPU"})
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
