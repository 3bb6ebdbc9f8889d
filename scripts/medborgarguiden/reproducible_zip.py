"""A zip that is byte for byte the same every time it is made from the same files: entries in sorted
order, every time stamp 1980-01-01 00:00, the same permissions for every file. (`python -m zipfile -c`
and shutil.make_archive store each file's time, so two builds of the same commit gave different zips.)"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can store


def entries(folder: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for every file and folder under `folder`, sorted by name."""
    found = [(folder.name + "/", folder)]
    for path in folder.rglob("*"):
        name = f"{folder.name}/{path.relative_to(folder).as_posix()}" + ("/" if path.is_dir() else "")
        found.append((name, path))
    return sorted(found)


def write_zip(zip_path: Path, folder: Path) -> None:
    partial = zip_path.with_name(zip_path.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in entries(folder):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.create_system = 3  # Unix, so the permissions below mean the same everywhere
            if path.is_dir():
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=9)
    os.replace(partial, zip_path)
