"""The staff handbook (docs/sv/personal/, docs/en/personal/) works as written: every command block
marked to be run (<pre class="mg-run">) is run, line by line, on a fresh copy of the project, the way a
staff member on macOS or Linux types it (Windows' lines differ only in .venv\\Scripts\\). Commands that
cannot run here (git clone and push need GitHub; serve runs until stopped, tests/test_preview.py drives
it) are in plain blocks. Both handbooks give the same commands."""

from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import pytest

from test_staff_workflow import ENV, Project

ROOT = Path(__file__).resolve().parents[1]
HANDBOOKS = {lang: ROOT / "docs" / lang / "personal" for lang in ("sv", "en")}
RUN_BLOCK = re.compile(r'<pre class="mg-run"><code>(.*?)</code></pre>', re.S)
SETUP_PAGE = "komma-igang.md"  # sets up .venv; the other pages use it


def commands(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [line.strip() for block in RUN_BLOCK.findall(text) for line in html.unescape(block).splitlines()
            if line.strip()]


PAGES = sorted(p.name for p in HANDBOOKS["sv"].glob("*.md") if commands(p))


def test_both_handbooks_give_the_same_commands():
    assert SETUP_PAGE in PAGES and len(PAGES) >= 4, PAGES
    for name in sorted(p.name for p in HANDBOOKS["sv"].glob("*.md")):
        assert commands(HANDBOOKS["en"] / name) == commands(HANDBOOKS["sv"] / name), name


def test_every_command_has_its_windows_form_or_is_git():
    """A staff member on Windows finds each venv command in the same page with .venv\\Scripts\\."""
    for name in PAGES:
        text = (HANDBOOKS["sv"] / name).read_text(encoding="utf-8")
        for command in commands(HANDBOOKS["sv"] / name):
            if command.startswith(".venv/bin/"):
                tool = command.split()[0].removeprefix(".venv/bin/")
                assert f".venv\\Scripts\\{tool}" in text, f"{name}: no Windows form of '{command}'"


@pytest.fixture(scope="session")
def setup_page_project(once_per_run) -> Path:
    """A fresh copy of the project after the setup page's commands (it makes .venv), run once for the
    whole test run: the other pages' commands use its .venv, as a staff member's later work does."""
    def make(folder: Path) -> str:
        project = Project.copy_of_this_one(folder / "project").path
        run_page(project, SETUP_PAGE)
        return str(project)
    return Path(once_per_run("handbook-setup", make))


def edit_a_guide(project: Path) -> None:
    """What the person does between making a branch and committing: change a guide in an editor."""
    guide = project / "docs" / "sv" / "pass.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("## Få hjälp {#help}\n\n", "## Få hjälp {#help}\n\n- Ta med ditt lånekort.\n", 1),
                     encoding="utf-8")


def run_page(project: Path, name: str) -> None:
    env = {k: v for k, v in ENV.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    for command in commands(HANDBOOKS["sv"] / name):
        result = subprocess.run(command, shell=True, cwd=project, env=env, capture_output=True, text=True,
                                timeout=900)
        assert result.returncode == 0, f"{name}: '{command}' failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stdout + result.stderr, f"{name}: '{command}'"
        if command.startswith("git switch -c"):
            edit_a_guide(project)


@pytest.mark.parametrize("name", PAGES)
def test_the_handbooks_commands_work_as_written(name, tmp_path, setup_page_project):
    if name == SETUP_PAGE:  # the fixture ran its commands, and failed on the first that did not work
        assert (setup_page_project / ".venv" / "bin" / "medborgarguiden").is_file()
        return
    project = Project.copy_of_this_one(tmp_path / "project").path
    os.symlink(setup_page_project / ".venv", project / ".venv")
    run_page(project, name)
