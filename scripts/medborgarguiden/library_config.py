"""The libraries' own details: libraries/<id>.yml, one file per library, which each library fills in.

Opening hours, drop-in and bookable help with computers, courses and theme days, and the
organisations that help, shown on the start page and in every guide's "get help" section; the
library's municipality and region decide which regional services (transport, housing queue, …) its
edition links to. Which library a build is for: the LIB environment variable, else `extra: library:`
in mkdocs.yml (`library_id`). The build (overrides/hooks/library_details.py) and `scripts/validate.py`
(through guides.check_site) read the files with `load_library`, so a mistake stops both with the same
message:

    libraries/exempel.yml:LINE: what is wrong. What to write instead.

Values are read from the YAML text as written (yaml.compose, not yaml.safe_load): YAML 1.1 would
otherwise turn `time: 13:00` into the number 780 and `no` into False.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import site
from .file_cache import per_file_version
from .registry import PHONE_RE, REGIONS, Place
from .safe_yaml import YamlProblem, compose

FOLDER = "libraries"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Weekday names a library may write, in Swedish or English, to babel's numbers (Monday = 0).
WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate((
    ("måndag", "mandag", "monday"), ("tisdag", "tuesday"), ("onsdag", "wednesday"),
    ("torsdag", "thursday"), ("fredag", "friday"), ("lördag", "lordag", "saturday"),
    ("söndag", "sondag", "sunday"),
)):
    for _name in _names:
        WEEKDAYS[_name] = _number
CLOSED = ("stängt", "closed")

TOP_LEVEL = ("name", "example", "municipality", "region", "address", "phone", "email", "opening_hours", "opening_hours_note", "help",
             "events", "partners")
HELP_FIELDS = ("drop_in", "bookable", "how_to_book")
HELP_TIME_FIELDS = ("weekday", "time", "note")
EVENT_FIELDS = ("name", "weekday", "dates", "time", "description")
PARTNER_FIELDS = ("name", "description")

_TIME = r"([0-2]?\d)[:.]([0-5]\d)"
SPAN_RE = re.compile(rf"^\s*{_TIME}\s*[-–—]\s*{_TIME}\s*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Span = tuple[dt.time, dt.time]


@dataclass(frozen=True)
class Text:
    """A free text: Swedish always, other languages where the library has written them."""
    by_lang: dict[str, str]
    default: str = "sv"

    def for_lang(self, lang: str) -> tuple[str, str | None]:
        """(text, language of the text when it is not `lang`): Swedish stands in for a missing language."""
        if lang in self.by_lang:
            return self.by_lang[lang], None
        return self.by_lang[self.default], self.default


@dataclass(frozen=True)
class HelpTime:
    weekdays: tuple[int, ...]
    span: Span
    note: Text | None = None


@dataclass(frozen=True)
class Event:
    """A course or theme day, every week on some weekdays or on given dates."""
    name: Text
    weekdays: tuple[int, ...] = ()
    dates: tuple[dt.date, ...] = ()
    span: Span | None = None
    description: Text | None = None


@dataclass(frozen=True)
class Partner:
    name: Text
    description: Text | None = None


@dataclass
class Library:
    name: Text
    id: str = ""
    # Where the library is: its edition links to this municipality's and region's services.
    municipality: str = ""
    region: str = ""
    example: bool = False
    # Line numbers in the file, for messages about the library's place (a role it lacks).
    place_line: int = 1

    @property
    def place(self) -> Place:
        return Place(self.municipality, self.region)
    address: Text | None = None
    phone: str = ""
    email: str = ""
    # weekday -> opening spans; a listed day with no spans is closed. None: no hours given.
    opening_hours: dict[int, list[Span]] | None = None
    opening_hours_note: Text | None = None
    drop_in: list[HelpTime] = field(default_factory=list)
    bookable: list[HelpTime] = field(default_factory=list)
    how_to_book: Text | None = None
    events: list[Event] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    # Not mistakes, but what a person should know: e.g. courses whose dates have passed (not shown).
    warnings: list[str] = field(default_factory=list)


class LibraryConfigError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class UnknownLibraryError(LibraryConfigError):
    """LIB (or mkdocs.yml's extra.library) names a library that has no file."""


def library_id(root: Path = site.ROOT) -> str:
    """The library a build is for: LIB from the environment, else `extra: library:` in mkdocs.yml."""
    chosen = os.environ.get("LIB", "").strip()
    if chosen:
        return chosen
    return str((site.read_config(root).get("extra") or {}).get("library") or "")


def library_ids(root: Path = site.ROOT) -> list[str]:
    """Every library that has a file in libraries/, sorted."""
    folder = root / FOLDER
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def library_path(root: Path = site.ROOT, lib: str | None = None) -> Path:
    return root / FOLDER / f"{lib or library_id(root)}.yml"


def load_library(root: Path = site.ROOT, lib: str | None = None) -> Library:
    """The details of library `lib` (default: library_id), or LibraryConfigError with every problem."""
    lib = lib or library_id(root)
    known = library_ids(root)
    if not lib or not ID_RE.match(lib) or lib not in known:
        raise UnknownLibraryError([
            f"LIB={lib or '(empty)'}: there is no library with that id. Use one of: {', '.join(known) or '(none)'} "
            f"(a file libraries/<id>.yml), or add libraries/{lib or '<id>'}.yml"])
    library, problems = _load(library_path(root, lib), _language_codes(root))
    if problems or library is None:
        raise LibraryConfigError(problems)
    return library


def library_warnings(root: Path = site.ROOT) -> list[str]:
    """What is shown differently from what the libraries' files say, e.g. past courses left out."""
    warnings = []
    for lib in library_ids(root):
        library = _load(library_path(root, lib), _language_codes(root))[0]
        warnings += library.warnings if library is not None else []
    return warnings


def check_library(root: Path = site.ROOT, lib: str | None = None) -> list[str]:
    """Every problem in one library's file ('libraries/ID.yml:LINE: problem. fix'; [] when all is well)."""
    return _load(library_path(root, lib), _language_codes(root))[1]


def check_libraries(root: Path = site.ROOT) -> list[str]:
    """Every problem in every library's file, and in the choice of the default library."""
    ids = library_ids(root)
    if not ids:
        return [f"{FOLDER}/exempel.yml:1: there are no libraries. Restore {FOLDER}/exempel.yml from git "
                "and copy it for your library."]
    problems = []
    default = str((site.read_config(root).get("extra") or {}).get("library") or "")
    if default not in ids:
        problems.append(f"mkdocs.yml:1: 'extra: library: {default}' names no file in {FOLDER}/. "
                        f"Use one of: {', '.join(ids)}.")
    for lib in ids:
        if not ID_RE.match(lib):
            problems.append(f"{FOLDER}/{lib}.yml:1: the file name must be the library's id in a–z, 0–9 and "
                            "hyphens. Rename the file, e.g. libraries/kista.yml.")
        problems.extend(check_library(root, lib))
    return problems


def _language_codes(root: Path) -> tuple[str, ...]:
    return tuple(lang.code for lang in site.languages(root))


# ----------------------------------------------------------------- internals

class _Reader:
    def __init__(self, filename: str, languages: tuple[str, ...]):
        self.filename = filename
        self.languages = languages
        self.problems: list[tuple[int, str]] = []
        self.warnings: list[str] = []

    def add(self, where, message: str) -> None:
        line = where if isinstance(where, int) else where.start_mark.line + 1
        self.problems.append((line, f"{self.filename}:{line}: {message}."))

    def in_file_order(self) -> list[str]:
        return [message for _, message in sorted(self.problems, key=lambda item: item[0])]

    # -- shapes

    def mapping(self, node, what: str, allowed: tuple[str, ...]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """{key: (key node, value node)}, flagging unknown and repeated keys."""
        if not isinstance(node, yaml.MappingNode):
            self.add(node, f"{what} must be fields written 'name: value', one per line, indented under it")
            return {}
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.add(key_node, f"a field name in {what} is not plain text. Write it as a simple name")
            elif key in found:
                self.add(key_node, f"'{key}' is written twice in {what} (first on line "
                                   f"{found[key][0].start_mark.line + 1}). Remove one of them")
            elif allowed and key not in allowed:
                self.add(key_node, f"unknown field '{key}' in {what}. Use only: {', '.join(allowed)} "
                                   "(check the spelling, or put notes in a # comment)")
            else:
                found[key] = (key_node, value_node)
        return found

    def items(self, node, what: str) -> list[yaml.Node]:
        if _is_empty(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.add(node, f"'{what}' must be a list: start each entry on a new line with '  - '")
            return []
        return list(node.value)

    def plain(self, node, what: str, required: bool = True) -> str | None:
        if _is_empty(node):
            if required:
                self.add(node, f"'{what}' is empty. Fill it in")
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.add(node, f"'{what}' must be one line of text")
            return None
        value = node.value.strip()
        longest = _longest(what)
        if len(value) > longest:
            self.add(node, f"'{what}' is {len(value)} characters long; at most {longest} fit on the page. Shorten it")
            return None
        if any(ord(c) < 32 and c not in "\t\n" for c in value):
            self.add(node, f"'{what}' contains control characters. Write it again as plain text")
            return None
        return value

    def text(self, node, what: str, required: bool = True) -> Text | None:
        """A free text: one string (Swedish, shown in every language) or {sv: …, en: …, …}."""
        default = self.languages[0]
        if isinstance(node, yaml.MappingNode):
            by_lang: dict[str, str] = {}
            for key_node, value_node in node.value:
                lang = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
                if lang not in self.languages:
                    self.add(key_node, f"'{lang}' in '{what}' is not one of the site's languages. "
                                       f"Use {', '.join(self.languages)}")
                    continue
                if lang in by_lang:
                    self.add(key_node, f"'{lang}' is written twice in '{what}'. Keep one of them")
                    continue
                value = self.plain(value_node, f"{what}.{lang}")
                if value:
                    by_lang[lang] = value
            if default not in by_lang:
                self.add(node, f"'{what}' has no Swedish text. Add '{default}: …' (it is shown in the "
                               "languages that have no text of their own)")
                return None
            return Text(by_lang, default)
        value = self.plain(node, what, required)
        return Text({default: value}, default) if value else None

    def weekdays(self, node, what: str) -> tuple[int, ...]:
        names = self.items(node, what) if isinstance(node, yaml.SequenceNode) else [node]
        days = []
        for name_node in names:
            name = self.plain(name_node, what)
            if name is None:
                continue
            day = WEEKDAYS.get(name.lower())
            if day is None:
                self.add(name_node, f"unknown weekday '{name}'. Write a weekday in Swedish or English: "
                                    "måndag, tisdag, onsdag, torsdag, fredag, lördag, söndag")
            else:
                days.append(day)
        return tuple(days)

    def span(self, node, what: str) -> Span | None:
        value = self.plain(node, what)
        if value is None:
            return None
        span = _parse_span(value)
        if isinstance(span, str):
            self.add(node, f"'{value}' in '{what}' is not a time like 10:00–19:00. {span}")
            return None
        return span

    def date(self, node, what: str) -> dt.date | None:
        value = self.plain(node, what)
        if value is None:
            return None
        try:
            if not DATE_RE.match(value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.add(node, f"'{value}' in '{what}' is not a date. Write it as YYYY-MM-DD, e.g. 2027-02-02")
            return None


# Longest text per field, in characters: a name is one line on a phone, a description a short paragraph.
TEXT_LIMITS = {"name": 100, "events.name": 100, "partners.name": 100, "address": 150}
DEFAULT_TEXT_LIMIT = 400


def _longest(what: str) -> int:
    """The limit for a field; 'name.en' (a language's text) has the limit of 'name'."""
    return TEXT_LIMITS.get(re.sub(r"\.[a-z]{2,3}$", "", what), DEFAULT_TEXT_LIMIT)


def today() -> dt.date:
    """The day that decides which courses have passed: the real day, not SOURCE_DATE_EPOCH (the commit's
    time, used for reproducible builds), since a course that has passed must disappear when the site is
    rebuilt, whatever the commit. A test can set MG_TODAY=YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(os.environ.get("MG_TODAY", ""))
    except ValueError:
        return dt.date.today()


def _is_empty(node) -> bool:
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"))


def _parse_span(value: str) -> Span | str:
    """(start, end) from '10:00–19:00' (also 10.00-19.00), or what to fix."""
    match = SPAN_RE.match(value)
    if not match:
        return "Write start and end as hours:minutes with a dash between them, e.g. 10:00–19:00"
    hour1, min1, hour2, min2 = (int(g) for g in match.groups())
    if hour1 > 23 or hour2 > 24 or (hour2 == 24 and min2):
        return "Hours go from 00 to 23"
    start = dt.time(hour1, min1)
    end = dt.time(23, 59) if hour2 == 24 else dt.time(hour2, min2)
    if end <= start:
        return "The end time must come after the start time"
    return start, end


# Read once per version of the file: the build checks it, and then every language build shows it.
@per_file_version
def _load(path: Path, languages: tuple[str, ...]) -> tuple[Library | None, list[str]]:
    shown = f"{path.parent.name}/{path.name}"  # libraries/ID.yml, as a person finds it
    reader = _Reader(shown, languages)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [f"{shown}:1: the library's details are missing. Copy libraries/exempel.yml to {shown} "
                      "and fill in your library's name, place, opening hours and help times."]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{shown}:1: cannot read the file ({exc}). Save it as UTF-8 text."]
    try:
        root = compose(text)  # NFC, no BOM, no aliases, size limit
    except YamlProblem as problem:
        return None, [f"{shown}:{problem.line}: {problem.message}."]
    if root is None:
        return None, [f"{shown}:1: the file is empty. Restore it from git and fill in your library's details."]

    fields = reader.mapping(root, shown, TOP_LEVEL)
    library = Library(name=Text({languages[0]: ""}, languages[0]), id=path.stem)
    if "name" not in fields:
        reader.add(1, "the library's name is missing. Add a line 'name: …' with the library's name, "
                      "e.g. name: Exempelby bibliotek")
    else:
        library.name = reader.text(fields["name"][1], "name") or library.name
    _place(reader, fields, library)
    if "address" in fields:
        library.address = reader.text(fields["address"][1], "address", required=False)
    for contact in ("phone", "email"):
        if contact in fields:
            value = reader.plain(fields[contact][1], contact, required=False) or ""
            pattern, example = (PHONE_RE, '"08-123 456 78"') if contact == "phone" else (EMAIL_RE, "info@bibliotek.example")
            if value and not pattern.match(value):
                reader.add(fields[contact][1], f"'{value}' is not a {'phone number' if contact == 'phone' else 'e-mail address'}. "
                                               f"Write it like {example}, or leave it empty")
            else:
                setattr(library, contact, value)
    if "opening_hours" in fields:
        library.opening_hours = _opening_hours(reader, fields["opening_hours"][1])
    if "opening_hours_note" in fields:
        library.opening_hours_note = reader.text(fields["opening_hours_note"][1], "opening_hours_note", required=False)
    if "help" in fields and not _is_empty(fields["help"][1]):
        help_fields = reader.mapping(fields["help"][1], "help", HELP_FIELDS)
        for kind in ("drop_in", "bookable"):
            if kind in help_fields:
                setattr(library, kind, [t for item in reader.items(help_fields[kind][1], f"help.{kind}")
                                        if (t := _help_time(reader, item, f"help.{kind}"))])
        if "how_to_book" in help_fields:
            library.how_to_book = reader.text(help_fields["how_to_book"][1], "help.how_to_book", required=False)
    if "events" in fields:
        library.events = [e for item in reader.items(fields["events"][1], "events") if (e := _event(reader, item))]
    if "partners" in fields:
        library.partners = [p for item in reader.items(fields["partners"][1], "partners")
                            if (p := _partner(reader, item))]
    library.warnings = reader.warnings
    return library, reader.in_file_order()


def _place(reader: _Reader, fields: dict, library: Library) -> None:
    """municipality and region (required: they choose the edition's regional services), and example."""
    for what, example in (("municipality", "stockholm"), ("region", "stockholm")):
        if what not in fields:
            reader.add(1, f"the library's {what} is missing. Add a line '{what}: …', e.g. '{what}: {example}' "
                          "(lowercase, no å/ä/ö: Göteborg is goteborg, Västra Götaland is vastra-gotaland)")
            continue
        value = reader.plain(fields[what][1], what)
        if value is None:
            continue
        if not ID_RE.match(value):
            reader.add(fields[what][1], f"'{value}' is not an id. Write it in lowercase a–z with hyphens, no "
                                        "å/ä/ö, e.g. goteborg or vastra-gotaland")
        elif what == "region" and value not in REGIONS:
            reader.add(fields[what][1], f"unknown region '{value}'. Use one of: {', '.join(REGIONS)}")
        else:
            setattr(library, what, value)
            if what == "region":
                library.place_line = fields[what][1].start_mark.line + 1
    if "example" in fields:
        node = fields["example"][1]
        value = reader.plain(node, "example") or ""
        if value.lower() not in ("true", "false", "yes", "no"):
            reader.add(node, "'example' must be true or false. Write 'example: true' for an example library")
        library.example = value.lower() in ("true", "yes")


def _opening_hours(reader: _Reader, node) -> dict[int, list[Span]]:
    hours: dict[int, list[Span]] = {}
    for name, (key_node, value_node) in reader.mapping(node, "opening_hours", ()).items():
        day = WEEKDAYS.get(name.lower())
        if day is None:
            reader.add(key_node, f"unknown weekday '{name}' in opening_hours. Write a weekday in Swedish or "
                                 "English: måndag, tisdag, onsdag, torsdag, fredag, lördag, söndag")
            continue
        if day in hours:
            reader.add(key_node, f"'{name}' is the same day as another line in opening_hours. Keep one of them")
            continue
        value = reader.plain(value_node, f"opening_hours.{name}")
        if value is None:
            continue
        if value.lower() in CLOSED:
            hours[day] = []
            continue
        spans = []
        for part in value.split(","):
            span = _parse_span(part)
            if isinstance(span, str):
                reader.add(value_node, f"'{value}' for {name} is not opening hours like 10:00–19:00. {span}; "
                                       "write 'stängt' for a closed day, and '10:00–12:00, 13:00–19:00' for a break")
                spans = None
                break
            spans.append(span)
        if spans is not None:
            hours[day] = spans
    return hours


def _help_time(reader: _Reader, node, what: str) -> HelpTime | None:
    fields = reader.mapping(node, f"an entry in {what}", HELP_TIME_FIELDS)
    if not fields:
        return None
    for needed in ("weekday", "time"):
        if needed not in fields:
            reader.add(node, f"the entry in {what} has no '{needed}'. Add e.g. 'weekday: tisdag' and "
                             "'time: 13:00–15:00'")
            return None
    days = reader.weekdays(fields["weekday"][1], f"{what}.weekday")
    span = reader.span(fields["time"][1], f"{what}.time")
    note = reader.text(fields["note"][1], f"{what}.note", required=False) if "note" in fields else None
    if not days or span is None:
        return None
    return HelpTime(days, span, note)


def _event(reader: _Reader, node) -> Event | None:
    fields = reader.mapping(node, "an entry in events", EVENT_FIELDS)
    if not fields:
        return None
    if "name" not in fields:
        reader.add(node, "the course or theme day has no 'name'. Add 'name: …'")
        return None
    name = reader.text(fields["name"][1], "events.name")
    weekdays = reader.weekdays(fields["weekday"][1], "events.weekday") if "weekday" in fields else ()
    dates: tuple[dt.date, ...] = ()
    if "dates" in fields:
        dates = tuple(d for item in reader.items(fields["dates"][1], "events.dates")
                      if (d := reader.date(item, "events.dates")))
    if "weekday" not in fields and "dates" not in fields:
        reader.add(node, "the course or theme day has neither 'weekday' (every week) nor 'dates'. "
                         "Add one of them, e.g. 'weekday: tisdag' or 'dates: [2027-02-02, 2027-02-09]'")
    span = reader.span(fields["time"][1], "events.time") if "time" in fields else None
    description = reader.text(fields["description"][1], "events.description", required=False) \
        if "description" in fields else None
    if name is None:
        return None
    # Courses people forget to remove: past dates are not shown to visitors, and the person is told.
    upcoming = tuple(d for d in dates if d >= today())
    if dates and len(upcoming) < len(dates):
        line = fields["dates"][1].start_mark.line + 1
        shown = name.for_lang(reader.languages[0])[0]
        if not upcoming and not weekdays:
            reader.warnings.append(f"{reader.filename}:{line}: warning: every date of '{shown}' has passed, so "
                                   "visitors no longer see it. Remove it, or give it new dates.")
            return None
        reader.warnings.append(f"{reader.filename}:{line}: warning: {len(dates) - len(upcoming)} date(s) of "
                               f"'{shown}' have passed and are not shown. Remove them.")
    return Event(name, weekdays, tuple(sorted(upcoming)), span, description)


def _partner(reader: _Reader, node) -> Partner | None:
    fields = reader.mapping(node, "an entry in partners", PARTNER_FIELDS)
    if not fields:
        return None
    if "name" not in fields:
        reader.add(node, "the organisation has no 'name'. Add 'name: …'")
        return None
    name = reader.text(fields["name"][1], "partners.name")
    description = reader.text(fields["description"][1], "partners.description", required=False) \
        if "description" in fields else None
    return Partner(name, description) if name else None
