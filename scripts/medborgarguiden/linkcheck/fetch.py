"""A small HTTP/1.1 client on asyncio streams, and the limits that keep it polite.

Why not urllib or http.client: the checker must stop after the headers or after a
bounded prefix of the body (a 50 MB file is never downloaded), apply one timeout
to the whole exchange, and see every redirect and 429 itself instead of having a
library follow or hide them. Keep-alive (a connection is reused when its answer
was read to the end) and the per-host limit keep it gentle.
"""

from __future__ import annotations

import asyncio
import re
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit

MAX_HEADER_BYTES = 64 * 1024
split_url = lru_cache(maxsize=4096)(urlsplit)  # each URL is split several times on its way
DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(Exception):
    """No usable HTTP answer. kind: timeout | dns | refused | tls | connection | protocol."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Response:
    url: str
    method: str
    status: int
    reason: str
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes              # at most the prefix that was asked for (decoded from gzip/deflate)
    truncated: bool          # the body went on beyond what was read

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        ctype = self.content_type
        return ctype in ("text/html", "application/xhtml+xml") or (not ctype and b"<html" in self.body[:2048].lower())


_AUTHORITY = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::(\d*))?")


def host_key(url: str) -> str:
    """Name and port: the unit the per-host limit counts (several test "hosts" are ports on 127.0.0.1)."""
    match = _AUTHORITY.match(url)  # a regex: urlsplit for every link costs more than it should
    if not match:
        return ":0"
    scheme, host, port = match.groups()
    return f"{host.strip('[]').lower()}:{port or DEFAULT_PORTS.get(scheme.lower(), 0)}"


# ----------------------------------------------------------------- limits

class Limits:
    """A total limit and a per-host limit on requests in flight, plus a per-host
    "not before" time so a 429/503 Retry-After pauses every request to that host.

    A freed total slot goes to the waiting host with the most links left
    (`backlog`, kept by the runner), not simply to the first in line, so no host
    is left with a long tail at the end, which its own limit would make slow."""

    def __init__(self, total: int, per_host: int):
        self.free = total
        self.per_host = per_host
        self.backlog: dict[str, int] = {}
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._not_before: dict[str, float] = {}
        self._waiting: list[tuple[str, asyncio.Future]] = []

    def pause(self, key: str, seconds: float) -> None:
        until = time.monotonic() + seconds
        self._not_before[key] = max(self._not_before.get(key, 0.0), until)

    async def acquire(self, key: str) -> None:
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = asyncio.Semaphore(self.per_host)
        # Host first, then a total slot: a task waiting for a busy host must not
        # sit on one of the total slots that requests to other hosts could use.
        await host.acquire()
        try:
            wait = self._not_before.get(key, 0.0) - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if self.free > 0 and not self._waiting:
                self.free -= 1
                return
            slot = asyncio.get_running_loop().create_future()
            self._waiting.append((key, slot))
            try:
                await slot
            except asyncio.CancelledError:
                if slot.done() and not slot.cancelled():
                    self._release_total()  # handed over just as we were cancelled: pass it on
                else:
                    self._waiting = [w for w in self._waiting if w[1] is not slot]
                raise
        except BaseException:
            host.release()
            raise

    def release(self, key: str) -> None:
        self._release_total()
        self._hosts[key].release()

    def _release_total(self) -> None:
        while self._waiting:
            best = max(range(len(self._waiting)), key=lambda i: self.backlog.get(self._waiting[i][0], 0))
            _, slot = self._waiting.pop(best)
            if not slot.done():
                slot.set_result(None)
                return
        self.free += 1


# ----------------------------------------------------------------- DNS

def _is_ip(host: str) -> bool:
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, host)
            return True
        except OSError:
            pass
    return False


class Resolver:
    """getaddrinfo once per host name, in daemon threads: a lookup that hangs can
    time out without holding the process open at exit (an executor thread would)."""

    def __init__(self):
        self._cache: dict[str, asyncio.Future] = {}

    async def resolve(self, host: str) -> list[str]:
        if _is_ip(host):
            return [host]
        if host == "invalid" or host.endswith(".invalid"):
            # RFC 6761: names under .invalid never resolve; answer without asking DNS.
            raise FetchError("dns", f"host name '{host}' does not exist (.invalid names never resolve)")
        fut = self._cache.get(host)
        if fut is None:
            fut = self._cache[host] = self._lookup(host)
        return list(await asyncio.shield(fut))

    def _lookup(self, host: str) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        fut = loop.create_future()

        def settle(result, error):
            if not fut.done():
                fut.set_exception(error) if error else fut.set_result(result)

        def work():
            try:
                infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
                addrs = list(dict.fromkeys(info[4][0] for info in infos))
                result, error = addrs, None
            except (OSError, UnicodeError) as exc:
                result, error = None, FetchError("dns", f"host name '{host}' does not resolve ({exc})")
            try:
                loop.call_soon_threadsafe(settle, result, error)
            except RuntimeError:  # the loop has finished; nobody waits any more
                pass

        threading.Thread(target=work, name=f"dns-{host}", daemon=True).start()
        fut.add_done_callback(lambda f: f.exception())  # mark retrieved: no "never retrieved" noise
        return fut


# ----------------------------------------------------------------- client

DRAIN_BYTES = 64 * 1024  # a small unwanted body (a redirect's, a 404's) is read to keep the connection


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    def usable(self) -> bool:
        return not self.writer.transport.is_closing() and not self.reader.at_eof()

    def abort(self) -> None:
        # abort(): close at once, unread body and all (the peer sees a reset and stops sending).
        self.writer.transport.abort()


class Client:
    """HTTP/1.1 with keep-alive: a connection whose answer was read to the end goes
    back to a small per-host pool (never more than the per-host limit in use), so
    a host is not made to accept a new connection, or TLS handshake, per link."""

    def __init__(self, user_agent: str, timeout: float, resolver: Resolver | None = None):
        self.user_agent = user_agent
        self.timeout = timeout
        self.resolver = resolver or Resolver()
        self._ssl_context: ssl.SSLContext | None = None
        self._idle: dict[tuple, list[_Connection]] = {}

    @property
    def _ssl(self) -> ssl.SSLContext:
        if self._ssl_context is None:  # loading the CA store costs ~40 ms: only when https is asked
            self._ssl_context = ssl.create_default_context()
        return self._ssl_context

    def close(self) -> None:
        for pool in self._idle.values():
            for conn in pool:
                conn.abort()
        self._idle.clear()

    async def request(self, url: str, method: str, body_limit=lambda response: 0) -> Response:
        """One request. `body_limit(response)` (headers known, body empty) says how
        many body bytes to read; the connection is dropped after that many."""
        state = {"phase": "connect"}
        try:
            async with asyncio.timeout(self.timeout):
                return await self._exchange(url, method, body_limit, state)
        except TimeoutError:
            if state["phase"] == "body":
                raise FetchError("timeout", f"the headers came, then the page stalled for more than {self.timeout:g} s") from None
            raise FetchError("timeout", f"no answer within {self.timeout:g} s") from None

    async def _exchange(self, url, method, body_limit, state) -> Response:
        parts = split_url(url)
        scheme = parts.scheme.lower()
        try:
            host = parts.hostname or ""
            port = parts.port or DEFAULT_PORTS[scheme]
            wire_host = host.encode("idna").decode("ascii") if host and not host.isascii() else host
        except (ValueError, KeyError, UnicodeError) as exc:
            raise FetchError("protocol", f"not a valid http(s) URL ({exc})") from None
        if not wire_host:
            raise FetchError("protocol", "the URL has no host name")

        key = (scheme, wire_host, port)
        payload = self._request_bytes(method, parts, wire_host, port, scheme)
        conn = self._take_idle(key)
        reused = conn is not None
        if conn is None:
            conn = await self._connect(wire_host, port, scheme == "https")
        keep = False
        try:
            state["phase"] = "headers"
            try:
                conn.writer.write(payload)
                version, status, reason, headers = await _read_head(conn.reader)
            except (FetchError, ConnectionError) as exc:
                if not reused or (isinstance(exc, FetchError) and exc.kind != "connection"):
                    raise
                # The server closed the idle connection meanwhile: once more on a fresh one.
                conn.abort()
                conn = await self._connect(wire_host, port, scheme == "https")
                conn.writer.write(payload)
                version, status, reason, headers = await _read_head(conn.reader)
            response = Response(url, method, status, reason, headers, b"", False)
            complete = True
            if method != "HEAD" and status not in (204, 304):
                limit = body_limit(response)
                state["phase"] = "body"
                raw, response.truncated, complete = await _read_body(conn.reader, headers, limit)
                if limit > 0:
                    response.body = _decode_content(raw, headers.get("content-encoding", ""), limit)
            keep = (complete and version == "HTTP/1.1"
                    and "close" not in headers.get("connection", "").lower())
            return response
        except (ConnectionError, OSError) as exc:
            raise FetchError("connection", f"the connection broke ({_why(exc)})") from None
        finally:
            if keep:
                self._idle.setdefault(key, []).append(conn)
            else:
                conn.abort()

    def _take_idle(self, key) -> _Connection | None:
        pool = self._idle.get(key)
        while pool:
            conn = pool.pop()
            if conn.usable():
                return conn
            conn.abort()
        return None

    async def _connect(self, host: str, port: int, tls: bool) -> _Connection:
        addresses = await self.resolver.resolve(host)
        last: FetchError | None = None
        for address in addresses:
            try:
                reader, writer = await asyncio.open_connection(
                    address, port, ssl=self._ssl if tls else None,
                    server_hostname=host if tls else None, limit=MAX_HEADER_BYTES)
                return _Connection(reader, writer)
            except ConnectionRefusedError:
                last = FetchError("refused", f"connection refused by {host}:{port}")
            except ssl.SSLCertVerificationError as exc:
                raise FetchError("tls", f"TLS certificate not accepted ({exc.verify_message})") from None
            except ssl.SSLError as exc:
                raise FetchError("tls", f"TLS failed ({exc.reason or exc})") from None
            except OSError as exc:
                last = FetchError("connection", f"cannot connect to {host}:{port} ({_why(exc)})")
        raise last or FetchError("dns", f"host name '{host}' has no address")

    def _request_bytes(self, method, parts, host, port, scheme) -> bytes:
        path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
        if parts.query:
            path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
        host_header = f"[{host}]" if ":" in host else host
        if port != DEFAULT_PORTS[scheme]:
            host_header += f":{port}"
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {host_header}",
            f"User-Agent: {self.user_agent}",
            "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
            "Accept-Language: sv,en;q=0.8",
            "Accept-Encoding: gzip, deflate, identity",
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")


def _why(exc: BaseException) -> str:
    return exc.strerror or type(exc).__name__ if isinstance(exc, OSError) else str(exc) or type(exc).__name__


async def _read_head(reader: asyncio.StreamReader):
    while True:
        try:
            raw = await reader.readuntil(b"\r\n\r\n")
        except asyncio.LimitOverrunError:
            raise FetchError("protocol", "the response headers are too large") from None
        except asyncio.IncompleteReadError as exc:
            if not exc.partial:
                raise FetchError("connection", "the server closed the connection without answering") from None
            raise FetchError("protocol", "the server sent incomplete headers") from None
        lines = raw.decode("latin-1").split("\r\n")
        fields = lines[0].split(" ", 2)
        if len(fields) < 2 or not fields[0].startswith("HTTP/") or not fields[1].isdigit():
            raise FetchError("protocol", f"not an HTTP answer: {lines[0][:60]!r}")
        status = int(fields[1])
        if 100 <= status < 200:
            continue  # 100 Continue, 103 Early Hints: the real answer follows
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep:
                continue
            name, value = name.strip().lower(), value.strip()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        return fields[0], status, (fields[2] if len(fields) > 2 else ""), headers


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str], limit: int) -> tuple[bytes, bool, bool]:
    """At most `limit` bytes of the body; whether more was left unread; whether the
    body was read to its end (a small unwanted one is, so the connection can be reused)."""
    budget = max(limit, DRAIN_BYTES)
    out = bytearray()
    seen = 0
    try:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            while seen <= budget:
                size_line = await reader.readuntil(b"\r\n")
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while (await reader.readuntil(b"\r\n")) != b"\r\n":
                        pass  # trailers
                    return bytes(out), False, True
                if seen + size > budget:
                    out += (await reader.readexactly(max(0, min(size, limit - len(out)))))
                    return bytes(out), True, False
                chunk = await reader.readexactly(size)
                seen += size
                out += chunk[:max(0, limit - len(out))]
                await reader.readexactly(2)
            return bytes(out), True, False
        length = headers.get("content-length", "").strip()
        if length.isdigit():
            total = int(length)
            if total <= budget:
                data = await reader.readexactly(total)
                return data[:limit], total > limit, True
            return await reader.readexactly(limit), True, False
        while len(out) < limit:  # the body ends when the server closes the connection
            chunk = await reader.read(min(65536, limit - len(out)))
            if not chunk:
                return bytes(out), False, False
            out += chunk
        return bytes(out), True, False
    except asyncio.IncompleteReadError as exc:  # shorter than announced: use what came
        return (bytes(out) + exc.partial)[:limit], False, False
    except (ValueError, asyncio.LimitOverrunError):
        return bytes(out), False, False


def _decode_content(raw: bytes, encoding: str, limit: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return raw
    try:
        # wbits 32+: gzip or zlib header, detected; a truncated stream decodes as far as it goes.
        return zlib.decompressobj(32 + zlib.MAX_WBITS).decompress(raw, limit)
    except zlib.error:
        try:
            return zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, limit)  # raw deflate
        except zlib.error:
            return b""
