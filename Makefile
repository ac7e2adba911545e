# Quick start (see README.md):
#   make site   installs what the site needs into .venv and builds it into _site/
#   make serve  the same, then a live preview on http://127.0.0.1:8000/
#   make test   installs what the tests need (Python packages, Debian's chromium) and runs them all
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site serve test lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

site: $(VENV)/.site-installed
	$(BIN)/python build.py

serve: $(VENV)/.site-installed
	$(BIN)/python build.py serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.test-installed
	scripts/install-system-deps.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest
