"""Shared code for Medborgarguiden's commands (scripts/*.py, `medborgarguiden …`) and build hooks
(overrides/hooks/*.py). Installed into the project's venv by `pip install -e .` (see pyproject.toml)."""

import importlib.util
import sys

# A command started with a Python that lacks the project's packages (the PC's own Python instead of
# the venv's) says so in one line instead of a traceback from deep inside an import.
_NEEDED = ("yaml", "babel", "mkdocs", "material", "jinja2", "markdown")
_missing = next((name for name in _NEEDED if importlib.util.find_spec(name) is None), None)
if _missing:
    raise SystemExit(
        f"{sys.executable} does not have the project's packages (no '{_missing}'). Set up once in the "
        "project folder: python -m venv .venv, then .venv/bin/python -m pip install -e . "
        r"(Windows: .venv\Scripts\python -m pip install -e .), and run the command with the venv's Python "
        "or as: medborgarguiden --help (after activating the venv).")
