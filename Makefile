# The two commands a user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run test test-clock typecheck lock bench-load install migrate translations messages lint format clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

translations: install
	$(PY) manage.py compiletranslations

migrate: install
	mkdir -p var/mail
	$(PY) manage.py migrate --noinput

## Start web, worker and beat on http://127.0.0.1:8000 (Ctrl-C stops all)
run: migrate translations
	mkdir -p var/mail var/celery/queue var/celery/processed
	PYTHONUNBUFFERED=1 $(VENV)/bin/honcho start -f Procfile

## Lint, then the whole test suite
test: install translations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	bash scripts/ensure-chromium.sh
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

## The unit and integration tests again with the clock moved (libfaketime): +400 and +3 days
test-clock: install translations
	DJANGO_SETTINGS_MODULE=config.settings.test bash scripts/test-clock.sh $(PY)

## Type check wizard/ and config/ (mypy with django-stubs; part of `make test`)
typecheck: install
	$(VENV)/bin/mypy

## requirements.lock: every runtime dependency pinned with hashes (the Docker image installs it)
lock: install
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
	  --output-file requirements.lock pyproject.toml

## The load benchmark (bench/load, docs/benchmarks.md): installs Locust, then 50 phones
bench-load: install
	$(PY) -m pip install --quiet -e ".[dev,load]"
	$(PY) bench/load/run.py $(BENCH_ARGS)

## Re-extract translatable strings (needs GNU gettext; developers only)
messages: install
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=var --ignore=wizard/evidence --ignore=wizard/reminders --ignore=bench
	cd wizard/evidence && ../../$(PY) ../../manage.py makemessages -l zh_Hans -l en
	cd wizard/reminders && ../../$(PY) ../../manage.py makemessages -l zh_Hans -l en

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf var staticfiles test-output
