# Medborgarguiden — the jobs, by name; each is the `medborgarguiden` command in the project's venv
# (.venv), which the first run sets up. Without make (Windows): see docs/sv/personal/installera-dator.md.
# make serve   the site at http://127.0.0.1:8000 while you edit (PORT=8001, LANGS=en,ar to choose)
# make test    all tests (builds both editions and drives them in Chromium)
# make test-fast  the tests that need no browser and no site build (before every commit)
# make test-axe-all  axe on every page of every language (the weekly workflow; make test checks a sample)
# make build   the web edition in site/ (LIB=<id>: for the library in libraries/<id>.yml; default in mkdocs.yml)
# make library the library-PC edition in site-library/ and site-library.zip (LIB=<id> as for build)
# make libraries  every library: site/<id>/, the start page site/index.html, dist/<id>-library.zip
# make validate  check the guides, services.yml, facts.yml and the libraries
# make bench   every benchmark, as one table
# make linkcheck check the authority links

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap's dates and the gzip header come from the commit, not from the clock,
# so two builds of the same commit are byte for byte the same (scripts/make_zip.py does the zip).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
# Which library a build is for (libraries/<id>.yml); empty: the default named in mkdocs.yml (extra: library).
LIB ?=
export LIB

.PHONY: setup serve test test-fast test-axe-all build library libraries validate bench linkcheck clean

# What building needs (requirements.txt) and the project's own package, installed editable.
$(VENV)/.installed-site: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -e .
	touch $@

# Tests and benchmarks add their tools (requirements-dev.txt).
$(VENV)/.installed-dev: $(VENV)/.installed-site requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed-site

serve: $(VENV)/.installed-site
	$(BIN)/medborgarguiden serve --port $(PORT) $(if $(LANGS),--lang $(LANGS))

build: $(VENV)/.installed-site
	$(BIN)/medborgarguiden build

libraries: $(VENV)/.installed-site
	$(BIN)/python scripts/build_libraries.py

library: $(VENV)/.installed-site
	$(BIN)/medborgarguiden library

validate: $(VENV)/.installed-site
	$(BIN)/medborgarguiden validate

# The link checker's HTTP client (aiohttp) is pinned with the other tools in requirements-dev.txt.
linkcheck: $(VENV)/.installed-dev
	$(BIN)/medborgarguiden linkcheck

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -n auto tests

test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -n auto -m "not slow" tests

test-axe-all: $(VENV)/.installed-dev
	MG_AXE_ALL=1 $(BIN)/python -m pytest -q -n auto tests/test_every_page.py

bench: $(VENV)/.installed-dev
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-library site-library.zip dist .pytest_cache
