# Everyday tasks. `make test` is what CI runs (see .ci/run).
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install test lint check data golden gazetteer bench bench-report screenshot corpus-eval fuzz

install:
	python3 -m venv $(VENV) && $(BIN)/pip install --quiet -e '.[dev,dask]'

test: install
	$(BIN)/pytest

lint:
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/mypy

# The committed dataset and schema are the tool's own output; CI fails when they drift.
check:
	$(BIN)/vjties schema | cmp - data/vjties.schema.json
	$(BIN)/vjties check data/vjties.json seeds/

data:
	$(BIN)/vjties extract seeds/ -o data/vjties.json
	$(BIN)/vjties schema > data/vjties.schema.json

golden:
	$(BIN)/python scripts/update_golden.py

gazetteer:
	$(BIN)/pip install --quiet -e '.[build]'
	$(BIN)/python scripts/build_gazetteer.py

bench:
	$(BIN)/python benchmarks/bench.py

# The real-article corpus (texts cached in corpus/texts, see corpus/README.md): dev, then test.
corpus-eval:
	$(BIN)/python scripts/corpus.py verify
	$(BIN)/vjties eval corpus/gold corpus/texts --split dev
	$(BIN)/vjties eval corpus/gold corpus/texts --split test

# Load time of the report for 10,000 documents in headless Chromium; results in benchmarks/REPORT_LOAD.md.
bench-report:
	$(BIN)/python benchmarks/report_load.py

# docs/report.png, the README's picture of the report.
screenshot:
	$(BIN)/python scripts/report_screenshot.py

# The fuzz suite's long mode (the tests run a bounded number): 10,000 mutated articles and
# 1,000 hostile datasets through the whole CLI, some 25 minutes on two free cores; prints the
# counts. The files of an example that finds something are kept under $(FUZZ_DIR).
FUZZ_DIR ?= $(or $(TMPDIR),/tmp)/vjties-fuzz
fuzz:
	VJTIES_FUZZ_ARTICLES=10000 VJTIES_FUZZ_DATASETS=1000 $(BIN)/pytest tests/test_fuzz.py -s -p no:cacheprovider --basetemp=$(FUZZ_DIR)
