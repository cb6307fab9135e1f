"""Fetching a URL for ingestion, safely.

Only http(s); every address the host resolves to must be public (not private, loopback,
link-local, multicast or reserved) unless the host is listed in BRIEFWIKI_FETCH_ALLOWED_HOSTS
(tests serve feeds on localhost that way). The connection goes to the address that was checked,
so a second DNS answer cannot point it elsewhere; redirects are followed by hand and each hop is
checked again. Timeouts and a size cap bound every request.
"""
import ipaddress
import socket
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
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"Only http and https URLs can be fetched, not {url[:100]!r}.")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _public_address(parts.hostname, port)
        pool_class = urllib3.HTTPSConnectionPool if parts.scheme == "https" else urllib3.HTTPConnectionPool
        extra = {"server_hostname": parts.hostname, "assert_hostname": parts.hostname} if parts.scheme == "https" else {}
        pool = pool_class(address, port, timeout=timeout, retries=False, maxsize=1, **extra)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
        try:
            response = pool.urlopen("GET", path, headers={**headers, "Host": host_header},
                                    redirect=False, preload_content=False, decode_content=True)
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(f"Fetching {url[:200]} failed: {exc.__class__.__name__}.", transient=True) from exc
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
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(f"Reading {url[:200]} failed: {exc.__class__.__name__}.", transient=True) from exc
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
