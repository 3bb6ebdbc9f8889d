"""`medborgarguiden serve`: the site on this computer while you edit, reloaded in the browser on every save.

Faster than `mkdocs serve` because it builds only what the person is looking at: the Swedish site plus
the language of the file saved last (or the languages given with --lang), and after the first build only
the pages whose files changed (MkDocs' dirty build). A change to anything else the build reads
(services.yml, facts.yml, libraries/, overrides/, mkdocs*.yml) rebuilds those languages in full.
When the build fails, every page in the browser shows what is wrong (in Swedish, file:line and what to
do) until the file is fixed; then the page reloads by itself. Opening a language that is not built yet
builds it.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import socket
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from medborgarguiden import site

# Everything a build reads besides docs/ (the package's own code is not reloaded: restart for that).
INPUTS = ("mkdocs.yml", "mkdocs-library.yml", "services.yml", "facts.yml", "glossary.yml", "libraries", "overrides")
DIRTY_NOTE = "A 'dirty' build is being performed"
log = logging.getLogger("medborgarguiden.preview")


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name != "nt":  # as the server itself binds; on Windows this flag would share the port
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_after(port: int) -> int | None:
    return next((p for p in range(port + 1, min(port + 50, 65536)) if port_is_free(p)), None)


class _Problems(logging.Handler):
    """Collects the build's warnings and errors, which strict mode would turn into a failed build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if _worth_showing(record) and not message.startswith("Aborted with") and message not in self.messages:
            self.messages.append(message)


def _worth_showing(record) -> bool:
    """Drops MkDocs' note on every dirty build: that is how the preview is fast."""
    return not record.getMessage().startswith(DIRTY_NOTE)


def error_page(problems: list[str]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Fel i bygget – Medborgarguiden</title>
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}
h1{{color:#a00}}li{{margin:.6rem 0}}code{{white-space:pre-wrap;font-size:1rem}}</style></head>
<body><main><h1>Sidan kunde inte byggas</h1>
<p>Förhandsvisningen visar det här i stället för sidan tills felet är rättat. Varje rad säger vilken fil och
rad det gäller (<code>fil:rad</code>), vad som är fel och vad du ska skriva i stället.</p>
<ol>{items}</ol>
<p>Rätta filen och spara den. Sidan laddas om av sig själv när bygget lyckas.
Samma text står i terminalfönstret. Kontrollera allt på en gång med <code>medborgarguiden validate</code>.</p>
</main></body></html>""".encode("utf-8")


def building_page(lang: str) -> bytes:
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Bygger {lang} – Medborgarguiden</title></head>
<body><main><h1>Bygger språket {html.escape(lang)} …</h1>
<p>Förhandsvisningen byggde bara de språk du arbetar med. Sidan laddas om av sig själv om några sekunder.</p>
</main></body></html>""".encode("utf-8")


class Preview:
    """The builds: which languages, dirty or full, and the problems of the last build."""

    def __init__(self, config_file: Path, site_dir: str, languages: list[str] | None):
        self.config_file = config_file
        self.site_dir = site_dir
        self.fixed = languages  # None: the default language plus the language of the file saved last
        self.extra: set[str] = set()
        self.known = [lang.code for lang in site.languages(config_file.parent)]
        self.default = self.known[0]
        self.problems: list[str] = []
        self.serve_url = ""
        self._seen: dict[Path, int] = {}
        self._full_build_done = False  # a dirty build needs a whole site to start from
        self._lock = threading.Lock()

    def languages(self) -> set[str]:
        if self.fixed is not None:
            return {self.default, *self.fixed, *self.extra}
        return {self.default, *self.extra}

    def _snapshot(self) -> dict[Path, int]:
        root = self.config_file.parent
        seen = {}
        for top in ("docs", *INPUTS):
            path = root / top
            files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
            for file in files:
                seen[file] = file.stat().st_mtime_ns
        return seen

    def _changes(self) -> tuple[list[Path], bool]:
        """The files changed since the last build, and whether any is not a page in docs/."""
        now = self._snapshot()
        changed = [p for p in now.keys() | self._seen.keys() if now.get(p) != self._seen.get(p)]
        self._seen = now
        docs = self.config_file.parent / "docs"
        return changed, any(not (p.is_relative_to(docs) and p.suffix == ".md") for p in changed)

    def want(self, lang: str) -> bool:
        """Add a language the browser asked for; True when it was not built yet."""
        with self._lock:
            if lang in self.known and lang not in self.languages():
                self.extra.add(lang)
                return True
        return False

    def build(self) -> None:
        with self._lock:
            changed, beyond_pages = self._changes()
            docs = self.config_file.parent / "docs"
            pages = [p for p in changed if p.is_relative_to(docs)]
            if self.fixed is None and pages and self._full_build_done:
                # The language just saved (the default is always built); the last one wins.
                last = max(pages, key=lambda p: self._seen.get(p, 0))
                lang = last.relative_to(docs).parts[0]
                self.extra = {lang} if lang in self.known and lang != self.default else set()
            langs = self.languages()
            # A dirty build redoes only pages whose file changed: right when only pages changed; anything
            # else (registry, theme, settings) may change every page.
            dirty = self._full_build_done and not beyond_pages
        problems = _Problems()
        logging.getLogger("mkdocs").addHandler(problems)
        try:
            config = load_config(str(self.config_file), site_dir=self.site_dir, strict=False)
            for entry in config.plugins["i18n"].config.languages:
                entry.build = entry.locale in langs  # hidden languages too: staff preview them
            config.plugins.on_startup(command="serve", dirty=dirty)
            config.site_url = self.serve_url
            build(config, serve_url=self.serve_url, dirty=dirty)
        except SystemExit as err:  # mkdocs' Abort
            problems.messages.append(str(err))
        except Exception as err:  # noqa: BLE001  shown in the page; the terminal keeps the traceback
            ours = type(err).__module__.startswith("mkdocs")  # PluginError & co: already file:line: what
            problems.messages.append(str(err) if ours else f"{type(err).__name__}: {err}")
            if not ours:
                traceback.print_exc()
        finally:
            logging.getLogger("mkdocs").removeHandler(problems)
        self.problems = problems.messages
        if self.problems:
            self._full_build_done = False  # the next build is a full one: a failed build leaves pages half made
            print("\n".join(["", "Bygget misslyckades (visas också i webbläsaren):", *self.problems, ""]),
                  file=sys.stderr, flush=True)
        else:
            self._full_build_done = True
            print(f"Klart: {', '.join(sorted(langs))} ({'ändrade sidor' if dirty else 'hela språken'})", flush=True)


class PreviewServer(LiveReloadServer):
    """MkDocs' reloading server, which shows the build's problems instead of a page and builds a
    language when the browser opens one."""

    preview: Preview

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        is_page = path.endswith(("/", ".html"))
        if is_page and not path.startswith("/livereload/"):
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch = self._visible_epoch
            if self.preview.problems:
                start_response("500 Build failed", [("Content-Type", "text/html; charset=utf-8")])
                return [self._inject_js_into_html(error_page(self.preview.problems), epoch)]
            lang = path[len(self.mount_path):].split("/", 1)[0] if path.startswith(self.mount_path) else ""
            if self.preview.want(lang):
                with self._rebuild_cond:
                    self._want_rebuild = True
                    self._rebuild_cond.notify_all()
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
                return [self._inject_js_into_html(building_page(lang), epoch)]
        return super()._serve_request(environ, start_response)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="medborgarguiden serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8000, help="the port on this computer (default: 8000)")
    parser.add_argument("--lang", help="languages to build besides Swedish, e.g. en,ar, or 'all' "
                                       "(default: the language of the file you saved last)")
    parser.add_argument("--library", action="store_true", help="the library-PC edition (mkdocs-library.yml)")
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        parser.error(f"--port {args.port}: use a number from 1024 to 65535, e.g. 8001")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = site.ROOT
    config_file = root / ("mkdocs-library.yml" if args.library else "mkdocs.yml")
    known = [lang.code for lang in site.languages(root)]
    if args.lang == "all":
        langs = known
    elif args.lang:
        langs = [code.strip() for code in args.lang.split(",") if code.strip()]
        unknown = [code for code in langs if code not in known]
        if unknown:
            print(f"serve: --lang {','.join(unknown)}: not a language of the site (mkdocs.yml has "
                  f"{', '.join(known)}). Write e.g. --lang en,ar.", file=sys.stderr)
            return 2
    else:
        langs = None
    if not port_is_free(args.port):
        other = free_port_after(args.port)
        hint = f" Use another: medborgarguiden serve --port {other}  (or: make serve PORT={other})" if other else ""
        print(f"serve: port {args.port} is busy (is a preview already running?).{hint}", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("mkdocs.commands.build").addFilter(_worth_showing)
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)  # a failed page is shown, not logged
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory(prefix="medborgarguiden-preview-") as site_dir:
        preview = Preview(config_file, site_dir, langs)
        config = load_config(str(config_file), site_dir=site_dir)
        mount_path = urlsplit(config.site_url or "/").path
        preview.serve_url = _serve_url("127.0.0.1", args.port, mount_path)
        server = PreviewServer(builder=preview.build, host="127.0.0.1", port=args.port, root=site_dir,
                               mount_path=mount_path)
        server.preview = preview
        preview.build()
        server.watch(str(root / "docs"))
        for name in INPUTS:
            if (root / name).exists():
                server.watch(str(root / name))
        print(f"Förhandsvisning: {preview.serve_url}  (sparade filer syns direkt; avsluta med Ctrl+C)", flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0

