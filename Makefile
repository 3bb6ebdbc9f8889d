# Medborgarguiden — the jobs, by name. Each target sets up what it needs itself.
# make serve   the site at http://127.0.0.1:8000 while you edit
# make test    all tests (builds both editions and drives them in Chromium)
# make test-fast  the tests that need no browser and no site build (before every commit)
# make build   the web edition in site/ (LIB=<id>: for the library in libraries/<id>.yml; default in mkdocs.yml)
# make library the library-PC edition in site-library/ and site-library.zip (LIB=<id> as for build)
# make libraries  every library: site/<id>/, the start page site/index.html, dist/<id>-library.zip
# make validate  check the guides and services.yml
# make bench   every benchmark, as one table

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Which library a build is for (libraries/<id>.yml); empty: the default named in mkdocs.yml (extra: library).
LIB ?=
export LIB

.PHONY: serve test test-fast build library libraries validate bench linkcheck clean

$(BIN)/mkdocs: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict

library: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict -f mkdocs-library.yml
	rm -f site-library.zip
	$(BIN)/python -m zipfile -c site-library.zip site-library

libraries: $(BIN)/mkdocs
	$(BIN)/python scripts/build_libraries.py

validate: $(BIN)/mkdocs
	$(BIN)/python scripts/validate.py

test: $(BIN)/mkdocs
	$(BIN)/python -m pytest -q -n auto tests

test-fast: $(BIN)/mkdocs
	$(BIN)/python -m pytest -q -n auto -m "not slow" tests

bench: $(BIN)/mkdocs
	$(BIN)/python scripts/bench.py

linkcheck: $(BIN)/mkdocs
	$(BIN)/python scripts/linkcheck.py

clean:
	rm -rf site site-library site-library.zip dist .pytest_cache
