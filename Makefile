# The front door. `make` (or `make help`) lists every target.
# Each target creates .venv and installs the project on first use, so a fresh clone
# needs nothing but Python 3.11+, make and the system libraries of WeasyPrint.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
# The oldest Python the project supports: pyproject.toml's requires-python, the check below
# and `make lock` say the same (Debian 12's own Python is 3.11.2).
PYTHON_MIN := 3.11
VENV ?= .venv
INPUTS ?= inputs
OUT ?= reports
# Empty ROK means "the newest year in INPUTS" (decided by the pipeline, not here).
ROK ?=
JOBS ?=
# make fuzz: cases of each kind, and the seed that repeats a run (empty: a new one, printed).
N ?= 5
SEED ?=
# make podglad ODPYTYWANIE=1: look at the files every moment instead of waiting for the
# system's change events (a Windows drive under WSL and network drives are found unaided).
ODPYTYWANIE ?=
# The browser of the HTML edition's test: Debian's Chromium (Playwright drives it, never
# downloads a browser of its own).
CHROMIUM ?= /usr/bin/chromium

PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ROK_ARG = $(if $(ROK),--rok $(ROK),)
JOBS_ARG = $(if $(JOBS),--jobs $(JOBS),)
POLL_ARG = $(if $(ODPYTYWANIE),--odpytywanie,)

.PHONY: help report podglad check-pdf validate szablon test chromium bench fuzz lint example-data lock clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) \
	  | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'
	@echo
	@echo "  Variables: ROK=2025 INPUTS=inputs OUT=reports JOBS=<cores> ODPYTYWANIE=1 (podglad); fuzz: N=5 SEED=<printed>"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < tuple(map(int, "$(PYTHON_MIN)".split("."))))' \
	  || { echo "Potrzebny jest Python $(PYTHON_MIN) lub nowszy (PYTHON=$(PYTHON))." >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	$(PY) -m pipeline.content.fonts > /dev/null
	@touch $@

report: $(STAMP) ## Make ROK's report (default: the newest in INPUTS) in OUT/<rok>/: PDF, gminy/, html/, dane/
	$(PY) -m pipeline report --inputs $(INPUTS) $(ROK_ARG) --out $(OUT) $(JOBS_ARG)

podglad: $(STAMP) ## Live preview: the report made again after every save in INPUTS, in the browser at 127.0.0.1 (Ctrl-C stops it)
	$(PY) -m pipeline podglad --inputs $(INPUTS) $(ROK_ARG) --out $(OUT) $(JOBS_ARG) $(POLL_ARG)

check-pdf: $(STAMP) ## Verify the PDF and each gmina's extract: PDF/A-3u, tags, title, fonts, alt texts, inputs, qpdf
	$(PY) -m pipeline check-pdf --inputs $(INPUTS) $(ROK_ARG) --out $(OUT)

validate: $(STAMP) ## Check a year's data and print every problem (exit 1 on errors)
	$(PY) -m pipeline validate --inputs $(INPUTS) $(ROK_ARG)

szablon: $(STAMP) ## Write an empty workbook dane_<rok>.xlsx and a commentary komentarz_<rok>.docx to fill in (ROK required)
	@test -n "$(ROK)" || { echo "Podaj rok: make szablon ROK=2026" >&2; exit 2; }
	$(PY) -m pipeline szablon --inputs $(INPUTS) --rok $(ROK) --out dane_$(ROK).xlsx

test: $(STAMP) chromium ## Run every test (the HTML edition's in Chromium, installed when missing and root)
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest

# Chromium for the browser test, and libatomic1 for Playwright's driver (a minimal Debian 12
# lacks it, and Chromium does not pull it in): installed from Debian's packages when missing
# and run as root (as in CI); otherwise a hint, and the test itself fails saying what is missing.
BROWSER_PACKAGES = chromium libatomic1
chromium:
	@test -x $(CHROMIUM) && { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libatomic\.so\.1 ' && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Instaluję $(BROWSER_PACKAGES) (apt-get install) dla testu wydania HTML..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES)) >/dev/null \
	    || echo "Nie udało się zainstalować $(BROWSER_PACKAGES); test wydania HTML się nie powiedzie." >&2; \
	else \
	  echo "Brak Chromium ($(CHROMIUM)) albo libatomic1: test wydania HTML się nie powiedzie. Zainstaluj: sudo apt-get install $(BROWSER_PACKAGES)" >&2; \
	fi

bench: $(STAMP) ## Time each stage of the report and the live preview's turnarounds (median of runs); peak memory
	$(PY) scripts/bench.py

fuzz: $(STAMP) ## Generated commentaries and input sets end to end (N each, SEED); failures become test fixtures
	$(PY) scripts/fuzz.py --examples $(N) $(if $(SEED),--seed $(SEED),)

lint: $(STAMP) ## Check the code style (ruff) and the architecture: layers, no import cycles (import-linter)
	$(PY) -m ruff check pipeline tests scripts
	$(VENV)/bin/lint-imports pyproject.toml

example-data: $(STAMP) ## Regenerate the bundled example data in inputs/ (deterministic)
	$(PY) -m pipeline.data.example_data --out $(INPUTS)

lock: $(STAMP) ## Re-resolve constraints.txt from pyproject.toml for the oldest supported Python (uv)
	$(PY) -m pip install --quiet 'uv==0.13.9'
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --python-version $(PYTHON_MIN) -o constraints.txt --quiet

clean: ## Remove the virtual environment (inputs and reports are kept)
	rm -rf $(VENV)
