"""Load and validate facts.yml: every fee, account number, deadline and other value that changes,
kept once for all languages. Guides write `{fact:KEY}`; overrides/hooks/service_links.py renders the
value in the page's language (medborgarguiden.fact_display).

Read node by node like services.yml (medborgarguiden.registry), so every problem names its line and
duplicate keys are refused; all problems are reported together, each as
"facts.yml:LINE: problem. fix".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .registry import (
    Registry, _bool, _date, _line, _mapping_items, _Problems, _text, compose_file, entry_has_fields, url_problem,
)

FACT_TOKEN = re.compile(r"\{fact:([^}\s]*)\}")
TYPES = ("money", "number", "code", "day")
REQUIRED_FIELDS = ("service", "type", "value", "source", "seen")
OPTIONAL_FIELDS = ("evidence", "check")

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"

# The spaces a Swedish page may put between groups of digits and before "kr": normal, no-break and
# narrow no-break.
SPACES = (" ", "\u00a0", "\u202f")


@dataclass(frozen=True)
class Fact:
    key: str
    service: str  # the services.yml key of the organisation that states the value
    type: str  # one of TYPES
    value: int | float | str  # a number for money/number/day, text for code
    source: str  # the official page (https://) that states the value
    seen: dt.date  # the day a person saw the value there
    evidence: str = ""
    check: bool = False  # the evidence is old or indirect
    line: int = 0


class FactsError(Exception):
    """facts.yml cannot be used. `problems` holds one "facts.yml:LINE: problem. fix" per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def load_facts(path: str | Path, registry: Registry | None) -> dict[str, Fact]:
    """Every fact by key; raises FactsError listing every problem. Without a registry (services.yml
    itself is broken) services and source domains are not checked."""
    facts, problems = check_facts(path, registry)
    if problems:
        raise FactsError(problems)
    return facts


def check_facts(path: str | Path, registry: Registry | None) -> tuple[dict[str, Fact], list[str]]:
    """The facts that are fine, and every problem in the file, in file order."""
    path = Path(path)
    problems = _Problems(path.name)
    facts: dict[str, Fact] = {}
    root = compose_file(path, problems, "the fact registry is missing. Restore facts.yml from git")
    if root is None:
        return facts, list(problems)
    if not isinstance(root, yaml.MappingNode):
        problems.add(_line(root), "the file must have a 'facts:' section. Restore it from git")
        return facts, list(problems)
    section = None
    for key, key_node, value_node in _mapping_items(root, "the top level", problems):
        if key != "facts":
            problems.add(key_node, f"unknown section '{key}'. Put every fact under 'facts:'")
        else:
            section = value_node
    if section is None:
        problems.add(1, "missing section 'facts:'. Add it")
    elif isinstance(section, yaml.MappingNode):
        for key, key_node, node in _mapping_items(section, "facts", problems):
            fact = _load_fact(key, key_node, node, registry, problems)
            if fact is not None:
                facts[key] = fact
    elif not (isinstance(section, yaml.ScalarNode) and section.tag.endswith(":null")):
        problems.add(section, "'facts' must list entries 'key: {fields}'. Indent each entry under it")
    return facts, problems.in_file_order()


