"""Logging in and out through the real form, in Chromium."""
import re

from playwright.sync_api import expect

from .conftest import log_in


def test_login_shows_username_in_nav_and_logout_signs_out(page, alice, logged_in):
    logged_in(page, alice)

    account = page.locator("header .account")
    expect(account).to_contain_text("alice")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    account.get_by_role("button", name="Log out").click()
    expect(account.get_by_role("link", name="Log in")).to_be_visible()
    expect(account).not_to_contain_text("alice")


def test_wrong_password_shows_form_error(page, alice):
    log_in(page, "alice", "not the password")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("form")).to_contain_text("Please enter a correct username and password")
    expect(page.locator("header .account")).not_to_contain_text("alice")


def test_login_returns_to_the_page_asked_for(page, bob):
    page.goto("/watches/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/watches/"))

    page.get_by_label("Username").fill("bob")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(r"/watches/$"))
    expect(page.locator("header .account")).to_contain_text("bob")
