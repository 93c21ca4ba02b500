# Two entry points for a fresh machine with Python, pip and apt: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint clean

$(BIN)/communique: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

setup: $(BIN)/communique

demo: setup
	$(BIN)/communique demo

test: setup
	$(BIN)/ruff check src tests
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) communique.duckdb .pytest_cache
