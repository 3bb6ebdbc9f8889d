"""linkcheck.yml: the checker's settings, excluded URLs and accepted codes.

Every exclusion and every accepted code must say why (`reason:`), so a later
reader knows whether it still applies. Problems are reported as
"linkcheck.yml:LINE: problem. fix".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

DEFAULT_PROJECT_URL = "https://github.com/medborgarguiden/medborgarguiden"
USER_AGENT = "Medborgarguiden-linkcheck/1.0 (+{project_url})"

DEFAULT_HEADING_PHRASES = [
    "Sidan kunde inte hittas", "Sidan finns inte", "Sidan hittades inte", "Hittade inte sidan",
    "Sidan saknas", "Fel 404", "Page not found", "Page cannot be found", "Page could not be found",
    "404 Not Found", "Error 404",
]
DEFAULT_BODY_PHRASES = [
    "Sidan du söker finns inte", "Sidan du letar efter finns inte", "Sidan du sökte finns inte",
    "Vi kunde inte hitta sidan", "Sidan kunde inte hittas",
    "The page you requested could not be found", "The page you are looking for could not be found",
    "The page you were looking for does not exist", "The page you are looking for does not exist",
]


class ConfigError(Exception):
    """A setting that cannot be used; the message names file and line."""


class Rule:
    """Matches a URL by exactly one of: url (the whole URL), prefix, regex."""

    def __init__(self, kind: str, value: str, reason: str, line: int, codes: frozenset[int] = frozenset(),
                 regex: re.Pattern | None = None):
        self.kind, self.value, self.reason, self.line = kind, value, reason, line
        self.codes = codes
        self._regex = regex

    def matches(self, url: str) -> bool:
        if self.kind == "url":
            return url == self.value
        if self.kind == "prefix":
            return url.startswith(self.value)
        return bool(self._regex.search(url))


class Config:
    """Every setting, with its default; linkcheck.yml and the command line change them."""
    project_url: str = DEFAULT_PROJECT_URL
    user_agent: str = ""  # empty: USER_AGENT with project_url
    concurrency: int = 32
    per_host: int = 2
    timeout: float = 5.0
    deadline: float = 900.0
    retries: int = 2
    timeout_retries: int = 1
    max_retry_after: float = 60.0
    backoff: float = 0.5
    max_redirects: int = 10
    method: str = "auto"
    page_prefix_kib: int = 256
    fragment_prefix_kib: int = 2048
    cache_max_age: float = 24 * 3600.0
    soft404: bool = True

    def __init__(self, path: Path | None = None):
        self.path = path
        self.heading_phrases: list[str] = list(DEFAULT_HEADING_PHRASES)
        self.body_phrases: list[str] = list(DEFAULT_BODY_PHRASES)
        self.exclude: list[Rule] = []
        self.accept: list[Rule] = []

    def agent(self) -> str:
        return self.user_agent or USER_AGENT.format(project_url=self.project_url)

    def excluded(self, url: str) -> Rule | None:
        return next((rule for rule in self.exclude if rule.matches(url)), None)

    def accepted(self, url: str, code: int | None) -> Rule | None:
        return next((rule for rule in self.accept if code in rule.codes and rule.matches(url)), None)

    def fingerprint(self) -> str:
        """What changes how an answer is judged; cached results from another setting are not reused."""
        import hashlib
        basis = [self.method, self.max_redirects, self.soft404, self.heading_phrases, self.body_phrases,
                 [(r.kind, r.value, sorted(r.codes)) for r in self.accept]]
        return hashlib.sha256(json.dumps(basis).encode()).hexdigest()[:16]


def parse_duration(text: str | int | float) -> float:
    """Seconds from 90, "90", "90s", "30m", "24h" or "7d"."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        seconds = float(text)
    else:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(text))
        if not match:
            raise ValueError(f"'{text}' is not a duration; write e.g. 90, 90s, 30m, 24h or 7d")
        seconds = float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]
    if seconds < 0:
        raise ValueError(f"'{text}' is negative")
    return seconds


# ----------------------------------------------------------------- loading

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same nodes, faster


