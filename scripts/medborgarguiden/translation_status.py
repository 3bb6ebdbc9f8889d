"""Which translations lag behind the Swedish guides, and which guides' facts are due for a check.

Every guide has one record per language. The state of a translation:

    missing   there is no file docs/<lang>/<slug>.md
    needed    the file is a copy of the Swedish text, not translated yet (translation: needed)
    outdated  the Swedish guide changed after the translation was last changed
    machine   machine translated, no person has reviewed it (translation: machine)
    reviewed  a person who knows the language has reviewed it (translation: reviewed)
    invalid   the file's front matter cannot be read or has no valid 'translation' (validate.py says why)

The Swedish guide itself is the 'source'.

"Outdated" comes from git, not from dates typed by hand (people forget to change them, and clocks
differ): it compares the last commit that touched docs/sv/<slug>.md with the last commit that
touched docs/<lang>/<slug>.md, by their order on the main line of history (`git log --first-parent`,
where a merged branch counts from the moment it was merged). Changes not committed yet count as the
newest. A shallow clone (CI's default) has no history to compare, so nothing can be outdated there.
A translation a person checked against the current Swedish text without changing it
(`translations.py --mark-current LANG/SLUG`) records that text's version in `source_checked:` and is
not outdated until the Swedish guide changes again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import frontmatter, site
from .freshness import MAX_AGE_DAYS
from .guides import guide_paths
from .safe_yaml import YamlProblem

# Most urgent first: the order the status table's legend and summary use.
STATES = ("missing", "invalid", "outdated", "needed", "machine", "reviewed")
SOURCE = "source"
DEFAULT_MAX_AGE_DAYS = MAX_AGE_DAYS  # set in freshness.py, the one place for it

# What a state means and what to do about it, for people who edit the guides (English, like the
# other commands; the staff page in the site says the same in Swedish).
MEANING = {
    "missing": "no file for this language",
    "invalid": "the file's front matter cannot be read",
    "outdated": "the Swedish guide changed after this translation",
    "needed": "a copy of the Swedish text, not translated yet",
    "machine": "machine translated, not reviewed by a person",
    "reviewed": "reviewed by a person who knows the language",
}
TODO = {
    "missing": "copy docs/sv/SLUG.md to docs/LANG/SLUG.md, set 'translation: needed', then translate it",
    "invalid": "run 'python scripts/validate.py' and fix what it says",
    "outdated": "bring docs/LANG/SLUG.md up to date with the Swedish text and commit it (the History of "
                "docs/sv/SLUG.md on GitHub, or git log -p, shows what changed); if nothing needs to change: "
                "python scripts/translations.py --mark-current LANG/SLUG, then commit",
    "needed": "translate docs/LANG/SLUG.md and change 'translation: needed' to 'translation: machine'",
    "machine": "let a person who knows the language check it, then change "
               "'translation: machine' to 'translation: reviewed' and commit",
    "reviewed": "nothing to do",
}


@dataclass
class Record:
    slug: str
    lang: str
    state: str
    source_commit: str | None  # last commit touching docs/sv/<slug>.md; None: uncommitted or no history
    translation_commit: str | None  # the same for docs/<lang>/<slug>.md
    checked: dt.date | None  # the file's 'checked' date
    stale_check: bool  # 'checked' is older than the allowed age

    def as_json(self) -> dict:
        return {
            "slug": self.slug,
            "lang": self.lang,
            "state": self.state,
            "source_commit": self.source_commit,
            "translation_commit": self.translation_commit,
            "checked": self.checked.isoformat() if self.checked else None,
            "stale_check": self.stale_check,
        }


@dataclass
class History:
    """When each file under docs/ last changed, as a position on the main line of history."""

    available: bool = False
    note: str = ""  # why the history cannot be used, for the person reading the report
    rank: dict[str, int] = field(default_factory=dict)  # path -> 0 for the newest commit, 1 older …
    commit: dict[str, str] = field(default_factory=dict)  # path -> hash of that commit
    uncommitted: set[str] = field(default_factory=set)  # paths with changes not committed yet

    def last_change(self, path: str) -> int | None:
        """A number that grows with age: -1 for uncommitted changes, None when never seen."""
        if path in self.uncommitted:
            return -1
        return self.rank.get(path)

    def changed_after(self, path: str, other: str) -> bool:
        """Did `path` change after `other` last changed?"""
        if not self.available:
            return False
        mine, theirs = self.last_change(path), self.last_change(other)
        if mine is None or theirs is None:
            return False
        return mine < theirs

    def commit_of(self, path: str) -> str | None:
        if not self.available or path in self.uncommitted:
            return None
        return self.commit.get(path)


@dataclass
class Report:
    languages: list[str]  # the default (Swedish) first
    slugs: list[str]
    titles: dict[str, str]  # slug -> Swedish title
    records: list[Record]
    history: History
    max_age_days: int
    today: dt.date

    def record(self, slug: str, lang: str) -> Record:
        return self._by_key[(slug, lang)]

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], Record]:
        return {(r.slug, r.lang): r for r in self.records}

    @property
    def translations(self) -> list[str]:
        return self.languages[1:]

    def stale_guides(self) -> list[Record]:
        """Swedish guides whose facts nobody has checked for longer than the allowed age."""
        return [r for r in self.records if r.lang == self.languages[0] and r.stale_check]

    def counts(self) -> dict[str, int]:
        counts = {state: 0 for state in STATES}
        for record in self.records:
            if record.state in counts:
                counts[record.state] += 1
        return counts


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8", errors="replace")


def read_history(root: Path = site.ROOT) -> History:
    """The git history of docs/, or an unavailable History with a note saying why."""
    try:
        top = _git(root, "rev-parse", "--show-toplevel")
    except OSError:
        return History(note="git is not installed, so outdated translations cannot be found")
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
        return History(note=f"{root} is not a git checkout, so outdated translations cannot be found")
    if _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        return History(note="this is a shallow git clone, so outdated translations cannot be found; "
                            "fetch the whole history (git fetch --unshallow; in CI: fetch-depth: 0)")
    history = History(available=True)
    log = _git(root, "log", "--first-parent", "-m", "--name-only", "--no-renames",
               "--format=%x00%H", "--", "docs")
    if log.returncode == 0:
        # Output: "\0<hash>\n\n<path>\n<path>\n" per commit, newest first.
        for rank, chunk in enumerate(log.stdout.split("\0")[1:]):
            lines = chunk.strip().splitlines()
            commit, paths = lines[0].strip(), lines[1:]
            for path in paths:
                path = path.strip()
                if path and path not in history.rank:
                    history.rank[path] = rank
                    history.commit[path] = commit
    elif "does not have any commits" not in log.stderr:
        return History(note="git log failed: " + (log.stderr.strip().splitlines() or ["?"])[-1])
    status = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "docs")
    entries = status.stdout.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        if len(entry) > 3:
            history.uncommitted.add(entry[3:])
            if entry[0] in "RC":  # a rename or copy is followed by its old path
                i += 1
        i += 1
    return history


def read_meta(path: Path) -> dict | None:
    """A guide's front matter, or None when it cannot be read (validate.py says why)."""
    try:
        front = frontmatter.read(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return None if isinstance(front, YamlProblem) else front.meta


def source_version(path: Path) -> str:
    """A short name for the text of a file (git's blob hash, so `git hash-object FILE` gives the same)."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()[:12]


def _state(meta: dict | None, history: History, path: str, source_path: str, source: str | None) -> str:
    if meta is None:
        return "invalid"
    value = meta.get("translation")
    if value == "needed":
        return "needed"
    if value not in ("machine", "reviewed"):
        return "invalid"
    if history.changed_after(source_path, path) and str(meta.get("source_checked")) != source:
        return "outdated"
    return value


def collect(root: Path = site.ROOT, max_age_days: int = DEFAULT_MAX_AGE_DAYS,
            today: dt.date | None = None, history: History | None = None) -> Report:
    """The state of every guide in every language."""
    today = today or dt.date.today()
    history = history if history is not None else read_history(root)
    languages = [lang.code for lang in site.languages(root)]
    default = languages[0]
    docs = root / "docs"
    slugs = [p.stem for p in guide_paths(docs, default)]
    oldest_ok = today - dt.timedelta(days=max_age_days)
    records: list[Record] = []
    titles: dict[str, str] = {}
    for slug in slugs:
        source_path = f"docs/{default}/{slug}.md"
        source = source_version(root / source_path)
        for lang in languages:
            rel = f"docs/{lang}/{slug}.md"
            path = root / rel
            if not path.is_file():
                records.append(Record(slug, lang, "missing", history.commit_of(source_path), None, None, False))
                continue
            meta = read_meta(path)
            checked = meta.get("checked") if meta else None
            checked = checked if isinstance(checked, dt.date) else None
            if lang == default:
                titles[slug] = str(meta.get("title") or slug) if meta else slug
                state = SOURCE if meta and meta.get("translation") == SOURCE else "invalid"
            else:
                state = _state(meta, history, rel, source_path, source)
            records.append(Record(
                slug, lang, state, history.commit_of(source_path), history.commit_of(rel),
                checked, bool(checked and checked < oldest_ok),
            ))
    return Report(languages, slugs, titles, records, history, max_age_days, today)
