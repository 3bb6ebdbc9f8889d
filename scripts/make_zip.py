#!/usr/bin/env python3
"""Pack a folder into a zip that is byte for byte the same every time it is made from the same files:
entries in sorted order, every time stamp 1980-01-01 00:00, the same permissions for every file.
(`python -m zipfile -c` stores each file's time, so two builds of the same commit gave different zips.)

  python scripts/make_zip.py site-library.zip site-library    # what `make library` runs

The folder's own name is the top folder in the zip. Exits 0 when the zip is written, 2 when the folder
does not exist. The zip is written beside its final name first and renamed, so a half-written zip
never takes the place of a good one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medborgarguiden.reproducible_zip import entries, write_zip

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("zip", type=Path, help="the zip file to write, e.g. site-library.zip")
    parser.add_argument("folder", type=Path, help="the folder to pack, e.g. site-library")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: no such folder. Build it first: make library", file=sys.stderr)
        return 2
    write_zip(args.zip, args.folder)
    print(f"{args.zip}: {len(entries(args.folder))} entries from {args.folder}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
