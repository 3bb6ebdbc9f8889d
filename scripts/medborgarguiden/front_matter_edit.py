"""Changing one field of a Markdown file's front matter as a person would: the line replaced in place
(or added after a given field), every other line and comment kept as written."""

from __future__ import annotations

import re

from .guides import split_front_matter


def set_field(text: str, key: str, value: str, after: str | None = None) -> str:
    """The text with `key: value` in its front matter. Raises ValueError when it has none."""
    front, body, _ = split_front_matter(text)
    if front is None:
        raise ValueError("the file has no front matter")
    line = f"{key}: {value}"
    own = re.compile(rf"^{re.escape(key)}:[^\n]*$", re.MULTILINE)
    if own.search(front):
        front = own.sub(lambda _: line, front, count=1)
    else:
        anchor = re.search(rf"^{re.escape(after)}:[^\n]*\n", front, re.MULTILINE) if after else None
        at = anchor.end() if anchor else len(front)
        front = front[:at] + line + "\n" + front[at:]
    return "---\n" + front + "---\n" + body
