"""A guide's front matter: found, read safely and checked field by field against its type.

The fields are read from the YAML nodes as written (safe_yaml.compose), not with yaml.safe_load:
`label: yes` would otherwise become True and show "True" on a tile, `checked: 2026-11-31` would crash
the reader, and a field written twice would silently win. Every problem is (line, message) with the
line in the guide file; guides.py adds the file name.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .safe_yaml import STR_TAG, YamlProblem, compose, duplicate_keys, text_in

FRONT_MATTER_MAX_BYTES = 8_000
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# field -> (kind, required, longest text). Kinds: text, bool, date, list (of texts).
SCHEMA: dict[str, tuple[str, bool, int]] = {
    "title": ("text", True, 120),
    "label": ("text", True, 40),
    "description": ("text", True, 300),
    "icon": ("text", True, 80),
    "errand": ("text", True, 40),
    "services": ("list", True, 80),
    "eservice": ("bool", True, 0),
    "checked": ("date", True, 0),
    "translation": ("text", True, 20),
    # Words a visitor may search for that the text does not use; indexed by search, never shown.
    "keywords": ("list", False, 60),
    # Written by `translations.py --mark-current`: the Swedish version a person checked the translation against.
    "source_checked": ("text", False, 40),
}
FIELDS = tuple(SCHEMA)
EXAMPLES = {
    "title": 'title: "Boka tid för pass"', "label": 'label: "Boka pass"',
    "description": 'description: "Så bokar du tid för pass."', "icon": "icon: material/passport",
    "errand": "errand: authorities", "services": "services: [polisen-boka-pass]",
    "eservice": "eservice: true", "checked": "checked: 2026-11-28", "translation": "translation: source",
    "keywords": "keywords: [id-handling, resa]", "source_checked": 'source_checked: "3f2a9c41d0b7"',
}
_KIND_OF_TAG = {"bool": "true/false", "int": "a number", "float": "a number", "timestamp": "a date",
                "null": "empty"}


@dataclass
class FrontMatter:
    meta: dict  # field -> value of the right type (only fields without problems)
    lines: dict[str, int]  # field -> line in the file
    body: str
    body_line: int  # line of the first body line in the file
    problems: list[tuple[int, str]] = field(default_factory=list)


def lines_of(text: str) -> list[str]:
    """Lines as an editor numbers them: split at \\n only (str.splitlines also splits at \\x0c, \\u2028 …,
    which would point every later message at the wrong line)."""
    return text.split("\n")


def split(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line where the body starts) of NFC text without BOM. Raises
    YamlProblem for a front matter that is opened but never closed."""
    lines = lines_of(text)
    if lines[0].rstrip(" \t\r") != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].rstrip(" \t\r") == "---":
            return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1:]), i + 2
    raise YamlProblem(1, "the front matter that starts here is never closed. Add a line '---' after the "
                         "last field (translation: …), before the guide's text")


@functools.lru_cache(maxsize=4096)
def read(raw: str) -> FrontMatter | YamlProblem:
    """The typed front matter of a guide's text, or the one problem that stops reading it.

    Cached by the text: a build asks for each guide's front matter several times (the checks, the
    tiles, the translation status, the side-by-side pages), and the careful reader is pure Python.
    Callers read the result and never change it."""
    text = text_in(raw)
    try:
        front, body, body_line = split(text)
    except YamlProblem as problem:
        return problem
    if front is None:
        return YamlProblem(1, "the guide has no front matter. Start the file with a line '---', the fields "
                              "(title, label, …), and another '---' — copy them from another guide")
    try:
        root = compose(front, FRONT_MATTER_MAX_BYTES, first_line=2)
    except YamlProblem as problem:
        return problem
    if root is None:
        root = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(root, yaml.MappingNode):
        return YamlProblem(2, "the front matter must be fields like 'title: …', one per line")
    result = FrontMatter({}, {}, body, body_line)
    result.problems.extend(duplicate_keys(root, first_line=2))
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 2
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STR_TAG:
            result.problems.append((line, "a field name is not plain text. Write it as a simple name like 'title'"))
            continue
        key = key_node.value
        if key in result.lines:
            continue  # a duplicate: reported above
        result.lines[key] = line
        if key not in SCHEMA:
            result.meta[key] = None  # guides.py says it is unknown
            continue
        value = _value(key, value_node, result.problems)
        if value is not None:
            result.meta[key] = value
        elif SCHEMA[key][1] and isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null"):
            result.problems.append((line, _missing(key)))
    for key, (_, required, _) in SCHEMA.items():
        if required and key not in result.lines:
            result.problems.append((2, _missing(key)))
    return result


