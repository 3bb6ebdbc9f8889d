"""libyaml reads the project's plain YAML (safe_yaml._compose_fast) and must build exactly the node tree
the careful pure-Python reader builds: the same kinds, tags, values, styles and marks (line, column,
index), so every rule and every line number stays the same. Text where the two might differ, and text
libyaml finds wrong, must go to the careful reader (_CAREFUL), which alone refuses anchors, aliases and
bad YAML with its messages.

Checked on every YAML file the build reads and every page's front matter, and on thousands of random
edits of pieces of them (a fixed seed: the same edits every run, a few seconds); set MG_YAML_EDITS to
try more (100 000 take about a minute) and MG_YAML_SEED for other edits."""

from __future__ import annotations

import os
import random

import pytest
import yaml

from medborgarguiden import frontmatter, safe_yaml, site

ROOT = site.ROOT
EDITS = int(os.environ.get("MG_YAML_EDITS", "3000"))
SEED = int(os.environ.get("MG_YAML_SEED", "14"))
# What people type in YAML, and what makes the two readers part ways.
PIECES = [":", ": ", " ", "  ", "\n", "\n  ", "\n- ", "- ", "#", " #", "'", '"', "''", "\\", "[", "]", "[a, b]",
          "{", "}", "{a: b}", ",", ", ", "?", "? ", "!", "!!str ", "&a ", "*a", "|", "|-", ">", ">+", "%", "@", "`",
          "---", "...", "\t", "\r", "\ufeff", "\u2028", "\x85", "\x00", "\x07", "ä", "a\u0308", "é", "ክ", "ا", "1",
          "2026-11-31", "0x1F", "yes", "null", "~", "true", "-", ".", "a" * 1100, "key: value", "\\x41", "\\u00e5",
          '"a\\"b"', "''''", "\n\n", "\n#c\n", "   "]


def texts() -> dict[str, str]:
    """The YAML the build reads (NFC, no BOM), by file."""
    found = {}
    files = [ROOT / "services.yml", ROOT / "facts.yml", ROOT / "glossary.yml",
             *sorted((ROOT / "libraries").glob("*.yml")), *sorted((ROOT / "overrides" / "strings").glob("*.yml"))]
    for path in files:
        found[path.relative_to(ROOT).as_posix()] = safe_yaml.text_in(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "docs").rglob("*.md")):
        front, _, _ = frontmatter.split(safe_yaml.text_in(path.read_text(encoding="utf-8")))
        if front is not None:
            found[path.relative_to(ROOT).as_posix()] = front
    return found


TEXTS = texts()


def careful(text: str):
    """The careful reader's tree, or the YamlProblem it raises."""
    saved = safe_yaml._compose_fast
    safe_yaml._compose_fast = lambda _text: safe_yaml._CAREFUL
    try:
        return safe_yaml.compose(text, max_bytes=10**9)
    except safe_yaml.YamlProblem as problem:
        return problem
    finally:
        safe_yaml._compose_fast = saved


def differences(fast, slow, where="root") -> list[str]:
    """Where two node trees differ (empty when they are the same)."""
    if isinstance(slow, safe_yaml.YamlProblem):
        return [f"{where}: libyaml read text the careful reader refuses ({slow})"]
    if fast is None or slow is None:
        return [] if fast is slow else [f"{where}: {fast!r} vs {slow!r}"]
    found = []
    if type(fast) is not type(slow):
        return [f"{where}: {type(fast).__name__} vs {type(slow).__name__}"]
    for attribute in ("tag", "style", "flow_style"):
        if getattr(fast, attribute, None) != getattr(slow, attribute, None):
            found.append(f"{where}: {attribute} {getattr(fast, attribute)!r} vs {getattr(slow, attribute)!r}")
    for which in ("start_mark", "end_mark"):
        a, b = getattr(fast, which), getattr(slow, which)
        if (a.line, a.column, a.index, a.pointer, a.name, a.buffer) != \
                (b.line, b.column, b.index, b.pointer, b.name, b.buffer):
            found.append(f"{where}: {which} {a.line}:{a.column}@{a.index} vs {b.line}:{b.column}@{b.index}")
    if isinstance(slow, yaml.ScalarNode):
        if fast.value != slow.value:
            found.append(f"{where}: value {fast.value!r} vs {slow.value!r}")
        return found
    if len(fast.value) != len(slow.value):
        return found + [f"{where}: {len(fast.value)} items vs {len(slow.value)}"]
    if isinstance(slow, yaml.MappingNode):
        for i, ((fk, fv), (sk, sv)) in enumerate(zip(fast.value, slow.value)):
            found += differences(fk, sk, f"{where}.key{i}") + differences(fv, sv, f"{where}.{sk.value}")
    else:
        for i, (f, s) in enumerate(zip(fast.value, slow.value)):
            found += differences(f, s, f"{where}[{i}]")
    return found


