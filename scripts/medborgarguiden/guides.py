"""The rules a guide must follow. The build (overrides/hooks/guide_rules.py) and
`scripts/validate.py` both call `check_site`, so the two can never disagree.

A guide is any Markdown file directly in docs/<lang>/ except index.md; pages in sub-folders (about,
staff) are not guides. Every problem names file and line and says what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, keywords, markdown_rules, site
from .file_names import file_name_problems
from .frontmatter import lines_of
from .safe_yaml import YamlProblem
from .registry import Registry, RegistryError, load_registry

# Errands in the order library visitors bring them to the desk (Regionbibliotek Stockholm's
# staff workshops, 2017). The start page shows the guides in this order.
ERRANDS = (
    "printing", "banking", "travel", "translation", "migration", "authorities", "computers",
    "scanning", "jobs", "housing", "eservices", "legal", "eid", "consumer", "certified-copies",
    "directions",
)
# needed: a copy of the Swedish text that nobody has translated yet (scripts/new_guide.py and
# new_language.py make these); visitors see it with the same notice as a machine translation.
TRANSLATION_STATES = ("source", "needed", "machine", "reviewed")
FIELDS = frontmatter.FIELDS  # the fields and their types: frontmatter.SCHEMA
GUIDE_FILE_MAX_BYTES = 64_000  # refused before reading; the text itself: markdown_rules.GUIDE_MAX_BYTES
# Sections every guide has, by heading id ({#need} …), so they are found in any language.
SECTIONS = {
    "need": "what you need (a checklist)",
    "steps": "the steps (a numbered list)",
    "problems": "if it does not work",
    "help": "get help",
}

# The roots whose last check_site found nothing: the side-by-side pages copy only checked guides.
PASSED: set[Path] = set()
# What the guide template (scripts/templates/guide.md) writes where a person has to write something.
PLACEHOLDER = "SKRIV HÄR"

SERVICE_LINK = re.compile(r"\]\(service:([^)\s]*)\)")
PHONE_TOKEN = re.compile(r"\{phone:([^}\s]*)\}")
# The name people know a service by, for names that differ by region: {name:transit-planner} is SL,
# Västtrafik or Skånetrafiken, depending on the library's edition.
NAME_TOKEN = re.compile(r"\{name:([^}\s]*)\}")
HEADING_ID = re.compile(r"^##\s+.*\{#([a-z-]+)\}\s*$")
ANY_HEADING_ID = re.compile(r"^#{1,6}\s.*\{\s*#([^}\s]*)[^}]*\}\s*$")


@dataclass
class Guide:
    path: Path
    lang: str
    slug: str
    meta: dict
    body: str
    body_line: int  # line number of the first body line in the file
    meta_lines: dict = field(default_factory=dict)  # field -> line number

    @property
    def errand_rank(self) -> int:
        errand = self.meta.get("errand")
        return ERRANDS.index(errand) if errand in ERRANDS else len(ERRANDS)


@functools.lru_cache(maxsize=4096)  # a check names each guide several times; resolving is a system call per folder
def relative(path: Path, root: Path = site.ROOT) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Returns (front matter text or None, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    return None, text, 1


def read_guide(path: Path, lang: str, problems: list[str], root: Path = site.ROOT) -> Guide | None:
    """The guide at `path` with its typed front matter (frontmatter.py); None when it cannot be read.
    Problems in the front matter's fields are reported here; the guide is still returned."""
    name = relative(path, root)
    try:
        if path.stat().st_size > GUIDE_FILE_MAX_BYTES:
            problems.append(f"{name}:1: the file is {path.stat().st_size:,} bytes; a guide may have at most "
                            f"{GUIDE_FILE_MAX_BYTES:,}. Make it shorter, or split it into two guides.")
            return None
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(f"{name}:1: the file is not UTF-8 text ({err.reason}). Save it as UTF-8.")
        return None
    except OSError as err:
        problems.append(f"{name}:1: the file cannot be read ({err.strerror}). Check that it is a normal file.")
        return None
    front = frontmatter.read(text)
    if isinstance(front, YamlProblem):
        problems.append(f"{name}:{front.line}: {front.message}.")
        return None
    problems.extend(f"{name}:{line}: {message}." for line, message in sorted(front.problems))
    return Guide(path, lang, path.stem, front.meta, front.body, front.body_line, front.lines)


