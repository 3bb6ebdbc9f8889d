"""Keep numbers in right-to-left pages in the order they are written.

In Arabic and Persian text the bidi algorithm shows groups of digits joined by a hyphen or a space
in reverse order: the bankgiro 5045-3158 reads 3158-5045, the phone 0771-567 567 reads 567 567-0771.
`isolate_numbers` wraps every such run in the page's text in <bdi dir="ltr">. It changes text
between tags only: never a tag, an attribute, a script or style, code, or text already isolated.
"""

from __future__ import annotations

import re

# A digit (any script: Persian pages may use ۰-۹), then digits joined by single separators.
# What joins groups of digits in one number: spaces (also no-break), hyphens, dashes, . , : /
SEPARATORS = " \u00a0\u202f-\u2010\u2011\u2013.,:/"
_SEPARATOR = rf"(?:[{re.escape(SEPARATORS)}]|&nbsp;|&#160;|&#x202[fF];|&#8239;)"
DIGIT_RUN = re.compile(rf"\d+(?:{_SEPARATOR}\d+)*")

# Raw text elements, and elements whose text must stay as written or is already isolated.
_SKIP = ("script", "style", "textarea", "title", "option", "code", "pre", "kbd", "samp", "bdi", "svg", "math")
_TOKEN = re.compile(
    r"<!--.*?-->"                                            # a comment
    r"|<(?P<close>/)?(?P<name>[a-zA-Z][a-zA-Z0-9-]*)"         # a tag: its name
    r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",                      # attributes, quoted values may hold >
    re.S,
)


def isolate_numbers(html: str) -> str:
    out: list[str] = []
    skip: list[str] = []  # open elements whose text is left alone
    pos = 0
    for match in _TOKEN.finditer(html):
        text = html[pos:match.start()]
        out.append(text if skip else _wrap(text))
        out.append(match.group(0))
        pos = match.end()
        name = (match.group("name") or "").lower()
        if name in _SKIP and not match.group(0).endswith("/>"):
            if match.group("close"):
                if name in skip:
                    del skip[len(skip) - 1 - skip[::-1].index(name):]
            else:
                skip.append(name)
    out.append(html[pos:] if skip else _wrap(html[pos:]))
    return "".join(out)


def _wrap(text: str) -> str:
    return DIGIT_RUN.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', text)
