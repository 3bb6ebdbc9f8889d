"""Load and validate services.yml, the one file where links to authorities live.

Guides refer to services by key (`service:skatteverket-flytt`, `{phone:KEY}`); this
module turns keys into URLs and phone numbers and rejects a registry that would
publish a non-https link, a link outside the official domains, or an unverified
link without `check: true`.

A service is national unless it names a `region:` or `municipality:`. A regional or municipal
service can fill a role (`role: transit-planner`) declared under `roles:`; guides link to the
role like to a service (`service:transit-planner`, `{phone:…}`, `{name:…}`) and each library's
edition gets its municipality's service, else its region's, else the role's national `fallback`.

The YAML is walked node by node (yaml.compose) rather than with safe_load, so
every problem can name its line and duplicate keys are caught instead of the
last one silently winning. All problems are collected, then reported together.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import site
from .file_cache import per_file_version
from .safe_yaml import YamlProblem, compose

URL_STATUSES = ("stored", "stored_old", "cited_in_stored", "code_ref_only", "domain_root")
DEFAULT_LANGUAGE = "sv"

REQUIRED_FIELDS = ("organisation", "name", "url", "url_status")
OPTIONAL_FIELDS = ("evidence", "check", "phone", "phone_seen", "phone_source", "login", "languages", "short_name",
                   "region", "municipality", "role")
TOP_LEVEL_KEYS = ("allowed_domains", "roles", "services")
REQUIRED_TOP_LEVEL = ("allowed_domains", "services")
ROLE_FIELDS = ("description", "fallback")
# Sweden's 21 regions: the key `region:` takes in services.yml and libraries/<id>.yml, and the name
# visitors know it by (the same in every language, as the guides keep Swedish names).
REGION_NAMES = {
    "stockholm": "Stockholm", "uppsala": "Uppsala", "sodermanland": "Södermanland",
    "ostergotland": "Östergötland", "jonkoping": "Jönköping", "kronoberg": "Kronoberg", "kalmar": "Kalmar",
    "gotland": "Gotland", "blekinge": "Blekinge", "skane": "Skåne", "halland": "Halland",
    "vastra-gotaland": "Västra Götaland", "varmland": "Värmland", "orebro": "Örebro",
    "vastmanland": "Västmanland", "dalarna": "Dalarna", "gavleborg": "Gävleborg",
    "vasternorrland": "Västernorrland", "jamtland-harjedalen": "Jämtland Härjedalen",
    "vasterbotten": "Västerbotten", "norrbotten": "Norrbotten",
}
REGIONS = tuple(REGION_NAMES)

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOMAIN_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 -]*[0-9]$")

_BOOL_TAG = "tag:yaml.org,2002:bool"
_STR_TAG = "tag:yaml.org,2002:str"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class RegistryError(Exception):
    """A registry that cannot be used. `problems` holds one message per problem,
    each reading "services.yml:LINE: <problem>. <fix>"."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class UnknownServiceError(RegistryError, KeyError):
    """A guide asked for a key that services.yml does not define."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return "\n".join(self.problems)


@dataclass(frozen=True)
class Service:
    key: str
    organisation: str
    name: str
    url: str
    url_status: str
    evidence: str = ""
    check: bool = False
    phone: str | None = None
    phone_seen: dt.date | None = None  # the day a person saw the phone number on phone_source
    phone_source: str | None = None  # the page that states the number; the service's url when not given
    login: bool = False
    languages: dict[str, str] = field(default_factory=dict)
    line: int = 0
    # The name people know it by, for {name:KEY} in a guide's text (SL, Västtrafik, Boplats Syd).
    short_name: str = ""
    region: str = ""
    municipality: str = ""
    role: str = ""

    @property
    def display_name(self) -> str:
        return self.short_name or self.organisation

    @property
    def phone_page(self) -> str:
        """The page where the phone number can be checked."""
        return self.phone_source or self.url

    def url_for(self, lang: str | None = None) -> str:
        """The organisation's own page in `lang` when known, else the Swedish URL."""
        return self.languages.get(lang or DEFAULT_LANGUAGE, self.url)


