"""Small HTTP servers on 127.0.0.1 for the link checker's tests and benchmark.

Each Server listens on its own port (a "host" to the checker, whose per-host
limit counts name and port), answers from a table of routes, and records what
it saw: every request, the most requests in progress at once, and for large
bodies how much it managed to send before the client hung up.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

HTML = "text/html; charset=utf-8"


def page(title: str = "Sida", body: str = "<p>Innehåll</p>") -> bytes:
    return (f"<!doctype html><html lang=sv><head><meta charset=utf-8><title>{title}</title></head>"
            f"<body><main>{body}</main></body></html>").encode()


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    at: float


class Gauge:
    """Requests in progress, and the most there ever were; shareable between servers."""

    def __init__(self):
        self._lock = threading.Lock()
        self.now = self.peak = 0

    def enter(self):
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def leave(self):
        with self._lock:
            self.now -= 1


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

# A route is a Reply, or a function (handler, seen) -> Reply | None; None means
# the function wrote the whole answer itself (stalls, huge bodies).
Route = "Reply | Callable[[Handler, Seen], Reply | None]"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_HTTPServer"

    def log_message(self, *args):  # quiet tests
        pass

    def setup(self):
        super().setup()
        # Headers and body go out in two writes; without NODELAY, Nagle's algorithm and the
        # client's delayed ACK hold the body back ~40 ms on a kept-alive connection.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        self._answer()

    def do_HEAD(self):
        self._answer()

    def _answer(self):
        owner: Server = self.server.owner
        path = self.path.split("?", 1)[0]
        seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
        owner.seen.append(seen)
        route = owner.routes.get(path, owner.default)
        for gauge in owner.gauges:
            gauge.enter()
        try:
            reply = route(self, seen) if callable(route) else route
            if reply is not None and reply.delay:
                owner.stopping.wait(reply.delay)
        finally:
            # Counted until the answer is about to be sent: the client cannot start its
            # next request before this one is answered, so the count never overstates.
            for gauge in owner.gauges:
                gauge.leave()
        if reply is None:
            return
        try:
            self.send_response(reply.status)
            headers = {"Content-Type": HTML, **reply.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
        except OSError:  # the client hung up after the headers: it may, when it needs no body
            self.close_connection = True


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256  # many clients connect at once in the benchmark
    owner: "Server"


class Server:
    def __init__(self, routes: dict | None = None, default: "Reply | Callable | None" = None,
                 gauges: list[Gauge] | None = None, tls: tuple[str, str] | None = None):
        self.routes = dict(routes or {})
        self.default = default or Reply(404, page("Not Found", "<h1>404</h1>"))
        self.seen: list[Seen] = []
        self.gauge = Gauge()
        self.gauges = [self.gauge, *(gauges or [])]
        self.stopping = threading.Event()
        self.big_sent = 0           # bytes of a big body that went out
        self.big_stopped = threading.Event()  # set when the client hung up on a big body
        self._httpd = _HTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.owner = self
        self.port = self._httpd.server_address[1]
        self.scheme = "http"
        if tls:  # (certificate file, key file): an https server
            import ssl
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def url(self, path: str = "/") -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def requests_for(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def close(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ----------------------------------------------------------------- special routes

def redirect(location: str, status: int = 301) -> Reply:
    return Reply(status, b"", {"Location": location})


def stall_after_headers(handler: Handler, seen: Seen):
    """Announce a page, send the headers, then nothing until the server stops."""
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.wfile.write(b"<!doctype html><html><head><title>Sl")
    handler.wfile.flush()
    handler.server.owner.stopping.wait(30)
    return None


def huge_body(size: int, content_type: str = HTML):
    """A body of `size` bytes, sent until done or until the client hangs up."""
    def route(handler: Handler, seen: Seen):
        owner = handler.server.owner
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        if seen.method == "HEAD":
            return None
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        try:
            while owner.big_sent < size:
                handler.wfile.write(chunk)
                owner.big_sent += len(chunk)
        except OSError:  # broken pipe / reset: the client stopped reading, as it should
            owner.big_stopped.set()
        handler.close_connection = True
        return None
    return route


def gzipped(reply: Reply) -> Reply:
    """The same reply, its body gzip-compressed (as most sites send pages)."""
    import gzip
    return Reply(reply.status, gzip.compress(reply.body), {**reply.headers, "Content-Encoding": "gzip"}, reply.delay)


def chunked(body: bytes, size: int = 100):
    """The body in chunks of `size` bytes (Transfer-Encoding: chunked, no Content-Length)."""
    def route(handler: Handler, seen: Seen):
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        if seen.method == "HEAD":
            return None
        try:
            for start in range(0, len(body), size):
                piece = body[start:start + size]
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            handler.wfile.write(b"0\r\n\r\n")
        except OSError:
            handler.close_connection = True
        return None
    return route


def once_then(first: Reply, then: Reply):
    """`first` for the first request to the route, `then` afterwards (429, flaky servers)."""
    calls = []

    def route(handler: Handler, seen: Seen):
        calls.append(seen)
        return first if len(calls) == 1 else then
    return route


def by_method(**replies: Reply):
    """A different reply per method, e.g. by_method(HEAD=Reply(405), GET=Reply(200, ...))."""
    def route(handler: Handler, seen: Seen):
        return replies[seen.method]
    return route


def self_signed_certificate(folder) -> tuple[str, str]:
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    import subprocess

    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


def free_port() -> int:
    """A port with nothing listening on it (bound, then closed): connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------- benchmark host

class DelayServer:
    """A fast threaded server for the benchmark: every path answers 200 with the
    same small page after `delay` seconds. It reads the request line and headers
    by hand and answers in one write, so the measured time is the checker's, not
    http.server's header parsing. Keep-alive, HEAD and GET."""

    def __init__(self, delay: float, body: bytes | None = None, host: str = "127.0.0.1"):
        import socketserver

        body = body if body is not None else page("Tjänst", "<h1>Tjänst</h1><p>Så gör du.</p>")
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: {HTML}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        self.delay = delay
        self.requests = 0
        self.gauge = Gauge()
        stopping = self.stopping = threading.Event()
        owner = self

        class FastHandler(socketserver.StreamRequestHandler):
            def handle(self):
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                while not stopping.is_set():
                    line = self.rfile.readline(65537)
                    if not line:
                        return
                    close = False
                    while True:
                        header = self.rfile.readline(65537)
                        if header in (b"\r\n", b"\n", b""):
                            break
                        if header.lower().startswith(b"connection:") and b"close" in header.lower():
                            close = True
                    owner.requests += 1
                    owner.gauge.enter()
                    stopping.wait(owner.delay)
                    owner.gauge.leave()
                    try:
                        self.wfile.write(head if line.startswith(b"HEAD ") else head + body)
                    except OSError:
                        return
                    if close:
                        return

        class Threaded(socketserver.ThreadingTCPServer):
            daemon_threads = True
            block_on_close = False
            allow_reuse_address = True
            request_queue_size = 256

        self.host = host
        self._server = Threaded((host, 0), FastHandler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def close(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
