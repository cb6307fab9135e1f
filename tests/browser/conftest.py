"""Browser tests: pytest-playwright driving Debian's Chromium headless against pytest-django's
live server.

Playwright's own browser download does not work here, so the browser is /usr/bin/chromium
(`make test` installs the Debian package). Without it these tests skip with the reason, except
under CI=true, where a missing browser is a failure.

What a test gets:
- ``page`` / ``context`` / ``new_context`` from pytest-playwright, with ``base_url`` set to the
  live server, so ``page.goto("/b/kirkuk-control/")`` works;
- ``live_server`` (every test here runs on it, so the database is transactional and committed:
  the server thread sees what the test wrote);
- the cast from tests/conftest.py (alice the editor, bob the reader, ...) with their role groups,
  all with the password ``PASSWORD``;
- ``logged_in(page_or_context, user, password=PASSWORD)``: logs in through the real form at
  /accounts/login/ and returns the page, e.g. ``page = logged_in(new_context(), alice)`` for a
  second, independent browser session.
"""
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import IN_CI

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
# The probe's flags: without the background-networking ones Chromium keeps trying to reach Google
# hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium; a missing one skips the test, or fails it under CI."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing: `make test` installs it (apt-get install -y chromium, as root)"
        if IN_CI:
            pytest.fail(message + " (CI=true: a missing browser is a failure)", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


# pytest-playwright keeps Playwright for the whole session. Its sync API runs an event loop in
# the main thread while it lives, and Django refuses ORM calls from a thread with a running loop
# (SynchronousOnlyOperation), which would break every test collected after these. So Playwright
# and the browser live for this package only: started by its first test, stopped after its last
# (pytest-django runs all of them together: they are transactional), one browser for them all.
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package")
def playwright():
    """Playwright while the browser tests run, with Django's async-safety check off meanwhile
    (the tests are synchronous code) and back on after: later tests' subprocesses must not
    inherit it (`check --deploy` refuses it)."""
    from playwright.sync_api import expect, sync_playwright

    # The live server renders pages in a thread of the test process on a machine shared with
    # the rest of the suite: give assertions 10 s rather than 5 before they fail.
    expect.set_options(timeout=10_000)
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def browser_type(playwright, browser_name):
    return getattr(playwright, browser_name)


@pytest.fixture(scope="package")
def launch_browser(browser_type_launch_args, browser_type):
    def launch(**kwargs):
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="package")
def browser(launch_browser):
    """Debian's Chromium, launched once for all the browser tests."""
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def browser_context_args(base_url) -> dict:
    return {"base_url": base_url}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative URLs in ``page.goto`` resolve against the live server."""
    return live_server.url


@pytest.fixture(scope="module")
def _db_connections_closed_after_module(django_db_blocker):
    """Close the connection roles_restored_after_flush's teardown opens. It runs while
    Playwright's loop does, when Django keeps connections per async context: the session's
    teardown would not see it and could not drop the test database ("being accessed by other
    users")."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        connections.close_all()


@pytest.fixture(scope="module", autouse=True)
def _roles_back_after_module(_db_connections_closed_after_module, roles_restored_after_flush):
    """The flush after each transactional test removes the migration's role groups; put them
    back for the (non-browser) tests that run after this module."""
    yield


@pytest.fixture(autouse=True)
def _browser_test_setup(live_server, roles):
    """Every browser test runs against the live server, with the role groups present and an empty
    cache (the database was flushed, a cached page of the last test must not leak into this one)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def log_in(page, username: str, password: str = PASSWORD):
    """Fill in and submit the real login form; return the page after the redirect."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return page


@pytest.fixture
def logged_in() -> Callable:
    """``logged_in(page_or_context, user, password=PASSWORD)`` logs ``user`` (a user or a
    username) in through /accounts/login/ and returns the page, failing the test when the form
    does not accept the login. Given a browser context, it opens a new page in it."""
    from playwright.sync_api import BrowserContext, expect

    def _logged_in(page_or_context, user, password: str = PASSWORD):
        page = page_or_context.new_page() if isinstance(page_or_context, BrowserContext) else page_or_context
        username = user if isinstance(user, str) else user.get_username()
        log_in(page, username, password)
        expect(page.locator("header .account")).to_contain_text(username)
        return page

    return _logged_in
