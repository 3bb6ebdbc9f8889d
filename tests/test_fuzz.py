"""Property-based fuzzing (Hypothesis) of everything people write: a guide's front matter and Markdown,
services.yml and library.yml. The real readers and validators run on each generated input and must
answer with `file:line: …` messages — never an exception — and never change a file. A few inputs
also go through the real scripts/validate.py, which must exit 0 or 1 without a traceback.

The budget is fixed and the run derandomized (the same inputs every run, ~30–60 s in all); set
MG_FUZZ_EXAMPLES to try more. Each test prints how many inputs it tried (pytest -s shows it).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from medborgarguiden import guides, library_config, markdown_rules, site
from medborgarguiden.registry import validate_registry
from project import LIBRARY, copy_rule_inputs

# About a minute of generated inputs: part of `make test`, left out of the quick tier (make test-fast).
pytestmark = pytest.mark.slow

ROOT = site.ROOT
EXAMPLES = int(os.environ.get("MG_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
MESSAGE = re.compile(r"^[^:\n]+:\d+: .+", re.S)
_names = itertools.count()
TRIED: dict[str, int] = {}


def tried(kind: str) -> None:
    TRIED[kind] = TRIED.get(kind, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    print("\nfuzz inputs tried: " + ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items()))
          + f" (total {sum(TRIED.values())}); tracebacks: 0")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_rule_inputs(tmp_path_factory.mktemp("fuzz"))
    (root / "docs" / "sv").mkdir(parents=True)
    return root


@pytest.fixture(scope="module")
def registry(project):
    return guides.load_registry(project / "services.yml")


# --- What people write, and what an attacker adds

PIECES = [
    "<script>alert(1)</script>", "<SCRIPT>", "<img src=x onerror=alert(1)>", "<iframe src=//e.example>",
    "[a](javascript:alert(1))", "[a](HTTPS://e.example)", "[a][r]", "[r]: https://e.example/", "<https://e.example>",
    "![t](https://t.example/p.gif)", "[a](service:polisen-pass)", "[a](#need)", "[a](id-kort.md)", "{: onclick=x}",
    "{#need}", "## Steg {#steps}", "# Titel", "- [ ] sak", "1. steg", "> citat", "    kod", "`<b>`", "&#106;", "&amp;",
    "*", "**", "_", "[", "](", "![", "<", ">", "{", "}", "\\", "\t", "\x0c", "\u2028", "\u0308", "\ufeff", "\x00",
    "å", "ä", "ö", "o\u0308", "\u202e", "{phone:polisen-pass}", "{library:name}", "{fact:x}", "---", "...", ":", "&a", "*a",
]
text_piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
markdown_text = st.lists(st.one_of(text_piece, st.just("\n"), st.just("\n\n")), max_size=40).map("".join)

YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
              st.sampled_from(["2026-11-31", "2026-11-28 10:00:00", "yes", "no", "~", "<b>x</b>", "&a x", "*a",
                               "2026-11-28", "material/printer", "source", "machine", "polisen-pass"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)
FIELD_NAMES = st.sampled_from(["title", "label", "description", "icon", "errand", "services", "eservice",
                               "checked", "translation", "keywords", "other", ""])


@st.composite
def front_matter(draw) -> str:
    if draw(st.booleans()):  # fields as YAML writes them
        fields = draw(st.dictionaries(FIELD_NAMES, YAML_VALUES, max_size=10))
        try:
            return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        except yaml.YAMLError:
            return ""
    lines = draw(st.lists(st.tuples(FIELD_NAMES, text_piece), max_size=10))  # as a person types them
    return "".join(f"{k}: {v}\n" for k, v in lines)


@st.composite
def guide_text(draw) -> str:
    original = (ROOT / "docs" / "sv" / "pass.md").read_text(encoding="utf-8")
    front, body = original.split("---\n", 2)[1:]
    if draw(st.booleans()):
        front = draw(front_matter())
    if draw(st.booleans()):
        body = draw(markdown_text)
    else:
        at = draw(st.integers(0, len(body)))
        body = body[:at] + draw(markdown_text) + body[at:]
    opening, closing = draw(st.sampled_from([("---\n", "---\n"), ("---\n", ""), ("", ""), ("\ufeff---\n", "---\n"),
                                             ("---\r\n", "---\r\n"), ("---\n", "...\n")]))
    return opening + front + closing + body


@st.composite
def mutated(draw, path: Path) -> str:
    """A YAML file of the project with some lines replaced, inserted or removed."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete", "edit"]))
        indent = draw(st.sampled_from(["", "  ", "    ", "      ", "\t"]))
        new = indent + draw(st.one_of(
            st.tuples(st.text(max_size=10), text_piece).map(lambda kv: f"{kv[0]}: {kv[1]}"),
            st.sampled_from(["- a", "- {a: b}", "x: [1, 2", "&a x: 1", "y: *a", "sv: a", "sv: b", "name: x",
                             "services:", "dates: [2019-01-01]", "time: 25:00-26:00", "weekday: ma\u0308ndag",
                             "url: https://evil.example/", "url: javascript:x", "? [a]", ": b"]),
            text_piece))
        if action == "replace":
            lines[at] = new
        elif action == "insert":
            lines.insert(at, new)
        elif action == "delete" and len(lines) > 1:
            del lines[at]
        else:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(text_piece) + line[cut:]
    return "\n".join(lines)


