"""Asking one URL, politely: aiohttp speaks HTTP (keep-alive, TLS, chunked, gzip);
this module adds what a link checker needs on top of it. One timeout for the
whole exchange, a bounded body (a 50 MB file is never downloaded), failures
sorted into kinds a person understands, and per-host limits that a 429/503
Retry-After pauses. Redirects are not followed here: classify sees each one.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import socket
import ssl
import threading
import time
from collections import deque
from functools import lru_cache
from urllib.parse import urlsplit


def _import_aiohttp():
    """aiohttp builds two TLS contexts as it is imported, each reading the whole CA
    store: half its import time, for a run that may ask no https link at all. They
    are built from an empty store here; Client makes its own, once, when needed."""
    saved = {name: os.environ.get(name) for name in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    os.environ.update(SSL_CERT_FILE=os.devnull, SSL_CERT_DIR=os.devnull)
    try:
        import aiohttp
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return aiohttp


aiohttp = _import_aiohttp()

DRAIN_BYTES = 64 * 1024  # a small unwanted body (a redirect's, a 404's) is read to keep the connection
RECEIVE_BUFFER = 128 * 1024  # the kernel doubles it
MAX_HEADER_BYTES = 64 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}
split_url = lru_cache(maxsize=4096)(urlsplit)  # each URL is split several times on its way
_AUTHORITY = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::(\d*))?")
HEADERS = {
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "sv,en;q=0.8",
    "Accept-Encoding": "gzip, deflate, identity",
}


class FetchError(Exception):
    """No usable HTTP answer. kind: timeout | dns | refused | connect | tls | connection
    (broke after connecting) | protocol."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class Response:
    __slots__ = ("url", "method", "status", "reason", "headers", "body", "truncated")

    def __init__(self, url, method, status, reason, headers):
        self.url, self.method, self.status, self.reason = url, method, status, reason
        self.headers = headers   # case-insensitive; repeated headers joined with ", "
        self.body = b""          # at most the prefix asked for, decoded from gzip/deflate
        self.truncated = False   # the body went on beyond what was read

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        ctype = self.content_type
        return ctype in ("text/html", "application/xhtml+xml") or (not ctype and b"<html" in self.body[:2048].lower())


@lru_cache(maxsize=4096)
def host_key(url: str) -> str:
    """Name and port: the unit the per-host limit counts (several test "hosts" are ports on 127.0.0.1)."""
    match = _AUTHORITY.match(url)  # a regex: urlsplit for every link costs more than it should
    if not match:
        return ":0"
    scheme, host, port = match.groups()
    return f"{host.strip('[]').lower()}:{port or DEFAULT_PORTS.get(scheme.lower(), 0)}"


# ----------------------------------------------------------------- limits

class Limits:
    """At most `per_host` requests in flight per host (the total limit is the
    number of workers), and a per-host "not before" time so a 429/503
    Retry-After pauses every request to that host.

    Workers take pages here: always from the host with the most links left, so no
    host is left with a long tail at the end, which its own limit would make slow.
    A worker holds at most one host's slot at a time (a redirect to another host
    gives the first back before it waits for the next), so no two can deadlock."""

    def __init__(self, per_host: int):
        self.per_host = per_host
        self._in_flight: dict[str, int] = {}
        self._queues: dict[str, deque] = {}
        self._not_before: dict[str, float] = {}
        self._waiting: list[asyncio.Future] = []

    def add(self, key: str, item) -> None:
        self._queues.setdefault(key, deque()).append(item)
        self._in_flight.setdefault(key, 0)

    async def next_page(self):
        """(item, host key) with that host's slot taken, or None when no work is left."""
        while True:
            ready = [key for key, queue in self._queues.items() if queue and self._in_flight[key] < self.per_host]
            if ready:
                key = max(ready, key=lambda k: len(self._queues[k]) + self._in_flight[k])
                self._in_flight[key] += 1
                return self._queues[key].popleft(), key
            if not any(self._queues.values()):
                return None
            await self._changed()

    async def acquire(self, key: str) -> None:
        while self._in_flight.get(key, 0) >= self.per_host:
            await self._changed()
        self._in_flight[key] = self._in_flight.get(key, 0) + 1

    def release(self, key: str) -> None:
        self._in_flight[key] -= 1
        waiting, self._waiting = self._waiting, []
        for future in waiting:
            if not future.done():
                future.set_result(None)

    async def _changed(self) -> None:
        future = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        await future

    async def wait_turn(self, key: str) -> None:
        """Sleep while the host asked us to wait (Retry-After)."""
        wait = self._not_before.get(key, 0.0) - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    def pause(self, key: str, seconds: float) -> None:
        self._not_before[key] = max(self._not_before.get(key, 0.0), time.monotonic() + seconds)


class DaemonThreads(concurrent.futures.ThreadPoolExecutor):
    """asyncio's executor for DNS lookups (getaddrinfo), in daemon threads: a lookup
    that hangs times out its request without holding the process open at exit."""

    def shutdown(self, wait=True, **kwargs):
        pass

    def submit(self, fn, /, *args, **kwargs):
        future = concurrent.futures.Future()

        def run():
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as exc:
                    future.set_exception(exc)
        threading.Thread(target=run, daemon=True).start()
        return future


