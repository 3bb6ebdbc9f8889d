"""Hard authority words are explained the first time a guide uses them (glossary.yml).

A first use counts as explained when, in the same sentence, brackets with an explanation follow it
("betalningsanmärkning (en notering om …)"), or it stands in brackets that go on to explain it
("(e-legitimation – a way to show who you are)"), or the same or the next sentence has the
language's word for "means" ("Det betyder …"). Brackets that only repeat the term in another
language ("payment remark (betalningsanmärkning)") do not explain it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .literals import text_lines
from .registry import _mapping_items, _Problems, _text, compose_file

_SENTENCE_END = re.compile(r"[.!?؟።]+(?=\s|$)|\n")


@dataclass
class Glossary:
    means: dict[str, list[str]]  # language -> words for "means"
    terms: dict[str, dict[str, list[str]]]  # term -> language -> forms (Swedish forms count everywhere)

    def forms(self, term: str, lang: str) -> list[str]:
        forms = self.terms[term]
        return list(dict.fromkeys(forms.get(lang, []) + forms.get("sv", [])))


def load_glossary(path: Path) -> tuple[Glossary, list[str]]:
    """The glossary, and its problems as 'glossary.yml:LINE: problem. fix'."""
    problems = _Problems(path.name)
    glossary = Glossary({}, {})
    root = compose_file(path, problems, "the glossary is missing. Restore glossary.yml from git")
    if root is None:
        return glossary, list(problems)
    if not isinstance(root, yaml.MappingNode):
        problems.add(1, "the file must have 'means:' and 'terms:'. Restore it from git")
        return glossary, list(problems)
    for key, key_node, node in _mapping_items(root, "the top level", problems):
        if key == "means":
            glossary.means = _lists(node, "means", problems)
        elif key == "terms" and isinstance(node, yaml.MappingNode):
            for term, term_node, forms in _mapping_items(node, "terms", problems):
                glossary.terms[term] = _lists(forms, term, problems)
                if "sv" not in glossary.terms[term]:
                    problems.add(term_node, f"the term '{term}' has no Swedish forms. Add '    sv: [{term}]'")
        else:
            problems.add(key_node, f"unknown section '{key}'. Use only 'means:' and 'terms:' (with terms under it)")
    return glossary, problems.in_file_order()


def _lists(node, what: str, problems) -> dict[str, list[str]]:
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, f"'{what}' must list languages: '  sv: [word, other word]'. Indent them under it")
        return {}
    result = {}
    for lang, _, items in _mapping_items(node, what, problems):
        if not isinstance(items, yaml.SequenceNode):
            problems.add(items, f"'{lang}' under '{what}' must be a list in brackets: {lang}: [word, other word]")
            continue
        result[lang] = [word for item in items.value if (word := _text(item, lang, problems))]
    return result


def _starts(forms: list[str]) -> re.Pattern:
    """A form at the start of a word; inflected endings allowed (betalningsanmärkningen)."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.I)


def _explained(text: str, start: int, end: int, forms: re.Pattern, means: re.Pattern | None) -> bool:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, end)]
    sentence_start = max([m.end() for m in _SENTENCE_END.finditer(text, 0, start)] or [0])
    rest = text[end:ends[0] if ends else len(text)]
    before = text[sentence_start:start]
    # Brackets after the term that say more than the term again.
    for bracket in re.finditer(r"\(([^()]*)\)?", rest):
        if _says_more(bracket.group(1), forms):
            return True
    # The term inside brackets that go on to explain it.
    if before.count("(") > before.count(")"):
        inside = rest.split(")", 1)[0]
        if _says_more(inside, forms):
            return True
    if means is not None:
        upto = ends[1] if len(ends) > 1 else len(text)
        if means.search(text, sentence_start, upto):
            return True
    return False


def _says_more(bracket: str, forms: re.Pattern) -> bool:
    return bool(re.search(r"\w", forms.sub("", bracket)))


def glossary_warnings(name: str, lang: str, body: str, first_line: int, glossary: Glossary) -> list[str]:
    """One warning per term whose first use in the guide is not explained."""
    lines = [(number, text) for number, text in text_lines(body, first_line) if not text.lstrip().startswith("#")]
    text = "\n".join(t for _, t in lines)
    starts, offset = [], 0
    for number, line in lines:
        starts.append((offset, number))
        offset += len(line) + 1
    words = glossary.means.get(lang, [])
    means = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})(?!\w)", re.I) if words else None
    warnings = []
    for term in glossary.terms:
        forms = _starts(glossary.forms(term, lang))
        match = forms.search(text)
        if match is None or _explained(text, match.start(), match.end(), forms, means):
            continue
        line = max(number for position, number in starts if position <= match.start())
        say = f" or say what it means in the same or next sentence ('{words[0]}')" if words else ""
        warnings.append(f"{name}:{line}: '{match.group(0)}' is used for the first time without an explanation. "
                        f"Explain it in brackets right after it in the same sentence{say}.")
    return warnings
