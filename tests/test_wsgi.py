"""The WSGI entry point: what loading the project made is kept out of the collector's walks."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_loading_the_wsgi_application_freezes_what_it_loaded():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    out = subprocess.run([sys.executable, "-c", "import gc, config.wsgi; print(gc.get_freeze_count())"],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert int(out.strip().splitlines()[-1]) > 10_000
