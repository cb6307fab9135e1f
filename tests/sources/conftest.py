import http.server
import threading

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
