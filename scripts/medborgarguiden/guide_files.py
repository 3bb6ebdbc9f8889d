"""Making new guide files: the rules for a guide's file name (its slug), the guide made from
scripts/templates/guide.md, and the untranslated copies the other languages start with."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import frontmatter, site
from .front_matter_edit import set_field
from .guides import PLACEHOLDER, Guide, check_guide, split_front_matter
from .safe_yaml import YamlProblem

TEMPLATE = Path("scripts") / "templates" / "guide.md"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Names a guide cannot have: its page would take the place of a folder the site already uses.
RESERVED = {"index", "assets", "search", "personal", "stylesheets", "javascripts", "images", "404"}
DEFAULT_ICON = "material/file-document-outline"


def suggest_slug(text: str) -> str:
    """'Skriva ut' -> 'skriva-ut', 'Låna böcker' -> 'lana-bocker': lowercase ASCII, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def slug_problem(slug: str, languages: list[str]) -> str | None:
    """Why `slug` cannot name a guide, with the fix; None when it can."""
    if SLUG.fullmatch(slug):
        if slug in RESERVED or slug in languages:
            return (f"'{slug}' cannot be the name of a guide: the site already uses it for something else "
                    f"(a language or a folder). Choose another name, e.g. '{slug}-guide'.")
        return None
    suggestion = suggest_slug(slug)
    example = f" Use '{suggestion}' instead" if suggestion else " For example 'skriva-ut'"
    return (f"'{slug}' cannot be the name of a guide: the file name may only have lowercase letters a–z "
            f"without å, ä, ö, digits and hyphens (no spaces).{example}: "
            f"python scripts/new_guide.py {suggestion or 'skriva-ut'} --title \"…\"")


def _yaml_quoted(text: str) -> str:
    """Text in YAML's double quotes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


QUOTED = ("title", "label", "description")  # free text: always in quotes


def render(template: str, values: dict[str, str | None]) -> str:
    """The template (a guide with "SKRIV HÄR" placeholders, usable as it is in the browser) with the
    given front matter fields set, and its title and description lines filled from them. A value of
    None leaves the placeholder for the person to fill in. Raises ValueError without front matter."""
    text = template
    for key, value in values.items():
        if value is not None:
            text = set_field(text, key, _yaml_quoted(value) if key in QUOTED else value)
    front, body, _ = split_front_matter(text)
    lines = body.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("# ") and PLACEHOLDER in line and values.get("title"):
            lines[i] = f"# {values['title']}\n"
        elif line.startswith(PLACEHOLDER) and values.get("description"):
            lines[i] = f"{values['description']}\n"
            break
    return "---\n" + front + "---\n" + "".join(lines)


def as_needed(text: str) -> str:
    """A Swedish guide's text as the start of a translation: the same text, marked 'translation: needed'
    (a copy of the Swedish, not translated yet), with an empty 'keywords' list: search words are
    written in the language itself, by the translator. Only those two front matter lines change."""
    front, body, _ = split_front_matter(text)
    if front is None:
        return text
    pattern = re.compile(r"^translation:[ \t]*[^\s#]*", re.MULTILINE)
    if pattern.search(front):
        front = pattern.sub("translation: needed", front, count=1)
    else:
        front += "translation: needed\n"
    # The whole value, also a list written one "- word" per line below the field.
    front = re.sub(r"^keywords:.*(?:\n(?:[ \t]+|-).*)*", "keywords: []", front, count=1, flags=re.MULTILINE)
    return "---\n" + front + "---\n" + body


def problems_in(text: str, path: Path, lang: str, root: Path = site.ROOT) -> list[str]:
    """What the guide rules (frontmatter.read, guides.check_guide) say about a guide that is not written yet."""
    front = frontmatter.read(text)
    if isinstance(front, YamlProblem):
        return [f"{path}:{front.line}: {front.message}"]
    problems = [f"{path}:{line}: {message}" for line, message in front.problems]
    check_guide(Guide(path, lang, path.stem, front.meta, front.body, front.body_line, front.lines), None, problems, root)
    return problems
