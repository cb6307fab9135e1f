import http.server
import socket
import threading
from contextlib import contextmanager

import pytest


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802
        route = self.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        status, headers, body = route
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def web(settings):
    """A real HTTP server on localhost serving ``routes``; localhost is allowed for fetching."""
    routes: dict = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.BRIEFWIKI_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    server.base = f"http://127.0.0.1:{server.server_port}"
    server.routes = routes
    yield server
    server.shutdown()
    server.server_close()


@contextmanager
def raw_server(answer):
    """A local TCP server calling ``answer(conn, stop)`` for each connection (after reading the
    request), for servers no well-behaved handler would be: ones that drip, hang or die. Yields
    its base URL; ``stop`` is set when the block ends."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            try:
                conn.recv(65536)
                answer(conn, stop)
            except OSError:
                pass
            finally:
                conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()
