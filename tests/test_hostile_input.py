"""Bad and hostile input, by name: every case ends in a clear `file:line: what is wrong. What to write`
message (and validate.py's exit code 1), or — where the input is allowed — in escaped output. None
reaches a visitor as markup, and none ends in a traceback.

The guide cases edit docs/sv/pass.md of a small copy of the project and run the same rules as
validate.py and the build (guides.read_guide + check_guide); services.yml and library.yml cases run
their readers; a few run the real scripts. test_fuzz.py generates further input with Hypothesis.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from medborgarguiden import guides, library_config, markdown_rules, site
from medborgarguiden.file_names import file_name_problems
from medborgarguiden.registry import validate_registry
from project import LIBRARY, copy_project, copy_rule_inputs, digest

ROOT = site.ROOT
GUIDE = "docs/sv/pass.md"
NEED = "## Det här behöver du {#need}"
# The real guide's `checked:` line, whatever day a person last checked it (the script cases replace it).
CHECKED = re.search(r"^checked: \S+$", (ROOT / GUIDE).read_text(encoding="utf-8"), re.M).group(0)
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
LINE = re.compile(r"^(docs/[^:]+|[a-z_/.-]+\.yml):\d+: \S.*\.$")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of what the rules read: mkdocs.yml, the registries, the libraries and the Swedish guides."""
    root = copy_rule_inputs(tmp_path_factory.mktemp("hostile"))
    shutil.copytree(ROOT / "docs" / "sv", root / "docs" / "sv", ignore=shutil.ignore_patterns("personal", "om"))
    return root


@pytest.fixture(scope="module")
def registry(project):
    return guides.load_registry(project / "services.yml")


def guide_problems(project: Path, registry, text: str | bytes) -> list[str]:
    path = project / GUIDE
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    problems: list[str] = []
    guide = guides.read_guide(path, "sv", problems, project)
    if guide:
        guides.check_guide(guide, registry, problems, project)
    return problems


# The guide the cases change: a frozen copy of the passport guide, so the cases keep their footing when
# the real guide's text changes.
BASE_GUIDE = Path(__file__).parent / "data" / "hostile_base_guide.md"


def original() -> str:
    return BASE_GUIDE.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def first_difference(a: str, b: str) -> int:
    """The first line where b differs from a."""
    return next(i for i, (x, y) in enumerate(zip(a.split("\n") + [None], b.split("\n") + [""]), start=1) if x != y)


# --- Guides: (what to replace, with what, what the message says). The line is the replaced text's,
# unless the case gives one. Inserted body text goes right before the first section.

def body(markdown: str) -> tuple[str, str]:
    return NEED, f"{markdown}\n\n{NEED}"


HTML = "HTML is not allowed in a guide"
WEB = "a web address is written in the guide"
LINK = "is not allowed in a guide. Link to a service"
IMAGE = "is not a file of the site"
ATTR = "is not allowed in a guide. Remove the { … }"