def _load_fact(key, key_node, node, registry, problems) -> Fact | None:
    if not entry_has_fields("fact", key, key_node, node, "pass-avgift", ", ".join(REQUIRED_FIELDS), problems):
        return None
    values: dict = {}
    nodes: dict[str, yaml.Node] = {}
    for name, name_node, value_node in _mapping_items(node, f"fact '{key}'", problems):
        nodes[name] = value_node
        if name in ("service", "type", "source", "evidence"):
            values[name] = _text(value_node, name, problems)
        elif name == "seen":
            values[name] = _date(value_node, name, problems)
        elif name == "check":
            values[name] = _bool(value_node, name, problems)
        elif name != "value":
            problems.add(name_node, f"unknown field '{name}' in fact '{key}'. Use only "
                                    f"{', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)} (put notes in a # comment)")
    for name in REQUIRED_FIELDS:
        if name not in nodes:
            problems.add(key_node, f"fact '{key}' is missing '{name}'. Add '{name}:' under the key")

    kind = values.get("type")
    if kind is not None and kind not in TYPES:
        problems.add(nodes["type"], f"type '{kind}' is not allowed. Use one of {', '.join(TYPES)}")
        kind = None
    if kind is not None and "value" in nodes:
        values["value"] = _value(nodes["value"], kind, problems)
    service = values.get("service")
    if service is not None and registry is not None and service not in registry.services:
        close = difflib.get_close_matches(service, registry.services, n=1)
        hint = (f"Did you mean '{close[0]}'? " if close else "") + "Use a key from services.yml"
        problems.add(nodes["service"], f"unknown service '{service}'. {hint}")
    source = values.get("source")
    if source is not None and registry is not None:
        why = url_problem(source, registry.allowed_domains)
        if why:
            problems.add(nodes["source"], why)
            values["source"] = None
    if kind is None or any(values.get(name) is None for name in REQUIRED_FIELDS):
        return None
    return Fact(key, service, kind, values["value"], values["source"], values["seen"],
                values.get("evidence") or "", bool(values.get("check")), _line(key_node))


def _value(node: yaml.Node, kind: str, problems) -> int | float | str | None:
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        problems.add(node, "'value' is empty. Write the value")
        return None
    if kind == "code":
        if node.tag != _STR_TAG or node.style not in ("'", '"'):
            problems.add(node, f"'value: {node.value}' is a code, so it is text. Write it in quotes, like "
                               f"value: \"{node.value}\"")
            return None
        return node.value.strip()
    if node.tag == _INT_TAG:
        number = int(node.value.replace("_", ""))
    elif node.tag == _FLOAT_TAG and kind == "money":
        number = float(node.value.replace("_", ""))
    else:
        example = "14" if kind == "day" else "500"
        problems.add(node, f"'value: {node.value}' is not a number. Write only the number, without "
                           f"spaces, 'kr' or quotes, like value: {example}")
        return None
    if number < 0 or (kind == "day" and not 1 <= number <= 31):
        limits = "from 1 to 31 (a day of the month)" if kind == "day" else "0 or more"
        problems.add(node, f"'value: {node.value}' is out of range. Write a number {limits}")
        return None
    return number


def suggest(key: str, facts: dict[str, Fact]) -> str:
    close = difflib.get_close_matches(key, facts, n=1)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    return hint + "Use a key from facts.yml, or add the fact there first."


# --------------------------------------------------------------------------- how pages write it

def _digits_grouped(number: int | float) -> list[str]:
    """'1 914' with every kind of space, then '1914' and '1.914'; decimals with a Swedish comma."""
    whole = int(number)
    decimals = "" if number == whole else "," + f"{number:.2f}".split(".")[1]
    if whole < 1000:
        return [str(whole) + decimals]
    grouped = f"{whole:,}"
    return ([grouped.replace(",", space) + decimals for space in SPACES]
            + [str(whole) + decimals, grouped.replace(",", ".") + decimals])


def value_forms(fact: Fact) -> list[str]:
    """The ways a Swedish page writes the value, most usual first: "500 kr", "500 kronor", "500:-",
    "1 914 kr" (with a normal, no-break or narrow no-break space), "5045-3158". The link checker looks
    for these on the fact's source page."""
    if fact.type == "code":
        forms = [str(fact.value)]
    elif fact.type == "money":
        forms = []
        for amount in _digits_grouped(fact.value):
            forms += [f"{amount}{space}{unit}" for unit in ("kr", "kronor") for space in SPACES]
            forms += [f"{amount}:-", f"{amount} SEK"]
    else:
        forms = _digits_grouped(fact.value)
    return list(dict.fromkeys(forms))