def _missing(key: str) -> str:
    return (f"the field '{key}' is missing or empty. Add it to the front matter, e.g. {EXAMPLES[key]} "
            "(see scripts/templates/guide.md)")


def _value(key: str, node: yaml.Node, problems: list[tuple[int, str]]):
    kind, _, longest = SCHEMA[key]
    line = node.start_mark.line + 2
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return None  # empty: read() reports a required field as missing
    if kind == "list":
        if not isinstance(node, yaml.SequenceNode):
            problems.append((line, f"'{key}' must be a list. Write it like {EXAMPLES[key]}"))
            return None
        items = [_text(key, item, longest, problems) for item in node.value]
        return [item for item in items if item] if all(items) else None
    if not isinstance(node, yaml.ScalarNode):
        problems.append((line, f"'{key}' must be one value, not a list or fields. Write it like {EXAMPLES[key]}"))
        return None
    if kind == "bool":
        if node.tag != "tag:yaml.org,2002:bool":
            problems.append((line, f"'{key}: {node.value}' must be true or false. Write {key}: true or {key}: false"))
            return None
        return node.value.lower() in ("true", "yes", "on", "y")
    if kind == "date":
        return _date(key, node.value.strip(), line, problems)
    return _text(key, node, longest, problems)


def _text(key: str, node: yaml.Node, longest: int, problems: list[tuple[int, str]]) -> str | None:
    line = node.start_mark.line + 2
    if not isinstance(node, yaml.ScalarNode):
        problems.append((line, f"each entry of '{key}' must be one text. Write it like {EXAMPLES[key]}"))
        return None
    if node.tag != STR_TAG and not (node.tag.endswith(":int") and re.fullmatch(r"[1-9][0-9]*", node.value)):
        kind = _KIND_OF_TAG.get(node.tag.rsplit(":", 1)[-1], "not text")
        problems.append((line, f"'{node.value}' in '{key}' is read as {kind}, not as text. Put it in quotes: "
                               f"\"{node.value}\""))
        return None
    value = node.value.strip()
    if not value:
        problems.append((line, f"'{key}' has an empty text. Write the text or remove the entry"))
        return None
    if "\n" in value or any(ord(c) < 32 for c in value):
        problems.append((line, f"the text of '{key}' must be one line without control characters. "
                               "Write it on one line"))
        return None
    if "<" in value or ">" in value:
        problems.append((line, f"the text of '{key}' contains < or >. Front matter is plain text, not HTML: "
                               "write it without < and >"))
        return None
    if len(value) > longest:
        problems.append((line, f"the text of '{key}' is {len(value)} characters long; at most {longest} fit. "
                               "Shorten it"))
        return None
    return value


def _date(key: str, value: str, line: int, problems: list[tuple[int, str]]) -> dt.date | None:
    example = "Write the day a person last checked the facts as YYYY-MM-DD, e.g. checked: 2026-11-28"
    if not DATE.fullmatch(value):
        what = "has a time of day" if DATE.match(value) else "is not a date"
        problems.append((line, f"'{key}: {value}' {what}. {example}"))
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append((line, f"'{key}: {value}' is not a day in the calendar. {example}"))
        return None


def page_problems(raw: str) -> list[tuple[int, str]]:
    """For pages that are not guides (start pages, the statement, staff pages): their front matter
    must at least be closed, safe YAML (no aliases, size limit) without duplicate fields."""
    text = text_in(raw)
    try:
        front, _, _ = split(text)
        if front is None:
            return []
        root = compose(front, FRONT_MATTER_MAX_BYTES, first_line=2)
    except YamlProblem as problem:
        return [(problem.line, problem.message)]
    return duplicate_keys(root, first_line=2) if isinstance(root, yaml.MappingNode) else []


def other_pages_problems(docs: Path, root: Path) -> list[str]:
    """page_problems of every Markdown page in docs/ that is not a guide (guides: docs/<lang>/<slug>.md)."""
    problems = []
    for path in sorted(docs.rglob("*.md")):
        parts = path.relative_to(docs).parts
        if len(parts) == 2 and parts[1] != "index.md":
            continue  # a guide: guides.read_guide checks all of it
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_bytes()[:200_000].decode("utf-8")
        except (OSError, UnicodeDecodeError):
            problems.append(f"{rel}:1: the file cannot be read as UTF-8 text. Save it as UTF-8.")
            continue
        problems.extend(f"{rel}:{line}: {message}." for line, message in page_problems(text))
    return problems