def check(text: str) -> str | None:
    """'fast' or 'careful' (who read the text); fails the test when libyaml's tree is not the careful one."""
    text = safe_yaml.text_in(text)  # as compose() gives it to either reader
    fast = safe_yaml._compose_fast(text)
    if fast is safe_yaml._CAREFUL:
        return "careful"
    problems = differences(fast, careful(text))
    assert not problems, f"{text!r}:\n" + "\n".join(problems[:10])
    return "fast"


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_libyaml_reads_the_projects_yaml_as_the_careful_reader_does(name):
    check(TEXTS[name])


def test_libyaml_reads_most_of_the_projects_yaml():
    """Else the fast path is no faster: the project's own files must mostly take it."""
    who = [check(text) for text in TEXTS.values()]
    assert who.count("fast") >= 0.9 * len(who), f"{who.count('careful')} of {len(who)} went to the careful reader"


def piece(rng: random.Random, text: str) -> str:
    """A few lines of `text` (a piece of a big file: the careful reader takes a while on all of it)."""
    lines = text.split("\n")
    start = rng.randrange(len(lines))
    return "\n".join(lines[start:start + rng.randint(1, 30)]) + "\n"


def edit(rng: random.Random, text: str) -> str:
    """One to three random edits: a piece typed in, characters deleted, a line doubled, indented or moved."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(6)
        if kind <= 1:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif kind == 2:
            text = text[:at] + text[at + rng.randint(1, 8):]
        else:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            if kind == 3:
                lines.insert(i, lines[i])
            elif kind == 4:
                lines[i] = rng.choice(["  ", " ", "- ", "    "]) + lines[i]
            else:
                lines.insert(rng.randrange(len(lines)), lines.pop(i))
            text = "\n".join(lines)
    return text


def test_edits_of_the_projects_yaml_read_alike_or_go_to_the_careful_reader():
    rng = random.Random(SEED)
    names = sorted(TEXTS)
    who = {"fast": 0, "careful": 0}
    for _ in range(EDITS):
        text = TEXTS[rng.choice(names)]
        if len(text) > 2_000:
            text = piece(rng, text)
        who[check(edit(rng, text))] += 1
    print(f"\nYAML edits read by libyaml: {who['fast']}, by the careful reader: {who['careful']}")
    assert who["fast"] >= EDITS // 4, who  # the edits must test libyaml, not only the careful reader


def value(rng: random.Random, depth: int = 0):
    """A random value of the kinds our files hold: texts with any of YAML's special characters, numbers,
    dates, true/false, empty, lists and fields."""
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind <= 2:
        return "".join(rng.choice(PIECES[:60] + ["word", " ", "Boka pass"]) for _ in range(rng.randint(0, 6)))
    if kind == 3:
        return rng.choice([0, 7, -1, 1.5, 10**20, True, False, None])
    if kind == 4:
        return rng.choice(["2026-11-28", "12:30", "+46 8 123 45", "08-123 45 67", "1e3", "0o17", ".5", "yes", "no"])
    if kind == 5:
        return "\n".join(rng.choice(["rad", "  indrag", "", "# inte kommentar", "a: b", "- c"]) for _ in range(3))
    if kind in (6, 7):
        return {str(value(rng, 3)) or "k": value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def test_yaml_as_pyyaml_writes_it_reads_alike_or_goes_to_the_careful_reader():
    """Values written out by PyYAML in its styles: quoted, folded, literal, flow, long lines wrapped."""
    rng = random.Random(SEED)
    who = {"fast": 0, "careful": 0}
    for _ in range(EDITS // 3):
        data = {f"key{i}": value(rng) for i in range(rng.randint(1, 5))}
        text = yaml.safe_dump(data, allow_unicode=rng.random() < 0.8, sort_keys=False,
                              width=rng.choice([20, 40, 80, 1000]), default_flow_style=rng.choice([False, None]),
                              default_style=rng.choice([None, None, None, '"', "'", "|"]))
        who[check(text)] += 1
    print(f"\nPyYAML's output read by libyaml: {who['fast']}, by the careful reader: {who['careful']}")
    assert who["fast"] >= EDITS // 30, who


@pytest.mark.parametrize("text, line", [
    ("a: &x 1\nb: *x\n", 1), ("a: 1\nb: *x\n", 2), ("a: !!python/name:os.system 1\n", None),
    ("a: [b, c\n", 1), ("a: 'b\n", 1), ("a:\tb\n", 1), ("a: b\n\x07\n", 2),
])
def test_text_with_anchors_tags_or_mistakes_goes_to_the_careful_reader(text, line):
    assert safe_yaml._compose_fast(text) is safe_yaml._CAREFUL
    if line is not None:
        with pytest.raises(safe_yaml.YamlProblem) as problem:
            safe_yaml.compose(text)
        assert problem.value.line == line


def test_a_key_written_twice_is_still_found_when_libyaml_reads_the_text():
    text = "a: 1\nb:\n  c: 2\n  c: 3\n"
    assert safe_yaml._compose_fast(text) is not safe_yaml._CAREFUL
    with pytest.raises(safe_yaml.YamlProblem) as problem:
        safe_yaml.load_plain(text)
    assert problem.value.line == 4 and "written twice (first on line 3)" in problem.value.message
