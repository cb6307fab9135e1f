"""Fetching a URL for ingestion, safely.

Only http(s); every address the host resolves to must be public (not private, loopback,
link-local, multicast or reserved) unless the host is listed in BRIEFWIKI_FETCH_ALLOWED_HOSTS
(tests serve feeds on localhost that way). The connection goes to the address that was checked,
so a second DNS answer cannot point it elsewhere; redirects are followed by hand and each hop is
checked again. Timeouts, a size cap and a total deadline bound every request: the read timeout
counts per read, so a server sending a byte every few seconds would hold a worker for ever
without the deadline (``BRIEFWIKI_FETCH_DEADLINE``, over every hop).
"""
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

from .intake import IngestError

USER_AGENT = "Briefwiki/1.0 (+https://github.com/briefwiki)"
MAX_REDIRECTS = 5


class FetchError(IngestError):
    """The URL cannot be fetched; ``transient`` says whether trying later may help."""

    def __init__(self, message: str, *, transient: bool = False):
        super().__init__(message)
        self.transient = transient


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str = ""
    last_modified: str = ""


class _Deadline:
    """A fetch's total time: when it passes, the sockets of its connections are shut, so a
    blocked read (of the headers or of the body) ends at once, whatever the per-read timeout."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
        if self.passed:
            self._expire()

    def _expire(self) -> None:
        with self._lock:
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed

    def cancel(self) -> None:
        self._timer.cancel()


class _DeadlineMixin:
    # http.client hands the socket over to the response and closes the connection object
    # before the body is read, so the deadline keeps the socket itself.
    def __init__(self, *args, deadline: _Deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _HTTPConnection(_DeadlineMixin, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_DeadlineMixin, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


def _allowed_hosts() -> set[str]:
    return {h.lower() for h in getattr(settings, "BRIEFWIKI_FETCH_ALLOWED_HOSTS", [])}


def _public_address(host: str, port: int) -> str:
    """The first address of ``host``, after checking every address it resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"The host {host!r} could not be resolved.", transient=True) from exc
    addresses = [info[4][0] for info in infos]
    if host.lower() not in _allowed_hosts():
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise FetchError(f"Refusing to fetch {host!r}: it resolves to a non-public address ({ip}).")
    return addresses[0]


def _failure(doing: str, url: str, exc: Exception | None, deadline: _Deadline) -> FetchError:
    if deadline.passed:
        return FetchError(f"{doing} {url[:200]} took longer than {deadline.seconds} s.", transient=True)
    return FetchError(f"{doing} {url[:200]} failed: {exc.__class__.__name__}.", transient=True)


def fetch(url: str, *, accept: str = "text/html,application/xhtml+xml,*/*;q=0.5",
          etag: str = "", last_modified: str = "") -> Fetched:
    """GET ``url`` within the limits above; 304 comes back with an empty body."""
    timeout = urllib3.Timeout(connect=getattr(settings, "BRIEFWIKI_FETCH_CONNECT_TIMEOUT", 5),
                              read=getattr(settings, "BRIEFWIKI_FETCH_READ_TIMEOUT", 15))
    max_bytes = getattr(settings, "BRIEFWIKI_FETCH_MAX_BYTES", 5 * 1024 * 1024)
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = _Deadline(getattr(settings, "BRIEFWIKI_FETCH_DEADLINE", 30))
    try:
        return _fetch(url, headers=headers, timeout=timeout, max_bytes=max_bytes, deadline=deadline)
    finally:
        deadline.cancel()


def _fetch(url: str, *, headers: dict, timeout: urllib3.Timeout, max_bytes: int, deadline: _Deadline) -> Fetched:
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"Only http and https URLs can be fetched, not {url[:100]!r}.")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _public_address(parts.hostname, port)
        pool_class = _HTTPSPool if parts.scheme == "https" else _HTTPPool
        extra = {"server_hostname": parts.hostname, "assert_hostname": parts.hostname} if parts.scheme == "https" else {}
        pool = pool_class(address, port, timeout=timeout, retries=False, maxsize=1, deadline=deadline, **extra)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
        try:
            response = pool.urlopen("GET", path, headers={**headers, "Host": host_header},
                                    redirect=False, preload_content=False, decode_content=True)
        except urllib3.exceptions.HTTPError as exc:
            pool.close()
            raise _failure("Fetching", url, exc, deadline) from exc
        try:
            if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                url = urljoin(url, response.headers["Location"])
                continue
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"The response is too large ({int(declared):,} bytes; the limit is {max_bytes:,}).")
            body = bytearray()
            for chunk in response.stream(64 * 1024):
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(f"The response is larger than the limit of {max_bytes:,} bytes.")
            if deadline.passed:  # a shut socket reads as the end of a body without a length
                raise _failure("Reading", url, None, deadline)
        except urllib3.exceptions.HTTPError as exc:
            raise _failure("Reading", url, exc, deadline) from exc
        finally:
            response.release_conn()
            pool.close()
        if response.status >= 500 or response.status == 429:
            raise FetchError(f"{url[:200]} answered {response.status}.", transient=True)
        if response.status >= 400:
            raise FetchError(f"{url[:200]} answered {response.status}.")
        content_type = response.headers.get("Content-Type", "")
        charset = None
        if "charset=" in content_type:
            charset = content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"') or None
        return Fetched(url=url, status=response.status, content_type=content_type.split(";")[0].strip().lower(),
                       charset=charset, body=bytes(body), etag=response.headers.get("ETag", ""),
                       last_modified=response.headers.get("Last-Modified", ""))
    raise FetchError(f"Too many redirects (more than {MAX_REDIRECTS}).")
