import time

import pytest

from sources.fetch import FetchError, fetch

from .conftest import raw_server


def test_fetch_reads_a_page_from_an_allowed_host(web):
    web.routes["/a"] = (200, {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'}, b"<p>hello</p>")
    page = fetch(web.base + "/a")
    assert page.body == b"<p>hello</p>" and page.charset == "utf-8" and page.etag == '"v1"'


def test_fetch_follows_redirects_and_checks_each_hop(web):
    web.routes["/old"] = (301, {"Location": "/new"}, b"")
    web.routes["/new"] = (200, {"Content-Type": "text/plain"}, b"moved")
    assert fetch(web.base + "/old").body == b"moved"
    web.routes["/escape"] = (302, {"Location": "http://169.254.169.254/latest/meta-data"}, b"")
    with pytest.raises(FetchError, match="non-public"):
        fetch(web.base + "/escape")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://localhost/", "http://10.0.0.1/", "http://[::1]/"])
def test_fetch_refuses_private_and_loopback_addresses(url, settings):
    settings.BRIEFWIKI_FETCH_ALLOWED_HOSTS = []
    with pytest.raises(FetchError, match="non-public"):
        fetch(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://x/"])
def test_fetch_refuses_other_schemes(url):
    with pytest.raises(FetchError, match="Only http and https"):
        fetch(url)


def test_fetch_caps_the_size(web, settings):
    settings.BRIEFWIKI_FETCH_MAX_BYTES = 1000
    web.routes["/big"] = (200, {"Content-Type": "text/plain"}, b"x" * 5000)
    with pytest.raises(FetchError, match="too large|larger than"):
        fetch(web.base + "/big")


def test_server_errors_are_transient_and_client_errors_are_not(web):
    web.routes["/down"] = (503, {}, b"")
    with pytest.raises(FetchError) as down:
        fetch(web.base + "/down")
    assert down.value.transient
    with pytest.raises(FetchError) as missing:
        fetch(web.base + "/missing")
    assert not missing.value.transient


def test_fetch_times_out(web, settings):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts, never answers
    settings.BRIEFWIKI_FETCH_READ_TIMEOUT = 1
    try:
        with pytest.raises(FetchError) as info:
            fetch(f"http://127.0.0.1:{silent.getsockname()[1]}/")
        assert info.value.transient
    finally:
        silent.close()


@pytest.mark.parametrize("headers", [
    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n",  # a body that never ends
    b"HTTP/1.1 200 OK\r\n",  # headers that never end
])
def test_a_dripping_server_cannot_hold_a_fetch_past_its_deadline(headers, settings):
    """The read timeout is per read: only the total deadline stops a byte every 0.2 s."""
    settings.BRIEFWIKI_FETCH_READ_TIMEOUT = 5
    settings.BRIEFWIKI_FETCH_DEADLINE = 1.5
    settings.BRIEFWIKI_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]

    def drip(conn, stop):
        conn.sendall(headers)
        while not stop.wait(0.2):
            conn.sendall(b"x")

    start = time.monotonic()
    with raw_server(drip) as base, pytest.raises(FetchError, match="longer than 1.5 s") as info:
        fetch(base + "/")
    assert info.value.transient and time.monotonic() - start < 3
