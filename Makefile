# make run: the whole system on the embedded PostgreSQL.  make test: the whole test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test openapi bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/pactum serve

test: $(VENV)/.installed
	$(BIN)/pytest

openapi: $(VENV)/.installed
	$(BIN)/pactum openapi

bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/append.py

clean:
	rm -rf $(VENV) build *.egg-info