def fresh(folder: Path, name: str) -> Path:
    """A new file name each time: the readers cache by file, and a rewrite within the same clock tick
    could look unchanged."""
    sub = folder / f"case{next(_names)}"
    sub.mkdir(parents=True, exist_ok=True)
    return sub / name


# --- Properties

@FUZZ
@given(text=guide_text())
def test_any_guide_gets_messages_never_an_exception(project, registry, text):
    tried("guides")
    path = project / "docs" / "sv" / "pass.md"
    data = text.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    problems: list[str] = []
    guide = guides.read_guide(path, "sv", problems, project)
    if guide:
        guides.check_guide(guide, registry, problems, project)
    assert all(isinstance(p, str) and MESSAGE.match(p) for p in problems), problems
    assert path.read_bytes() == data


@FUZZ
@given(body=markdown_text)
@example(body="Text *a*{onclick=x} och mer")  # an attribute on emphasis made by the inline step
@example(body="Se <https://e.example> och [a](javascript:x)")
def test_the_checks_shortcut_finds_what_a_full_parse_finds(body):
    """markdown_rules skips Markdown's inline step for text that holds none of '[', '<', '{'. Whatever
    the text, that must find the same HTML, links, images and attributes as parsing every text."""
    tried("markup")
    if markdown_rules.size_problems(body, 1):
        return
    quick = markdown_rules.markup_problems(body, 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_rules, "_INLINE_TRIGGERS", re.compile(""))  # every text looks like it holds one
        full = markdown_rules.markup_problems(body, 1)
    assert quick == full


@FUZZ
@given(text=mutated(ROOT / "services.yml"))
def test_any_registry_gets_messages_never_an_exception(tmp_path_factory, text):
    tried("services.yml")
    path = fresh(tmp_path_factory.getbasetemp() / "fuzz-registry", "services.yml")
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    problems = validate_registry(path)
    assert all(MESSAGE.match(p) and p.startswith("services.yml:") for p in problems), problems
    assert path.read_bytes() == text.encode("utf-8", "surrogatepass")


@FUZZ
@given(text=mutated(ROOT / LIBRARY))
def test_any_library_file_gets_messages_never_an_exception(tmp_path_factory, text):
    tried("library file")
    root = fresh(tmp_path_factory.getbasetemp() / "fuzz-library", "mkdocs.yml").parent
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / LIBRARY).parent.mkdir(exist_ok=True)
    (root / LIBRARY).write_bytes(text.encode("utf-8", "surrogatepass"))
    problems = library_config.check_library(root)
    assert all(MESSAGE.match(p) and p.startswith(f"{LIBRARY}:") for p in problems), problems
    if not problems:  # what passes can also be shown in every language
        from medborgarguiden.library_display import library_view

        library = library_config.load_library(root)
        for lang in ("sv", "ar", "ti"):
            library_view(library, lang)
    assert (root / LIBRARY).read_bytes() == text.encode("utf-8", "surrogatepass")


@settings(FUZZ, max_examples=max(4, EXAMPLES // 40))
@given(guide=guide_text(), registry_text=mutated(ROOT / "services.yml"), library_text=mutated(ROOT / LIBRARY))
def test_validate_py_exits_0_or_1_without_a_traceback_and_changes_nothing(tmp_path_factory, guide, registry_text,
                                                                          library_text):
    tried("validate.py runs")
    root = fresh(tmp_path_factory.getbasetemp() / "fuzz-scripts", "x").parent
    for name in ("docs", "scripts", "libraries"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "facts.yml", "glossary.yml"):
        shutil.copy(ROOT / name, root / name)
    files = {"docs/sv/pass.md": guide, "services.yml": registry_text, str(LIBRARY): library_text}
    for rel, text in files.items():
        (root / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=root, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for rel, text in files.items():
        assert (root / rel).read_bytes() == text.encode("utf-8", "surrogatepass")
