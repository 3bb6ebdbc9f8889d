"""Running the checks: one request per unique page, `concurrency` workers (asyncio
tasks) within the per-host limit, until done or until the global deadline."""

from __future__ import annotations

import asyncio
import time

from .cache import Cache
from .classify import Checker, Outcome, split_fragment, with_fragment
from .config import Config
from .extract import Link, Source
from . import factwatch
from .factwatch import Watch
from .fetch import Client, DaemonThreads, Limits, host_key

# The network counts as unreachable when at least this share of the hosts asked, and at least
# this many, gave no answer at all; fewer are dead sites, reported as link errors.
UNREACHABLE_SHARE = 0.8
UNREACHABLE_MIN_HOSTS = 3


class Record:
    """The result for one unique URL, with every place it was found."""
    __slots__ = ("url", "status", "code", "final_url", "message", "sources", "cached", "unreached", "fact")

    def __init__(self, url: str, status: str, code: int | None, final_url: str | None, message: str,
                 sources: list[Source] | None = None, cached: bool = False, unreached: bool = False,
                 fact: Watch | None = None):
        self.url, self.status, self.code, self.final_url = url, status, code, final_url
        self.message = message
        self.sources = sources or []
        self.cached = cached
        self.unreached = unreached  # asked now, and its host gave no answer at all (DNS, connect)
        self.fact = fact            # set on a fact's record: url is its source page

    def as_json(self) -> dict:
        record = {"url": self.url, "status": self.status, "code": self.code, "final_url": self.final_url,
                  "message": self.message, "sources": [str(s) for s in self.sources]}
        if self.fact is not None:
            record["fact"] = {"key": self.fact.key, "looked_for": list(self.fact.forms)}
        return record


class Run:
    def __init__(self, records: list[Record], seconds: float, requests: int, from_cache: int, occurrences: int):
        self.records, self.seconds, self.requests = records, seconds, requests
        self.from_cache, self.occurrences = from_cache, occurrences

    def unreached_hosts(self) -> tuple[int, int]:
        """(hosts that gave no answer at all, hosts asked in this run)."""
        hosts: dict[str, bool] = {}
        for record in self.records:
            if record.cached or record.fact or record.status == "excluded" or record.url.startswith("service:"):
                continue
            key = host_key(record.url)
            hosts[key] = hosts.get(key, True) and record.unreached
        return sum(hosts.values()), len(hosts)

    def network_unreachable(self) -> bool:
        """Most hosts failed before any HTTP: the network, not the links, is broken."""
        unreached, asked = self.unreached_hosts()
        return asked >= UNREACHABLE_MIN_HOSTS and unreached >= UNREACHABLE_SHARE * asked


def group(links: list[Link]) -> dict[str, list[Source]]:
    """Unique URLs in order of first appearance, each with its places (no repeats)."""
    urls: dict[str, list[Source]] = {}
    for link in links:
        places = urls.setdefault(link.url, [])
        if link.source not in places:
            places.append(link.source)
    return urls


def check_links(links: list[Link], config: Config, cache: Cache | None = None, progress=None,
                facts: list[Watch] = ()) -> Run:
    """Every link, and every fact's source page (facts: from factwatch.watches)."""
    return asyncio.run(_check_links(links, config, cache, progress, facts))


async def _check_links(links: list[Link], config: Config, cache: Cache | None, progress, facts) -> Run:
    started = time.monotonic()
    deadline = started + config.deadline
    urls = group(links)
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

    fact_records: list[Record | None] = [None] * len(facts)
    watched: dict[str, list[int]] = {}  # page -> the facts it is the source of
    for index, watch in enumerate(facts):
        rule = config.excluded(watch.url)
        hit = cache.get(factwatch.cache_key(watch)) if cache is not None and rule is None else None
        if rule is not None or hit is not None:
            fact_records[index] = Record(watch.url, "excluded" if rule else hit["status"],
                                         None if rule else hit.get("code"), None if rule else hit.get("final_url"),
                                         rule.reason if rule else hit.get("message", ""), [watch.source],
                                         cached=hit is not None, fact=watch)
            continue
        page = split_fragment(watch.url)[0]
        pages.setdefault(page, [])
        watched.setdefault(page, []).append(index)

    asyncio.get_running_loop().set_default_executor(DaemonThreads())
    limits = Limits(config.per_host)
    for page, members in pages.items():
        limits.add(host_key(page), (page, members))
    client = Client(config.agent(), config.timeout)
    checker = Checker(config, client, limits, deadline)
    if progress is not None:
        progress.start(len(pages))

    async def judge(page: str, members: list[str], key: str) -> None:
        need_ids = any(split_fragment(url)[1] for url in members)
        try:
            outcome = await checker.check(page, need_ids, held=key, need_text=page in watched)
        except Exception as exc:  # a bug must not hide the other results
            outcome = Outcome("error", None, None, f"unexpected problem in the checker: {exc!r}")
        for url in members:
            result = with_fragment(outcome, split_fragment(url)[1])
            records[url] = Record(url, result.status, result.code, result.final_url, result.message, urls[url],
                                  unreached=result.unreached)
            if cache is not None:
                cache.put(url, result.status, result.code, result.final_url, result.message)
        for index in watched.get(page, ()):
            watch = facts[index]
            status, message = factwatch.judge(watch, outcome.status, outcome.message, outcome.text)
            fact_records[index] = Record(watch.url, status, outcome.code, outcome.final_url, message,
                                         [watch.source], fact=watch)
            if cache is not None:
                cache.put(factwatch.cache_key(watch), status, outcome.code, outcome.final_url, message)
        if progress is not None:
            progress.advance(outcome.status)

    async def worker() -> None:
        while (work := await limits.next_page()) is not None:
            (page, members), key = work
            await judge(page, members, key)

    async def workers(count: int) -> None:
        # Started one at a time, each after a turn of the loop: the first requests go out while the
        # later workers still open their connections, not after every connection has been begun.
        tasks = []
        try:
            for _ in range(count):
                tasks.append(asyncio.ensure_future(worker()))
                await asyncio.sleep(0)
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()

    try:
        # At the deadline the unfinished checks are cancelled; their links are reported below.
        await asyncio.wait_for(workers(min(config.concurrency, len(pages))), max(0.0, deadline - time.monotonic()))
    except TimeoutError:
        pass
    finally:
        await client.close()
    for url, sources in urls.items():
        if url not in records:
            records[url] = Record(url, "timeout", None, None,
                                  f"not checked before the global deadline ({config.deadline:g} s)", sources)
    if progress is not None:
        progress.finish()
    for index, watch in enumerate(facts):
        if fact_records[index] is None:
            fact_records[index] = Record(watch.url, "timeout", None, None,
                                         f"{watch.key}: not looked for before the global deadline "
                                         f"({config.deadline:g} s)", [watch.source], fact=watch)
    result = [records[url] for url in urls] + fact_records
    return Run(result, time.monotonic() - started, checker.requests,
               sum(1 for r in result if r.cached), len(links))
