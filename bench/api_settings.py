"""Settings for bench/api.py's server: the project's base settings plus the bare endpoint's URL."""
from config.settings.base import *  # noqa: F401,F403
from config.settings.base import VAR_DIR

ROOT_URLCONF = "bench.api_app"
DEBUG = False
# WhiteNoise warns about a missing STATIC_ROOT on every worker start; give it an empty one.
STATIC_ROOT = VAR_DIR / "bench-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
