"""Regular expressions compiled on first use.

Python compiles patterns in Python code at import; the checker has about twenty and
a run uses half of them, and start-up time is most of a short check's time."""

from __future__ import annotations

import re


class LazyRegex:
    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self._args = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


lazy = LazyRegex