GUIDE_CASES: dict[str, tuple] = {
    # raw HTML, blocks and inline, any case
    "script block": (*body("<script>alert(1)</script>"), HTML),
    "script inline": (*body("Text <script>alert(1)</script> text"), HTML),
    "SCRIPT upper case": (*body("<SCRIPT>alert(1)</SCRIPT>"), HTML),
    "ScRiPt mixed case": (*body("a <ScRiPt src=x.js></ScRiPt>"), HTML),
    "iframe": (*body('<iframe src="https://evil.example/"></iframe>'), HTML),
    "tracking image tag": (*body('<img src="https://tracker.example/p.gif" alt="">'), HTML),
    "img onerror": (*body("<img src=x onerror=alert(1)>"), HTML),
    "svg onload": (*body("<svg onload=alert(1)></svg>"), HTML),
    "object": (*body('<object data="https://evil.example/x.swf"></object>'), HTML),
    "embed": (*body('<embed src="https://evil.example/x">'), HTML),
    "style block": (*body("<style>body{background:url(https://t.example/)}</style>"), HTML),
    "link stylesheet": (*body('<link rel="stylesheet" href="https://evil.example/s.css">'), HTML),
    "meta refresh": (*body('<meta http-equiv="refresh" content="0;url=https://evil.example">'), HTML),
    "form": (*body('<form action="https://evil.example"><input name=p></form>'), HTML),
    "raw a href": (*body('<a href="https://evil.example">Logga in</a>'), HTML),
    "html comment": (*body("<!-- a note -->"), HTML),
    "div markdown (md_in_html)": (*body("<div markdown>\n*x*\n</div>"), HTML),
    "details element": (*body("<details><summary>x</summary>y</details>"), HTML),
    "video": (*body('<video src="https://evil.example/v.mp4" autoplay></video>'), HTML),
    "audio": (*body('<audio src="https://evil.example/a.mp3" autoplay></audio>'), HTML),
    "base href": (*body('<base href="https://evil.example/">'), HTML),
    "span onclick inline": (*body('Klicka <span onclick="alert(1)">här</span>'), HTML),
    "harmless b tag": (*body("Det är <b>viktigt</b>."), HTML),
    "br tag": (*body("rad ett<br>rad två"), HTML),
    "html in a list item": (*body("- ett\n- <iframe src=x></iframe>"), HTML, "- <iframe"),
    "html in a blockquote": (*body("> <script>alert(1)</script>"), HTML),
    "html in a heading": ("## Gör så här {#steps}", "## <img src=x onerror=alert(1)> Gör så här {#steps}", HTML),
    "html in a checklist item": ("- [ ] Du måste", "- [ ] <img src=x onerror=alert(1)> Du måste", HTML),
    "html in link text": (*body("[<img src=x onerror=alert(1)>](id-kort.md)"), HTML),
    "html in emphasis": (*body("*<i onmouseover=alert(1)>x</i>*"), HTML),
    "processing instruction": (*body("<?php echo 1; ?>"), HTML),
    "cdata": (*body("<![CDATA[<script>x</script>]]>"), HTML),
    "doctype": (*body("<!DOCTYPE html>"), HTML),
    "noscript": (*body("<noscript><img src=https://t.example/p.gif></noscript>"), HTML),
    "template": (*body("<template><script>x</script></template>"), HTML),
    "math": (*body("<math><mtext><script>x</script></mtext></math>"), HTML),
    "textarea": (*body("<textarea>x</textarea>"), HTML),
    "button formaction": (*body('<button formaction="javascript:alert(1)">x</button>'), HTML),
    "marquee": (*body("<marquee>x</marquee>"), HTML),
    "html with newline in tag": (*body("<img\nsrc=x\nonerror=alert(1)>"), HTML),
    # links: only service:KEY, #id and slug.md
    "javascript link": (*body("[Klicka](javascript:alert(1))"), LINK),
    "JAVASCRIPT upper case": (*body("[Klicka](JAVASCRIPT:alert(1))"), LINK),
    "JaVaScRiPt mixed case": (*body("[Klicka](JaVaScRiPt:alert(1))"), LINK),
    "javascript in angle brackets": (*body("[Klicka](<javascript:alert(1)>)"), LINK),
    "javascript with a tab": (*body("[Klicka](java\tscript:alert(1))"), LINK),
    "javascript as decimal entity": (*body("[Klicka](&#106;avascript:alert(1))"), LINK),
    "javascript as hex entity": (*body("[Klicka](&#x6A;avascript:alert(1))"), LINK),
    "javascript with &colon;": (*body("[Klicka](javascript&colon;alert(1))"), LINK),
    "javascript hidden as .md": (*body("[Klicka](&#106;avascript:alert(1).md)"), LINK),
    "data link": (*body("[Klicka](data:text/html;base64,PHNjcmlwdD4=)"), LINK),
    "DATA upper case": (*body("[Klicka](DATA:text/html,x)"), LINK),
    "vbscript link": (*body("[Klicka](vbscript:msgbox(1))"), LINK),
    "file link": (*body("[Klicka](file:///C:/Windows/)"), LINK),
    "mailto link": (*body("[Mejla](mailto:a@example.se)"), LINK),
    "tel link": (*body("[Ring](tel:+46123)"), LINK),
    "ftp link": (*body("[Hämta](ftp://evil.example/x)"), WEB if False else "is not allowed in a guide"),
    "http link": (*body("[Sidan](http://evil.example/)"), WEB),
    "https link": (*body("[Sidan](https://unofficial.example/)"), WEB),
    "HTTPS upper case": (*body("[Sidan](HTTPS://UNOFFICIAL.EXAMPLE/)"), WEB),
    "HtTpS mixed case": (*body("[Sidan](HtTpS://unofficial.example/)"), WEB),
    "protocol-relative link": (*body("[Sidan](//evil.example/x.md)"), WEB),
    "backslash host": (*body("[Sidan](\\\\evil.example\\x.md)"), LINK),
    "link with title": (*body('[Sidan](https://unofficial.example/ "Officiell")'), WEB),
    "link in angle brackets": (*body("[Sidan](<https://unofficial.example/>)"), WEB),
    "www without scheme": (*body("[Sidan](www.evil.example)"), WEB),
    "absolute path": (*body("[Sidan](/sv/pass.md)"), LINK),
    "link to html page": (*body("[Sidan](id-kort.html)"), LINK),
    "link without .md": (*body("[Sidan](id-kort)"), LINK),
    "link with a query": (*body("[Sidan](id-kort.md?x=1)"), LINK),
    "link out of docs": (*body("[Sidan](../../../etc/passwd)"), LINK),
    "empty link": (*body("[Sidan]()"), LINK),
    "service key upper case": (*body("[Sidan](service:POLISEN-PASS)"), LINK),
    "fragment with quote": (*body('[Sidan](#need"onclick="alert(1))'), LINK),
    "reference to https": (*body("Se [sidan][r].\n\n[r]: https://unofficial.example/"), WEB, "[r]:"),
    "reference in other case": (*body("Se [sidan][R].\n\n[r]: HTTPS://unofficial.example/"), WEB, "[r]:"),
    "reference with title": (*body('Se [sidan][r].\n\n[r]: https://unofficial.example/ "Officiell"'), WEB, "[r]:"),
    "unused reference": (*body("[r]: https://unofficial.example/"), WEB),
    "reference to javascript": (*body("Se [sidan][r].\n\n[r]: javascript:alert(1)"), LINK, "[r]:"),
    "collapsed reference": (*body("Se [sidan][].\n\n[sidan]: https://unofficial.example/"), WEB, "[sidan]:"),
    "shortcut reference": (*body("Se [sidan].\n\n[sidan]: https://unofficial.example/"), WEB, "[sidan]:"),
    "reference to a service": (*body("Se [sidan][r].\n\n[r]: service:polisen-pass"), "Write the link inline", "[r]:"),
    "autolink": (*body("<https://unofficial.example/>"), WEB),
    "autolink upper case": (*body("<HTTPS://UNOFFICIAL.EXAMPLE/>"), WEB),
    "autolink http": (*body("<http://unofficial.example/>"), WEB),
    "autolink ftp": (*body("<ftp://unofficial.example/>"), "is not allowed in a guide"),
    "e-mail autolink": (*body("<hjalp@evil.example>"), "an e-mail address in < > becomes a link"),
    "href added with attr_list": (*body("[Sidan](id-kort.md){href='javascript:alert(1)'}"), LINK),
    # images: only files of the site
    "tracking image": (*body("![](https://tracker.example/p.gif)"), IMAGE),
    "image HTTP upper case": (*body("![x](HTTP://TRACKER.EXAMPLE/P.GIF)"), IMAGE),
    "protocol-relative image": (*body("![x](//tracker.example/p.gif)"), IMAGE),
    "data image": (*body("![x](data:image/svg+xml;base64,PHN2Zz4=)"), IMAGE),
    "javascript image": (*body("![x](javascript:alert(1))"), IMAGE),
    "reference image": (*body("![x][img]\n\n[img]: https://tracker.example/p.gif"), IMAGE, "[img]:"),
    "image inside a link": (*body("[![x](https://t.example/p.gif)](id-kort.md)"), IMAGE),
    # attributes
    "onclick on a heading": ("## Gör så här {#steps}", "## Gör så här {#steps onclick=alert(1)}", ATTR),
    "style on a paragraph": (*body("Text\n{: style=\"background:url(https://t.example/)\"}"), ATTR, "{: style"),
    "onmouseover on a link": (*body("[Sidan](id-kort.md){onmouseover=alert(1)}"), ATTR),
    "src on a paragraph": (*body("Text\n{: src=\"https://t.example/\"}"), ATTR, "{: src"),
    # front matter: types, duplicates, dates
    "label: yes": ("label: Boka pass", "label: yes", "read as true/false, not as text"),
    "label: no": ("label: Boka pass", "label: no", "read as true/false"),
    "label: on": ("label: Boka pass", "label: On", "read as true/false"),
    "label: 3.5": ("label: Boka pass", "label: 3.5", "read as a number"),
    "title: a date": ("title: Boka tid för pass", "title: 2026-01-01", "read as a date"),
    "label: empty": ("label: Boka pass", "label:", "the field 'label' is missing or empty"),
    "label: empty quotes": ("label: Boka pass", 'label: ""', "'label' has an empty text"),
    "label missing": ("label: Boka pass\n", "", "the field 'label' is missing", 2),
    "title with a script": ("title: Boka tid för pass", 'title: "<script>alert(1)</script>"', "contains < or >"),
    "description with HTML": ("description: Så", "description: <b>Viktigt</b> Så", "contains < or >"),
    "title too long": ("title: Boka tid för pass", "title: " + "Pass " * 40, "characters long; at most 120"),
    "label too long": ("label: Boka pass", "label: " + "x" * 41, "at most 40"),
    "title over two lines (quoted)": ("title: Boka tid för pass", 'title: "Boka\\ntid"', "must be one line"),
    "title with a control character": ("title: Boka tid för pass", 'title: "Boka\\atid"', "control characters"),
    "title as a list": ("title: Boka tid för pass", "title: [Boka, pass]", "must be one value"),
    "title as fields": ("title: Boka tid för pass", "title: {sv: Boka}", "must be one value"),
    "title with a python tag": ("title: Boka tid för pass", "title: !!python/object:os.system x", "not as text"),
    "title twice": ("label: Boka pass", "title: Annan titel\nlabel: Boka pass", "'title' is written twice"),
    "checked twice": ("translation: source", "translation: source\nchecked: 2026-11-01", "'checked' is written twice"),
    "checked: 2026-11-31": ("checked: 2026-11-28", "checked: 2026-11-31", "is not a day in the calendar"),
    "checked: 2026-02-29": ("checked: 2026-11-28", "checked: 2026-02-29", "is not a day in the calendar"),
    "checked: 2026-13-01": ("checked: 2026-11-28", "checked: 2026-13-01", "is not a day in the calendar"),
    "checked with a time": ("checked: 2026-11-28", "checked: 2026-11-28 10:00:00", "has a time of day"),
    "checked with T time": ("checked: 2026-11-28", "checked: 2026-11-28T10:00:00Z", "has a time of day"),
    "checked: 28/11/2026": ("checked: 2026-11-28", "checked: 28/11/2026", "is not a date"),
    "checked in the future": ("checked: 2026-11-28", "checked: 2999-01-01", "is in the future"),
    "checked as a list": ("checked: 2026-11-28", "checked: [2026-11-28]", "must be one value"),
    "services as fields": ("services: [polisen-boka-pass, polisen-pass, polisen-passexpedition]",
                           "services: {polisen-pass: x}", "'services' must be a list"),
    "services as one text": ("services: [polisen-boka-pass, polisen-pass, polisen-passexpedition]",
                             "services: polisen-pass", "'services' must be a list"),
    "services with a mapping entry": ("services: [polisen-boka-pass, polisen-pass, polisen-passexpedition]",
                                      "services:\n  - polisen-pass: x", "must be one text", "  - polisen-pass: x"),
    "services nested list": ("services: [polisen-boka-pass, polisen-pass, polisen-passexpedition]",
                             "services: [[polisen-pass]]", "must be one text"),
    "services with yes": ("services: [polisen-boka-pass, polisen-pass, polisen-passexpedition]",
                          "services: [yes]", "read as true/false"),
    "eservice quoted": ("eservice: true", 'eservice: "yes"', "must be true or false"),
    "eservice maybe": ("eservice: true", "eservice: maybe", "must be true or false"),
    "translation as a list": ("translation: source", "translation: [source]", "must be one value"),
    "unknown field": ("translation: source", "translation: source\nauthor: x", "unknown field 'author'"),
    "field name not text": ("translation: source", "translation: source\n? [a]\n: b", "is not plain text"),
    "field name a number": ("translation: source", "translation: source\n1: b", "is not plain text"),
    "keywords as text": ("translation: source", "translation: source\nkeywords: pass", "'keywords' must be a list"),
    "keywords with an empty entry": ("translation: source", 'translation: source\nkeywords: ["", resa]', "empty text"),
    "keywords with yes": ("translation: source", "translation: source\nkeywords: [yes]", "read as true/false"),
    "alias bomb in front matter": ("translation: source", "translation: source\n" + BOMB, "are not allowed here"),
    "anchor in front matter": ("label: Boka pass", "label: &l Boka pass", "anchors (&l) are not allowed"),
    "tab in front matter": ("label: Boka pass", "label:\tBoka pass\n\tx: y", "not valid YAML"),
    "unterminated quote": ("label: Boka pass", 'label: "Boka pass', "not valid YAML", 3),
    "front matter too big": ("translation: source", "translation: source\n# " + "x" * 9000, "bytes; at most 8,000", 2),
    # the guide's text
    "wrong heading id": ("## Gör så här {#steps}", "## Gör så här {#step}", "Did you mean {#steps}?"),
    "heading id in capitals": (NEED, "## Det här behöver du {#Need}", "Did you mean {#need}?"),
    "no title line": ("# Boka tid för pass\n", "", "the guide has no title line", 12),
    "sections in the wrong order": ("## Gör så här {#steps}", "## Gör så här {#problemsx}", "is not one of the guide's sections"),
    "form feed before a bad link": (*body("Ett\x0cTvå\u2028Tre\n[x](https://evil.example/)"), WEB, "[x]("),
    "unknown service key": (*body("[x](service:polisen-paas)"), "unknown service 'polisen-paas'"),
    "18 KB line of [ and ](": (*body("[" * 6000 + "](" * 6000), "characters long"),
    "10 000 image openers": (*body("![" * 900), "more than 100 '['"),
    "brackets over many lines": (*body("[\n" * 150), "more than 100 '['"),
    "guide over 40 KB": (*body(("Ett stycke text. " * 60 + "\n\n") * 45), "bytes; at most 40,000", 12),
}

