"""Running the checks: one request per unique page, all at once within the
total and per-host limits, until done or until the global deadline."""

from __future__ import annotations

import asyncio
import collections
import time
from dataclasses import dataclass, field

from .cache import Cache
from .classify import Checker, Outcome, split_fragment, with_fragment
from .config import Config
from .extract import Link, Source
from .fetch import Client, Limits, host_key


@dataclass
class Record:
    """The result for one unique URL, with every place it was found."""
    url: str
    status: str
    code: int | None
    final_url: str | None
    message: str
    sources: list[Source] = field(default_factory=list)
    cached: bool = False

    def as_json(self) -> dict:
        return {"url": self.url, "status": self.status, "code": self.code, "final_url": self.final_url,
                "message": self.message, "sources": [str(s) for s in self.sources]}


@dataclass
class Run:
    records: list[Record]
    seconds: float
    requests: int
    from_cache: int
    occurrences: int


def group(links: list[Link]) -> dict[str, list[Source]]:
    """Unique URLs in order of first appearance, each with its places (no repeats)."""
    urls: dict[str, list[Source]] = {}
    for link in links:
        places = urls.setdefault(link.url, [])
        if link.source not in places:
            places.append(link.source)
    return urls


def _lanes(pages: dict[str, list[str]], per_host: int) -> list[collections.deque]:
    """Work as lanes: per host, up to per_host lanes share that host's queue of
    pages. Lanes are listed round-robin over hosts (every host's first lane,
    then every second lane), so the first requests spread over many hosts, and
    only a few tasks exist at once however many links there are."""
    queues: dict[str, collections.deque] = {}
    for page, members in pages.items():
        queues.setdefault(host_key(page), collections.deque()).append((page, members))
    lanes = []
    for i in range(per_host):
        lanes += [queue for queue in queues.values() if len(queue) > i]
    return lanes


def check_links(links: list[Link], config: Config, cache: Cache | None = None, progress=None) -> Run:
    started = time.monotonic()
    urls = group(links)
    records, requests = asyncio.run(_check_all(urls, config, cache, progress, started + config.deadline))
    return Run(records, time.monotonic() - started, requests,
               sum(1 for r in records if r.cached), len(links))


async def _check_all(urls, config: Config, cache: Cache | None, progress, deadline: float):
    records: dict[str, Record] = {}
    pages: dict[str, list[str]] = {}
    for url, sources in urls.items():
        if url.startswith("service:"):
            records[url] = Record(url, "broken", None, None,
                                  f"unknown service key '{url[8:]}': it is not in the registry", sources)
            continue
        rule = config.excluded(url)
        if rule is not None:
            records[url] = Record(url, "excluded", None, None, rule.reason, sources)
            continue
        hit = cache.get(url) if cache is not None else None
        if hit is not None:
            records[url] = Record(url, hit["status"], hit.get("code"), hit.get("final_url"),
                                  hit.get("message", ""), sources, cached=True)
            continue
        pages.setdefault(split_fragment(url)[0], []).append(url)

    if progress is not None:
        progress.start(len(pages))
    limits = Limits(config.concurrency, config.per_host)
    for page in pages:
        key = host_key(page)
        limits.backlog[key] = limits.backlog.get(key, 0) + 1
    checker = Checker(config, Client(config.agent(), config.timeout), limits, deadline)

    async def check_page(page: str, members: list[str]) -> None:
        need_ids = any(split_fragment(url)[1] for url in members)
        try:
            outcome = await checker.check(page, need_ids)
        except Exception as exc:  # a bug must not hide the other results
            outcome = Outcome("error", None, None, f"unexpected problem in the checker: {exc!r}")
        limits.backlog[host_key(page)] -= 1
        for url in members:
            result = with_fragment(outcome, split_fragment(url)[1])
            records[url] = Record(url, result.status, result.code, result.final_url, result.message, urls[url])
            if cache is not None:
                cache.put(url, result.status, result.code, result.final_url, result.message)
        if progress is not None:
            progress.advance(outcome.status)

    async def lane(queue: collections.deque) -> None:
        while queue:
            await check_page(*queue.popleft())

    tasks = [asyncio.create_task(lane(queue)) for queue in _lanes(pages, config.per_host)]
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=max(0.0, deadline - time.monotonic()))
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    checker.client.close()
    for url, sources in urls.items():
        if url not in records:
            records[url] = Record(url, "timeout", None, None,
                                  f"not checked before the global deadline ({config.deadline:g} s)", sources)
    if progress is not None:
        progress.finish()
    return [records[url] for url in urls], checker.requests
