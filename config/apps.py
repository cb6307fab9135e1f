from django.apps import AppConfig

from . import checks  # noqa: F401  (importing registers the system checks)


class ConfigConfig(AppConfig):
    """The project package as an app, so its system checks register on startup."""

    name = "config"
    label = "briefwiki"
    verbose_name = "Briefwiki"