# Whole-file cases: (the file's bytes, what the message says, line).
FILE_CASES = {
    "unclosed front matter": (lambda t: t.replace("---\n\n# Boka", "\n# Boka", 1), "never closed", 1),
    "no front matter": (lambda t: t.split("---\n", 2)[2], "has no front matter", 1),
    "closed with ...": (lambda t: t.replace("---\n\n# Boka", "...\n\n# Boka", 1), "never closed", 1),
    "front matter a list": (lambda t: "---\n- a\n- b\n---\n" + t.split("---\n", 2)[2], "must be fields", 2),
    "empty front matter": (lambda t: "---\n---\n" + t.split("---\n", 2)[2], "'title' is missing", 2),
    "not UTF-8": (lambda t: t.encode("latin-1", "replace"), "is not UTF-8", 1),
    "lone surrogate bytes": (lambda t: t.encode("utf-8") + b"\xed\xa0\x80", "is not UTF-8", 1),
    "file over 64 KB": (lambda t: t + "x" * 70_000, "a guide may have at most 64,000", 1),
}

# Input that is allowed: no problem, and what it shows is right.
ALLOWED = {
    "service link": body("[Polisen](service:polisen-pass)"),
    "link to a heading": body("[Se stegen](#steps)"),
    "link to another guide": body("[ID-kort](id-kort.md)"),
    "link to a section of another guide": body("[ID-kort](id-kort.md#need)"),
    "HTML in a code span": body("Skriv `<script>` inte."),
    "HTML in an indented code block": body("    <script>alert(1)</script>"),
    "entities": body("A&nbsp;B &amp; C &#8209; D &lt;script&gt;"),
    "a picture of the site": body("![Knappen](bilder/knapp.png)"),
    "class on a paragraph": body("Text\n{: .mg-note }"),
    "label: 1177 (a number that is text)": ("label: Boka pass", "label: 1177"),
    "checked in quotes": ("checked: 2026-11-28", 'checked: "2026-11-28"'),
    "keywords": ("translation: source", "translation: source\nkeywords: [id-handling, resa]"),
    "byte-order mark": ("---\ntitle", "\ufeff---\ntitle"),
    "Windows line ends": ("\n", "\r\n"),  # the first only; see the test
    "decomposed text": ("Boka tid för pass\n", "Boka tid fo\u0308r pass\n"),
    "a title with quotes and &": ("title: Boka tid för pass", "title: 'Boka \"pass\" & id'"),
}


