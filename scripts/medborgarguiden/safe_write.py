"""Write a set of files all at once or not at all.

The commands that add guides and languages write many files. Half of them would leave the site
unbuildable (a guide in three languages of eight), so when one write fails, everything written so
far is taken back. New files are opened with mode "x": a file that appeared since the checks is
never overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import site


class WriteError(Exception):
    """A write failed and everything was put back (write_all); `code` is the exit status."""
    code = 1


class Problem(Exception):
    """Something the person has to fix before anything is written; `code` is the exit status.
    The commands check everything first (raising this), then call write_all."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def languages_or_problem(root: Path) -> list[str]:
    """The codes of the site's languages, the default first; Problem when mkdocs.yml cannot give them."""
    try:
        return [lang.code for lang in site.languages(root)]
    except Exception as err:  # a broken mkdocs.yml: say where, not how Python failed
        raise Problem(f"mkdocs.yml: cannot read the site's languages ({str(err).splitlines()[0]}). "
                      "Fix mkdocs.yml or restore it from git.", 1)


def one_line(option: str, value: str | None) -> None:
    """Problem when the text given to `option` (e.g. "--title") is empty or more than one line."""
    if value is not None and (not value.strip() or any(c in value for c in "\r\n\t")):
        raise Problem(f"{option}: write it as one line of text.", 2)


def read_or_problem(path: Path, missing: str, unreadable: Callable[[Exception], str]) -> str:
    """The text of `path`; Problem (exit status 1) saying `missing` when it is not there, or
    unreadable(the error) when it cannot be read as UTF-8 text."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Problem(missing, 1)
    except (OSError, UnicodeDecodeError) as err:
        raise Problem(unreadable(err), 1)


def write_all(new_files: dict[Path, str | bytes], changed_files: dict[Path, str] | None = None) -> None:
    """Create `new_files` (text or bytes; they must not exist yet) and replace the text of `changed_files`, in that order.

    Raises WriteError, with everything put back as it was, when any write fails."""
    created_files: list[Path] = []
    created_dirs: list[Path] = []
    replaced: list[tuple[Path, bytes]] = []
    try:
        for path, text in new_files.items():
            missing = []
            parent = path.parent
            while not parent.exists():
                missing.append(parent)
                parent = parent.parent
            for folder in reversed(missing):
                folder.mkdir()
                created_dirs.append(folder)
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            with open(path, "xb") as f:
                created_files.append(path)
                f.write(data)
        for path, text in (changed_files or {}).items():
            original = path.read_bytes()
            _replace_text(path, text)
            replaced.append((path, original))
    except OSError as err:
        for path, original in reversed(replaced):
            _replace_bytes(path, original)
        for path in reversed(created_files):
            path.unlink(missing_ok=True)
        for folder in reversed(created_dirs):
            try:
                folder.rmdir()
            except OSError:
                pass
        name = err.filename or "a file"
        raise WriteError(f"{name}: could not write ({err.strerror or err}). Nothing was changed.") from err


def _replace_text(path: Path, text: str) -> None:
    _replace_bytes(path, text.encode("utf-8"))


def _replace_bytes(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a failed write never leaves half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
