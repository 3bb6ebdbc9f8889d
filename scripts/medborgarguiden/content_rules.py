"""The rules about what guides say, beyond their shape (guides.py): values come from facts.yml,
translations have the Swedish source's numbers, hard words are explained, and facts, phones and
guides are checked again in time.

`check_content` gives (errors, warnings). Errors stop the build and `validate.py`; warnings are
printed by `validate.py` and never stop anything, so the build (check_site) asks for errors only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import site
from .facts import FACT_TOKEN, Fact, check_facts, suggest
from .freshness import due_for_check, warning
from .glossary import glossary_warnings, load_glossary
from .literals import literal_problems, translation_problems
from .registry import Registry


def check_content(root: Path = site.ROOT, registry: Registry | None = None,
                  today: dt.date | None = None, warn: bool = True) -> tuple[list[str], list[str]]:
    """(errors, warnings); with warn=False the warnings are not looked for (an empty list)."""
    from .guides import load_guides, relative

    facts, errors = check_facts(root / "facts.yml", registry)
    warnings: list[str] = []
    literal = errors  # a number typed into a guide stops the build: it belongs in facts.yml
    glossary, glossary_problems = load_glossary(root / "glossary.yml")
    errors += glossary_problems
    languages = [lang.code for lang in site.languages(root)]
    default = languages[0]
    sources = {g.slug: g for g in load_guides(default, root)}
    for lang in languages:
        for guide in load_guides(lang, root):
            name = relative(guide.path, root)
            errors += _unknown_facts(name, guide, facts)
            if guide.meta.get("translation") == "needed":
                continue  # a copy of the Swedish text: the Swedish guide is checked
            literal += literal_problems(name, lang, guide.body, guide.body_line)
            source = sources.get(guide.slug)
            if lang != default and source is not None:
                literal += translation_problems(name, guide.body, guide.body_line, relative(source.path, root),
                                                source.body, facts)
            if warn:
                warnings += glossary_warnings(name, lang, guide.body, guide.body_line, glossary)
    if warn:
        warnings += [warning(due, today) for due in due_for_check(facts, registry, list(sources.values()), today,
                                                                  root=root)]
    return errors, warnings


def _unknown_facts(name: str, guide, facts: dict[str, Fact]) -> list[str]:
    problems = []
    for offset, line in enumerate(guide.body.splitlines()):
        for key in FACT_TOKEN.findall(line):
            if key not in facts:
                problems.append(f"{name}:{guide.body_line + offset}: unknown fact '{key}'. {suggest(key, facts)}")
    return problems
