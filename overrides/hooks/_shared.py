"""Lets the hooks use the project's shared package in scripts/medborgarguiden/, so the build and the
commands in scripts/ apply the same rules. (Imported by the hooks; not a hook itself.)"""

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
