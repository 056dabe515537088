# CreditDesk — `make run` opens the app on demo data, `make test` runs the test suite.
# Both set up a virtual environment (.venv) with everything the project needs first.

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= var/demo

.PHONY: run test bench lint typecheck check clean setup installer server

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,server]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py --data-dir $(DEMO_DIR) --demo 50000

test: $(STAMP)
	. tests/postgres.sh && QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The reference sharing platform on 127.0.0.1, seeded with demo data and demo accounts (printed).
SERVER_PORT ?= 8765
SERVER_DEMO ?= 20000
server: $(STAMP)
	$(BIN)/creditdesk-server serve --host 127.0.0.1 --port $(SERVER_PORT) --demo $(SERVER_DEMO)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

installer: $(STAMP)
	$(BIN)/pip install --quiet -e '.[installer]'
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build installers/creditdesk.spec

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
