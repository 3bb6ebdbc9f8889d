"""A small HTTP/1.1 client on plain sockets, and the limits that keep it polite.

Why not urllib or http.client: the checker must stop after the headers or after a
bounded prefix of the body (a 50 MB file is never downloaded), apply one timeout
to the whole exchange, and see every redirect and 429 itself instead of having a
library follow or hide them. Why threads rather than asyncio: a run is a few
dozen blocking sockets, and the command starts ~60 ms sooner without asyncio's
imports, which matters when a check takes well under a second. Keep-alive (a
connection is reused when its answer was read to the end) and the per-host limit
keep the checker gentle.
"""

from __future__ import annotations

import re
import socket
import threading
import time
import zlib
from collections import deque
from functools import lru_cache
from urllib.parse import quote, urlsplit

MAX_HEADER_BYTES = 64 * 1024
DRAIN_BYTES = 64 * 1024  # a small unwanted body (a redirect's, a 404's) is read to keep the connection
DEFAULT_PORTS = {"http": 80, "https": 443}
split_url = lru_cache(maxsize=4096)(urlsplit)  # each URL is split several times on its way
_AUTHORITY = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::(\d*))?")


class FetchError(Exception):
    """No usable HTTP answer. kind: timeout | dns | refused | tls | connection | protocol."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class Response:
    __slots__ = ("url", "method", "status", "reason", "headers", "body", "truncated")

    def __init__(self, url, method, status, reason, headers, body=b"", truncated=False):
        self.url, self.method, self.status, self.reason = url, method, status, reason
        self.headers: dict[str, str] = headers  # lower-case names; repeated headers joined with ", "
        self.body: bytes = body                 # at most the prefix asked for (decoded from gzip/deflate)
        self.truncated: bool = truncated        # the body went on beyond what was read

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        ctype = self.content_type
        return ctype in ("text/html", "application/xhtml+xml") or (not ctype and b"<html" in self.body[:2048].lower())


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
    number of worker threads), and a per-host "not before" time so a 429/503
    Retry-After pauses every request to that host.

    Workers take pages here: always from the host with the most links left, so no
    host is left with a long tail at the end, which its own limit would make slow.
    A worker holds at most one host's slot at a time (a redirect to another host
    gives the first back before it waits for the next), so no two can deadlock."""

    def __init__(self, per_host: int):
        self.per_host = per_host
        self._lock = threading.Lock()
        self._page_ready = threading.Condition(self._lock)
        self._host_free: dict[str, threading.Condition] = {}
        self._in_flight: dict[str, int] = {}
        self._queues: dict[str, deque] = {}
        self._not_before: dict[str, float] = {}
        self._stopped = False

    def add(self, key: str, item) -> None:
        self._queues.setdefault(key, deque()).append(item)
        self._in_flight.setdefault(key, 0)

    def next_page(self):
        """(item, host key) with that host's slot taken, or None when no work is left."""
        with self._lock:
            while not self._stopped:
                best = None
                for key, queue in self._queues.items():
                    if queue and self._in_flight[key] < self.per_host:
                        if best is None or len(queue) + self._in_flight[key] > best[0]:
                            best = (len(queue) + self._in_flight[key], key)
                if best is not None:
                    key = best[1]
                    self._in_flight[key] += 1
                    item = self._queues[key].popleft()
                    if not any(self._queues.values()):
                        self._page_ready.notify_all()  # the last page is out: idle workers may go
                    return item, key
                if not any(self._queues.values()):
                    return None
                self._page_ready.wait()
            return None

    def acquire(self, key: str) -> None:
        with self._lock:
            free = self._host_free.get(key)
            if free is None:
                free = self._host_free[key] = threading.Condition(self._lock)
            while self._in_flight.get(key, 0) >= self.per_host:
                free.wait()
            self._in_flight[key] = self._in_flight.get(key, 0) + 1

    def release(self, key: str) -> None:
        with self._lock:
            self._in_flight[key] -= 1
            waiting = self._host_free.get(key)
            if waiting is not None:
                waiting.notify()
            if self._queues.get(key):
                self._page_ready.notify()

    def wait_turn(self, key: str) -> None:
        """Sleep while the host asked us to wait (Retry-After)."""
        wait = self._not_before.get(key, 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def pause(self, key: str, seconds: float) -> None:
        with self._lock:
            until = time.monotonic() + seconds
            self._not_before[key] = max(self._not_before.get(key, 0.0), until)

    def stop(self) -> None:
        """No more pages to anyone; the pages not yet started are dropped."""
        with self._lock:
            self._stopped = True
            for queue in self._queues.values():
                queue.clear()
            self._page_ready.notify_all()


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
    """getaddrinfo once per host name, in a daemon thread: a lookup that hangs can
    time out without holding the process open at exit."""

    def __init__(self):
        self._lock = threading.Lock()
        self._lookups: dict[str, tuple[threading.Event, list]] = {}

    def resolve(self, host: str, deadline: float) -> list[str]:
        if _is_ip(host):
            return [host]
        if host == "invalid" or host.endswith(".invalid"):
            # RFC 6761: names under .invalid never resolve; answer without asking DNS.
            raise FetchError("dns", f"host name '{host}' does not exist (.invalid names never resolve)")
        with self._lock:
            lookup = self._lookups.get(host)
            if lookup is None:
                lookup = self._lookups[host] = (threading.Event(), [])
                threading.Thread(target=self._lookup, args=(host, *lookup), daemon=True).start()
        done, result = lookup
        if not done.wait(max(0.0, deadline - time.monotonic())):
            raise socket.timeout()
        if isinstance(result[0], FetchError):
            raise result[0]
        return result[0]

    @staticmethod
    def _lookup(host: str, done: threading.Event, result: list) -> None:
        try:
            infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
            result.append(list(dict.fromkeys(info[4][0] for info in infos)))
        except (OSError, UnicodeError) as exc:
            result.append(FetchError("dns", f"host name '{host}' does not resolve ({exc})"))
        done.set()


# ----------------------------------------------------------------- client

class _Connection:
    __slots__ = ("sock", "buf", "tls")

    def __init__(self, sock, tls: bool):
        self.sock = sock
        self.buf = bytearray()
        self.tls = tls

    def usable(self) -> bool:
        """Still open at the far end (a kept-alive connection may have been closed meanwhile)."""
        if self.buf:
            return False  # bytes nobody asked for: not a clean connection
        if self.tls:
            return True   # (a failed reuse is retried on a fresh connection anyway)
        try:
            self.sock.setblocking(False)  # (with a timeout set, Python would wait for data here)
            return self.sock.recv(1, socket.MSG_PEEK) != b""
        except BlockingIOError:
            return True   # nothing to read: open and quiet, as it should be
        except OSError:
            return False

    def close(self) -> None:
        # With unread data the kernel answers with a reset: the peer stops sending at once.
        try:
            self.sock.close()
        except OSError:
            pass


class _Eof(Exception):
    """The peer closed the connection; `partial` holds what came before."""

    def __init__(self, partial: bytes = b""):
        self.partial = partial


class Client:
    """HTTP/1.1 with keep-alive: a connection whose answer was read to the end goes
    back to a small per-host pool, so a host is not made to accept a new connection,
    or a TLS handshake, for every link."""

    def __init__(self, user_agent: str, timeout: float, resolver: Resolver | None = None):
        self.user_agent = user_agent
        self.timeout = timeout
        self.resolver = resolver or Resolver()
        self._ssl_context = None
        self._idle: dict[tuple, list[_Connection]] = {}
        self._lock = threading.Lock()

    def _ssl(self):
        with self._lock:
            if self._ssl_context is None:  # ssl and the CA store cost ~50 ms: only when https is asked
                import ssl
                self._ssl_context = ssl.create_default_context()
            return self._ssl_context

    def close(self) -> None:
        with self._lock:
            for pool in self._idle.values():
                for conn in pool:
                    conn.close()
            self._idle.clear()

    def request(self, url: str, method: str, body_limit=lambda response: 0) -> Response:
        """One request. `body_limit(response)` (headers known, body empty) says how
        many body bytes to read; the connection is dropped after that many."""
        deadline = time.monotonic() + self.timeout
        phase = ["connect"]
        try:
            return self._exchange(url, method, body_limit, deadline, phase)
        except (socket.timeout, TimeoutError):
            if phase[0] == "body":
                raise FetchError("timeout", f"the headers came, then the page stalled for more than {self.timeout:g} s") from None
            raise FetchError("timeout", f"no answer within {self.timeout:g} s") from None

    def _exchange(self, url, method, body_limit, deadline, phase) -> Response:
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
            conn = self._connect(wire_host, port, scheme == "https", deadline)
        keep = False
        try:
            phase[0] = "headers"
            try:
                _send(conn, payload, deadline)
                version, status, reason, headers = _read_head(conn, deadline)
            except (FetchError, OSError) as exc:
                if (not reused or isinstance(exc, TimeoutError)
                        or (isinstance(exc, FetchError) and exc.kind != "connection")):
                    raise
                # The server closed the idle connection meanwhile: once more on a fresh one.
                conn.close()
                conn = self._connect(wire_host, port, scheme == "https", deadline)
                _send(conn, payload, deadline)
                version, status, reason, headers = _read_head(conn, deadline)
            response = Response(url, method, status, reason, headers)
            complete = True
            if method != "HEAD" and status not in (204, 304):
                limit = body_limit(response)
                phase[0] = "body"
                raw, response.truncated, complete = _read_body(conn, headers, limit, deadline)
                if limit > 0:
                    response.body = _decode_content(raw, headers.get("content-encoding", ""), limit)
            keep = (complete and version == "HTTP/1.1"
                    and "close" not in headers.get("connection", "").lower())
            return response
        except (socket.timeout, TimeoutError):
            raise
        except OSError as exc:
            raise FetchError("connection", f"the connection broke ({_why(exc)})") from None
        finally:
            if keep:
                with self._lock:
                    self._idle.setdefault(key, []).append(conn)
            else:
                conn.close()

    def _take_idle(self, key) -> _Connection | None:
        with self._lock:
            pool = self._idle.get(key)
            while pool:
                conn = pool.pop()
                if conn.usable():
                    return conn
                conn.close()
        return None

    def _connect(self, host: str, port: int, tls: bool, deadline: float) -> _Connection:
        addresses = self.resolver.resolve(host, deadline)
        last: FetchError | None = None
        for address in addresses:
            try:
                sock = socket.create_connection((address, port), timeout=_remaining(deadline))
            except ConnectionRefusedError:
                last = FetchError("refused", f"connection refused by {host}:{port}")
                continue
            except (socket.timeout, TimeoutError):
                raise
            except OSError as exc:
                last = FetchError("connection", f"cannot connect to {host}:{port} ({_why(exc)})")
                continue
            if not tls:
                return _Connection(sock, False)
            import ssl
            try:
                sock.settimeout(_remaining(deadline))
                return _Connection(self._ssl().wrap_socket(sock, server_hostname=host), True)
            except ssl.SSLCertVerificationError as exc:
                sock.close()
                raise FetchError("tls", f"TLS certificate not accepted ({exc.verify_message})") from None
            except ssl.SSLError as exc:
                sock.close()
                raise FetchError("tls", f"TLS failed ({exc.reason or exc})") from None
            except (socket.timeout, TimeoutError):
                sock.close()
                raise
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


# ----------------------------------------------------------------- reading

def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise socket.timeout()
    return left


def _why(exc: BaseException) -> str:
    return exc.strerror or type(exc).__name__ if isinstance(exc, OSError) else str(exc) or type(exc).__name__


def _send(conn: _Connection, payload: bytes, deadline: float) -> None:
    conn.sock.settimeout(_remaining(deadline))
    conn.sock.sendall(payload)


def _fill(conn: _Connection, deadline: float) -> None:
    conn.sock.settimeout(_remaining(deadline))
    data = conn.sock.recv(65536)
    if not data:
        raise _Eof(bytes(conn.buf))
    conn.buf += data


def _read_until(conn: _Connection, marker: bytes, limit: int, deadline: float) -> bytes:
    start = 0
    while True:
        at = conn.buf.find(marker, start)
        if at >= 0:
            end = at + len(marker)
            data = bytes(conn.buf[:end])
            del conn.buf[:end]
            return data
        if len(conn.buf) > limit:
            raise FetchError("protocol", "the response headers are too large")
        start = max(0, len(conn.buf) - len(marker) + 1)
        _fill(conn, deadline)


def _read_exactly(conn: _Connection, count: int, deadline: float) -> bytes:
    while len(conn.buf) < count:
        _fill(conn, deadline)
    data = bytes(conn.buf[:count])
    del conn.buf[:count]
    return data


def _read_head(conn: _Connection, deadline: float):
    while True:
        try:
            raw = _read_until(conn, b"\r\n\r\n", MAX_HEADER_BYTES, deadline)
        except _Eof as eof:
            if not eof.partial:
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


def _read_body(conn: _Connection, headers: dict[str, str], limit: int, deadline: float) -> tuple[bytes, bool, bool]:
    """At most `limit` bytes of the body; whether more was left unread; whether the
    body was read to its end (a small unwanted one is, so the connection can be reused)."""
    budget = max(limit, DRAIN_BYTES)
    out = bytearray()
    try:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            seen = 0
            while seen <= budget:
                size = int(_read_until(conn, b"\r\n", 1024, deadline).split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while _read_until(conn, b"\r\n", MAX_HEADER_BYTES, deadline) != b"\r\n":
                        pass  # trailers
                    return bytes(out), False, True
                if seen + size > budget:
                    out += _read_exactly(conn, max(0, min(size, limit - len(out))), deadline)
                    return bytes(out), True, False
                chunk = _read_exactly(conn, size, deadline)
                seen += size
                out += chunk[:max(0, limit - len(out))]
                _read_exactly(conn, 2, deadline)
            return bytes(out), True, False
        length = headers.get("content-length", "").strip()
        if length.isdigit():
            total = int(length)
            if total <= budget:
                data = _read_exactly(conn, total, deadline)
                return data[:limit], total > limit, True
            return _read_exactly(conn, limit, deadline), True, False
        while len(conn.buf) < limit:  # the body ends when the server closes the connection
            _fill(conn, deadline)
        return bytes(conn.buf[:limit]), True, False
    except _Eof as eof:  # shorter than announced, or ended by closing: use what came
        return (bytes(out) + eof.partial)[:limit], False, False
    except (ValueError, FetchError):
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
