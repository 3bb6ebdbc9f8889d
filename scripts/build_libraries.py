#!/usr/bin/env python3
"""Build every library's editions: one content repository, many libraries.

For each libraries/<id>.yml: the web edition in SITE/<id>/ (its QR codes and addresses point to
BASE/<id>/), and the library-PC edition as DIST/<id>-library.zip (the folder site-library inside,
as the installation guide expects). Then SITE/index.html, where residents choose their library.
Each edition is one `mkdocs build` with LIB=<id>: simple, and the cost grows with the number of
libraries (`make bench` measures it).

  python scripts/build_libraries.py                  every library, both editions
  python scripts/build_libraries.py --only goteborg-exempel --no-zip
  python scripts/build_libraries.py --base https://example.org/medborgarguiden/

Exit status: 0 built, 1 a build failed (its messages are shown), 2 bad input.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medborgarguiden import site
from medborgarguiden.library_chooser import chooser_html
from medborgarguiden.library_config import LibraryConfigError, library_ids, load_library


def default_base(root: Path) -> str:
    return os.environ.get("SITE_URL") or str(site.read_config(root).get("site_url") or "")


def build_edition(root: Path, lib: str, config: str, out: Path, site_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LIB": lib, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(out)],
                          cwd=root, env=env, capture_output=True, text=True)


def zip_folder(folder: Path, zip_path: Path, inner_name: str) -> None:
    """zip_path holding folder's files under inner_name/ (what `python -m zipfile -c` makes)."""
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / inner_name
        shutil.copytree(folder, staged)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        zip_path.unlink(missing_ok=True)
        shutil.make_archive(str(zip_path.with_suffix("")), "zip", tmp, inner_name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", metavar="ID", help="build only these libraries (ids in libraries/)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="folder for the web editions (default: site)")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="folder for the zips (default: dist)")
    parser.add_argument("--base", help="the web address the site is served from (default: SITE_URL, else mkdocs.yml)")
    parser.add_argument("--no-zip", action="store_true", help="build only the web editions")
    parser.add_argument("--root", type=Path, default=site.ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    site_dir = args.site if args.site.is_absolute() else root / args.site
    dist_dir = args.dist if args.dist.is_absolute() else root / args.dist

    ids = library_ids(root)
    chosen = args.only or ids
    unknown = [lib for lib in chosen if lib not in ids]
    if unknown:
        print(f"unknown library: {', '.join(unknown)}. Use one of: {', '.join(ids)} (files in libraries/).",
              file=sys.stderr)
        return 2
    try:
        libraries = [load_library(root, lib) for lib in chosen]
    except LibraryConfigError as err:
        print("\n".join(err.problems), file=sys.stderr)
        return 1
    base = (args.base or default_base(root)).rstrip("/") + "/"

    # The folder is the build's output, made again from the sources each time.
    shutil.rmtree(site_dir, ignore_errors=True)
    site_dir.mkdir(parents=True)
    failed = False
    for lib in chosen:
        start = time.perf_counter()
        result = build_edition(root, lib, "mkdocs.yml", site_dir / lib, f"{base}{lib}/")
        if result.returncode != 0:
            print(f"{lib}: the web edition did not build:\n{result.stdout}{result.stderr}", file=sys.stderr)
            failed = True
            continue
        line = f"{lib}: web edition in {site_dir / lib} ({time.perf_counter() - start:.0f} s)"
        if not args.no_zip:
            with tempfile.TemporaryDirectory() as tmp:
                result = build_edition(root, lib, "mkdocs-library.yml", Path(tmp) / "site-library", f"{base}{lib}/")
                if result.returncode != 0:
                    print(f"{lib}: the library-PC edition did not build:\n{result.stdout}{result.stderr}",
                          file=sys.stderr)
                    failed = True
                    continue
                zip_folder(Path(tmp) / "site-library", dist_dir / f"{lib}-library.zip", "site-library")
            line += f", library-PC edition in {dist_dir / f'{lib}-library.zip'}"
        print(line, flush=True)
    languages = [lang.code for lang in site.languages(root)]
    (site_dir / "index.html").write_text(chooser_html(libraries, languages), encoding="utf-8")
    print(f"start page: {site_dir / 'index.html'} ({len(libraries)} libraries)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
