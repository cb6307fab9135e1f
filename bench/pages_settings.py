"""Settings for bench/pages.py's server: the project's base settings (DJANGO_DEBUG=0 in the
environment) with the bare view's URL added beside the project's."""
from config.settings.base import *  # noqa: F401,F403
from config.settings.base import VAR_DIR

ROOT_URLCONF = "bench.pages_app"
DEBUG = False
# WhiteNoise warns about a missing STATIC_ROOT on every worker start; give it an empty one.
STATIC_ROOT = VAR_DIR / "bench-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
