# The two commands of the quick start: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi

.PHONY: run test setup lint translations translations-update clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

instance/secret_key:
	mkdir -p instance
	$(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $@

setup: $(VENV)/.installed translations

translations: $(VENV)/.installed
	SECRET_KEY=unused $(BIN)/flask translate compile

run: setup instance/secret_key
	SECRET_KEY=$$(cat instance/secret_key) $(BIN)/flask db upgrade
	SECRET_KEY=$$(cat instance/secret_key) $(BIN)/flask demo load --if-empty
	SECRET_KEY=$$(cat instance/secret_key) $(BIN)/flask demo accounts
	SECRET_KEY=$$(cat instance/secret_key) $(BIN)/flask run --host 127.0.0.1 --port 5000

# The suite runs twice: on SQLite, then on a throwaway PostgreSQL server that tests/pgserver.py starts.
test: setup
	$(BIN)/pytest -p no:cacheprovider -n 2
	TEST_DATABASE=postgresql $(BIN)/pytest -p no:cacheprovider -n 2

lint: $(VENV)/.installed
	$(BIN)/ruff check portal tests bench
	$(BIN)/ruff format --check portal tests bench

translations-update: $(VENV)/.installed
	SECRET_KEY=unused $(BIN)/flask translate update

clean:
	rm -rf $(VENV) build *.egg-info
