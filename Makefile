# The two commands of the quick start: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
export PYTHON

.PHONY: run test machine-run machine-test setup lint lock translations translations-update clean

# What the machine needs (system libraries, fonts; for the tests also Chromium, poppler and PostgreSQL 15).
machine-run:
	scripts/setup run

machine-test:
	scripts/setup test

# Exactly the versions in the lock, checked against their hashes; `make lock` refreshes it.
$(VENV)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

instance/secret_key:
	mkdir -p instance
	$(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $@

setup: $(VENV)/.installed translations

translations: $(VENV)/.installed
	SECRET_KEY=unused $(BIN)/flask translate compile

# The web server, and beside it the worker of background tasks (`flask jobs worker`, on instance/tasks.db), which
# prints each mail and keeps it in instance/outbox instead of sending it. Stopping the server (Ctrl-C) stops both.
# The IATI reporting organisation is a made-up one (XX is no registration agency's prefix), for the demo's export.
run: machine-run setup instance/secret_key
	SECRET_KEY=$$(cat instance/secret_key) $(BIN)/flask db upgrade
	SECRET_KEY=$$(cat instance/secret_key) $(BIN)/flask demo load --if-empty
	SECRET_KEY=$$(cat instance/secret_key) $(BIN)/flask demo accounts
	export SECRET_KEY=$$(cat instance/secret_key) MAIL_BACKEND=outbox \
		IATI_REPORTING_ORG_REF=XX-DEMO-PORTAL IATI_REPORTING_ORG_NAME="Demo organisation (not for publication)"; \
	$(BIN)/flask jobs worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# Every test on SQLite, in random order (pytest-randomly), on two workers; then the tests that touch a database
# (marked `db` by tests/conftest.py) again on a throwaway PostgreSQL 15 server; browser and PDF tests run once.
test: machine-test setup
	$(BIN)/pytest -p no:cacheprovider -n 2
	TEST_DATABASE=postgresql $(BIN)/pytest -p no:cacheprovider -n 2 -m "db and not browser and not pdf"

lint: $(VENV)/.installed
	$(BIN)/ruff check portal tests bench
	$(BIN)/ruff format --check portal tests bench

# Pin every dependency of pyproject.toml anew (add UPGRADE=--upgrade to move to the newest releases).
LOCK_OPTIONS := --python-version 3.11 --generate-hashes --quiet --custom-compile-command 'make lock' $(UPGRADE)
lock: $(VENV)/.installed
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev $(LOCK_OPTIONS) -o requirements/dev.txt
	$(BIN)/uv pip compile pyproject.toml requirements/build.in -c requirements/dev.txt $(LOCK_OPTIONS) \
		-o requirements/main.txt

translations-update: $(VENV)/.installed
	SECRET_KEY=unused $(BIN)/flask translate update

clean:
	rm -rf $(VENV) build *.egg-info
