# Quick start (see README.md):
#   make site   installs what the site needs into .venv and builds it into _site/
#   make serve  the same, then a live preview on http://127.0.0.1:8000/
#   make test   installs what the tests need (Python and npm packages, Debian's chromium) and runs them all
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site serve test lint system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: $(VENV)/.site-installed
	$(BIN)/python build.py

serve: $(VENV)/.site-installed
	$(BIN)/python build.py serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

system-deps:
	scripts/install-system-deps.sh

test: system-deps $(VENV)/.test-installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest
