"""Finding external links, each with the file and line it came from.

Inputs: Markdown guides (where `service:KEY` is resolved through the registry for
the guide's language), built HTML, and the registry services.yml itself (every
`url` and every `languages` value). Only http(s) links are external; relative
links are the site build's business (mkdocs --strict).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from pathlib import Path
from collections import namedtuple

import yaml
from .config import YAML_LOADER, yaml_problem
from .lazy_regex import lazy

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
REGISTRY_SUFFIXES = (".yml", ".yaml")


class InputError(Exception):
    """Input that cannot be read; the message names the file (and line) and the fix."""


class Source(namedtuple("Source", "file line")):
    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


# url: an http(s) URL, or "service:KEY" when the key is unknown; source: a Source.
Link = namedtuple("Link", "url source")


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it, as people type paths."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive
        return str(path)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        raise InputError(f"{display_path(path)}:{line}: not UTF-8 text. Save the file as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{display_path(path)}: cannot read it ({exc.strerror or exc}). "
                         f"Check the path and its permissions") from None


def is_external(url: str) -> bool:
    return url[:8].lower().startswith(("http://", "https://"))


# ----------------------------------------------------------------- registry

class _Entry:
    def __init__(self, url: str | None, url_line: int, languages: dict[str, tuple[str, int]]):
        self.url = url
        self.url_line = url_line
        self.languages = languages


class ServiceRegistry:
    """The URLs in services.yml with the line each stands on, and key -> URL.

    Lines come from the YAML nodes (exact, even when a URL appears twice). Keys
    are resolved by medborgarguiden.registry when it accepts the file, so the
    checker and the site build agree; a registry it rejects (e.g. a test file
    with http:// loopback URLs) is still read leniently here, with a warning,
    because its links can be checked all the same."""

    def __init__(self, path: Path):
        self.path = path
        self.display = display_path(path)
        self.warning: str | None = None
        self._entries: dict[str, _Entry] | None = None
        self._strict = False  # not loaded yet; None: not available

    @property
    def entries(self) -> dict[str, _Entry]:
        if self._entries is None:  # read on first use: a run without service: links never needs it
            self._entries = {}
            self._read()
        return self._entries

    def _read(self) -> None:
        text = read_text(self.path)
        try:
            root = yaml.compose(text, Loader=YAML_LOADER)
        except yaml.YAMLError as exc:
            raise InputError(yaml_problem(self.display, exc)) from None
        services = _child(root, "services")
        if not isinstance(services, yaml.MappingNode):
            raise InputError(f"{self.display}:1: not a service registry (no 'services:' section). "
                             f"Pass services.yml, Markdown, HTML or a folder of them")
        for key_node, node in services.value:
            if not isinstance(node, yaml.MappingNode):
                continue
            url_node = _child(node, "url")
            url = url_node.value.strip() if isinstance(url_node, yaml.ScalarNode) and url_node.value else None
            languages = {}
            lang_node = _child(node, "languages")
            if isinstance(lang_node, yaml.MappingNode):
                for lang, value in lang_node.value:
                    if isinstance(value, yaml.ScalarNode) and value.value:
                        languages[lang.value] = (value.value.strip(), value.start_mark.line + 1)
            self._entries[str(key_node.value)] = _Entry(
                url, url_node.start_mark.line + 1 if url_node is not None else key_node.start_mark.line + 1,
                languages)

    def _load_strict(self):
        try:
            from medborgarguiden import registry as strict_registry
        except ImportError:
            return None
        try:
            return strict_registry.load_registry(self.path)
        except strict_registry.RegistryError as exc:
            first = exc.problems[0] if exc.problems else str(exc)
            more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
            self.warning = (f"{self.display} does not pass the registry rules: {first}{more} "
                            f"Its links are checked anyway.")
            return None

    def url_for(self, key: str, lang: str) -> str | None:
        entries = self.entries  # reads the file, and reports YAML errors with their line
        if self._strict is False:
            self._strict = self._load_strict()
        if self._strict is not None:
            if key in self._strict.roles:
                # A role (service:transit-planner) means a different service per library; every one of
                # them is checked as a registry entry, so one stands for the guide's link here.
                return self._strict.resolve(key).url_for(lang)
            service = self._strict.services.get(key)
            return service.url_for(lang) if service else None
        entry = entries.get(key)
        if entry is None:
            return None
        return entry.languages[lang][0] if lang in entry.languages else entry.url

    def links(self) -> list[Link]:
        found = []
        for entry in self.entries.values():
            if entry.url and is_external(entry.url):
                found.append(Link(entry.url, Source(self.display, entry.url_line)))
            for url, line in entry.languages.values():
                if is_external(url):
                    found.append(Link(url, Source(self.display, line)))
        return found


def _child(node, name: str):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return value
    return None


# ----------------------------------------------------------------- Markdown

_FENCE = lazy(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = lazy(r"(`+).+?\1")
_COMMENT = lazy(r"<!--.*?-->", re.S)
# [text](target "title"); the target may hold balanced parentheses (Wikipedia). Written
# "normal* (special normal*)*" so the scan does not try an alternation at every character.
_INLINE = lazy(r"\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?")
_REF_DEF = lazy(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.M)  # [ref]: target
_AUTOLINK = lazy(r"<((?:https?|service):[^>\s]+)>", re.I)          # <https://...>
_ATTR = lazy(r"\b(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)  # raw HTML in Markdown
_BARE = lazy(r"https?://[^\s<>\"'`]+", re.I)                        # a URL written out
_TRAILING = ".,;:!?*_~'\""


@functools.cache
def _site_languages() -> tuple[str, ...]:
    """The site's language codes (mkdocs.yml), the default first. Read when a service: link is
    first resolved: links written out need no language, and reading mkdocs.yml is start-up time."""
    from .. import site

    return tuple(lang.code for lang in site.languages())


def language_of(path: Path) -> str:
    """docs/<lang>/page.md, or page.<lang>.md (the i18n plugin's suffix form); else the default language."""
    languages = _site_languages()
    suffix = path.stem.rsplit(".", 1)
    if len(suffix) == 2 and suffix[1] in languages:
        return suffix[1]
    for part in reversed(path.parent.parts):
        if part in languages:
            return part
    return languages[0]


def _trim_bare(url: str) -> str:
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _blank(match: re.Match) -> str:
    """Same length, newlines kept: masked text keeps every position and line number."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _mask_markdown(text: str) -> str:
    """Fenced code, HTML comments and code spans blanked out: they show no links."""
    lines = text.split("\n")
    fence = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line) if "`" in line or "~" in line else None
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines[i] = ""
        elif match:
            fence = match.group(1)
            lines[i] = ""
    masked = "\n".join(lines)
    if "<!--" in masked:
        masked = _COMMENT.sub(_blank, masked)
    if "`" in masked:
        masked = _CODE_SPAN.sub(_blank, masked)
    return masked


def markdown_links(path: Path, text: str, registry: ServiceRegistry | None) -> list[Link]:
    display = display_path(path)
    masked = _mask_markdown(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", masked)]
    targets: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    lower = masked.lower()
    # Each pattern only where its marker occurs: most guides have no raw HTML or reference links.
    patterns = [(_INLINE, "]("), (_REF_DEF, "]:"), (_AUTOLINK, "<"), (_ATTR, "href"), (_ATTR, "src")]
    for regex, marker in patterns:
        if marker not in lower or (regex is _ATTR and marker == "src" and "href" in lower):
            continue  # (_ATTR finds href and src in one pass)
        for m in regex.finditer(masked):
            target = m.group(1) if m.group(1) is not None else m.group(2)
            if target:
                targets.append((m.start(), target))
                taken.append(m.span())
    taken.sort()
    starts = [span[0] for span in taken]
    reach = list(itertools.accumulate((span[1] for span in taken), max))  # furthest end so far
    for m in _BARE.finditer(masked):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= reach[i]:  # not inside a link already found
            targets.append((m.start(), _trim_bare(m.group(0))))
    found: list[Link] = []
    for position, target in sorted(targets):
        line = bisect.bisect_right(line_starts, position)
        url = _resolve(target, path, registry, display, line)
        if url:
            found.append(Link(url, Source(display, line)))
    return found


def _resolve(target: str, path: Path, registry: ServiceRegistry | None, display: str, line: int) -> str | None:
    if is_external(target):
        return target
    if not target.lower().startswith("service:"):
        return None  # relative, mailto:, tel: ... not an external web link
    key, hash_, fragment = target[len("service:"):].partition("#")
    if registry is None:
        raise InputError(f"{display}:{line}: '{target}' needs the service registry, which was not found. "
                         f"Pass --registry PATH/services.yml")
    url = registry.url_for(key, language_of(path))
    if url is None:
        return f"service:{key}"  # reported as broken: the key is not in the registry
    return url + hash_ + fragment if fragment else url


# ----------------------------------------------------------------- HTML

def html_links(path: Path, text: str) -> list[Link]:
    from html.parser import HTMLParser  # only for built HTML

    display = display_path(path)
    found: list[Link] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            values = dict(attrs)
            if tag == "link" and {"preconnect", "dns-prefetch"} & set((values.get("rel") or "").lower().split()):
                return  # a connection hint to an origin, not a page
            for name in ("href", "src"):
                url = (values.get(name) or "").strip()
                if is_external(url):
                    found.append(Link(url, Source(display, self.getpos()[0])))

        handle_startendtag = handle_starttag

    parser = Parser(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return found


# ----------------------------------------------------------------- inputs

def files_in(folder: Path) -> list[Path]:
    """Markdown and HTML files under folder, hidden folders and node_modules skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES + HTML_SUFFIXES):
                found.append(Path(root) / name)
    return found


def collect(paths: list[Path], registry: ServiceRegistry | None) -> list[Link]:
    """Every external link in `paths` (files or folders), in order of appearance."""
    links: list[Link] = []
    for path in paths:
        if path.is_dir():
            files = files_in(path)
        elif path.exists():
            files = [path]
        else:
            raise InputError(f"{display_path(path)}: no such file or folder. Check the path")
        for file in files:
            suffix = file.suffix.lower()
            if suffix in REGISTRY_SUFFIXES:
                same = registry is not None and file.resolve() == registry.path.resolve()
                links += (registry if same else ServiceRegistry(file)).links()
            elif suffix in HTML_SUFFIXES:
                links += html_links(file, read_text(file))
            elif suffix in MARKDOWN_SUFFIXES:
                links += markdown_links(file, read_text(file), registry)
            else:
                raise InputError(f"{display_path(file)}: not Markdown, HTML or services.yml. "
                                 f"Pass .md, .html or .yml files, or folders of them")
    return links
