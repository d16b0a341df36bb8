# Build everything with `make report`; check everything with `make test`. `make help` lists targets.
# Both create .venv from requirements.lock on first use; nothing else needs installing by hand.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --output-sync=line --jobs=$(JOBS)
JOBS ?= 2

# Python 3.11 is what the lock and CI use; `make PYTHON=...` picks another interpreter.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
UV_VERSION := $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements.lock)

# Default paths come from src/articlefacts/paths.py, the one place they are written down.
include build/paths.mk
build/paths.mk: src/articlefacts/paths.py
	@mkdir -p $(@D)
	@$(PYTHON) $< > $@.tmp && mv $@.tmp $@

# Inputs; override to analyse another article, e.g. make report ARTICLE=... FACTS=... NOT_DATA=... META=... OUT=build/other
ARTICLE ?= $(DEFAULT_ARTICLE)
FACTS ?= $(DEFAULT_FACTS)
NOT_DATA ?= $(DEFAULT_NOT_DATA)
META ?= $(DEFAULT_META)
ifdef OUT
PROCESSED := $(OUT)/data/processed
FIGURES := $(OUT)/figures
EXECUTED := $(OUT)/notebooks/executed
else
PROCESSED := $(DEFAULT_PROCESSED)
FIGURES := $(DEFAULT_FIGURES)
EXECUTED := $(DEFAULT_EXECUTED)
endif
LANGUAGES := $(DEFAULT_LANGUAGES)
KERNEL ?= $(DEFAULT_KERNEL)
export ARTICLEFACTS_ROOT := $(CURDIR)
export ARTICLEFACTS_KERNEL := $(KERNEL)
# Fixed settings the outputs depend on: hash seed, locale, time zone.
export PYTHONHASHSEED := 0
# Bytecode: instead of compiling all 137 locked packages at set-up (about 12 s), let Python cache the
# bytecode of the modules the pipeline really imports, the first time it imports them. Some machines
# set PYTHONDONTWRITEBYTECODE, which would make every run recompile (about twice as slow).
unexport PYTHONDONTWRITEBYTECODE
export LC_ALL := C.UTF-8
export TZ := UTC

PACKAGE := $(wildcard src/articlefacts/*.py src/articlefacts/*/*.py) src/articlefacts/translations.csv src/articlefacts/tables.json
RUN := $(PY) -m articlefacts.pipeline.runner
NB01 := $(EXECUTED)/01-clean-article.ipynb
NB02 := $(foreach l,$(LANGUAGES),$(EXECUTED)/02-compare-qualifications.$(l).ipynb)
NB03 := $(foreach l,$(LANGUAGES),$(EXECUTED)/03-rotation-outcomes.$(l).ipynb)
DATAPACKAGE := $(PROCESSED)/datapackage.json $(PROCESSED)/README.md

.DEFAULT_GOAL := help
.PHONY: help setup kernel check-inputs report draft readme lab test-browser test lint lock bench clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 14

setup: $(INSTALLED) ## Create .venv from requirements.lock and register the project kernel

# First use: the system pip fetches the locked uv (hash-checked) into build/uv-boot; that uv creates
# .venv (no ensurepip: seconds faster) and syncs the lock, which installs .venv's own uv. Where the
# system Python has no pip, a plain venv with pip does the bootstrap instead.
UV_BOOT := build/uv-boot
PIP_QUIET := --isolated --quiet --disable-pip-version-check --root-user-action=ignore --require-hashes
$(INSTALLED): requirements.lock
	@test -x $(VENV)/bin/uv || { rm -rf $(VENV) $(UV_BOOT) && mkdir -p $(UV_BOOT) && \
	  awk '/^uv==/{p=1} p && /^[^ ]/ && !/^uv==/{p=0} p' requirements.lock > $(UV_BOOT)/uv.txt && \
	  if $(PYTHON) -m pip --version > /dev/null 2>&1; then \
	    $(PYTHON) -m pip install $(PIP_QUIET) --target $(UV_BOOT) -r $(UV_BOOT)/uv.txt && \
	    $(UV_BOOT)/bin/uv venv --quiet --python $(PYTHON) $(VENV); \
	  else \
	    $(PYTHON) -m venv $(VENV) && $(PY) -m pip install $(PIP_QUIET) --target $(UV_BOOT) -r $(UV_BOOT)/uv.txt; \
	  fi; }
	@echo "set-up: installing requirements.lock into $(VENV)"
	@$$(test -x $(VENV)/bin/uv && echo $(VENV)/bin/uv || echo $(UV_BOOT)/bin/uv) pip sync --quiet --python $(PY) \
	  --require-hashes requirements.lock
	@echo "$(CURDIR)/src" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/articlefacts-src.pth"
	@$(INSTALL_KERNEL)
	@touch $@

