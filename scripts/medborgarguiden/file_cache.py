"""Read a file once while it stays unchanged.

A site build asks for mkdocs.yml, services.yml and the library's file many times (every guide check, every language's
inner build, several hooks); parsing the same YAML again is a fifth of the build. The cache key
includes the file's modification time and size, so `mkdocs serve` and the tests still see edits.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path


def per_file_version(parse):
    """Decorates parse(path, *args) so it runs once per version of the file at `path` (and per
    value of the other arguments, which must be hashable)."""
    results: dict = {}

    @functools.wraps(parse)
    def cached(path, *args):
        path = Path(path)
        try:
            stat = os.stat(path)
        except OSError:
            return parse(path, *args)  # let parse raise its own, clear error
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, *args)
        if key not in results:
            results[key] = parse(path, *args)
        return results[key]

    return cached
