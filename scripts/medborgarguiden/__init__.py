"""Shared code for Medborgarguiden's commands (scripts/*.py, `medborgarguiden …`) and build hooks
(overrides/hooks/*.py). Installed into the project's venv by `pip install -e .` (see pyproject.toml).

Every command imports this package first, so a command started with a Python that lacks the
project's packages (a plain `python3 scripts/validate.py`) says in one line how to run it instead of
ending in a traceback."""

import importlib.util as _util
import sys as _sys
from pathlib import Path as _Path

# The packages the shared code needs (requirements.txt), by import name.
_NEEDED = ("yaml", "markdown", "babel", "jinja2", "mkdocs", "material")
_MAKE_TARGETS = {"validate.py": "make validate", "linkcheck.py": "make linkcheck", "bench.py": "make bench"}


def _missing_packages() -> list[str]:
    return [name for name in _NEEDED if _util.find_spec(name) is None]


if _missing := _missing_packages():
    _script = _Path(_sys.argv[0]).name if _sys.argv and _sys.argv[0] else "the command"
    _how = f".venv/bin/python scripts/{_script}" if _script.endswith(".py") else ".venv/bin/python scripts/…"
    if _script in _MAKE_TARGETS:
        _how = f"{_MAKE_TARGETS[_script]} (or {_how})"
    print(f"{_script}: this Python ({_sys.executable}) lacks the project's packages ({', '.join(_missing)}). "
          f"Run it as: {_how} — 'make serve' sets up .venv the first time (without make, e.g. on "
          "Windows: docs/sv/personal/komma-igang.md).", file=_sys.stderr)
    raise SystemExit(2)