@dataclass(frozen=True)
class Role:
    key: str
    description: str
    fallback: str = ""  # a national service used where the library's place has none
    line: int = 0


@dataclass(frozen=True)
class Place:
    """Where a library is: its edition links to this municipality's and region's services."""
    municipality: str = ""
    region: str = ""


@dataclass
class Registry:
    path: Path
    allowed_domains: list[str]
    services: dict[str, Service]
    roles: dict[str, Role] = field(default_factory=dict)

    def knows(self, key: str) -> bool:
        return key in self.services or key in self.roles

    def role_services(self, role: str) -> list[Service]:
        return [s for s in self.services.values() if s.role == role]

    def resolve(self, key: str, place: Place | None = None) -> Service:
        """The service a key means in a library's edition: a service key is itself; a role is the
        municipality's service, else the region's, else the role's fallback. Without a place (a
        tool that is not building one library's edition) a role is its fallback or first service."""
        if key not in self.roles:
            return self.get(key)
        role = self.roles[key]
        candidates = self.role_services(key)
        if place is not None:
            for matches in (lambda s: place.municipality and s.municipality == place.municipality,
                            lambda s: place.region and s.region == place.region and not s.municipality):
                found = [s for s in candidates if matches(s)]
                if found:
                    return found[0]
        if role.fallback:
            return self.get(role.fallback)
        if place is None and candidates:
            return candidates[0]
        where = f"municipality '{place.municipality}' or region '{place.region}'" if place else "any place"
        raise UnknownServiceError(
            f"{self.path.name}:{role.line}: the role '{key}' has no service for {where} and no fallback. "
            f"Add a service with 'role: {key}' for that place, or a 'fallback:' to the role")

    def get(self, key: str) -> Service:
        try:
            return self.services[key]
        except KeyError:
            close = difflib.get_close_matches(key, self.services, n=1)
            hint = f"Did you mean '{close[0]}'?" if close else f"Add it to {self.path.name} or fix the key."
            raise UnknownServiceError(f"{self.path.name}: unknown service key '{key}'. {hint}") from None

    def url_for(self, key: str, lang: str | None = None, place: Place | None = None) -> str:
        return self.resolve(key, place).url_for(lang)

    def name_for(self, key: str, place: Place | None = None) -> str:
        return self.resolve(key, place).display_name

    def phone_for(self, key: str, place: Place | None = None) -> str:
        service = self.resolve(key, place)
        if not service.phone:
            raise UnknownServiceError(
                f"{self.path.name}:{service.line}: service '{service.key}' has no phone. "
                f"Use a key that has one (e.g. the organisation's -start entry) or remove the {{phone:{key}}}."
            )
        return service.phone

    def line_of(self, key: str) -> int:
        return self.get(key).line


def link_url(url: str) -> str:
    """The URL as a guide's link writes it: ( and ) as %28 and %29, the same address, so a ( or )
    in it does not end Markdown's link early."""
    return url.replace("(", "%28").replace(")", "%29")


def tel_href(phone: str) -> str:
    """'0771-567 567' -> 'tel:+46771567567'; short numbers ('1177', '114 14') stay national."""
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("0") and not digits.startswith("00"):
        digits = "+46" + digits[1:]
    return "tel:" + digits


def host_is_allowed(host: str, allowed_domains: list[str]) -> bool:
    """Exact domain or a subdomain of it, on a dot boundary: 'www.skatteverket.se'
    passes, 'fakeskatteverket.se' and 'skatteverket.se.evil.com' do not."""
    host = host.lower()
    return any(host == d or host.endswith("." + d) for d in allowed_domains)


