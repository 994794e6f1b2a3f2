# The two commands of the README: `make run` and `make test`. Both are idempotent.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup system-deps-run system-deps-test screenshots bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "zcdesk needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)

system-deps-run:
	@bash tools/system-deps.sh run

system-deps-test:
	@bash tools/system-deps.sh test

# Opens the desktop program on its default data folder (ZCDESK_DATA_DIR overrides).
run: setup system-deps-run
	$(VENV)/bin/zcdesk

# Everything the tests need, then the tests (lint, types and import contracts run inside pytest).
test: setup system-deps-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
