"""Briefwiki's project package: settings, Celery app, URLs, system checks."""
from .celery import app as celery_app

__all__ = ("celery_app",)