def yaml_problem(where: str, exc: yaml.YAMLError) -> str:
    """One line for YAML that cannot be read: "WHERE:LINE: not valid YAML (problem). Check …" when
    the error has a place, else "WHERE: not valid YAML (message)", for the caller to add advice to."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return (f"{where}:{mark.line + 1 if mark else 1}: not valid YAML ({exc.problem or exc.context}). "
                f"Check indentation, colons and quotes")
    return f"{where}: not valid YAML ({' '.join(str(exc).split())})"


class _Loader(YAML_LOADER):
    """safe_load that remembers the line of each mapping, for messages."""


class _LineDict(dict):
    line = 0


def _construct_mapping(loader, node):
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_INT = {"concurrency": 1, "per_host": 1, "retries": 0, "timeout_retries": 0, "max_redirects": 0,
        "page_prefix_kib": 1, "fragment_prefix_kib": 1}
_DURATION = ("timeout", "deadline", "max_retry_after", "backoff", "cache_max_age")
_TEXT = ("project_url", "user_agent")
_KNOWN = set(_INT) | set(_DURATION) | set(_TEXT) | {"method", "soft404", "exclude", "accept"}


def load_config(path: Path | None) -> Config:
    """The settings in `path`, or the defaults when path is None."""
    config = Config(path=path)
    if path is None:
        return config
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc}). "
                          f"Check the path given to --config") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the config file is not UTF-8 text. Save it as UTF-8") from None
    except yaml.MarkedYAMLError as exc:
        raise ConfigError(yaml_problem(name, exc)) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{yaml_problem(name, exc)}. Remove control characters, check quotes") from None
    if data is None:
        return config
    if not isinstance(data, dict):
        raise ConfigError(f"{name}:1: the file must be a list of 'setting: value' lines. See the comments in it")

    def fail(line, message):
        raise ConfigError(f"{name}:{line}: {message}")

    lines = _key_lines(path)
    for key, value in data.items():
        line = lines.get(key, data.line)
        if key not in _KNOWN:
            fail(line, f"unknown setting '{key}'. Use one of {', '.join(sorted(_KNOWN))}")
        if key in _INT:
            if not isinstance(value, int) or isinstance(value, bool) or value < _INT[key]:
                fail(line, f"'{key}' must be a whole number of at least {_INT[key]}")
            setattr(config, key, value)
        elif key in _DURATION:
            try:
                setattr(config, key, parse_duration(value))
            except ValueError as exc:
                fail(line, f"'{key}': {exc}")
        elif key in _TEXT:
            if not isinstance(value, str) or not value.strip():
                fail(line, f"'{key}' must be text")
            setattr(config, key, value.strip())
        elif key == "method":
            if value not in ("auto", "head", "get"):
                fail(line, "'method' must be auto, head or get")
            config.method = value
        elif key == "soft404":
            _load_soft404(config, value, line, fail)
        else:
            rules = _load_rules(key, value, line, fail)
            setattr(config, key, rules)
    return config


def _key_lines(path: Path) -> dict[str, int]:
    """Line of each top-level key (the loader keeps lines of mappings, not of keys)."""
    lines = {}
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", text)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def _load_soft404(config: Config, value, line: int, fail) -> None:
    if isinstance(value, bool):
        config.soft404 = value
        return
    if not isinstance(value, dict):
        fail(line, "'soft404' must be true, false or a block with heading_phrases/body_phrases")
    for key, phrases in value.items():
        if key == "enabled":
            if not isinstance(phrases, bool):
                fail(value.line, "'soft404.enabled' must be true or false")
            config.soft404 = phrases
        elif key in ("heading_phrases", "body_phrases"):
            if not isinstance(phrases, list) or not all(isinstance(p, (str, int)) for p in phrases):
                fail(value.line, f"'soft404.{key}' must be a list of phrases ('- Sidan finns inte')")
            setattr(config, key, [str(p) for p in phrases])
        else:
            fail(value.line, f"unknown setting 'soft404.{key}'. Use enabled, heading_phrases or body_phrases")


def _load_rules(section: str, value, line: int, fail) -> list[Rule]:
    if value is None:
        return []
    if not isinstance(value, list):
        fail(line, f"'{section}' must be a list of entries starting with '- url:', '- prefix:' or '- regex:'")
    rules = []
    for item in value:
        if not isinstance(item, dict):
            fail(line, f"each entry in '{section}' must have a url, prefix or regex and a reason")
        at = item.line
        kinds = [k for k in ("url", "prefix", "regex") if k in item]
        if len(kinds) != 1:
            fail(at, f"an entry in '{section}' needs exactly one of url, prefix or regex")
        kind = kinds[0]
        pattern = item[kind]
        if not isinstance(pattern, str) or not pattern:
            fail(at, f"'{kind}' in '{section}' must be text")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            fail(at, f"the {section} entry for '{pattern}' has no reason. "
                     f"Add 'reason: <why>' so others know when it can be removed")
        allowed = {kind, "reason"} | ({"codes"} if section == "accept" else set())
        extra = set(item) - allowed
        if extra:
            fail(at, f"unknown field '{sorted(extra)[0]}' in a '{section}' entry. Use {', '.join(sorted(allowed))}")
        codes: frozenset[int] = frozenset()
        if section == "accept":
            raw = item.get("codes")
            if isinstance(raw, int) and not isinstance(raw, bool):
                raw = [raw]
            if (not isinstance(raw, list) or not raw
                    or not all(isinstance(c, int) and not isinstance(c, bool) and 100 <= c <= 599 for c in raw)):
                fail(at, f"the accept entry for '{pattern}' needs 'codes:' with HTTP codes, e.g. [403]")
            codes = frozenset(raw)
        regex = None
        if kind == "regex":
            try:
                regex = re.compile(pattern)
            except re.error as exc:
                fail(at, f"regex '{pattern}' is not valid ({exc}). Fix it or use prefix:")
        rules.append(Rule(kind, pattern, reason.strip(), at, codes, regex))
    return rules
