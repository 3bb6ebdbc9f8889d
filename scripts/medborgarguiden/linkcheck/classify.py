"""Asking about one page and judging the answer: HEAD or GET, redirects,
retries, soft 404s and #fragments.

Method: a page needs its body to be judged (a "not found" page often answers
200), so for page-like URLs the checker sends one GET and reads only the headers
and a bounded prefix of an HTML body. For downloads (.pdf, .docx, ...) and when
no body is needed it sends HEAD and falls back to GET when HEAD is refused
(405/501/403), reading only the headers. One request per URL either way.
"""

from __future__ import annotations

import asyncio
import re
import time
from urllib.parse import unquote, urljoin

from . import htmlpage
from .config import Config
from .fetch import Client, FetchError, Limits, Response, host_key, split_url
from .lazy_regex import lazy

REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
HEAD_REFUSED = (403, 405, 501)
TRANSIENT = (502, 503, 504)
UNREACHED = ("dns", "refused", "connect")  # failures before any HTTP: what a dead network looks like
DOWNLOAD_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
                     ".rtf", ".zip", ".gz", ".epub", ".csv", ".txt", ".xml", ".json", ".jpg", ".jpeg",
                     ".png", ".gif", ".svg", ".webp", ".mp3", ".mp4", ".m4a", ".webm", ".mov", ".ics")
# Paths that are a site's start page, also per language (/en, /sv/, /en-gb/start).
_LANGS = "sv|en|ar|fa|so|ti|uk|ru|fi|se|de|fr|es|pl|tr|ku|ps|prs|sr|bs|hr|so|ro|it|nl|da|no|nb|et|lt|lv|zh"
_START_PAGE = lazy(rf"^/?(?:(?:{_LANGS})(?:-[a-z]{{2}})?/?)?(?:(?:index|default|start)(?:\.\w+)?)?$", re.I)


class Outcome:
    """The judgement of one page URL (without #fragment)."""
    __slots__ = ("status", "code", "final_url", "message", "ids", "ids_complete", "ids_note", "unreached", "text")

    def __init__(self, status: str, code: int | None = None, final_url: str | None = None, message: str = ""):
        self.status = status          # ok | moved | broken | soft404 | timeout | error
        self.code = code
        self.final_url = final_url
        self.message = message
        self.ids: set[str] | None = None  # anchors seen, when a fragment is to be checked
        self.ids_complete = True          # False when the anchors could not all be seen
        self.ids_note = ""                # why not
        self.unreached = False            # the link's own host failed at DNS or connect: no answer at all
        self.text: str | None = None      # the page's visible text, normalised, when asked for (fact watch)


def split_fragment(url: str) -> tuple[str, str]:
    base, _, fragment = url.partition("#")
    return base, fragment


def is_start_page(url: str) -> bool:
    parts = split_url(url)
    return not parts.query and bool(_START_PAGE.match(parts.path or "/"))


def _same_site(a: str, b: str) -> bool:
    strip = lambda url: (split_url(url).hostname or "").removeprefix("www.")
    return strip(a) == strip(b)


def retry_after(headers: dict[str, str]) -> float | None:
    """Seconds from Retry-After (a number or an HTTP date), None when absent or unreadable."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    import email.utils  # rarely needed: most servers send seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _Failure:
    def __init__(self, error: FetchError, tries: int):
        self.error = error
        self.tries = tries


class _Slot:
    """The one host slot a check holds: given back before waiting for another host's."""

    def __init__(self, limits: Limits, key: str | None):
        self.limits = limits
        self.key = key

    async def move_to(self, key: str) -> None:
        if key != self.key:
            self.give_back()
            await self.limits.acquire(key)
            self.key = key

    def give_back(self) -> None:
        if self.key is not None:
            self.limits.release(self.key)
            self.key = None


