"""Each library's edition from the one shared build (library_slots): the built site is read once and
cut at its slots; a library's edition is the same pieces with its own values between them, written
as a folder (the web edition) or a zip (the library-PC edition).

The zip's shared pieces are compressed once (reproducible_zip.deflate), so an added library costs
compressing its few values, joining the pieces and drawing its QR codes, not a build."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from . import library_slots as slots
from .handout import qr_svg, short_url, web_url
from .reproducible_zip import Entry, deflate, write_entries


_SEARCH_TAGS = re.compile(r"<(?!/?(?:p|ul|ol|li|code|pre)\b)[^>]*>")


@dataclass
class _File:
    path: str                       # relative, with /
    data: bytes | None = None       # a file without slots, as it is
    pieces: list | None = None      # bytes, then (slot name, how it is written), then bytes …
    deflated: list | None = None    # the bytes pieces compressed, for zips (filled on first use)


class SharedBuild:
    """A built site (MG_SLOTS_DIR set) and its slot tables, ready to make editions from."""

    def __init__(self, folder: Path, tables: dict[str, dict[str, str]], default_language: str):
        self.folder = folder
        self.tables = tables
        self.default = default_language
        self.files: list[_File] = []
        self.folders: list[str] = []
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_dir():
                self.folders.append(relative)
            elif relative == "sitemap.xml.gz":
                continue  # made again from each edition's sitemap.xml
            else:
                self.files.append(self._read(path, relative))

    @staticmethod
    def _read(path: Path, relative: str) -> _File:
        data = path.read_bytes()
        how = slots.TEXT_SUFFIXES.get(path.suffix)
        if how is None or (b"mgslot" not in data and b"library.slot.invalid" not in data):
            return _File(relative, data=data)
        text = data.decode("utf-8")
        pieces: list = []
        last = 0
        for match in slots.PATTERN.finditer(text):
            pieces.append(text[last:match.start()].encode("utf-8"))
            pieces.append((slots.name_of(match), how))
            last = match.end()
        pieces.append(text[last:].encode("utf-8"))
        return _File(relative, pieces=pieces)

    # ---------------------------------------------------------------- one library's values

    def values(self, lib: str, site_url: str, root_url: str):
        """A function (slot name, how it is written) -> bytes for the edition of `lib`
        (slots.NO_LIBRARY: the edition where no library is chosen) at `site_url`."""
        table = self.tables.get(lib, {})
        made: dict = {}

        def value(name: str, how: str) -> bytes:
            if (name, how) not in made:
                text = table.get(name)
                if text is None:
                    text = self._drawn(name, site_url, root_url)
                if text is None:
                    raise slots.SlotMissing(f"no value for the slot '{name}' in the edition of '{lib}'")
                text = text.replace(slots.SITE, site_url).replace(slots.ROOT_URL, root_url)
                if how == "json":  # a search index: its text keeps only the tags Material's search keeps
                    text = json.dumps(_SEARCH_TAGS.sub("", text), ensure_ascii=False)[1:-1]
                made[(name, how)] = text.encode("utf-8")
            return made[(name, how)]
        return value

    def _drawn(self, name: str, site_url: str, root_url: str) -> str | None:
        """The slots made for each library: its addresses, its QR codes and their addresses."""
        kind, slug, lang = name.split(".")
        if kind == "address":
            url = site_url if slug == "site" else root_url
            return {"url": url, "quoted": quote(url, safe=""), "path": urlsplit(url).path or "/"}[lang]
        if kind not in ("qr", "qrshort"):
            return None
        url = web_url(site_url, lang, slug, self.default)
        return qr_svg(url) if kind == "qr" else short_url(url).replace("/", "/<wbr>")

    # ---------------------------------------------------------------- writing an edition

    def write_folder(self, out: Path, value, with_slots_only: bool = False) -> None:
        """The edition as a folder. Files without slots are hard links to the shared build's (no
        copy on disk), or copies where the file system has no hard links."""
        out.mkdir(parents=True, exist_ok=True)
        for folder in self.folders:
            (out / folder).mkdir(exist_ok=True)
        for file in self.files:
            target = out / file.path
            if file.pieces is not None:
                target.write_bytes(b"".join(p if isinstance(p, bytes) else value(*p) for p in file.pieces))
            elif not with_slots_only:
                _link_or_copy(self.folder / file.path, target)
        sitemap = out / "sitemap.xml"
        if sitemap.is_file():
            with gzip.GzipFile(out / "sitemap.xml.gz", "wb", mtime=0) as packed:
                packed.write(sitemap.read_bytes())

    def write_zip(self, zip_path: Path, inner: str, value) -> None:
        """The edition as a zip holding the folder `inner`."""
        items = [Entry(f"{inner}/")] + [Entry(f"{inner}/{folder}/") for folder in self.folders]
        sitemap = b""
        for file in self.files:
            entry = Entry(f"{inner}/{file.path}")
            if file.pieces is None:
                if file.deflated is None:
                    file.deflated = [deflate(file.data)]
                entry.add(file.data, file.deflated[0])
                sitemap = file.data if file.path == "sitemap.xml" else sitemap
            else:
                if file.deflated is None:
                    file.deflated = [deflate(p) if isinstance(p, bytes) else None for p in file.pieces]
                parts = []
                for piece, packed in zip(file.pieces, file.deflated):
                    data = piece if isinstance(piece, bytes) else value(*piece)
                    if data:
                        entry.add(data, packed)
                    parts.append(data)
                sitemap = b"".join(parts) if file.path == "sitemap.xml" else sitemap
            items.append(entry)
        if sitemap:
            entry = Entry(f"{inner}/sitemap.xml.gz")
            entry.add(gzip.compress(sitemap, mtime=0))
            items.append(entry)
        items.sort(key=lambda item: item.name)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        write_entries(zip_path, items)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        if target.exists():
            target.unlink()
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
