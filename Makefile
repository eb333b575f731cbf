# make run: the whole system on the embedded PostgreSQL.  make test: the whole test suite.
# make check: the quick loop: lint, import contracts and every test but the contract fuzzing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# pytest-xdist workers, each with its own embedded PostgreSQL (make check JOBS=4)
JOBS ?= 2
PYTEST := $(BIN)/pytest -n $(JOBS) --dist loadscope

.PHONY: run test check openapi bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/pactum serve

# the fuzzing is collected first; kept first, one worker takes it while the others share the rest
test: $(VENV)/.installed
	$(PYTEST) --no-loadscope-reorder

check: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(PYTEST) -m "not fuzz"

openapi: $(VENV)/.installed
	$(BIN)/pactum openapi

# bench/http.py needs wrk (Debian: apt-get install -y wrk)
bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/http.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/append.py --check
	$(BIN)/python bench/growth.py
	$(BIN)/python bench/rebuild.py
	$(BIN)/python bench/reads.py
	$(BIN)/python bench/feed.py
	$(BIN)/python bench/log.py

clean:
	rm -rf $(VENV) build *.egg-info

# rewrite tests/browser/baselines/ from this machine's Chromium after an intended change of layout
.PHONY: baselines
baselines: $(VENV)/.installed
	PACTUM_REFRESH_BASELINES=1 $(BIN)/pytest tests/browser
