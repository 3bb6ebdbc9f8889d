"""The rules a guide must follow. The build (overrides/hooks/guide_rules.py) and
`scripts/validate.py` both call `check_site`, so the two can never disagree.

A guide is any Markdown file directly in docs/<lang>/ except index.md; pages in sub-folders (about,
staff) are not guides. Every problem names file and line and says what to do.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import site
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
FIELDS = ("title", "label", "description", "icon", "errand", "services", "eservice", "checked",
          "translation")
# Sections every guide has, by heading id ({#need} …), so they are found in any language.
SECTIONS = {
    "need": "what you need (a checklist)",
    "steps": "the steps (a numbered list)",
    "problems": "if it does not work",
    "help": "get help",
}

SERVICE_LINK = re.compile(r"\]\(service:([^)\s]*)\)")
PHONE_TOKEN = re.compile(r"\{phone:([^}\s]*)\}")
# The name people know a service by, for names that differ by region: {name:transit-planner} is SL,
# Västtrafik or Skånetrafiken, depending on the library's edition.
NAME_TOKEN = re.compile(r"\{name:([^}\s]*)\}")
HEADING_ID = re.compile(r"^##\s+.*\{#([a-z-]+)\}\s*$")


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


class GuideError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


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
    name = relative(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.append(f"{name}:1: the file is not UTF-8 text ({err.reason}). Save it as UTF-8.")
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        problems.append(f"{name}:1: the guide has no front matter. Start the file with a line '---', "
                        "the fields (title, label, …), and another '---' — copy them from another guide.")
        return None
    try:
        node = yaml.compose(front, Loader=yaml.SafeLoader)
        meta = yaml.safe_load(front) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(err, "problem", None) or str(err)
        problems.append(f"{name}:{line}: the front matter is not valid YAML ({problem}). "
                        "Check the colon after each field name and quotes around text with a colon.")
        return None
    if not isinstance(meta, dict):
        problems.append(f"{name}:2: the front matter must be fields like 'title: …', one per line.")
        return None
    meta_lines = {k.value: k.start_mark.line + 2 for k, _ in node.value} if node else {}
    return Guide(path, lang, path.stem, meta, body, body_line, meta_lines)


def check_guide(guide: Guide, registry: Registry | None, problems: list[str], root: Path = site.ROOT) -> None:
    name = relative(guide.path, root)
    meta, line_of = guide.meta, guide.meta_lines.get
    for key in FIELDS:
        if key not in meta or meta[key] in (None, ""):
            problems.append(f"{name}:{line_of(key, 2)}: the field '{key}' is missing or empty. "
                            f"Add '{key}: …' to the front matter (see scripts/templates/guide.md).")
    for key in meta:
        if key not in FIELDS:
            problems.append(f"{name}:{line_of(key)}: unknown field '{key}'. Remove it or check the spelling "
                            f"(fields: {', '.join(FIELDS)}).")
    if meta.get("errand") and meta["errand"] not in ERRANDS:
        problems.append(f"{name}:{line_of('errand')}: unknown errand '{meta['errand']}'. "
                        f"Use one of: {', '.join(ERRANDS)}.")
    checked = meta.get("checked")
    if checked and not isinstance(checked, dt.date):
        problems.append(f"{name}:{line_of('checked')}: 'checked: {checked}' is not a date. "
                        "Write the day a person last checked the facts as YYYY-MM-DD, e.g. checked: 2026-11-28.")
    elif isinstance(checked, dt.date) and checked > dt.date.today():
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
    if "eservice" in meta and not isinstance(meta["eservice"], bool):
        problems.append(f"{name}:{line_of('eservice')}: 'eservice' must be true or false.")
    services = meta.get("services")
    if services is not None and not isinstance(services, list):
        problems.append(f"{name}:{line_of('services')}: 'services' must be a list, e.g. services: [csn-ansok].")
        services = []
    icon = meta.get("icon")
    if icon and not icon_path(icon):
        problems.append(f"{name}:{line_of('icon')}: there is no icon '{icon}'. Use a name like "
                        "material/printer from https://pictogrammers.com/library/mdi/.")
    _check_sections(guide, name, problems)
    if registry is not None:
        _check_services(guide, name, registry, services or [], problems)


def _check_sections(guide: Guide, name: str, problems: list[str]) -> None:
    found = []
    h1 = False
    for offset, line in enumerate(guide.body.splitlines()):
        if line.startswith("# "):
            h1 = True
        match = HEADING_ID.match(line)
        if match:
            found.append(match.group(1))
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
    for offset, line in enumerate(guide.body.splitlines()):
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
        if re.search(r"\]\((https?:)?//", line) or re.search(r"<https?://", line):
            problems.append(f"{name}:{guide.body_line + offset}: a web address is written in the guide. "
                            "Link through the registry instead: [text](service:KEY), with KEY from services.yml.")
    for key in listed:
        if not registry.knows(key):
            problems.append(f"{name}:{guide.meta_lines.get('services', 2)}: unknown service '{key}' in "
                            f"'services'. {_suggest(key, registry)}")
    for key in sorted(used - set(listed)):
        if registry.knows(key):
            problems.append(f"{name}:{guide.meta_lines.get('services', 2)}: the guide uses '{key}' but "
                            "does not list it in 'services'. Add it to the list.")


def _suggest(key: str, registry: Registry) -> str:
    import difflib

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
            if guide:
                check_guide(guide, registry, problems, root)
        for slug in sorted(source_slugs - slugs):
            problems.append(f"docs/{lang}/{slug}.md:1: the guide '{slug}' is missing in '{lang}'. To add it, "
                            f"copy docs/{default}/{slug}.md "
                            "there, translate it and mark it 'translation: machine' until a person has reviewed it.")
        for slug in sorted(slugs - source_slugs):
            problems.append(f"docs/{lang}/{slug}.md:1: there is no Swedish guide '{slug}'. Every guide starts "
                            f"in Swedish: add docs/{default}/{slug}.md or rename this file to match it.")
    # The libraries' own details are shown on every guide, so a mistake there stops the build too.
    from .library_config import check_libraries
    from .library_roles import check_library_roles

    library_problems = check_libraries(root)
    problems.extend(library_problems)
    if registry is not None and not library_problems:
        problems.extend(check_library_roles(registry, root))
    return problems