def url_problem(url: str, allowed_domains: list[str]) -> str | None:
    """Why `url` may not be linked, or None when it may."""
    if not isinstance(url, str) or not url:
        return "URL is empty. Give the full https:// address of the page"
    if any(c.isspace() for c in url):
        return f"URL '{url}' contains whitespace. Remove the spaces or line breaks"
    try:  # a host in [brackets] that is no IP address, or a bad port, raises
        parts = urlsplit(url)
        if parts.scheme != "https":
            return f"URL '{url}' is not https. Use the https:// address of the page"
        host, port = parts.hostname, parts.port
    except ValueError:
        return f"URL '{url}' has an invalid host or port. Give a plain https://host/path address"
    if not host or parts.username is not None or port is not None:
        return f"URL '{url}' has no plain host. Give a plain https://host/path address"
    if not host_is_allowed(host, allowed_domains):
        return (f"URL host '{host}' is not an official domain. Link only to a domain in "
                f"allowed_domains (or add the organisation's own domain there if it is certainly official)")
    return None


def load_registry(path: str | Path) -> Registry:
    """Parse and validate the registry; raise one RegistryError listing every problem."""
    registry, problems = _load(Path(path))
    if problems:
        raise RegistryError(problems)
    return registry


def validate_registry(path: str | Path) -> list[str]:
    """Every problem in the registry, as "services.yml:LINE: problem. fix" lines."""
    return _load(Path(path))[1]


# ----------------------------------------------------------------- internals