def check_guide(guide: Guide, registry: Registry | None, problems: list[str], root: Path = site.ROOT) -> None:
    """The rules beyond the front matter's types: known values, sections, services and the text's markup."""
    name = relative(guide.path, root)
    meta, line_of = guide.meta, guide.meta_lines.get
    for key in meta:
        if key not in FIELDS:
            problems.append(f"{name}:{line_of(key)}: unknown field '{key}'. Remove it or check the spelling "
                            f"(fields: {', '.join(FIELDS)}).")
    if isinstance(meta.get("keywords"), list):  # the type is frontmatter's; keywords.py checks the words
        keywords.check(meta["keywords"], f"{name}:{line_of('keywords')}", problems)
    if meta.get("errand") and meta["errand"] not in ERRANDS:
        problems.append(f"{name}:{line_of('errand')}: unknown errand '{meta['errand']}'. "
                        f"Use one of: {', '.join(ERRANDS)}.")
    checked = meta.get("checked")
    if isinstance(checked, dt.date) and checked > dt.date.today():
        problems.append(f"{name}:{line_of('checked')}: 'checked: {checked}' is in the future. "
                        "Write the day the guide was really checked.")
    state = meta.get("translation")
    default = site.default_language(root)
    if state and state not in TRANSLATION_STATES:
        problems.append(f"{name}:{line_of('translation')}: 'translation: {state}' is not one of "
                        f"{', '.join(TRANSLATION_STATES)}.")
    elif guide.lang == default and state and state != "source":
        problems.append(f"{name}:{line_of('translation')}: a Swedish guide is the source. Write 'translation: source'.")
    elif guide.lang != default and state == "source":
        problems.append(f"{name}:{line_of('translation')}: only the Swedish guide is the source. Write "
                        "'translation: machine' (not yet reviewed by a person), 'translation: reviewed', or "
                        "'translation: needed' (a copy of the Swedish, not translated yet).")
    icon = meta.get("icon")
    if icon and not icon_path(icon):
        problems.append(f"{name}:{line_of('icon')}: there is no icon '{icon}'. Use a name like "
                        "material/printer from https://pictogrammers.com/library/mdi/.")
    # Size first: the Markdown parser must never see a pathological text.
    text_problems = markdown_rules.size_problems(guide.body, guide.body_line)
    if not text_problems:
        text_problems = markdown_rules.markup_problems(guide.body, guide.body_line)
        _check_sections(guide, name, problems)
        if registry is not None:
            _check_services(guide, name, registry, meta.get("services") or [], problems)
    problems.extend(f"{name}:{line}: {message}." for line, message in text_problems)


def placeholders(guide: Guide, root: Path = site.ROOT) -> list[str]:
    """'file:line: …' for every template placeholder left in a guide (not in copies nobody has
    translated yet: visitors get the Swedish guide's text instead of theirs)."""
    if guide.meta.get("translation") == "needed":
        return []
    name = relative(guide.path, root)
    found = []
    for number, line in enumerate(guide.path.read_text(encoding="utf-8").splitlines(), start=1):
        if PLACEHOLDER in line:
            what = line.split(PLACEHOLDER, 1)[1].strip(' :"#').split("#")[0].strip().rstrip('"')
            found.append(f"{name}:{number}: the template's placeholder is still here ({PLACEHOLDER}: {what}). "
                         "Replace it with the guide's own text.")
    return found