INSTALL_KERNEL = $(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" > /dev/null
kernel: ## Register the project kernel inside .venv (papermill and JupyterLab use it)
	@$(INSTALL_KERNEL)

report: check-inputs $(NB01) $(NB02) $(NB03) $(DATAPACKAGE) ## Run the notebooks and rebuild every table and figure

INPUTS := $(ARTICLE) $(FACTS) $(NOT_DATA) $(META)

# Inputs are listed through $(wildcard) so that a missing one reaches check-inputs, which says which
# file is missing and how to restore it, on every run (never "nothing to be done").
check-inputs:
	@for f in $(INPUTS); do [ -f "$$f" ] || { \
	  echo "error: input file not found: $$f" >&2; \
	  echo "How to fix: restore it with 'git checkout -- $$f', or pass the right path (ARTICLE=, FACTS=, NOT_DATA=, META=)." >&2; \
	  exit 1; }; done

$(NB01): notebooks/01-clean-article.ipynb $(wildcard $(INPUTS)) $(PACKAGE) $(INSTALLED) | check-inputs
	@$(RUN) $< $@ article=$(ARTICLE) facts=$(FACTS) not_data=$(NOT_DATA) meta=$(META) processed_dir=$(PROCESSED)

$(EXECUTED)/02-compare-qualifications.%.ipynb: notebooks/02-compare-qualifications.ipynb $(NB01) $(PACKAGE) $(INSTALLED)
	@$(RUN) $< $@ meta=$(META) tables_dir=$(PROCESSED) processed_dir=$(PROCESSED) figures_dir=$(FIGURES) language=$*

$(EXECUTED)/03-rotation-outcomes.%.ipynb: notebooks/03-rotation-outcomes.ipynb $(NB01) $(PACKAGE) $(INSTALLED)
	@$(RUN) $< $@ meta=$(META) tables_dir=$(PROCESSED) processed_dir=$(PROCESSED) figures_dir=$(FIGURES) language=$*

$(DATAPACKAGE) &: src/articlefacts/schemas.py src/articlefacts/tables.json $(wildcard $(META)) $(INSTALLED) | check-inputs
	@$(PY) -m articlefacts.schemas $(META) $(PROCESSED)

# Draft the facts and not-data files of a new article; never overwrites, never writes next to the article.
DRAFT_OUT = $(if $(OUT),$(OUT),build/draft/$(basename $(notdir $(ARTICLE))))
draft: $(INSTALLED) ## Draft facts.csv and not-data.csv for ARTICLE=path into OUT= (default build/draft/<name>/)
	@$(PY) -m articlefacts.draft $(ARTICLE) $(DRAFT_OUT)

readme: report ## Regenerate the README's findings and gallery from data/processed
	@$(PY) -m articlefacts.pipeline.readme

lab: $(INSTALLED) ## Open JupyterLab on the notebooks (127.0.0.1, token required)
	$(PY) -m articlefacts.pipeline.lab

test-browser: $(INSTALLED) ## Drive JupyterLab in headless Chromium: Run All on notebook 02, token check
	@command -v chromium > /dev/null || { echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; }
	$(PY) -m pytest -q tests/browser

lint: $(INSTALLED) ## Run ruff on the package, the tests and the notebooks
	$(VENV)/bin/ruff check src tests notebooks benchmarks

test: $(INSTALLED) lint ## Install if needed, lint, and run the test suite
	$(PY) -m pytest -q tests --ignore=tests/browser

lock: ## Regenerate requirements.lock from requirements.in
	@test -x $(VENV)/bin/uv || { echo "error: .venv has no uv" >&2; echo "How to fix: run make setup first" >&2; exit 1; }
	$(VENV)/bin/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

bench: $(INSTALLED) ## Time the report against a plain script and the usual papermill CLI
	$(PY) benchmarks/bench.py

clean: ## Remove generated outputs (never data/raw)
	rm -rf build $(EXECUTED) $(FIGURES)/en $(FIGURES)/vi
	find $(PROCESSED) -maxdepth 1 -type f ! -name '.gitkeep' -delete