class _Problems(list):
    def __init__(self, filename: str):
        super().__init__()
        self.filename = filename
        self.lines: list[int] = []  # parallel to the messages, for sorting

    def add(self, node_or_line, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        self.append(f"{self.filename}:{line}: {message}.")
        self.lines.append(line)

    def in_file_order(self) -> list[str]:
        return [message for _, _, message in sorted(zip(self.lines, range(len(self)), self))]


def compose_file(path: Path, problems: _Problems, missing: str | None = None) -> yaml.Node | None:
    """The YAML file as nodes (with line numbers), or None with the reason in `problems`. `missing`:
    the message for a file that is not there."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        problems.add(1, missing or f"cannot read the file ({exc}). Check the path")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(1, f"cannot read the file ({exc}). Check the path and that it is UTF-8 text")
        return None
    try:
        root = compose(text)  # NFC, no BOM, no aliases, size limit
    except YamlProblem as problem:
        problems.add(problem.line, problem.message)
        return None
    if root is None:
        problems.add(1, "the file is empty. Restore it from git")
    return root


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping_items(node: yaml.MappingNode, what: str, problems: _Problems):
    """(key, key_node, value_node) for each entry, flagging non-string and duplicate keys."""
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
            problems.add(key_node, f"a key in {what} is not plain text. Write it as a simple name")
            continue
        key = key_node.value
        if key in seen:
            problems.add(key_node, f"duplicate key '{key}' in {what} (first on line {seen[key]}). "
                                   f"Remove one of them or give it a different key")
            continue
        seen[key] = _line(key_node)
        yield key, key_node, value_node


def _text(node: yaml.Node, field_name: str, problems: _Problems) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        problems.add(node, f"'{field_name}' is empty. Fill it in")
        return None
    if not isinstance(node, yaml.ScalarNode) or node.tag == _BOOL_TAG:
        problems.add(node, f"'{field_name}' must be text. Write it as a single line of text")
        return None
    value = node.value.strip()
    if not value:
        problems.add(node, f"'{field_name}' is empty. Fill it in")
        return None
    return value


def _date(node: yaml.Node, field_name: str, problems: _Problems) -> dt.date | None:
    """A YYYY-MM-DD date, not in the future (it is the day a person saw something)."""
    text = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
    try:
        day = dt.date.fromisoformat(text) if _DATE_RE.match(text) else None
    except ValueError:
        day = None
    if day is None:
        problems.add(node, f"'{field_name}: {text}' is not a date. Write the day as YYYY-MM-DD, e.g. "
                           f"{field_name}: {dt.date.today().isoformat()}")
        return None
    if day > dt.date.today():
        problems.add(node, f"'{field_name}: {text}' is in the future. Write the day a person really saw it")
        return None
    return day


def _bool(node: yaml.Node, field_name: str, problems: _Problems) -> bool | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL_TAG:
        return node.value.lower() in ("true", "yes", "on")
    problems.add(node, f"'{field_name}' must be true or false. Write '{field_name}: true'")
    return None


@per_file_version
def _load(path: Path) -> tuple[Registry, list[str]]:
    problems = _Problems(path.name)
    registry = Registry(path=path, allowed_domains=[], services={})
    root = compose_file(path, problems)
    if root is None:
        return registry, list(problems)
    if not isinstance(root, yaml.MappingNode):
        problems.add(root.start_mark.line + 1,
                     "the file must have 'allowed_domains:' and 'services:' sections. Restore them")
        return registry, list(problems)

    sections: dict[str, yaml.Node] = {}
    for key, key_node, value_node in _mapping_items(root, "the top level", problems):
        if key not in TOP_LEVEL_KEYS:
            problems.add(key_node, f"unknown section '{key}'. Only {', '.join(TOP_LEVEL_KEYS)} are allowed")
            continue
        sections[key] = value_node
    for key in REQUIRED_TOP_LEVEL:
        if key not in sections:
            problems.add(1, f"missing section '{key}:'. Add it")

    if "allowed_domains" in sections:
        registry.allowed_domains = _load_domains(sections["allowed_domains"], problems)
    if "roles" in sections:
        registry.roles = _load_roles(sections["roles"], problems)
    if "services" in sections:
        node = sections["services"]
        if not isinstance(node, yaml.MappingNode):
            problems.add(node, "'services' must be a list of entries 'key: {fields}'. Indent each entry under it")
        else:
            for key, key_node, value_node in _mapping_items(node, "services", problems):
                service = _load_service(key, key_node, value_node, registry.allowed_domains, problems)
                if service is not None:
                    registry.services[key] = service
    _check_roles(registry, problems)
    # Report in file order, so a person can fix from the top down.
    return registry, problems.in_file_order()


def _load_roles(node: yaml.Node, problems: _Problems) -> dict[str, Role]:
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, "'roles' must list roles as 'key: {description: …, fallback: …}'. Indent each under it")
        return {}
    roles = {}
    for key, key_node, value_node in _mapping_items(node, "roles", problems):
        if not KEY_RE.match(key):
            problems.add(key_node, f"role key '{key}' may only use a-z, 0-9 and hyphens. Rename it like 'transit-planner'")
        if not isinstance(value_node, yaml.MappingNode):
            problems.add(value_node, f"role '{key}' must have 'description:' (and may have 'fallback:'). Indent them under it")
            continue
        values = {}
        for name, name_node, field_node in _mapping_items(value_node, f"role '{key}'", problems):
            if name not in ROLE_FIELDS:
                problems.add(name_node, f"unknown field '{name}' in role '{key}'. Use only {', '.join(ROLE_FIELDS)}")
                continue
            values[name] = (_text(field_node, name, problems), _line(field_node))
        if "description" not in values:
            problems.add(key_node, f"role '{key}' has no 'description:'. Say in one line what the role is")
        roles[key] = Role(key, (values.get("description") or ("", 0))[0] or "",
                          (values.get("fallback") or ("", 0))[0] or "", _line(key_node))
    return roles


def _check_roles(registry: Registry, problems: _Problems) -> None:
    """Every role named exists, a fallback is a national service, and no place has two services
    for one role (which would be chosen would depend on the order of the file)."""
    for role in registry.roles.values():
        if role.key in registry.services:
            problems.add(role.line, f"'{role.key}' is both a role and a service key. Rename one of them")
        if role.fallback:
            fallback = registry.services.get(role.fallback)
            if fallback is None:
                problems.add(role.line, f"the fallback '{role.fallback}' of role '{role.key}' is not a service. "
                                        "Use a key from 'services'")
            elif fallback.region or fallback.municipality:
                problems.add(role.line, f"the fallback '{role.fallback}' of role '{role.key}' is regional. "
                                        "A fallback must be a national service (no region or municipality)")
    seen: dict[tuple, Service] = {}
    for service in registry.services.values():
        if not service.role:
            continue
        if service.role not in registry.roles:
            problems.add(service.line, f"service '{service.key}' fills role '{service.role}', which is not under "
                                       f"'roles:'. Use one of: {', '.join(registry.roles) or '(none)'}, or add the role")
            continue
        if not (service.region or service.municipality):
            problems.add(service.line, f"service '{service.key}' fills role '{service.role}' but has no region or "
                                       "municipality. Add 'region:' or 'municipality:', or make it the role's fallback")
            continue
        place = (service.role, service.municipality or "", "" if service.municipality else service.region)
        if place in seen:
            problems.add(service.line, f"service '{service.key}' fills role '{service.role}' for the same place as "
                                       f"'{seen[place].key}' (line {seen[place].line}). Keep one of them")
        else:
            seen[place] = service


def _load_domains(node: yaml.Node, problems: _Problems) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        problems.add(node, "'allowed_domains' must be a list ('  - skatteverket.se'). Write one domain per line")
        return []
    domains = []
    for item in node.value:
        domain = _text(item, "allowed_domains", problems)
        if domain is None:
            continue
        if not DOMAIN_RE.match(domain):
            problems.add(item, f"allowed domain '{domain}' is not a bare lowercase domain. "
                               f"Write it like 'skatteverket.se' (no https://, no path, no www needed)")
            continue
        domains.append(domain)
    return domains


def entry_has_fields(kind: str, key: str, key_node, node, example: str, fields: str, problems: _Problems) -> bool:
    """An entry's key is a-z0-9-, and fields are indented under it (False when there are none to read)."""
    if not KEY_RE.match(key):
        problems.add(key_node, f"{kind} key '{key}' may only use a-z, 0-9 and hyphens. "
                               f"Rename it like '{example}' (no capitals, spaces or å/ä/ö)")
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, f"{kind} '{key}' must list its fields ({fields}). Indent the fields under the key")
        return False
    return True