def _check_sections(guide: Guide, name: str, problems: list[str]) -> None:
    found = []
    h1 = False
    for number, line in enumerate(lines_of(guide.body), start=guide.body_line):
        if line.startswith("# "):
            h1 = True
        match = ANY_HEADING_ID.match(line)
        if not match:
            continue
        sid = match.group(1)
        if HEADING_ID.match(line) and sid in SECTIONS:
            found.append(sid)
        else:
            close = difflib.get_close_matches(sid, SECTIONS, n=1)
            hint = f"Did you mean {{#{close[0]}}}? " if close else ""
            problems.append(f"{name}:{number}: the heading id {{#{sid}}} is not one of the guide's sections. "
                            f"{hint}Use {', '.join('{#' + s + '}' for s in SECTIONS)} on '## ' headings, "
                            "or remove the {#…}.")
    if not h1:
        problems.append(f"{name}:{guide.body_line}: the guide has no title line. Start the text with "
                        f"'# {guide.meta.get('title', 'Title')}'.")
    missing = [sid for sid in SECTIONS if sid not in found]
    for sid in missing:
        problems.append(f"{name}:{guide.body_line}: the section {{#{sid}}} ({SECTIONS[sid]}) is missing. "
                        f"Add a heading like '## … {{#{sid}}}' (copy it from the Swedish guide).")
    if not missing and [s for s in found if s in SECTIONS] != list(SECTIONS):
        problems.append(f"{name}:{guide.body_line}: the sections are in the wrong order. "
                        f"Use this order: {', '.join('{#' + s + '}' for s in SECTIONS)}.")


def _check_services(guide: Guide, name: str, registry: Registry, listed: list, problems: list[str]) -> None:
    used = set()
    for offset, line in enumerate(lines_of(guide.body)):
        for pattern in (SERVICE_LINK, PHONE_TOKEN, NAME_TOKEN):
            for match in pattern.finditer(line):
                key = match.group(1)
                used.add(key)
                if not registry.knows(key):
                    problems.append(f"{name}:{guide.body_line + offset}: unknown service '{key}'. "
                                    f"{_suggest(key, registry)}")
                # A role's phone depends on the library: library_roles.check_library_roles checks it.
                elif pattern is PHONE_TOKEN and key in registry.services and not registry.services[key].phone:
                    problems.append(f"{name}:{guide.body_line + offset}: the service '{key}' has no phone "
                                    "number in services.yml. Use another key or remove the {phone:…}.")
    for key in listed:
        if not registry.knows(key):
            problems.append(f"{name}:{guide.meta_lines.get('services', 2)}: unknown service '{key}' in "
                            f"'services'. {_suggest(key, registry)}")
    for key in sorted(used - set(listed)):
        if registry.knows(key):
            problems.append(f"{name}:{guide.meta_lines.get('services', 2)}: the guide uses '{key}' but "
                            "does not list it in 'services'. Add it to the list.")


def _suggest(key: str, registry: Registry) -> str:
    close = difflib.get_close_matches(key, [*registry.services, *registry.roles], n=1)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    return hint + "Use a key from services.yml, or add the service there first."


_ICON_ROOTS: list[Path] | None = None


def icon_path(icon: str) -> Path | None:
    """The SVG file of a Material icon name like 'material/printer', or None."""
    global _ICON_ROOTS
    if _ICON_ROOTS is None:
        import material

        _ICON_ROOTS = [Path(material.__file__).parent / "templates" / ".icons"]
    if not re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", str(icon)):
        return None
    for root in _ICON_ROOTS:
        svg = root / f"{icon}.svg"
        if svg.is_file():
            return svg
    return None


def guide_paths(docs: Path, lang: str) -> list[Path]:
    folder = docs / lang
    return sorted(p for p in folder.glob("*.md") if p.name != "index.md") if folder.is_dir() else []


def load_guides(lang: str, root: Path = site.ROOT) -> list[Guide]:
    """The guides of one language, in start-page order. Unreadable guides are left out; the build
    has already failed on them through check_site."""
    guides = [g for p in guide_paths(root / "docs", lang) if (g := read_guide(p, lang, [], root))]
    return sorted(guides, key=lambda g: (g.errand_rank, str(g.meta.get("title", ""))))