# ----------------------------------------------------------------- client

class Client:
    """One aiohttp session: connections are kept alive between requests to a host,
    DNS answers are cached; our own limits, not aiohttp's, decide how many run at once."""

    def __init__(self, user_agent: str, timeout: float):
        self.timeout = timeout
        self._headers = {**HEADERS, "User-Agent": user_agent}
        self._session: aiohttp.ClientSession | None = None
        self._tls: ssl.SSLContext | None = None

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:  # the system's CA store (and SSL_CERT_FILE), as browsers here use
            self._tls = ssl.create_default_context()
        return self._tls

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def request(self, url: str, method: str, body_limit=lambda response: 0) -> Response:
        """One request. `body_limit(response)` (headers known, body empty) says how
        many body bytes to read; the connection is dropped after that many."""
        parts = split_url(url)
        host = parts.hostname or ""
        if host == "invalid" or host.endswith(".invalid"):
            # RFC 6761: names under .invalid never resolve; answer without asking DNS.
            raise FetchError("dns", f"host name '{host}' does not exist (.invalid names never resolve)")
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=0, socket_factory=_small_window), headers=self._headers,
                timeout=aiohttp.ClientTimeout(), auto_decompress=True, cookie_jar=aiohttp.DummyCookieJar(),
                # Some sites send a Content-Security-Policy or cookies longer than aiohttp's 8 KiB.
                max_line_size=MAX_HEADER_BYTES, max_field_size=MAX_HEADER_BYTES)
        tls = self._tls_context() if parts.scheme.lower() == "https" else True
        phase = "headers"
        try:
            async with asyncio.timeout(self.timeout):
                async with self._session.request(method, url, allow_redirects=False, ssl=tls) as answer:
                    response = Response(url, method, answer.status, answer.reason or "", answer.headers)
                    phase = "body"
                    if method != "HEAD":
                        await _read_body(answer, response, body_limit(response))
                    return response
        except TimeoutError:
            if phase == "body":
                raise FetchError("timeout", f"the headers came, then the page stalled for more than {self.timeout:g} s") from None
            raise FetchError("timeout", f"no answer within {self.timeout:g} s") from None
        except (aiohttp.ClientError, ValueError) as exc:
            raise _failure(exc, host, parts) from None


def _small_window(addr_info) -> socket.socket:
    """A socket whose receive buffer is fixed, not grown by the kernel: what a server
    sends beyond the prefix we read waits on its side, so a big file stops there."""
    family, kind, proto, _, _ = addr_info
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    return sock


async def _read_body(answer: aiohttp.ClientResponse, response: Response, limit: int) -> None:
    """At most `limit` bytes of the (decoded) body into response.body."""
    try:
        if limit <= 0:
            if (answer.content_length or DRAIN_BYTES + 1) <= DRAIN_BYTES:
                await answer.read()  # read to its end, the connection can serve the next link
            return
        body = bytearray()
        while len(body) < limit:
            chunk = await answer.content.read(limit - len(body))
            if not chunk:
                break
            body += chunk
        response.body = bytes(body)
        # Leaving the rest unread closes the connection: the server stops sending.
        response.truncated = not answer.content.at_eof()
    except aiohttp.ClientPayloadError:
        pass  # shorter than announced or badly compressed: judged by what came
    except aiohttp.ClientError:
        pass


def _causes(exc: BaseException):
    """exc and the errors under it (aiohttp wraps OSError and ssl errors)."""
    seen = set()
    todo = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [current.__cause__, current.__context__, getattr(current, "os_error", None),
                 getattr(current, "certificate_error", None), *getattr(current, "exceptions", ())]


def _failure(exc: Exception, host: str, parts) -> FetchError:
    where = f"{host}:{parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 0)}"
    for cause in _causes(exc):
        if isinstance(cause, aiohttp.ClientError):
            continue  # aiohttp's wrappers of the errors below (they inherit from ssl's, without the details)
        if isinstance(cause, ssl.SSLCertVerificationError):
            return FetchError("tls", f"TLS certificate not accepted ({cause.verify_message})")
        if isinstance(cause, ssl.SSLError):
            return FetchError("tls", f"TLS failed ({cause.reason or cause})")
        if isinstance(cause, socket.gaierror):
            return FetchError("dns", f"host name '{host}' does not resolve ({cause.strerror})")
        if isinstance(cause, ConnectionRefusedError):
            return FetchError("refused", f"connection refused by {where}")
    if isinstance(exc, (ValueError, aiohttp.InvalidURL, aiohttp.NonHttpUrlClientError)):
        return FetchError("protocol", f"not a valid http(s) URL ({exc})")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return FetchError("connect", f"cannot connect to {where} ({exc.strerror or exc})")
    return FetchError("connection", f"the connection broke ({exc or type(exc).__name__})")
