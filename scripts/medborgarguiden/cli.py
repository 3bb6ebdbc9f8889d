"""The one entry point for staff: `medborgarguiden COMMAND …` (or `python -m medborgarguiden COMMAND …`),
with the venv's Python whichever way it is started. `make` only calls this.

Each command is the script of the same name in scripts/ (which also runs as `python scripts/X.py`);
serve, build and library run MkDocs for the project in the current folder.
"""

from __future__ import annotations

import argparse
import os
import runpy
import subprocess
import sys
from pathlib import Path

from medborgarguiden import site
from medborgarguiden.reproducible_zip import write_zip

SCRIPTS = Path(__file__).resolve().parents[1]
# command: (script in scripts/, what it does)
SCRIPT_COMMANDS = {
    "validate": ("validate.py", "check every guide, services.yml, facts.yml and libraries/*.yml"),
    "new-guide": ("new_guide.py", "start a new guide in every language"),
    "new-language": ("new_language.py", "add a language (hidden from visitors until switched on)"),
    "translations": ("translations.py", "which translations lag behind; --mark-current LANG/SLUG"),
    "linkcheck": ("linkcheck.py", "check every authority link"),
}
BUILD_COMMANDS = {
    "serve": "preview the site while you edit (http://127.0.0.1:8000)",
    "build": "build the web edition into site/",
    "library": "build the library-PC edition into site-library/ and site-library.zip",
}


def _usage() -> str:
    lines = ["usage: medborgarguiden COMMAND [options]   (each command has --help)", "", "commands:"]
    everything = {**{k: v[1] for k, v in SCRIPT_COMMANDS.items()}, **BUILD_COMMANDS}
    lines += [f"  {name:<13} {what}" for name, what in everything.items()]
    return "\n".join(lines)


def run_script(name: str, args: list[str]) -> int:
    path = SCRIPTS / name
    saved = sys.argv
    sys.argv = [str(path), *args]
    try:
        runpy.run_path(str(path), run_name="__main__")
    except SystemExit as done:
        code = done.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
            return 1
        return code or 0
    finally:
        sys.argv = saved
    return 0


def mkdocs_build(config: str, args: list[str]) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, *args]
    return subprocess.run(command, cwd=site.ROOT, env=env).returncode


def build(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="medborgarguiden build", description=BUILD_COMMANDS["build"])
    parser.parse_args(args)
    return mkdocs_build("mkdocs.yml", [])


def library(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="medborgarguiden library", description=BUILD_COMMANDS["library"])
    parser.parse_args(args)
    status = mkdocs_build("mkdocs-library.yml", [])
    if status:
        return status
    archive = site.ROOT / "site-library.zip"
    archive.unlink(missing_ok=True)
    # The zip holds the folder site-library/ itself, so IT unpacks one folder; the same bytes every build.
    write_zip(archive, site.ROOT / "site-library")
    print(f"Wrote {archive.name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command in SCRIPT_COMMANDS:
        return run_script(SCRIPT_COMMANDS[command][0], rest)
    if command == "serve":
        from medborgarguiden.preview import main as serve
        return serve(rest)
    if command == "build":
        return build(rest)
    if command == "library":
        return library(rest)
    print(f"medborgarguiden: unknown command '{command}'. Use one of: "
          f"{', '.join([*SCRIPT_COMMANDS, *BUILD_COMMANDS])} (medborgarguiden --help).", file=sys.stderr)
    return 2
