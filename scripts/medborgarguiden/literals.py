"""No fee, deadline, age or account number is typed into a guide: values live in facts.yml and guides
write {fact:KEY}, so one change reaches all languages. This module finds the numbers a guide writes
itself, and translations whose numbers differ from their Swedish source.

Not counted: {fact:}, {phone:} and service: tokens, Markdown list numbering ("1. "), and the few names
that contain digits in ALLOWED_NUMBERS.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .facts import FACT_TOKEN, Fact
from .rtl_numbers import SEPARATORS

# Names with digits, not values: the one list of them. Keep it short.
ALLOWED_NUMBERS = {
    "1177": "the name of the healthcare service 1177 Vårdguiden",
    "112": "the emergency number, the same everywhere in the EU",
}

_TOKENS = re.compile(r"\{(?:fact|phone):[^}\s]*\}|\]\(service:[^)\s]*\)|\{[#.][^}]*\}|<!--.*?-->")
_LIST_NUMBER = re.compile(r"^\s*\d+[.)](?=\s)")
DIGIT_RUN = re.compile(rf"\d+(?:[{re.escape(SEPARATORS)}]\d+)*")

# Numbers written as words before a unit ("tio dagar", "ten days"), in the languages staff write.
_SV_WORDS = ("en ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton "
             "arton nitton tjugo trettio fyrtio femtio sextio hundra tusen")
_SV_UNITS = ("dag dagar dygn vecka veckor månad månader år timme timmar minut minuter krona kronor kr "
             "procent")
_EN_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty hundred thousand")
_EN_UNITS = ("day days week weeks month months year years hour hours minute minutes krona kronor "
             "percent")


def _words_before_units(words: str, units: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{'|'.join(words.split())})\s+(?:{'|'.join(units.split())})(?!\w)", re.I)


NUMBER_WORDS = {"sv": _words_before_units(_SV_WORDS, _SV_UNITS), "en": _words_before_units(_EN_WORDS, _EN_UNITS)}


@dataclass(frozen=True)
class Number:
    line: int  # in the file
    text: str  # as written
    digits: str  # its digits 0-9 only, whatever script it is written in: '۴۰۰' -> '400'


def digits_of(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) for c in text if c.isdigit())


def text_lines(body: str, first_line: int):
    """(line number, text) of a guide body with tokens and list numbering taken out."""
    for offset, line in enumerate(body.splitlines()):
        yield first_line + offset, _LIST_NUMBER.sub("", _TOKENS.sub(" ", line), count=1)


def numbers(body: str, first_line: int) -> list[Number]:
    return [Number(line, m.group(0), digits_of(m.group(0)))
            for line, text in text_lines(body, first_line) for m in DIGIT_RUN.finditer(text)]


def fact_digits(fact: Fact) -> str:
    return digits_of(str(fact.value if fact.type == "code" else int(fact.value)))


def facts_used(body: str) -> list[str]:
    return list(dict.fromkeys(FACT_TOKEN.findall(body)))


def literal_problems(name: str, lang: str, body: str, first_line: int) -> list[str]:
    """Numbers a guide writes itself (in digits, or in words before a unit)."""
    problems = [f"{name}:{n.line}: the number '{n.text}' is written in the guide. Put it in facts.yml and "
                "write {fact:KEY}." for n in numbers(body, first_line) if n.digits not in ALLOWED_NUMBERS]
    words = NUMBER_WORDS.get(lang)
    if words:
        for line, text in text_lines(body, first_line):
            for match in words.finditer(text):
                problems.append(f"{name}:{line}: the number '{match.group(0)}' is written in words in the "
                                "guide. Put it in facts.yml and write {fact:KEY} and the unit after it.")
    return problems


def translation_problems(name: str, body: str, first_line: int, source_name: str, source_body: str,
                         facts: dict[str, Fact]) -> list[str]:
    """A translation's numbers against its Swedish source: a value the Swedish takes from facts.yml
    typed in, a number the Swedish does not have, a fact the Swedish uses and the translation lacks."""
    source_facts = [key for key in facts_used(source_body) if key in facts]
    by_digits = {fact_digits(facts[key]): key for key in source_facts}
    source_numbers = {n.digits for n in numbers(source_body, 1)}
    problems = []
    for n in numbers(body, first_line):
        if n.digits in by_digits:
            key = by_digits[n.digits]
            problems.append(f"{name}:{n.line}: '{n.text}' is typed in, but the Swedish guide takes it from "
                            f"facts.yml. Write {{fact:{key}}} as the Swedish guide does.")
        elif n.digits not in source_numbers:
            problems.append(f"{name}:{n.line}: the number '{n.text}' is not in the Swedish guide. Check the "
                            f"translation against {source_name} and write the same value (with {{fact:KEY}} "
                            "where the Swedish has it).")
    missing = [key for key in source_facts if key not in facts_used(body)]
    for key in missing:
        problems.append(f"{name}:{first_line}: the Swedish guide writes {{fact:{key}}} but the translation "
                        f"does not. Write {{fact:{key}}} where {source_name} has it.")
    return problems
