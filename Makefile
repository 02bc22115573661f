# The two commands a new user needs: `make demo` and `make test`. Both build the virtual
# environment first if it is missing or older than pyproject.toml / the lock file.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
COMPILED := nlp/_compiled/manifest.json

export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: demo test lint format bench clean browser lock

demo: $(STAMP) $(COMPILED)
	$(BIN)/skillgap run

test: $(STAMP) $(COMPILED)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Dependencies are compiled to bytecode once here: where PYTHONDONTWRITEBYTECODE is set (as in
# many containers) every Python process would otherwise compile some 1,300 modules again, and
# the tests start dozens (`skillgap import` of an empty file: 2.7 -> 1.3 s of CPU).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "skillgap needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

# The modules tagging runs on every posting, compiled with mypyc (about 15% less CPU, the
# same output); rebuilt when any module of nlp/ changes, and used only while none has changed
# since (nlp/compiled.py). Without a C compiler it records why and skillgap runs in pure Python.
$(COMPILED): $(STAMP) scripts/compile_nlp.py $(wildcard nlp/*.py)
	$(BIN)/python scripts/compile_nlp.py

# Regenerate the pinned lock from pyproject.toml's ranges (run after changing dependencies).
lock: $(VENV)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra dev pyproject.toml -o requirements.lock

# Debian's Chromium, for the browser tests and PNG export (needs root or sudo).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

clean:
	rm -rf $(VENV) nlp/_compiled build/mypyc .prefect out skillgap.duckdb skillgap.duckdb.wal report.html report_data
