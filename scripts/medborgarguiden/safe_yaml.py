"""Read the YAML people write (front matter, services.yml, library.yml) without letting it hurt us.

- Too big a file is refused before the parser sees it.
- Anchors and aliases (&name, *name) are refused where the parser meets them: our files never need
  them, and an "alias bomb" (a few lines that expand to billions of values) would otherwise keep a
  reader busy for minutes.
- Duplicate keys are refused (YAML would let the last one win silently).
- Text is NFC-normalised first (see `text_in`), so 'måndag' typed as a + combining ring is the same
  word as 'måndag' typed with å.

Every problem is a YamlProblem(line, message) that the caller turns into `file:line: message`.

Plain text of the kind the project writes is parsed by libyaml (C, several times faster); anything
else, and anything libyaml finds wrong, by PyYAML's careful pure-Python reader (see `_compose_fast`).
"""

from __future__ import annotations

import re
import unicodedata

import yaml

MAX_BYTES = 200_000  # services.yml is ~60 KB, library.yml ~10 KB, a guide's front matter < 1 KB
STR_TAG = "tag:yaml.org,2002:str"


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


def text_in(text: str) -> str:
    """Text as every reader should see it: without a byte-order mark, NFC-normalised."""
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


class _NoAliasComposer(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(event.start_mark.line + 1,
                              "YAML aliases (*name) are not allowed here. Write the value out in full")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise YamlProblem(event.start_mark.line + 1,
                              f"YAML anchors (&{event.anchor}) are not allowed here. Remove the '&{event.anchor}'")
        return super().compose_node(parent, index)


def compose(text: str, max_bytes: int = MAX_BYTES, first_line: int = 1) -> yaml.Node | None:
    """The node tree of `text` (NFC, no BOM), or YamlProblem. Line numbers in problems count from
    `first_line` (2 for front matter, which starts after the '---' line)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise YamlProblem(first_line, f"the text is {size:,} bytes; at most {max_bytes:,} are allowed. "
                                      "Split it up or remove what is not needed")
    text = text_in(text)
    fast = _compose_fast(text)
    if fast is not _CAREFUL:
        return fast
    loader = None
    try:
        loader = _NoAliasComposer(text)  # checks every character first
        return loader.get_single_node()
    except YamlProblem as problem:
        problem.line += first_line - 1
        raise
    except yaml.MarkedYAMLError as err:
        # At the end of the text, the start of what was left open (a quote, a bracket) is more use.
        at_end = ("end of stream" in str(err.problem) or "<stream end>" in str(err.problem)) \
            and err.context_mark is not None
        mark = err.context_mark if at_end else err.problem_mark or err.context_mark
        raise YamlProblem((mark.line if mark else 0) + first_line,
                          f"not valid YAML ({err.problem or err.context}). Check the indentation, the colon "
                          "after each field name, and quotes around text with a colon") from None
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + first_line
        raise YamlProblem(line, f"the text has a character that YAML does not allow (#x{err.character:04x}, "
                                "an invisible control character). Delete it and type the text again") from None
    except yaml.YAMLError as err:
        raise YamlProblem(first_line, f"not valid YAML ({err}). Check the indentation, colons and quotes") from None
    finally:
        if loader is not None:
            loader.dispose()


# libyaml and PyYAML build the same node tree from the same text, except on some text that people hardly
# write: a tab, a '?' or ': ' inside [ ], tags, a byte-order mark inside the text, very long keys. So
# libyaml only reads text that, outside whole-line comments, has
# - no '&' or '*' at all (no anchors or aliases: only the careful reader says where they are),
# - no '?' or '!' that starts a word (explicit keys, tags), no line that starts with '%', '---' or '...',
# - no tab, no line end but '\n', no byte-order mark, no character the careful reader refuses, no line
#   over 1,000 characters, and a '\n' at the end,
# - '[' only to open a one-line list of plain words (`keywords: [a, b]`), '{' only inside a
#   "double-quoted" value (`money: "{amount} kr"`).
# Any other text, and any text libyaml finds wrong, goes to the careful reader, so every message and line
# number is the careful reader's. tests/test_yaml_fast_path.py: the project's YAML, every guide's front
# matter and many thousands of edits of them give the same nodes either way, or go to the careful reader.
_COMMENT_LINE = re.compile(r"^ *#.*$", re.M)
_NEEDS_CAREFUL_READER = re.compile("[\t\r\x85\u2028\u2029\ufeff]|^(?:%|---|\\.\\.\\.)|"
                                   + yaml.reader.Reader.NON_PRINTABLE.pattern, re.M)
_LONGEST_LINE = 1_000
_NEEDS_CAREFUL_PARSER = re.compile(r"[&*]|(?:^|\s)[?!]", re.M)
_LINE_WITH_LIST = re.compile(r"^.*\[.*$", re.M)
_PLAIN_LIST = re.compile(r"[^\[\]{}\n]*\[[^\[\]{}?!:#'\"\n]*\] *")
_LINE_WITH_BRACE = re.compile(r"^.*[{}].*$", re.M)
_QUOTED_BRACES = re.compile(r" *[A-Za-z_][\w-]*: \"[^\"\\\n]*\" *")
_CAREFUL = object()


def _compose_fast(text: str):
    """The node tree libyaml makes of `text`, made the same as the careful reader's (its marks, its
    styles), or _CAREFUL when the careful reader must read the text."""
    if not yaml.__with_libyaml__ or not text.endswith("\n") or _NEEDS_CAREFUL_READER.search(text) \
            or max(map(len, text.split("\n"))) > _LONGEST_LINE:
        return _CAREFUL
    checked = _COMMENT_LINE.sub("", text)
    if _NEEDS_CAREFUL_PARSER.search(checked) \
            or not all(_PLAIN_LIST.fullmatch(line) for line in _LINE_WITH_LIST.findall(checked)) \
            or not all(_QUOTED_BRACES.fullmatch(line) for line in _LINE_WITH_BRACE.findall(checked)):
        return _CAREFUL
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return _CAREFUL
    finally:
        loader.dispose()
    if root is None:
        return None
    # The careful reader's marks: an index into the text, and the text for the snippet of a message.
    buffer = text + "\0"
    starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def mark(m: yaml.Mark) -> yaml.Mark:
        index = starts[m.line] + m.column
        return yaml.Mark("<unicode string>", index, m.line, m.column, buffer, index)

    stack = [root]
    while stack:
        node = stack.pop()
        node.start_mark, node.end_mark = mark(node.start_mark), mark(node.end_mark)
        if isinstance(node, yaml.ScalarNode):
            node.style = node.style or None  # a plain value: libyaml says '', PyYAML None
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                # A list whose '-' stands under its key: PyYAML gives it no flow_style, libyaml False.
                if isinstance(value, yaml.SequenceNode) and value.flow_style is False \
                        and value.start_mark.column == key.start_mark.column:
                    value.flow_style = None
                stack.extend((key, value))
        else:
            stack.extend(node.value)
    return root


def duplicate_keys(node: yaml.MappingNode, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for every key written twice in this mapping (not nested ones)."""
    seen: dict[str, int] = {}
    found = []
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        line = key_node.start_mark.line + first_line
        if key_node.value in seen:
            found.append((line, f"'{key_node.value}' is written twice (first on line {seen[key_node.value]}). "
                                "Keep one of them"))
        else:
            seen[key_node.value] = line
    return found


def load_plain(text: str, max_bytes: int = MAX_BYTES):
    """Plain Python values (dicts, lists, strings …) from YAML that has no aliases or duplicate keys
    anywhere. For small files of our own (overrides/strings/*.yml)."""
    root = compose(text, max_bytes)
    if root is None:
        return None
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for line, message in duplicate_keys(node):
                raise YamlProblem(line, message)
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return yaml.SafeLoader("").construct_document(root)
