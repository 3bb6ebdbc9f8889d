"""What a guide's text may contain, checked on the Markdown as the site's Markdown library parses it.

A guide is Markdown only. Staff and outside contributors write guides, and what they write is
published to library PCs, so:

- raw HTML is refused, inline and as blocks, in any case (<script>, <iframe>, <img src=…>, comments,
  <div markdown>): the Markdown parser itself says what it took as HTML;
- a link goes to `service:KEY` (services.yml), `#id` on the same page, or another guide `slug.md`;
  this holds for inline links, reference definitions ([r]: …), autolinks (<https://…>) and any case
  of the scheme (HTTPS:, JavaScript:), after HTML entities are decoded as a browser would;
- images come from the site itself (a relative path), never from another site;
- attributes added with { … } are only id and class: no onclick=, style=, href=.

The Markdown extensions are read from mkdocs.yml, so the check parses exactly as the build does.
Pathological input is refused before the parser sees it (the parser's time grows with the square of
the number of '[' in a paragraph: 18 KB of '[…](' took 11 s).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import site
from .frontmatter import lines_of

GUIDE_MAX_BYTES = 40_000  # the longest guide today is ~3 KB
LINE_MAX_CHARS = 2_000
BRACKETS_PER_PARAGRAPH = 100  # a guide's paragraph has at most ~10 today
BRACKETS_PER_GUIDE = 600

SERVICE = re.compile(r"service:[a-z0-9][a-z0-9-]*")
FRAGMENT = re.compile(r"#[A-Za-z0-9_-]*")
GUIDE_LINK = re.compile(r"(?:\.\./)?(?:[a-z0-9-]+/)*[a-z0-9-]+\.md(?:#[A-Za-z0-9_-]+)?")
IMAGE_PATH = re.compile(r"(?:\.\./)*(?:[a-z0-9_-]+/)*[a-z0-9_-]+\.(?:png|jpg|jpeg|svg|webp|gif)")
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Attributes Markdown itself writes (links, images, abbreviations, task lists, details, headings).
ATTRIBUTES = {"href", "src", "alt", "title", "id", "class", "type", "disabled", "checked", "open", "start"}
# What a browser strips from a URL before reading it: leading/trailing C0 controls and spaces, and
# tabs and line breaks anywhere ("java\tscript:" is "javascript:").
_URL_STRIP = re.compile(r"[\t\n\r]")
# The characters Python-Markdown lets a backslash escape (markdown.core.Markdown.ESCAPED_CHARS).
_MARKDOWN_SPECIAL = set("\\`*_{}[]()>#+-.!")
LINK_HELP = ("Link to a service with [text](service:KEY) (the key from services.yml), to a heading on "
             "the page with [text](#id), or to another guide with [text](slug.md)")


def size_problems(body: str, body_line: int) -> list[tuple[int, str]]:
    """Input the parser must never see: too long, too long a line, too many '[' in one paragraph."""
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > GUIDE_MAX_BYTES:
        return [(body_line, f"the guide is {size:,} bytes; at most {GUIDE_MAX_BYTES:,} are allowed. "
                            "Make it shorter: a guide is one errand, or split it into two guides")]
    problems = []
    paragraph_start, brackets, total = body_line, 0, 0
    for number, line in enumerate(lines_of(body), start=body_line):
        if len(line) > LINE_MAX_CHARS:
            problems.append((number, f"the line is {len(line):,} characters long; at most {LINE_MAX_CHARS:,} "
                                     "are allowed. Break it into shorter sentences and lines"))
        if not line.strip():
            paragraph_start, brackets = number + 1, 0
            continue
        count = line.count("[")
        brackets += count
        total += count
        if brackets > BRACKETS_PER_PARAGRAPH:
            problems.append((paragraph_start, f"this paragraph has more than {BRACKETS_PER_PARAGRAPH} '['. "
                                              "Write fewer links or checkboxes per paragraph, or put a blank line between them"))
            brackets = -10**9  # once per paragraph
    if total > BRACKETS_PER_GUIDE:
        problems.append((body_line, f"the guide has {total} '['; at most {BRACKETS_PER_GUIDE} are allowed. "
                                    "Write fewer links, or split the guide"))
    return problems


class _TreeDone(Exception):
    """The parse is as far as the checks need: the finished element tree (its HTML text is never used)."""


# What a text needs to hold before Markdown's inline patterns can make anything the checks look at from
# it: a link, image or reference needs '[', inline HTML and autolinks '<', attributes '{'. Emphasis,
# code and line breaks make elements with no attributes.
_INLINE_TRIGGERS = re.compile(r"[\[<{]")


class _SkipPlainText(Treeprocessor):
    """Mark text with none of the triggers as done, so the inline step (most of the parse's time)
    passes over it. The finished tree holds the same links, HTML and attributes as without this."""

    def run(self, root):
        for element in root.iter():
            if element.text and not _INLINE_TRIGGERS.search(element.text):
                element.text = AtomicString(element.text)
            if element.tail and not _INLINE_TRIGGERS.search(element.tail):
                element.tail = AtomicString(element.tail)


class _KeepTree(Treeprocessor):
    def run(self, root):
        self.md.mg_tree = root
        raise _TreeDone  # skip writing the HTML text and the post-processors: a sixth of the parse's time


def _record_raw_html(md: markdown.Markdown) -> None:
    """Note every piece of text the parser takes as raw HTML (md.mg_raw_html), as opposed to HTML that
    extensions write themselves (a task list's checkbox goes through the same stash)."""
    block = md.preprocessors["html_block"]
    block_run = block.run

    def run_block(lines):
        before = len(md.htmlStash.rawHtmlBlocks)
        result = block_run(lines)
        md.mg_raw_html.extend(md.htmlStash.rawHtmlBlocks[before:])
        return result

    block.run = run_block
    inline = md.inlinePatterns["html"]
    inline_match = inline.handleMatch

    def match_inline(m, data):
        md.mg_raw_html.append(m.group(1))
        return inline_match(m, data)

    inline.handleMatch = match_inline


_parser: markdown.Markdown | None = None


def parser() -> markdown.Markdown:
    """A Markdown parser with the build's extensions (mkdocs.yml's markdown_extensions)."""
    global _parser
    if _parser is None:
        names, configs = [], {}
        for item in site.read_config().get("markdown_extensions") or []:
            name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            names.append(name)
            if config:
                configs[name] = config
        _parser = markdown.Markdown(extensions=names, extension_configs=configs)
        # Priority 21: just before the inline step (20).
        _parser.treeprocessors.register(_SkipPlainText(_parser), "mg_skip_plain_text", 21)
        # The table of contents only adds heading ids, prettify only line breaks: the checks need neither.
        for step in ("toc", "prettify"):
            if step in _parser.treeprocessors:
                _parser.treeprocessors.deregister(step)
        # Priority 0: after every other tree step (attr_list, abbr …), before HTML is written.
        _parser.treeprocessors.register(_KeepTree(_parser), "mg_keep_tree", 0)
        _record_raw_html(_parser)
    return _parser


def markup_problems(body: str, body_line: int) -> list[tuple[int, str]]:
    """Raw HTML, links and images that a guide may not have; call only after size_problems found none."""
    md = parser()
    md.reset()
    md.mg_tree, md.mg_raw_html = None, []
    try:
        md.convert(body)
    except _TreeDone:
        pass
    problems = []
    squashed: list[str] = []  # the lines without white space, made when the first problem is placed

    def line_of(*needles: str) -> int:
        """The first line holding one of the needles (compared without white space: Markdown turns
        tabs into spaces), else the body's first line."""
        if not squashed:
            squashed.extend(re.sub(r"\s+", "", line).lower() for line in lines_of(body))
        for needle in needles:
            needle = re.sub(r"\s+", "", needle).lower()
            if needle:
                for number, line in enumerate(squashed, start=body_line):
                    if needle in line:
                        return number
        return body_line

    for block in md.mg_raw_html:
        raw = block if isinstance(block, str) else etree.tostring(block, encoding="unicode")
        if ENTITY.fullmatch(raw.strip()):
            continue  # &nbsp;, &#8209; … are text, not markup
        first = next((part for part in raw.split("\n") if part.strip()), raw)
        shown = first.strip()[:60]
        tag = re.match(r"\s*(<[!?/]?[A-Za-z]*)", first)
        problems.append((line_of(first, first[:30], tag.group(1) if tag else ""),
                         f"HTML is not allowed in a guide ({shown!r}). Write the text in Markdown only: "
                         "**bold**, lists, ## headings, [text](service:KEY) links"))
    for ref, (url, _title) in md.references.items():
        why = _link_problem(url, inline_only=True)
        if why:
            problems.append((line_of(f"[{ref}]:", url), why))
    tree = md.mg_tree
    if tree is not None:
        for element in tree.iter():
            for name, value in element.attrib.items():
                if name not in ATTRIBUTES or (name in ("href", "src") and element.tag not in ("a", "img")):
                    problems.append((line_of(f"{name}=", value or ""),
                                     f"the attribute {name}= is not allowed in a guide. Remove the {{ … }} after "
                                     "the text; only {#id} and {.class} are allowed"))
            if element.tag == "a":
                href = element.get("href") or ""
                why = _link_problem(href)
                if why:
                    needles = ("<@", "@") if "\x02" in href else (href, html.unescape(href)) if href else ("]()",)
                    problems.append((line_of(*needles), why))
            elif element.tag == "img":
                src = _browser_url(element.get("src") or "")
                if not IMAGE_PATH.fullmatch(src):
                    problems.append((line_of(element.get("src") or ""),
                                     f"the image '{src[:80]}' is not a file of the site. Pictures may not come from "
                                     "other sites: put the picture in docs/ and link it by its relative path"))
    return sorted(set(problems))


def as_markdown_text(text: str) -> str:
    """`text` for pasting into Markdown so that it shows as written: no HTML, no links, no emphasis."""
    text = html.escape(text, quote=False)
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)


def _browser_url(value: str) -> str:
    """The URL as a browser reads the attribute: entities decoded, controls and spaces trimmed."""
    value = html.unescape(value)
    return _URL_STRIP.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                            "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


def _link_problem(raw: str, inline_only: bool = False) -> str | None:
    url = _browser_url(raw)
    if FRAGMENT.fullmatch(url) or GUIDE_LINK.fullmatch(url):
        return None
    if SERVICE.fullmatch(url):
        if inline_only:
            return (f"the reference [..]: {url} cannot be a service link. Write the link inline: "
                    f"[text]({url})")
        return None
    if "\x02" in url:  # Markdown's placeholder: <name@example.se> became an obfuscated mailto: link
        return ("an e-mail address in < > becomes a link, which a guide may not have. Write the address as "
                "plain text without < >, or link the organisation's contact page with [text](service:KEY)")
    shown = "".join(c for c in url[:80] if c.isprintable())
    if re.match(r"(?i)\s*(https?:|//|www\.)", url):
        return (f"a web address is written in the guide ('{shown}'). Link through the registry instead: "
                "[text](service:KEY), with KEY from services.yml")
    return f"the link '{shown}' is not allowed in a guide. {LINK_HELP}"
