"""Shared test setup: scripts/ on sys.path so `import medborgarguiden` works as in `python scripts/X.py`."""
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
