"""Recent results on disk (.cache/linkcheck.json, git-ignored), so a re-run within
the age limit asks no host again.

Only settled answers are kept (ok, moved, broken, soft404, a fact changed): a timeout or error may
be gone in a minute, so it is asked again next time. Results judged with other
settings (accepted codes, soft-404 phrases, ...) are not reused.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

CACHED_STATUSES = ("ok", "moved", "broken", "soft404", "changed")
VERSION = 1


class Cache:
    def __init__(self, path: Path, max_age: float, fingerprint: str):
        self.path = path
        self.max_age = max_age
        self.fingerprint = fingerprint
        self.entries: dict[str, dict] = {}
        self.hits = 0
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no cache yet, or a damaged one: start afresh
        if not isinstance(data, dict) or data.get("version") != VERSION or data.get("fingerprint") != self.fingerprint:
            return
        now = time.time()
        for url, entry in (data.get("results") or {}).items():
            if isinstance(entry, dict) and now - entry.get("checked_at", 0) <= self.max_age:
                self.entries[url] = entry

    def get(self, url: str) -> dict | None:
        entry = self.entries.get(url)
        if entry is not None:
            self.hits += 1
        return entry

    def put(self, url: str, status: str, code, final_url, message: str) -> None:
        if status in CACHED_STATUSES:
            self.entries[url] = {"checked_at": time.time(), "status": status, "code": code,
                                 "final_url": final_url, "message": message}

    def save(self) -> None:
        """Atomically, so an interrupted run never leaves half a file."""
        import tempfile  # only when writing: keeps start-up short

        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": VERSION, "fingerprint": self.fingerprint, "results": self.entries}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".linkcheck-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=0, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
