"""WSGI entry point (gunicorn config.wsgi). Production settings unless told otherwise."""
import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
# What loading the project made lives as long as the worker: the collector leaves it alone, so
# a full collection walks only what requests made (a page of 50 review cards allocates enough
# to trigger one every few views, and walking the whole heap then costs tens of milliseconds).
gc.freeze()