@pytest.mark.parametrize("case", list(GUIDE_CASES))
def test_a_hostile_guide_is_refused_with_a_clear_message(project, registry, case):
    old, new, message, *line = GUIDE_CASES[case]
    text = original()
    assert old in text, f"{old!r} is not in {GUIDE}"
    changed = text.replace(old, new, 1)
    started = time.perf_counter()
    problems = guide_problems(project, registry, changed)
    assert time.perf_counter() - started < 5, "the rules must refuse pathological text fast"
    hits = [p for p in problems if message in p]
    assert hits, f"no problem says {message!r}:\n" + "\n".join(problems)
    expected = line[0] if line and isinstance(line[0], int) else line_of(changed, line[0]) if line \
        else first_difference(text, changed)
    assert any(p.startswith(f"{GUIDE}:{expected}:") for p in hits), f"not at line {expected}:\n" + "\n".join(hits)
    assert all(LINE.match(p) for p in problems), "\n".join(problems)


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_a_broken_guide_file_is_refused_with_a_clear_message(project, registry, case):
    change, message, line = FILE_CASES[case]
    problems = guide_problems(project, registry, change(original()))
    assert any(p.startswith(f"{GUIDE}:{line}:") and message in p for p in problems), "\n".join(problems)
    assert all(LINE.match(p) for p in problems), "\n".join(problems)


