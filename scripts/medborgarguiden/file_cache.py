"""Read a file once while it stays unchanged.

A site build asks for mkdocs.yml and services.yml many times (every guide check, every language's
inner build, several hooks); parsing the same YAML again is a fifth of the build. The cache key
includes the file's modification time and size, so `mkdocs serve` and the tests still see edits.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path


def per_file_version(parse):
    """Decorates parse(path) so it runs once per version of the file at `path`."""
    results: dict = {}

    @functools.wraps(parse)
    def cached(path):
        path = Path(path)
        try:
            stat = os.stat(path)
        except OSError:
            return parse(path)  # let parse raise its own, clear error
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if key not in results:
            results[key] = parse(path)
        return results[key]

    return cached
