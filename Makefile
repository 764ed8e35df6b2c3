# Two commands: `make run` and `make test`. Both create .venv on first use and reinstall only
# when pyproject.toml changes (the stamp file records the last install).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

RUN_EXTRAS := postgres,slack,discord
TEST_EXTRAS := postgres,slack,discord,dev

.PHONY: run test bench lint clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml Makefile | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[$(RUN_EXTRAS)]'
	@touch $@

$(VENV)/.test-installed: pyproject.toml Makefile | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[$(TEST_EXTRAS)]'
	@touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/ballback console

test: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(VENV)/.test-installed
	$(BIN)/python -m bench

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