@pytest.mark.parametrize("case", list(ALLOWED))
def test_allowed_input_passes(project, registry, case):
    old, new = ALLOWED[case]
    text = original()
    changed = text.replace(old, new) if case == "Windows line ends" else text.replace(old, new, 1)
    assert changed != text
    assert guide_problems(project, registry, changed) == []


def test_decomposed_text_is_read_as_composed(project, registry):
    (project / GUIDE).write_text(original().replace("title: Boka tid för pass", "title: Boka tid fo\u0308r pass"),
                                 encoding="utf-8")
    guide = guides.read_guide(project / GUIDE, "sv", [], project)
    assert guide.meta["title"] == "Boka tid för pass"  # one code point ö, as typed searches write it


# --- File names in docs/

NAME_CASES = {
    "Pass.md beside pass.md": ("Pass.md", "differ only in capital letters"),
    "å in the name": ("låna-dator.md", "'lana-dator.md'"),
    "a space": ("låna dator.md", "may only have lowercase letters"),
    "capitals": ("Skriva-Ut.md", "'skriva-ut.md'"),
    "extension in capitals": ("kort.MD", "may only have lowercase letters"),
    "underscore": ("ny_guide.md", "may only have lowercase letters"),
    "hidden file": (".utkast.md", "may only have lowercase letters"),
    "two extensions": ("pass.md.bak", "may only have lowercase letters"),
    "folder in capitals": ("Om/sida.md", "may only have lowercase letters"),
}


