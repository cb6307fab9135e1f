import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from config.checks import check_secret_key, secret_key_problem

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "key, problem",
    [
        ("", "not set"),
        ("django-insecure-abcdefghijklmnopqrstuvwxyz0123456789abcdefghijkl", "development key"),
        ("short-key", "weak"),
        ("a" * 60, "weak"),
    ],
)
def test_secret_key_problem_names_what_is_wrong(key, problem):
    assert problem in secret_key_problem(key)


def test_a_long_random_secret_key_is_fine():
    assert secret_key_problem(secrets.token_urlsafe(64)) is None


def test_secret_key_check_reports_e001_without_debug_only():
    with override_settings(DEBUG=False, SECRET_KEY="weak"):
        assert [e.id for e in check_secret_key(None)] == ["briefwiki.E001"]
    with override_settings(DEBUG=True, SECRET_KEY="weak"):
        assert check_secret_key(None) == []


def _deploy_check(env_extra: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "briefwiki.example"})
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_check_deploy_but_for_hsts_preload(tmp_path):
    """The one warning left is security.W021: joining the browsers' HSTS preload list is a
    decision for whoever owns the domain (README, "Deploying")."""
    result = _deploy_check({"SECRET_KEY": secrets.token_urlsafe(64), "BRIEFWIKI_VAR_DIR": str(tmp_path)})
    reported = set(re.findall(r"\((\S+\.[EW]\d+)\)", result.stdout + result.stderr))
    assert reported == {"security.W021"}, result.stdout + result.stderr
    preloaded = _deploy_check(
        {"SECRET_KEY": secrets.token_urlsafe(64), "BRIEFWIKI_VAR_DIR": str(tmp_path), "SECURE_HSTS_PRELOAD": "1"}
    )
    assert preloaded.returncode == 0 and "no issues" in preloaded.stdout, preloaded.stdout + preloaded.stderr


def test_production_settings_refuse_a_missing_secret(tmp_path):
    result = _deploy_check({"BRIEFWIKI_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "briefwiki.E001" in result.stderr