class Checker:
    def __init__(self, config: Config, client: Client, limits: Limits, deadline: float = float("inf")):
        self.config = config
        self.client = client
        self.limits = limits
        self.deadline = deadline  # time.monotonic() after which nothing new starts
        self.requests = 0

    # -------------------------------------------------------- one request, retried
    async def _fetch(self, url: str, method: str, body_bytes: int, slot: _Slot) -> Response | _Failure:
        """One answer for url, after HEAD->GET fallback and bounded retries."""
        cfg = self.config
        tries = timeouts = 0
        key = host_key(url)
        await slot.move_to(key)

        def limit(response: Response) -> int:
            return body_bytes if 200 <= response.status < 300 and response.is_html else 0

        while True:
            await self.limits.wait_turn(key)
            failure = None
            try:
                self.requests += 1
                response = await self.client.request(url, method, limit)
            except FetchError as exc:
                failure = exc
            if failure is not None:
                tries += 1
                if failure.kind == "timeout" and timeouts < cfg.timeout_retries and self._can_wait(0):
                    timeouts += 1  # one more chance for a slow page, never an endless series
                    continue
                if failure.kind in ("connect", "connection") and tries <= cfg.retries and await self._backoff(tries):
                    continue
                return _Failure(failure, tries)
            if method == "HEAD" and response.status in HEAD_REFUSED:
                method = "GET"  # many servers refuse HEAD but serve the page
                continue
            if response.status == 429 or response.status in TRANSIENT:
                tries += 1
                wait = retry_after(response.headers)
                if wait is not None and response.status in (429, 503):
                    if wait > cfg.max_retry_after or tries > cfg.retries or not self._can_wait(wait):
                        return response
                    self.limits.pause(key, wait)  # every request to this host waits, not only this one
                    continue
                if tries <= cfg.retries and await self._backoff(tries):
                    continue
            return response

    def _can_wait(self, seconds: float) -> bool:
        return time.monotonic() + seconds + self.config.timeout < self.deadline

    async def _backoff(self, tries: int) -> bool:
        import random  # only when retrying

        wait = self.config.backoff * 2 ** (tries - 1) * random.uniform(0.8, 1.2)
        if not self._can_wait(wait):
            return False
        await asyncio.sleep(wait)
        return True

    # -------------------------------------------------------- one page, followed
    def _method(self, url: str, need_body: bool) -> str:
        mode = self.config.method
        if mode in ("get", "head"):
            return mode.upper()
        looks_like_download = split_url(url).path.lower().endswith(DOWNLOAD_SUFFIXES)
        return "GET" if need_body and not looks_like_download else "HEAD"

    async def check(self, url: str, need_ids: bool = False, held: str | None = None,
                    need_text: bool = False) -> Outcome:
        """Judge `url` (no fragment). need_ids: collect the page's anchors too; need_text:
        its visible text. held: the host slot the caller already took for url (given back here)."""
        slot = _Slot(self.limits, held)
        try:
            return await self._check(url, need_ids, slot, need_text)
        finally:
            slot.give_back()

    async def _check(self, url: str, need_ids: bool, slot: _Slot, need_text: bool) -> Outcome:
        cfg = self.config
        need_body = need_ids or need_text or cfg.soft404
        body_bytes = 1024 * (cfg.fragment_prefix_kib if need_ids or need_text else cfg.page_prefix_kib)
        method = self._method(url, need_body)
        chain = [url]
        moved_to = None          # where the leading run of permanent redirects ends
        permanent_run = True
        current = url
        while True:
            answer = await self._fetch(current, method, body_bytes, slot)
            if isinstance(answer, _Failure):
                return self._failure(answer, chain)
            location = answer.headers.get("location", "").strip()
            if answer.status not in REDIRECTS or not location:
                break
            target = split_fragment(urljoin(current, location))[0]
            if target in chain:
                loop = " → ".join(chain[chain.index(target):] + [target])
                return Outcome("broken", answer.status, target, f"redirect loop: {loop}")
            if len(chain) > cfg.max_redirects:
                return Outcome("broken", answer.status, target,
                               f"more than {cfg.max_redirects} redirects (from {url})")
            if permanent_run and answer.status in PERMANENT:
                moved_to = target
            else:
                permanent_run = False
            chain.append(target)
            current = target
            if split_url(target).scheme.lower() not in ("http", "https"):
                return Outcome("ok", answer.status, target, f"redirected to a non-web address {target}")

        if (answer.method == "HEAD" and 200 <= answer.status < 300 and need_body
                and (answer.is_html or not answer.content_type)):
            # --method head: the page itself still has to be read to be judged.
            again = await self._fetch(current, "GET", body_bytes, slot)
            if isinstance(again, _Failure):
                return self._failure(again, chain)
            answer = again
        return self._judge(url, chain, moved_to, answer, need_ids, need_text)

    def _failure(self, failure: _Failure, chain: list[str]) -> Outcome:
        exc = failure.error
        status = "timeout" if exc.kind == "timeout" else "error"
        message = exc.message
        if failure.tries > 1:
            message += f" ({failure.tries} tries)"
        if len(chain) > 1:
            message += f", after a redirect to {chain[-1]}"
        outcome = Outcome(status, None, chain[-1] if len(chain) > 1 else None, message)
        outcome.unreached = len(chain) == 1 and exc.kind in UNREACHED
        return outcome

    def _judge(self, url: str, chain: list[str], moved_to: str | None, answer: Response, need_ids: bool,
               need_text: bool = False) -> Outcome:
        cfg = self.config
        code = answer.status
        final = chain[-1]
        via = f" (redirected to {final})" if len(chain) > 1 else ""
        rule = cfg.accepted(url, code)
        if rule is not None and not 200 <= code < 300:
            return Outcome("ok", code, final, f"HTTP {code} accepted in linkcheck.yml: {rule.reason}")

        if 200 <= code < 400:
            outcome = Outcome("ok", code, final, f"redirected to {final}" if len(chain) > 1 else "")
            if len(chain) > 1 and not is_start_page(url) and is_start_page(final) and _same_site(url, final):
                return Outcome("soft404", code, final, f"the deep link was redirected to the start page {final}")
            if answer.body and answer.is_html:
                page = htmlpage.parse(htmlpage.decode(answer.body, answer.headers.get("content-type", "")), need_ids)
                reason = (htmlpage.soft404_reason(page, cfg.heading_phrases, cfg.body_phrases)
                          if cfg.soft404 else None)
                if reason:
                    return Outcome("soft404", code, final, f"answers {code} but {reason}{via}")
                if need_text:
                    outcome.text = page.text
                if need_ids:
                    outcome.ids, outcome.ids_complete = page.ids, not answer.truncated
                    outcome.ids_note = f"only the first {len(answer.body) // 1024} KiB of the page were read"
            elif need_ids:
                outcome.ids, outcome.ids_complete = set(), False
                outcome.ids_note = f"the target is not an HTML page ({answer.content_type or 'no type'})"
            if moved_to:
                outcome.status = "moved"
                outcome.final_url = moved_to
                outcome.message = f"moved permanently to {moved_to}"
            return outcome

        reason = f"HTTP {code} {answer.reason}".strip()
        if code == 429 or code in TRANSIENT:
            wait = retry_after(answer.headers)
            if wait is not None and wait > cfg.max_retry_after:
                reason += f"; the server asked to wait {wait:g} s, more than max_retry_after {cfg.max_retry_after:g} s"
            elif code == 429:
                reason += "; still rate limited after retries"
            return Outcome("error", code, final, reason + via)
        return Outcome("broken", code, final, reason + via)


def with_fragment(outcome: Outcome, fragment: str) -> Outcome:
    """The judgement of url#fragment, from the judgement of the page."""
    if not fragment or outcome.status not in ("ok", "moved"):
        return outcome
    if fragment.startswith(("!", "/", ":~:")):
        return outcome  # client-side routes and text fragments are not anchors
    ids = outcome.ids or set()
    if fragment in ids or unquote(fragment) in ids or fragment.lower() == "top":
        return outcome
    if not outcome.ids_complete:
        note = f"#{fragment} not checked: {outcome.ids_note}"
        return Outcome(outcome.status, outcome.code, outcome.final_url,
                       f"{outcome.message}; {note}" if outcome.message else note)
    return Outcome("broken", outcome.code, outcome.final_url,
                   f"the page has no anchor #{fragment} (no id= or name= of that value)")