@pytest.mark.parametrize("case", list(NAME_CASES))
def test_file_names_are_lowercase_ascii_and_unique_in_any_case(tmp_path, case):
    name, message = NAME_CASES[case]
    docs = tmp_path / "docs"
    (docs / "sv").mkdir(parents=True)
    (docs / "sv" / "pass.md").write_text("x", encoding="utf-8")
    try:
        (docs / "sv" / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / "sv" / name).write_text("x", encoding="utf-8")
    except OSError:
        pytest.skip("this file system cannot hold both names")
    problems = file_name_problems(docs, tmp_path)
    assert any(message in p and p.startswith("docs/sv/") for p in problems), problems


def test_the_project_file_names_pass():
    assert file_name_problems(ROOT / "docs", ROOT) == []


# --- services.yml: (what to replace, with what, what the message says)

FIRST_SERVICE = "  stadsbiblioteket-start:\n    organisation: Stockholms stadsbibliotek\n"
REGISTRY_CASES = {
    "services as a list": ("\nservices:\n", "\nservices:\n  - a\nx:\n", "unknown section 'x'"),
    "a service as a list": (FIRST_SERVICE, "  stadsbiblioteket-start: [a, b]\n  x-y:\n    organisation: Stockholms stadsbibliotek\n",
                            "must list its fields"),
    "a mapping in services": ("\nservices:\n", "\nservices: {a: b}\nother:\n", "unknown section"),
    "duplicate service": (FIRST_SERVICE, FIRST_SERVICE.replace("    organisation", "    name: x\n    organisation", 1)
                          + "  stadsbiblioteket-start:\n    organisation: x\n", "duplicate key 'stadsbiblioteket-start'"),
    "duplicate field": ("    organisation: Stockholms stadsbibliotek\n",
                        "    organisation: Stockholms stadsbibliotek\n    organisation: x\n", "duplicate key 'organisation'"),
    "alias bomb": ("services:\n", BOMB + "services:\n", "are not allowed here"),
    "anchor": ("    organisation: Stockholms stadsbibliotek\n", "    organisation: &o Stockholms stadsbibliotek\n",
               "anchors (&o) are not allowed"),
    "javascript URL": ("url: https://biblioteket.stockholm.se/", "url: javascript:alert(1)", "is not https"),
    "http URL": ("url: https://biblioteket.stockholm.se/", "url: http://biblioteket.stockholm.se/", "is not https"),
    "HTTPS to another domain": ("url: https://biblioteket.stockholm.se/", "url: HTTPS://EVIL.EXAMPLE/",
                                "is not an official domain"),
    "URL with a user": ("url: https://biblioteket.stockholm.se/", "url: https://a@biblioteket.stockholm.se/",
                        "no plain host"),
    "URL with a port": ("url: https://biblioteket.stockholm.se/", "url: https://biblioteket.stockholm.se:99999/",
                        "invalid host or port"),
    "URL with a bracketed host": ("url: https://biblioteket.stockholm.se/",
                                  "url: https://[a](javascript:alert(1))biblioteket.stockholm.se/",
                                  "invalid host or port"),
    "look-alike domain": ("url: https://biblioteket.stockholm.se/", "url: https://biblioteket.stockholm.se.evil.example/",
                          "is not an official domain"),
    "login as text": ("    check: true\n", '    check: true\n    login: "true"\n', "must be true or false"),
    "name as a list": ("    name: Stockholms stadsbibliotek – startsida", "    name: [a, b]", "must be text"),
    "name: yes": ("    name: Stockholms stadsbibliotek – startsida", "    name: yes", "must be text"),
    "key with å": ("  stadsbiblioteket-start:", "  stadsbiblioteket-lån:", "may only use a-z"),
    "tab indentation": ("    organisation: Stockholms stadsbibliotek\n", "\torganisation: x\n", "not valid YAML"),
    "file too big": ("services:\n", "# " + "x" * 250_000 + "\nservices:\n", "at most 200,000"),
}


@pytest.mark.parametrize("case", list(REGISTRY_CASES))
def test_a_hostile_registry_is_refused_with_a_clear_message(tmp_path, case):
    old, new, message = REGISTRY_CASES[case]
    text = (ROOT / "services.yml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "services.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    started = time.perf_counter()
    problems = validate_registry(path)
    assert time.perf_counter() - started < 5
    assert any(message in p for p in problems), "\n".join(problems)
    assert all(LINE.match(p) for p in problems), "\n".join(problems)


def test_a_registry_with_a_byte_order_mark_and_decomposed_text_is_read(tmp_path):
    text = (ROOT / "services.yml").read_text(encoding="utf-8")
    path = tmp_path / "services.yml"
    path.write_text("\ufeff" + text.replace("Stockholms stadsbibliotek", "Stockholms sta\u0308dsbibliotek"), encoding="utf-8")
    registry = guides.load_registry(path)
    assert registry.services["stadsbiblioteket-start"].organisation == "Stockholms st\u00e4dsbibliotek"


def test_a_parenthesis_in_a_registry_url_stays_a_link(tmp_path):
    sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
    import service_links

    url = "https://www.example.se/a_(b)/c"
    path = tmp_path / "services.yml"
    path.write_text(f"allowed_domains:\n  - example.se\nservices:\n  x:\n    organisation: X\n    name: X\n"
                    f"    url: {url}\n    url_status: stored\n    evidence: {url}\n", encoding="utf-8")
    service_links._registry, service_links._facts, service_links._place = guides.load_registry(path), {}, None
    page = SimpleNamespace(file=SimpleNamespace(src_uri="sv/x.md"))
    out = service_links.on_page_markdown("[Sidan](service:x)", page, SimpleNamespace(theme={"language": "sv"}), None)
    assert out == "[Sidan](https://www.example.se/a_%28b%29/c)"


# --- a library's file (libraries/<id>.yml)

def library_problems(tmp_path: Path, text: str) -> list[str]:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / LIBRARY).parent.mkdir(exist_ok=True)
    (tmp_path / LIBRARY).write_text(text, encoding="utf-8")
    return library_config.check_library(tmp_path)


