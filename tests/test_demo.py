"""What `make run` sets up for a newcomer: an editor and a reviewer to log in as, pages that say
who may publish, the project's own error pages, a favicon, and quiet logs for expected refusals."""
import logging

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from core.log_filters import ExpectedRefusals
from core.roles import can_edit, can_publish
from tests.factories import BriefingFactory

pytestmark = pytest.mark.django_db


def demo_logins(capsys) -> dict[str, tuple[str, str]]:
    call_command("demo_user")
    lines = capsys.readouterr().out.split("\n")
    return {name: (role, password) for name, role, password in (line.split() for line in lines if line)}


def test_demo_user_makes_an_editor_and_a_reviewer_with_fresh_passwords(capsys):
    logins = demo_logins(capsys)
    assert {name: role for name, (role, _) in logins.items()} == {"demo-editor": "editor", "demo-reviewer": "reviewer"}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=logins)}
    editor, reviewer = users["demo-editor"], users["demo-reviewer"]
    assert can_edit(editor) and not can_publish(editor)
    assert can_publish(reviewer)
    assert editor.check_password(logins["demo-editor"][1])
    again = demo_logins(capsys)
    assert again["demo-editor"][1] != logins["demo-editor"][1]  # reset on every start


def test_an_older_demo_editor_that_could_publish_loses_it(capsys):
    from core.roles import REVIEWER, role_grant

    old = get_user_model().objects.create_user("demo-editor")
    role_grant(old, REVIEWER)
    demo_logins(capsys)
    assert not can_publish(get_user_model().objects.get(username="demo-editor"))


def test_pages_tell_an_editor_that_a_reviewer_publishes(client, capsys):
    logins = demo_logins(capsys)
    briefing = BriefingFactory(title="Kirkuk control", body="Draft text.")
    users = {u.username: u for u in get_user_model().objects.filter(username__in=logins)}
    client.force_login(users["demo-editor"])
    html = client.get(reverse("briefings:review", args=[briefing.slug])).content.decode()
    assert "A reviewer publishes the draft" in html and "Publish revision" not in html
    assert "a reviewer publishes it" in client.get(reverse("briefings:edit", args=[briefing.slug])).content.decode()
    client.logout()
    client.force_login(users["demo-reviewer"])
    html = client.get(reverse("briefings:review", args=[briefing.slug])).content.decode()
    assert "Publish revision 1" in html and "A reviewer publishes" not in html
    assert "you publish it" in client.get(reverse("briefings:edit", args=[briefing.slug])).content.decode()


def test_the_500_page_is_the_projects_own():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content and b"favicon.svg" in response.content


def test_the_404_page_lists_no_urls(client, bob, settings):
    settings.DEBUG = False
    client.force_login(bob)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"There is no such page" in response.content and b"URLconf" not in response.content


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert b"favicon.svg" in client.get(reverse("login")).content


def test_expected_refusals_are_logged_without_a_traceback():
    console = settings.LOGGING["handlers"]["console"]
    assert "expected_refusals" in console["filters"]
    try:
        raise PermissionError("no")
    except PermissionError as error:
        exc_info = (type(error), error, error.__traceback__)
    forbidden = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden: %s", ("/b/x/edit/",),
                                  exc_info)
    forbidden.status_code = 403
    failed = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Error: %s", ("/",), exc_info)
    failed.status_code = 500
    quiet = ExpectedRefusals()
    assert quiet.filter(forbidden) and forbidden.exc_info is None
    assert quiet.filter(failed) and failed.exc_info is not None  # real errors keep theirs
    assert "Traceback" not in logging.Formatter().format(forbidden)
