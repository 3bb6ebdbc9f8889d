#!/usr/bin/env python3
"""Build every library's editions: one content repository, many libraries.

For each libraries/<id>.yml: the web edition in SITE/<id>/ (its QR codes and addresses point to
BASE/<id>/), and the library-PC edition as DIST/<id>-library.zip (the folder site-library inside,
as the installation guide expects). At the root of SITE, the guides where no library is chosen:
their start page lists the libraries to choose from, so a guide can be read without choosing.

The site is built once per edition, with what differs between libraries left as slots
(medborgarguiden.library_slots); each library's edition is then written from that one build with
its own values (medborgarguiden.library_editions). An added library costs its QR codes and the
writing of its files, not a build: `make bench` measures it.

  python scripts/build_libraries.py                  every library, both editions
  python scripts/build_libraries.py --only goteborg-exempel --no-zip
  python scripts/build_libraries.py --base https://example.org/medborgarguiden/

Exit status: 0 built, 1 a build failed or a library lacks what a guide needs (its messages are
shown), 2 bad input.
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
from urllib.parse import urlsplit

from medborgarguiden import library_slots as slots
from medborgarguiden import site
from medborgarguiden.library_config import FOLDER, LibraryConfigError, library_ids, load_library
from medborgarguiden.library_editions import SharedBuild
from medborgarguiden.library_roles import check_library_roles
from medborgarguiden.registry import RegistryError, load_registry

INNER = "site-library"  # the folder in each zip, as the installation guide expects


def default_base(root: Path) -> str:
    return os.environ.get("SITE_URL") or str(site.read_config(root).get("site_url") or "")


def start_build(root: Path, config: str, out: Path, slots_dir: Path, lib: str) -> subprocess.Popen:
    """`mkdocs build` of one edition with every library's values left as slots. (No -q: with it mkdocs
    does not count warnings, and --strict would let them through.)"""
    env = {**os.environ, "LIB": lib, "NO_MKDOCS_2_WARNING": "1", slots.ENV: str(slots_dir), "SITE_URL": slots.SITE}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(out)],
                            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def place_problems(root: Path) -> list[str]:
    """A library whose municipality and region lack a service a guide needs, named with its file."""
    try:
        return check_library_roles(load_registry(root / "services.yml"), root)
    except RegistryError as err:
        return [str(err)]


# What a build writes at the site root besides the pages: Material's and the search's files.
BUILD_FILES = {"assets", "search", "404.html", "sitemap.xml", "sitemap.xml.gz", "index.html"}


def names_at_root(root: Path) -> set[str]:
    """The site root's names before building: the languages, and the default language's pages and folders."""
    docs = root / "docs" / site.default_language(root)
    pages = {path.stem if path.suffix == ".md" else path.name for path in docs.iterdir()} if docs.is_dir() else set()
    return BUILD_FILES | {language.code for language in site.languages(root)} | pages


def name_clashes(ids: list[str], taken: set[str]) -> list[str]:
    """A library's folder must not take the place of a language or a guide at the site root."""
    return [f"{FOLDER}/{lib}.yml: the id '{lib}' is already the address of a language or a guide "
            f"(site/{lib}/). Rename the file, e.g. to {FOLDER}/{lib}-bibliotek.yml." for lib in ids if lib in taken]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", metavar="ID",
                        help="build only these libraries (ids in libraries/), and not the guides at the root")
    parser.add_argument("--site", type=Path, default=Path("site"), help="folder for the web editions (default: site)")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="folder for the zips (default: dist)")
    parser.add_argument("--base", help="the web address the site is served from (default: SITE_URL, else mkdocs.yml)")
    parser.add_argument("--no-zip", action="store_true", help="build only the web editions")
    parser.add_argument("--root", type=Path, default=site.ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    site_dir = (args.site if args.site.is_absolute() else root / args.site).resolve()
    dist_dir = args.dist if args.dist.is_absolute() else root / args.dist

    ids = library_ids(root)
    chosen = args.only or ids
    unknown = [lib for lib in chosen if lib not in ids]
    if unknown:
        print(f"unknown library: {', '.join(unknown)}. Use one of: {', '.join(ids)} (files in {FOLDER}/).",
              file=sys.stderr)
        return 2
    try:
        for lib in ids:
            load_library(root, lib)
    except LibraryConfigError as err:
        print("\n".join(err.problems), file=sys.stderr)
        return 1
    problems = name_clashes(ids, names_at_root(root)) + place_problems(root)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    base = (args.base or default_base(root)).rstrip("/") + "/"
    try:
        address = urlsplit(base)
    except ValueError:
        address = None
    if address is None or address.scheme not in ("http", "https") or not address.netloc:
        print(f"--base {base}: not a web address. Give the address the site is served from, "
              "e.g. --base https://example.org/medborgarguiden/", file=sys.stderr)
        return 2
    default = site.default_language(root)

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside the output, so the editions' unchanged files can be hard links to the shared build's.
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".mg-shared-") as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        editions = {"web": "mkdocs.yml"} if args.no_zip else {"web": "mkdocs.yml", "pc": "mkdocs-library.yml"}
        # The two editions build at the same time, on two cores where there are.
        running = {name: start_build(root, config, tmp / name, tmp / f"{name}-slots", chosen[0])
                   for name, config in editions.items()}
        failed = False
        for name, process in running.items():
            output, _ = process.communicate()
            if process.returncode != 0:
                print(f"the {'web' if name == 'web' else 'library-PC'} edition did not build:\n{output}", file=sys.stderr)
                failed = True
        if failed:
            return 1
        shared = {name: SharedBuild(tmp / name, slots.read_tables(tmp / f"{name}-slots"), default) for name in editions}
        # The same check on what the build really wrote, in case a plugin adds a folder at the root.
        web = shared["web"]
        clashes = name_clashes(ids, {path.split("/", 1)[0] for path in web.folders} | {f.path for f in web.files})
        if clashes:
            print("\n".join(clashes), file=sys.stderr)
            return 1
        print(f"shared build of {len(editions)} edition(s): {time.perf_counter() - start:.1f} s", flush=True)

        # The folder is the build's output, made again from the sources each time.
        shutil.rmtree(site_dir, ignore_errors=True)
        try:
            write_editions(shared, chosen, site_dir, dist_dir, base, with_root=not args.only)
        except slots.SlotMissing as err:  # a hook that left a library out: a fault of ours, said plainly
            print(f"{err}. The editions are incomplete; please report this with the command you ran.",
                  file=sys.stderr)
            return 1
    return 0


def write_editions(shared: dict[str, SharedBuild], chosen: list[str], site_dir: Path, dist_dir: Path, base: str,
                   with_root: bool) -> None:
    """The root's guides (no library chosen), then each library's web edition and zip."""
    if with_root:
        shared["web"].write_folder(site_dir, shared["web"].values(slots.NO_LIBRARY, base, base))
        print(f"guides without a chosen library, and the list of libraries: {site_dir / 'index.html'}")
    for lib in chosen:
        start = time.perf_counter()
        own = f"{base}{lib}/"
        shared["web"].write_folder(site_dir / lib, shared["web"].values(lib, own, base))
        line = f"{lib}: web edition in {site_dir / lib}"
        if "pc" in shared:
            zip_path = dist_dir / f"{lib}-library.zip"
            shared["pc"].write_zip(zip_path, INNER, shared["pc"].values(lib, own, base))
            line += f", library-PC edition in {zip_path}"
        print(f"{line} ({time.perf_counter() - start:.2f} s)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
