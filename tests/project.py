"""A copy of the project for tests that change or break it: what `mkdocs build` in this checkout sees."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medborgarguiden import site

ROOT = site.ROOT
# The example library every edition is built for unless LIB names another (mkdocs.yml extra: library).
LIBRARY = Path("libraries") / "exempel.yml"


def copy_project(dest: Path) -> Path:
    """The files git tracks plus new ones not ignored, copied to `dest`."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        pytest.skip("copying the project needs its git checkout")
    for rel in listed.stdout.decode("utf-8").split("\0"):
        if rel and (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    return dest


# What the guide rules read besides the guides themselves (check_site, validate.py).
RULE_INPUTS = ("mkdocs.yml", "services.yml", "facts.yml", "glossary.yml")


def copy_rule_inputs(dest: Path) -> Path:
    """mkdocs.yml, the registries, the glossary and the libraries: enough to check guides put in dest/docs."""
    for name in RULE_INPUTS:
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "libraries", dest / "libraries")
    return dest


def digest(folder: Path) -> str:
    """One hash of every file under folder (names and contents), to show a command changed nothing."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path).encode() + path.read_bytes())
    return h.hexdigest()


def mkdocs_build(root: Path, out: Path, config: str = "mkdocs.yml", strict: bool = True, env: dict | None = None,
                 **extra_env: str) -> subprocess.CompletedProcess:
    """`mkdocs build` of the project in `root` into `out`, as `make build` runs it (the one way tests build)."""
    base = env if env is not None else {k: v for k, v in os.environ.items() if k != "LIB"}  # the default library
    environment = {**base, "NO_MKDOCS_2_WARNING": "1", **extra_env}
    # No -q: with it mkdocs does not count warnings, and --strict would let them through.
    command = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(out)]
    return subprocess.run(command + (["--strict"] if strict else []), cwd=root, env=environment,
                          capture_output=True, text=True, timeout=900)