def moved_guide_problems(root: Path, slugs: set[str]) -> list[str]:
    """mkdocs.yml `extra: moved_guides: {old: new}`: the new name is a guide, the old one no longer is."""
    moved = (site.read_config(root).get("extra") or {}).get("moved_guides") or {}
    if not isinstance(moved, dict):
        return ["mkdocs.yml:1: extra: moved_guides must map an old guide name to its new one, e.g. 'sl-resa: kollektivtrafik'."]
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if line.strip() == "moved_guides:"), 0)

    def line_of(old) -> int:
        return next((n + 1 for n in range(start, len(lines)) if lines[n].strip().startswith(f"{old}:")), start + 1)

    problems = []
    for old, new in moved.items():
        if str(new) not in slugs:
            problems.append(f"mkdocs.yml:{line_of(old)}: moved_guides sends '{old}' to '{new}', but there is no guide "
                            f"docs/{site.default_language(root)}/{new}.md. Write the guide's new file name.")
        if str(old) in slugs:
            problems.append(f"mkdocs.yml:{line_of(old)}: moved_guides sends '{old}' on to '{new}', but '{old}' is a guide again. "
                            f"Remove '{old}' from moved_guides.")
    return problems


def check_site(root: Path = site.ROOT) -> list[str]:
    """Every problem in the guides and the registry, as 'file:line: problem. fix' messages."""
    problems: list[str] = []
    try:
        registry = load_registry(root / "services.yml")
    except RegistryError as err:
        problems.extend(err.problems)
        registry = None
    except FileNotFoundError:
        problems.append("services.yml:1: the service registry is missing. Restore services.yml from git.")
        registry = None
    docs = root / "docs"
    problems.extend(file_name_problems(docs, root))
    problems.extend(frontmatter.other_pages_problems(docs, root))
    langs = [lang.code for lang in site.languages(root)]
    default = langs[0]
    source_slugs = {p.stem for p in guide_paths(docs, default)}
    for lang in langs:
        if not (docs / lang / "index.md").is_file():
            problems.append(f"docs/{lang}/index.md:1: the start page of '{lang}' is missing. "
                            f"Copy docs/{default}/index.md and translate it.")
        slugs = set()
        for path in guide_paths(docs, lang):
            slugs.add(path.stem)
            guide = read_guide(path, lang, problems, root)
            # A guide still holding the template's placeholders gets one message per placeholder, saying
            # what to write, instead of every rule the placeholders break.
            left = placeholders(guide, root) if guide else []
            problems.extend(left)
            if guide and not left:
                check_guide(guide, registry, problems, root)
        # A guide not in a language yet (started in the browser, in Swedish only) is left out of that
        # language's site until someone adds it; translations.py and the status page list it as 'missing'.
        for slug in sorted(slugs - source_slugs):
            problems.append(f"docs/{lang}/{slug}.md:1: there is no Swedish guide '{slug}'. Every guide starts "
                            f"in Swedish: add docs/{default}/{slug}.md or rename this file to match it.")
    problems.extend(moved_guide_problems(root, source_slugs))
    # The libraries' own details are shown on every guide, so a mistake there stops the build too.
    from .library_config import check_libraries
    from .library_roles import check_library_roles

    library_problems = check_libraries(root)
    problems.extend(library_problems)
    if registry is not None and not library_problems:
        problems.extend(check_library_roles(registry, root))
    # What guides say: values from facts.yml, translations' numbers, … (content_rules.py). Only its
    # errors count here: the warnings (glossary, facts due for a check) stop nothing, and validate.py
    # asks for them itself.
    from .content_rules import check_content

    problems.extend(check_content(root, registry, warn=False)[0])
    if problems:
        PASSED.discard(root.resolve())
    else:
        PASSED.add(root.resolve())
    return problems
