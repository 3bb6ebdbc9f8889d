"""A zip that is byte for byte the same every time it is made from the same files: entries in sorted
order, every time stamp 1980-01-01 00:00, the same permissions for every file. (`python -m zipfile -c`
and shutil.make_archive store each file's time, so two builds of the same commit gave different zips.)

An entry's data is given as raw deflate pieces that end on a byte boundary (`deflate`); the writer
joins them and closes the stream. So the many libraries' zips (build_libraries.py) compress the parts
every library shares once, and only their own few values per library."""

from __future__ import annotations

import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00, the earliest time a zip can store
_FINAL_EMPTY_BLOCK = b"\x03\x00"  # ends a deflate stream whose pieces were flushed, not finished
_LEVEL = 9


def deflate(data: bytes, level: int = _LEVEL) -> bytes:
    """`data` as raw deflate blocks ending on a byte boundary (not the final block), so pieces
    compressed apart can follow one another in one entry."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


@dataclass
class Entry:
    """One file in the zip: its name, its deflate pieces, and the CRC-32 and size of its data."""
    name: str
    pieces: list[bytes] = field(default_factory=list)
    crc: int = 0
    size: int = 0

    def add(self, data: bytes, deflated: bytes | None = None) -> None:
        """Append `data`; `deflated` is deflate(data) when it was made before (shared by many zips)."""
        self.pieces.append(deflate(data) if deflated is None else deflated)
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")


def entries(folder: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for every file and folder under `folder`, sorted by name."""
    found = [(folder.name + "/", folder)]
    for path in folder.rglob("*"):
        name = f"{folder.name}/{path.relative_to(folder).as_posix()}" + ("/" if path.is_dir() else "")
        found.append((name, path))
    return sorted(found)


def write_zip(zip_path: Path, folder: Path) -> None:
    """Pack `folder` (its name the top folder in the zip)."""
    made = []
    for name, path in entries(folder):
        entry = Entry(name)
        if not path.is_dir():
            entry.add(path.read_bytes())
        made.append(entry)
    write_entries(zip_path, made)


def write_entries(zip_path: Path, items: list[Entry]) -> None:
    """The zip with `items` in order; written beside its final name first and renamed, so a half-written
    zip never takes the place of a good one."""
    partial = zip_path.with_name(zip_path.name + ".partial")
    central = []
    offset = 0
    with open(partial, "wb") as out:
        for entry in items:
            name = entry.name.encode("utf-8")
            flags = 0x800 if not entry.name.isascii() else 0  # the name is UTF-8
            if entry.is_dir:
                method, data, attributes = 0, b"", (0o40755 << 16) | 0x10
            else:
                method, data, attributes = 8, b"".join(entry.pieces) + _FINAL_EMPTY_BLOCK, 0o100644 << 16
            local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, _DOS_TIME, _DOS_DATE,
                                entry.crc, len(data), entry.size, len(name), 0)
            out.write(local + name + data)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, flags, method,
                                       _DOS_TIME, _DOS_DATE, entry.crc, len(data), entry.size, len(name),
                                       0, 0, 0, 0, attributes, offset) + name)
            offset += len(local) + len(name) + len(data)
        directory = b"".join(central)
        if len(items) > 0xFFFF or offset + len(directory) > 0xFFFFFFFF:
            raise ValueError(f"{zip_path}: over 65,535 files or 4 GB, more than a zip without ZIP64 holds")
        out.write(directory)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(items), len(items), len(directory), offset, 0))
    os.replace(partial, zip_path)