NAME = "name: Exempelbackens bibliotek"
LIBRARY_CASES = {
    "name too long": (NAME, "name: " + "Bibliotek " * 15, "at most 100"),
    "description too long": ("      sv: Kurs i tre delar. Anmäl dig i informationsdisken.",
                             "      sv: " + "Kurs " * 100, "at most 400"),
    "sv written twice": ("      sv: Sociala medier-tisdagar\n", "      sv: Sociala medier-tisdagar\n      sv: x\n",
                         "'sv' is written twice"),
    "name twice": (NAME, NAME + "\nname: Annat", "'name' is written twice"),
    "alias bomb": (NAME, BOMB.replace("a:", "x:", 1) + NAME, "are not allowed here"),
    "anchor": (NAME, "name: &n Exempelbackens bibliotek", "anchors (&n) are not allowed"),
    "date that does not exist": ("2027-01-19", "2027-02-30", "is not a date"),
    "date with a time": ("dates: [2027-01-19,", "dates: [2027-01-19 10:00,", "is not a date"),
    "time past midnight": ("time: 15:00–16:30", "time: 25:00–26:00", "Hours go from 00 to 23"),
    "opening hours as a list": ("opening_hours:\n  måndag: 10:00–19:00", "opening_hours:\n  - måndag\n  x: 10:00–19:00",
                                "not valid YAML"),
    "events as fields": ("events:\n", "events: {a: b}\nold_events:\n", "must be a list"),
    "name as a list": (NAME, "name: [a, b]", "must be one line of text"),
    "name without Swedish": (NAME, "name: {en: Example library}", "has no Swedish text"),
    "control character in a name": (NAME, 'name: "Exempel\\abibliotek"', "control characters"),
    "unknown weekday": ("weekday: tisdag", "weekday: tiisdag", "unknown weekday 'tiisdag'"),
    "file too big": (NAME, "# " + "x" * 250_000 + "\n" + NAME, "at most 200,000"),
}


@pytest.mark.parametrize("case", list(LIBRARY_CASES))
def test_a_hostile_library_file_is_refused_with_a_clear_message(tmp_path, case):
    old, new, message = LIBRARY_CASES[case]
    text = (ROOT / LIBRARY).read_text(encoding="utf-8")
    assert old in text
    problems = library_problems(tmp_path, text.replace(old, new, 1))
    assert any(message in p for p in problems), "\n".join(problems)
    assert all(LINE.match(p) for p in problems), "\n".join(problems)


def test_a_decomposed_weekday_is_a_weekday(tmp_path):
    text = (ROOT / LIBRARY).read_text(encoding="utf-8").replace("  måndag:", "  ma\u030andag:", 1)
    assert library_problems(tmp_path, "\ufeff" + text) == []


def test_past_courses_are_hidden_and_reported_as_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("MG_TODAY", "2027-01-27")  # two of the example course's three dates have passed
    text = (ROOT / LIBRARY).read_text(encoding="utf-8")
    text = text.replace("weekday: tisdag\n    time: 15:00–16:30", "dates: [2019-03-05]\n    time: 15:00–16:30", 1)
    assert library_problems(tmp_path, text) == []
    library = library_config.load_library(tmp_path)
    names = [e.name.for_lang("sv")[0] for e in library.events]
    assert "Sociala medier-tisdagar" not in names  # only in 2019: hidden
    bankid = next(e for e in library.events if e.name.for_lang("sv")[0] == "Kom igång med BankID")
    assert [d.isoformat() for d in bankid.dates] == ["2027-02-02"]
    warnings = library_config.library_warnings(tmp_path)
    assert any("'Sociala medier-tisdagar' has passed" in w and "warning:" in w for w in warnings), warnings
    assert any("2 date(s) of 'Kom igång med BankID' have passed" in w for w in warnings), warnings


# --- Escaped output: what reaches a template is text, never markup

