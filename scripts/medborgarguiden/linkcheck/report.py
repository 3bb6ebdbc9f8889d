"""What a person reads: a progress bar while checking (terminal only), a summary
grouped by problem, and the --json and --markdown reports."""

from __future__ import annotations

import json
import sys
import time

from . import FAILING, STATUSES
from .runner import Record, Run

TITLES = {
    "broken": "Broken",
    "soft404": "Soft 404 (the page answers, but says it is not found)",
    "changed": "Fact may have changed (its value is not on its source page)",
    "timeout": "Timed out",
    "error": "Could not be checked",
    "moved": "Moved permanently: update the link",
    "excluded": "Excluded in linkcheck.yml",
}
SHORT = {"ok": "ok", "moved": "moved", "broken": "broken", "soft404": "soft 404",
         "changed": "fact may have changed", "timeout": "timed out", "error": "error", "excluded": "excluded"}
GROUP_ORDER = ("broken", "soft404", "changed", "timeout", "error", "moved", "excluded")
MARKER = "<!-- medborgarguiden-linkcheck -->"
MAX_MARKDOWN = 60_000  # GitHub refuses issue bodies over 65,536 characters


class Progress:
    """A one-line bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.total = self.done = self.problems = 0
        self._drawn = 0.0

    def start(self, total: int) -> None:
        self.total = total
        self._draw(force=True)

    def advance(self, status: str) -> None:
        self.done += 1
        self.problems += status in FAILING
        self._draw(force=self.done == self.total)

    def finish(self) -> None:
        self.stream.write("\r\033[K")
        self.stream.flush()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        filled = self.width * self.done // self.total if self.total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} pages checked, {self.problems} problems")
        self.stream.flush()


def counts(records: list[Record]) -> dict[str, int]:
    result = {status: 0 for status in STATUSES}
    for record in records:
        result[record.status] += 1
    return result


def failed(records: list[Record], fail_on_moved: bool = False) -> bool:
    bad = FAILING + (("moved",) if fail_on_moved else ())
    return any(r.status in bad for r in records)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _need_attention(records: list[Record], statuses: tuple[str, ...]) -> str:
    """ "2 links need attention", "1 fact needs attention", "2 links and 1 fact need attention"."""
    facts = sum(1 for r in records if r.status in statuses and r.fact is not None)
    links = sum(1 for r in records if r.status in statuses and r.fact is None)
    parts = [plural(count, word) for count, word in ((links, "link"), (facts, "fact")) if count]
    return f"{' and '.join(parts)} need{'s' if links + facts == 1 else ''} attention"


def _checked(run: Run) -> str:
    """What was checked: "667 unique links (2000 places)", and "and 3 facts" when facts were watched."""
    facts = sum(1 for r in run.records if r.fact is not None)
    text = (f"{plural(len(run.records) - facts, 'unique link')} ({plural(run.occurrences, 'place')})")
    return text + (f" and {plural(facts, 'fact')}" if facts else "")


def _label(status: str, count: int) -> str:
    return plural(count, "error") if status == "error" else f"{count} {SHORT[status]}"


def _places(record: Record, limit: int = 5) -> str:
    shown = ", ".join(str(s) for s in record.sources[:limit])
    more = len(record.sources) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def summary(run: Run, fail_on_moved: bool = False) -> str:
    records = run.records
    n = counts(records)
    parts = [_label(s, n[s]) for s in STATUSES if n[s]] or ["nothing"]
    lines = [f"Checked {_checked(run)} in "
             f"{run.seconds:.1f} s: {', '.join(parts)}. {plural(run.requests, 'request')}, "
             f"{plural(run.from_cache, 'result')} from the cache."]
    for status in GROUP_ORDER:
        group = [r for r in records if r.status == status]
        if not group:
            continue
        lines += ["", f"{TITLES[status]} ({len(group)})"]
        for record in group:
            lines.append(f"  {record.url}")
            if status == "moved":
                lines.append(f"    -> {record.final_url}")
            elif record.message:
                lines.append(f"    {record.message}")
            lines.append(f"    in {_places(record)}")
    lines.append("")
    if failed(records, fail_on_moved):
        bad = [SHORT[s] for s in GROUP_ORDER if n[s] and (s in FAILING or (fail_on_moved and s == "moved"))]
        lines.append(f"FAILED: {_need_attention(records, FAILING + (('moved',) if fail_on_moved else ()))} "
                     f"({', '.join(bad)}).")
    else:
        lines.append("All links are fine." + (" Some have moved: update them when you can." if n["moved"] else ""))
    return "\n".join(lines)


def json_report(run: Run) -> str:
    """One JSON object; its "links" list has one record per URL, one per line (easy to grep
    and diff, and written by json's fast encoder, which indent= would not use)."""
    head = {"generated": _now(), "seconds": round(run.seconds, 3), "requests": run.requests,
            "summary": counts(run.records)}
    records = ",\n".join("    " + json.dumps(r.as_json(), ensure_ascii=False) for r in run.records)
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    return f'{opening}, "links": [\n{records}\n]}}\n' if records else f'{opening}, "links": []}}\n'


def _cell(text) -> str:
    return str(text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _source_cell(record: Record, link_base: str, limit: int = 5) -> str:
    cells = []
    for source in record.sources[:limit]:
        if link_base:
            cells.append(f"[{_cell(source)}]({link_base.rstrip('/')}/{source.file}#L{source.line})")
        else:
            cells.append(f"`{_cell(source)}`")
    more = len(record.sources) - limit
    return ", ".join(cells) + (f" and {more} more" if more > 0 else "")


def markdown_report(run: Run, link_base: str = "", fail_on_moved: bool = False) -> str:
    """A report fit for a GitHub issue body: counts, then one table per problem."""
    records = run.records
    n = counts(records)
    problems = sum(n[s] for s in FAILING)
    head = [
        MARKER,
        f"# Link check: {_need_attention(records, FAILING)}" if problems else "# Link check: all links are fine",
        "",
        f"Checked {_checked(run)} on {_now()}.",
        "",
        "| Status | Links |",
        "| --- | ---: |",
    ]
    head += [f"| {SHORT[s]} | {n[s]} |" for s in STATUSES if n[s]]
    body: list[str] = []
    left_out = 0
    for status in GROUP_ORDER:
        group = [r for r in records if r.status == status]
        if not group:
            continue
        if status == "excluded":
            section = ["", f"<details><summary>{TITLES[status]} ({len(group)})</summary>", "",
                       "| Link | Reason |", "| --- | --- |"]
            rows = [f"| {_cell(r.url)} | {_cell(r.message)} |" for r in group]
            tail = ["", "</details>"]
        elif status == "moved":
            section = ["", f"## {TITLES[status]} ({len(group)})", "",
                       "| Link | New address | Found in |", "| --- | --- | --- |"]
            rows = [f"| {_cell(r.url)} | {_cell(r.final_url)} | {_source_cell(r, link_base)} |" for r in group]
            tail = []
        else:
            section = ["", f"## {TITLES[status]} ({len(group)})", "",
                       "| Link | Problem | Found in |", "| --- | --- | --- |"]
            rows = [f"| {_cell(r.url)} | {_cell(r.message)} | {_source_cell(r, link_base)} |" for r in group]
            tail = []
        size = sum(len(line) + 1 for line in head + body + section)
        kept = []
        for row in rows:
            size += len(row) + 1
            if size > MAX_MARKDOWN:
                left_out += len(rows) - len(kept)
                break
            kept.append(row)
        body += section + kept + tail
    if left_out:
        body += ["", f"_{left_out} more rows left out to keep this report short; see the JSON report._"]
    if any(r.status in FAILING + ("moved",) and r.fact is None for r in records):
        body += [
            "",
            "**What to do:** find the page's new address on the organisation's site and change it in "
            "`services.yml` (or the guide). A link that works for people but fails here can be listed in "
            "`linkcheck.yml` under `accept:` or `exclude:`, with a reason.",
        ]
    if n["changed"]:
        body += [
            "",
            "**A fact may have changed:** open its source page. If the value there is new, change `value` and "
            "`seen` in `facts.yml` (the line is under Found in; every language follows). If the page moved, "
            "change `source`.",
        ]
    return "\n".join(head + body) + "\n"


def own_issue(issues: list[dict]) -> int | None:
    """The open issue the weekly workflow wrote, from `gh issue list --json number,body,author`:
    its body starts with MARKER and no person wrote it. A person's issue, even one with the
    workflow's label or quoting a report, is never taken (and so never edited or closed)."""
    for issue in sorted(issues, key=lambda issue: issue.get("number", 0)):
        body = (issue.get("body") or "").lstrip()
        if body.startswith(MARKER) and (issue.get("author") or {}).get("is_bot", True):
            return issue["number"]
    return None


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