def _load_service(key, key_node, node, allowed_domains, problems) -> Service | None:
    if not entry_has_fields("service", key, key_node, node, "skatteverket-flytt", "organisation, name, url, ...",
                            problems):
        return None

    values: dict = {}
    nodes: dict[str, yaml.Node] = {}
    for name, name_node, value_node in _mapping_items(node, f"service '{key}'", problems):
        nodes[name] = value_node
        if name in ("organisation", "name", "url", "url_status", "evidence", "short_name", "role"):
            values[name] = _text(value_node, name, problems)
        elif name in ("region", "municipality"):
            place = _text(value_node, name, problems)
            if place is not None and not KEY_RE.match(place):
                problems.add(value_node, f"{name} '{place}' is not an id. Write it lowercase with hyphens and no "
                                         "å/ä/ö, e.g. goteborg or vastra-gotaland")
            elif name == "region" and place is not None and place not in REGIONS:
                problems.add(value_node, f"unknown region '{place}'. Use one of: {', '.join(REGIONS)}")
            values[name] = place
        elif name in ("check", "login"):
            values[name] = _bool(value_node, name, problems)
        elif name == "phone":
            phone = _text(value_node, name, problems)
            if phone is not None and not PHONE_RE.match(phone):
                problems.add(value_node, f"phone '{phone}' is not a phone number. "
                                         f"Write it like \"0771-567 567\" (digits, spaces, hyphens), in quotes")
            values[name] = phone
        elif name == "phone_seen":
            values[name] = _date(value_node, name, problems)
        elif name == "phone_source":
            source = _text(value_node, name, problems)
            why = url_problem(source, allowed_domains) if source is not None else None
            if why:
                problems.add(value_node, why)
            values[name] = None if why else source
        elif name == "languages":
            values[name] = _load_languages(key, value_node, allowed_domains, problems)
        else:
            problems.add(name_node, f"unknown field '{name}' in service '{key}'. "
                                    f"Use only {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)} "
                                    f"(put notes in a # comment)")

    for name in REQUIRED_FIELDS:
        if name not in nodes:
            problems.add(key_node, f"service '{key}' is missing '{name}'. Add '{name}:' under the key")

    if "phone" in nodes and "phone_seen" not in nodes:
        problems.add(nodes["phone"], f"service '{key}' has a phone number but no 'phone_seen'. Add "
                                     f"'phone_seen: YYYY-MM-DD' under it: the day a person saw the number on the "
                                     f"service's url (or on 'phone_source: https://…' when another page states it)")
    for name in ("phone_seen", "phone_source"):
        if name in nodes and "phone" not in nodes:
            problems.add(nodes[name], f"service '{key}' has '{name}' but no 'phone'. Add the phone or remove '{name}'")

    url, status = values.get("url"), values.get("url_status")
    if url is not None:
        why = url_problem(url, allowed_domains)
        if why:
            problems.add(nodes["url"], why)
    if status is not None and status not in URL_STATUSES:
        problems.add(nodes["url_status"], f"url_status '{status}' is not allowed. Use one of {', '.join(URL_STATUSES)}")
        status = None
    if status is not None and status != "stored" and values.get("check") is not True:
        where = nodes.get("check", key_node)
        problems.add(where, f"service '{key}' has url_status {status} but not 'check: true'. "
                            f"Add 'check: true' (verify before publishing) or evidence it as stored")
    if status == "stored" and "evidence" in nodes and values.get("evidence") not in (None, url):
        problems.add(nodes["evidence"], f"url_status stored means the exact URL was seen, but evidence differs "
                                        f"from url. Set evidence to the url, or use another url_status")
    if status == "domain_root" and url is not None and not url_problem(url, allowed_domains):
        parts = urlsplit(url)
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            problems.add(nodes["url"], f"url_status domain_root needs a start page, but '{url}' has a path. "
                                       f"Use https://{parts.hostname}/ or another url_status")

    if any(values.get(name) is None for name in REQUIRED_FIELDS) or status is None:
        return None
    return Service(
        key=key,
        organisation=values["organisation"],
        name=values["name"],
        url=url,
        url_status=status,
        evidence=values.get("evidence") or "",
        check=bool(values.get("check")),
        phone=values.get("phone"),
        phone_seen=values.get("phone_seen"),
        phone_source=values.get("phone_source"),
        login=bool(values.get("login")),
        languages=values.get("languages") or {},
        line=_line(key_node),
        short_name=values.get("short_name") or "",
        region=values.get("region") or "",
        municipality=values.get("municipality") or "",
        role=values.get("role") or "",
    )


def _load_languages(key, node, allowed_domains, problems) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, f"'languages' of '{key}' must map language codes to URLs. "
                           f"Write e.g. '      en: https://...' indented under it")
        return {}
    languages = {}
    translated = [lang.code for lang in site.languages()[1:]]  # mkdocs.yml's list, Swedish left out
    for lang, lang_node, url_node in _mapping_items(node, f"languages of '{key}'", problems):
        if lang not in translated:
            problems.add(lang_node, f"language '{lang}' in '{key}' is not a site language. "
                                    f"Use one of {', '.join(translated)} (Swedish is the main 'url')")
            continue
        url = _text(url_node, f"languages.{lang}", problems)
        if url is None:
            continue
        why = url_problem(url, allowed_domains)
        if why:
            problems.add(url_node, why)
            continue
        languages[lang] = url
    return languages
