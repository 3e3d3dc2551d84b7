# Two commands for a fresh machine with Python 3.11:  `make build`  then  `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: build test test-unit test-fast fuzz env suites docs release lock clean ui

## Create .venv, install the pinned dependencies (requirements.lock) and build the whole data package
## strictly: publishing is refused while the review queue (curated/review_items) is not empty.
build: env
	$(BIN)/gazette build --strict

## Run the whole test suite (needs `make build` first, which creates .venv) on every core (pytest-xdist; a test
## module and its shared builds stay on one worker) and print how long it took.
test:
	@start=$$(date +%s); $(BIN)/python -m pytest -n auto --dist loadscope; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s"; exit $$status

## The pure loop (seconds): base, text, reference files, raw snapshots, parsers, schema and the stage order; no builds.
test-unit:
	$(BIN)/python -m pytest -q -m "not integration" tests/unit/base tests/unit/text tests/unit/reference tests/unit/raw \
	  tests/unit/parse tests/unit/schema tests/unit/test_stage_order.py

## The fast loop: every unit test of every stage, no whole builds, no browser (tests/integration holds those).
test-fast:
	$(BIN)/python -m pytest -q -m "not integration" tests/unit

## Seeded mutation fuzzing of the parser: 1000 mutants of the real issue, counts by outcome (tests/fuzzing.py),
## then 20 mutants through whole builds (make test runs 6).
fuzz:
	$(BIN)/python -m tests.fuzzing 1000
	FUZZ_BUILD_MUTANTS=20 $(BIN)/python -m pytest -q tests/integration/test_fuzz.py -k full_build

env: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python --require-hashes requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m compileall -q pipeline  # bytecode at install: commands stay fast under PYTHONDONTWRITEBYTECODE
	touch $@

## Start the Dagster UI at http://127.0.0.1:$(UI_PORT) (this machine only). Stop it with Ctrl-C, or with one
## SIGINT or SIGTERM to the make process (kill -INT <pid of make>): pipeline/orchestration/ui.py stops the server.
UI_PORT ?= 3000
ui: env
	$(BIN)/python -m pipeline.orchestration.ui $(BIN)/dagster dev -m pipeline.orchestration.definitions --host 127.0.0.1 --port $(UI_PORT)

## Regenerate the registry part of expectations/*.json after a schema change.
suites: env
	$(BIN)/gazette suites

## Regenerate docs/data-dictionary.md from the schema registry.
docs: env
	$(BIN)/python -m pipeline.publish.dictionary

## Write the reproducible release zip and SHA256SUMS into dist/.
release: env
	$(BIN)/gazette release

## Regenerate requirements.lock after changing pyproject.toml.
lock:
	$(BIN)/uv pip compile pyproject.toml --group dev --python-version 3.11 --generate-hashes -o requirements.lock --quiet

clean:
	rm -rf $(VENV) .build
