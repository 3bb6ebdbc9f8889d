"""A copy of the project for tests that change or break it: what `mkdocs build` in this checkout sees."""

from __future__ import annotations

import shutil
import subprocess
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