@pytest.mark.parametrize("name", [
    "<script>alert(1)</script>", "[Klicka](javascript:alert(1))", "*Stads*bibliotek {: onclick=x}",
    "Bibliotek & Kafé", '"><img src=x onerror=alert(1)>', "<https://evil.example/>",
])
def test_the_library_name_is_pasted_into_markdown_as_text(name):
    import markdown

    out = markdown.markdown("Utgiven av " + markdown_rules.as_markdown_text(name), extensions=["attr_list"])
    assert out == f"<p>Utgiven av {html.escape(name, quote=False)}</p>"


@pytest.mark.parametrize("title", ['"><script>alert(1)</script>', "Boka \"pass\" & 'id'", "1177"])
def test_front_matter_texts_reach_templates_escaped(title):
    sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
    import guide_rules

    page = SimpleNamespace(meta={"title": title, "description": title, "label": 1177 if title == "1177" else title})
    guide_rules.on_page_markdown("# x", page, None, None)
    for key in ("title", "description", "label"):
        assert page.meta[key] == html.escape(str(title), quote=True)
        assert "<" not in page.meta[key] and '"' not in page.meta[key]


# --- The real scripts

@pytest.fixture
def full_project(tmp_path) -> Path:
    return copy_project(tmp_path)


SCRIPT_CASES = {
    "validate.py, script and foreign link": ("validate.py", [], GUIDE, NEED,
                                            f"<script>x</script>\n\n[a][r]\n\n[r]: HTTPS://evil.example/\n\n{NEED}"),
    "validate.py, checked: 2026-11-31": ("validate.py", [], GUIDE, CHECKED, "checked: 2026-11-31"),
    "validate.py, alias bomb": ("validate.py", [], "services.yml", "services:\n", BOMB + "services:\n"),
    "translations.py, alias bomb": ("translations.py", ["--json"], GUIDE, "translation: source",
                                    "translation: source\n" + BOMB),
    "translations.py, impossible date": ("translations.py", [], "docs/en/pass.md", CHECKED,
                                         "checked: 2026-11-31"),
}


@pytest.mark.parametrize("case", list(SCRIPT_CASES))
def test_scripts_end_with_a_message_never_a_traceback_and_change_nothing(full_project, case):
    script, args, relpath, old, new = SCRIPT_CASES[case]
    path = full_project / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = digest(full_project)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=full_project,
                            capture_output=True, text=True, timeout=120)
    assert time.perf_counter() - started < 60
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert digest(full_project) == before
    if script == "validate.py":
        assert result.returncode == 1
        assert all(LINE.match(l) for l in result.stdout.splitlines() if l.strip() and ":" in l.split(" ")[0])


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "scripts").glob("*.py")))
def test_a_python_without_the_packages_gets_one_line_on_how_to_run(script):
    # -S: no site-packages, like the system python3 the handbook once named.
    result = subprocess.run([sys.executable, "-S", f"scripts/{script}", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    if result.returncode == 0:  # needs no package (make_zip.py): its help is fine
        assert "usage:" in result.stdout
        return
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f".venv/bin/python scripts/{script}" in lines[0]


# --- Pages that are not guides, and the site's own strings files

OTHER_PAGE_CASES = {
    "alias bomb": ("---\n" + BOMB + "---\n# x\n", "are not allowed here", 2),
    "duplicate field": ("---\ntitle: a\ntitle: b\n---\n# x\n", "'title' is written twice", 3),
    "unclosed": ("---\ntitle: a\n# x\n", "never closed", 1),
    "invalid YAML": ("---\ntitle: [a\n---\n# x\n", "not valid YAML", 2),
    "control character": ("---\ntitle: a\x01\n---\n# x\n", "YAML does not allow", 2),
}


@pytest.mark.parametrize("case", list(OTHER_PAGE_CASES))
def test_other_pages_front_matter_is_safe_yaml(tmp_path, case):
    from medborgarguiden.frontmatter import other_pages_problems

    text, message, line = OTHER_PAGE_CASES[case]
    (tmp_path / "docs" / "sv" / "om").mkdir(parents=True)
    (tmp_path / "docs" / "sv" / "om" / "sida.md").write_text(text, encoding="utf-8")
    problems = other_pages_problems(tmp_path / "docs", tmp_path)
    assert any(p.startswith(f"docs/sv/om/sida.md:{line}:") and message in p for p in problems), problems


def test_a_strings_file_with_a_key_written_twice_stops_the_build(tmp_path):
    from medborgarguiden.ui_strings import strings
    from mkdocs.exceptions import PluginError

    for lang in ("sv", "en"):
        shutil.copy(ROOT / "overrides" / "strings" / f"{lang}.yml", tmp_path / f"{lang}.yml")
    en = tmp_path / "en.yml"
    en.write_text(en.read_text(encoding="utf-8") + "print: Print\nprint: <script>x</script>\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"overrides/strings/en\.yml:\d+: 'print' is written twice"):
        strings("en", tmp_path)
