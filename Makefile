# Build everything with `make report`; check everything with `make test`. `make help` lists targets.
# Both create .venv from requirements.lock on first use (make test adds requirements-dev.lock's tools);
# nothing else needs installing by hand.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

# Every path below is relative to the project folder: make from another folder (make -f ../Makefile)
# would look for the inputs there and write a build/ of its own. It stops before anything runs.
MAIN_MAKEFILE := $(firstword $(MAKEFILE_LIST))
ifneq ($(realpath $(dir $(MAIN_MAKEFILE))),$(realpath .))
$(shell printf '%s\n' "error: make was started in $(CURDIR), not in the project folder $(realpath $(dir $(MAIN_MAKEFILE)))" \
  "How to fix: run make -C $(dir $(MAIN_MAKEFILE)) $(MAKECMDGOALS) (the paths it is given are relative to that folder)" >&2)
$(error stopped)
endif

.DELETE_ON_ERROR:
.SUFFIXES:
JOBS ?= 2
# The top-level make sets the number of jobs; a sub-make (one article of a corpus) shares its job slots.
ifeq ($(MAKELEVEL),0)
MAKEFLAGS += --no-builtin-rules --output-sync=line --jobs=$(JOBS)
else
MAKEFLAGS += --no-builtin-rules
endif

# `make clean report`: make runs the goals it is given at once (--jobs), judging report's prerequisites before
# clean has run, so it would delete every output and rebuild none. Goals given together with clean run one
# after the other instead, in the order given, each in a make of its own.
ifneq ($(and $(filter clean,$(MAKECMDGOALS)),$(filter-out clean,$(MAKECMDGOALS))),)
GOALS_IN_TURN := $(MAKECMDGOALS)
.PHONY: $(sort $(GOALS_IN_TURN))
$(firstword $(GOALS_IN_TURN)):
	@$(foreach goal,$(GOALS_IN_TURN),$(MAKE) --no-print-directory $(goal) && ):
$(filter-out $(firstword $(GOALS_IN_TURN)),$(sort $(GOALS_IN_TURN))):
	@:
else

# Python 3.11 is what the lock and CI use; `make PYTHON=...` picks another interpreter.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# The development tools (pytest, ruff, pre-commit, nbstripout, playwright): only the goals that use them
# (test, lint, test-browser) install requirements-dev.lock, on top of the users' requirements.lock.
DEV_INSTALLED := $(VENV)/.installed-dev
# The stamp records the folder the venv was made in. A venv that has moved since (the project moved or
# was copied with its .venv) still names its old folder in its scripts, kernel and editable install, so
# make rebuilds it, reusing its uv (no download). An empty stamp (made before the stamp said where) leaves
# the question to the venv's kernel spec, whose Python is named by its full path.
VENV_MADE_IN := $(strip $(or $(file < $(INSTALLED)),$(if $(wildcard $(INSTALLED)),$(patsubst %/bin/python,%,\
  $(shell grep -o '"/[^"]*/bin/python"' $(VENV)/share/jupyter/kernels/python3/kernel.json 2> /dev/null | tr -d '"')))))
VENV_MOVED := $(and $(VENV_MADE_IN),$(filter-out $(abspath $(VENV)),$(VENV_MADE_IN)))
UV_VERSION := $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements.lock)
# A package installed, removed or changed in .venv by hand since set-up (pip install, another tool's pin)
# leaves .venv unlike the lock, and the notebooks would run on it. Each make compares the packages installed
# (the names and versions of their *.dist-info folders) with the pins of the lock set-up syncs (a few
# milliseconds); when they differ, it names them and syncs .venv to the lock again. (A moved .venv is rebuilt whole.)
# The lock set-up synced last: the development lock once a development goal has installed it, else the users'.
LOCKS_SYNCED := $(if $(wildcard $(DEV_INSTALLED)),requirements-dev.lock,requirements.lock)
VENV_DRIFT_CMD = { sed -n 's/^\([A-Za-z0-9][A-Za-z0-9._-]*\)==\([^ ;\\]*\).*/lock \1 \2/p' $(LOCKS_SYNCED); \
  ls $(VENV)/lib/python3*/site-packages 2> /dev/null | sed -n 's/^\(.*\)-\([^-]*\)\.dist-info$$/venv \1 \2/p'; } | \
  awk '{ k = tolower($$2); gsub(/[-_.]+/, "-", k); v[$$1 " " k] = $$3 } $$1 == "lock" || k != "articlefacts" { keys[k] } \
  END { for (k in keys) { a = v["venv " k]; b = v["lock " k]; if (a != b) print k " " (a == "" ? "missing" : a) \
  " (" (b == "" ? "not in the lock" : "the lock has " b) ")" } }' | sort | paste -sd ';' | sed 's/;/; /g'
VENV_DRIFT := $(if $(wildcard $(INSTALLED)),$(if $(VENV_MOVED),,$(shell $(VENV_DRIFT_CMD))))
VENV_DRIFT_NOTE = note: $(VENV) no longer matches $(LOCKS_SYNCED), changed since set-up: $(VENV_DRIFT); syncing it \
  to the lock (a package the project needs goes in requirements.in, then make lock)

# Default paths come from src/articlefacts/paths.py, the one place they are written down.
include build/paths.mk
build/paths.mk: src/articlefacts/paths.py
	@mkdir -p $(@D)
	@$(PYTHON) $< > $@.$$$$.tmp && mv $@.$$$$.tmp $@

# Inputs; override to analyse another article, e.g. make report ARTICLE=... FACTS=... NOT_DATA=... META=... OUT=build/other
ARTICLE ?= $(DEFAULT_ARTICLE)
FACTS ?= $(DEFAULT_FACTS)
NOT_DATA ?= $(DEFAULT_NOT_DATA)
META ?= $(DEFAULT_META)
ifdef OUT
PROCESSED := $(OUT)/data/processed
FIGURES := $(OUT)/figures
EXECUTED := $(OUT)/notebooks/executed
BUILD := $(OUT)/build
else
PROCESSED := $(DEFAULT_PROCESSED)
FIGURES := $(DEFAULT_FIGURES)
EXECUTED := $(DEFAULT_EXECUTED)
BUILD := build
endif
LANGUAGES := $(DEFAULT_LANGUAGES)
KERNEL ?= $(DEFAULT_KERNEL)

# Make splits its targets at spaces and reads : % * ? [ ] # \ as syntax, and the recipes quote paths
# with '...': such a path is refused here, before anything runs, naming the character. The runner
# itself takes any path (python -m articlefacts.pipeline.runner SOURCE EXECUTED 'name=a b/c.txt').
refuse = $(shell printf '%s\n' "error: $(1) contains $(2), which make cannot pass through its targets" \
  "How to fix: $(if $(filter OUT,$(1)),choose an OUT folder without it,copy or symlink the input to a path without it (ln -s 'inputs/other article' inputs/other-article)); the runner itself takes any path" >&2)$(error stopped)
PATH_VARS := ARTICLE FACTS NOT_DATA META OUT
COMMA := ,
$(foreach v,$(PATH_VARS),\
  $(if $(filter-out 0 1,$(words $($v))),$(call refuse,$v,a space))\
  $(if $(findstring :,$($v)),$(call refuse,$v,a colon))\
  $(if $(findstring %,$($v)),$(call refuse,$v,a percent sign))\
  $(if $(findstring *,$($v)),$(call refuse,$v,an asterisk))\
  $(if $(findstring ?,$($v)),$(call refuse,$v,a question mark))\
  $(if $(findstring [,$($v)),$(call refuse,$v,a square bracket))\
  $(if $(findstring ],$($v)),$(call refuse,$v,a square bracket))\
  $(if $(findstring \#,$($v)),$(call refuse,$v,a hash sign))\
  $(if $(findstring \,$($v)),$(call refuse,$v,a backslash))\
  $(if $(findstring ',$($v)),$(call refuse,$v,a single quote))\
  $(if $(findstring ",$($v)),$(call refuse,$v,a double quote)))

# Goals that run no notebook need no inputs (`make help` works before anything is installed).
RUNS_NOTEBOOKS := $(filter-out help setup kernel lint lock clean lab test test-fixtures test-others test-browser bench draft draft-score corpus $(INSTALLED),$(or $(MAKECMDGOALS),help))
INPUTS := $(ARTICLE) $(FACTS) $(NOT_DATA) $(META)

# A missing input is named, with the fix, on every run (never "nothing to be done"). It is checked
# here, while make reads this file, so that `make -q` still answers whether the outputs are current.
ifneq ($(RUNS_NOTEBOOKS),)
MISSING := $(firstword $(foreach f,$(INPUTS),$(if $(wildcard $f),,$f)))
ifneq ($(MISSING),)
MISSING_FIX := $(if $(shell git ls-files --error-unmatch '$(MISSING)' 2> /dev/null),restore it with 'git checkout -- $(MISSING)'$(COMMA) or pass,pass)
$(shell printf '%s\n' "error: input file not found: $(MISSING)" \
  "How to fix: $(MISSING_FIX) the right path (ARTICLE=, FACTS=, NOT_DATA=, META=)." >&2)
$(error stopped)
endif
endif

# The run parameters of this output folder, one per line. The file is rewritten only when they change,
# and every output depends on it: running another article (or kernel) into the same folder rebuilds.
define NEWLINE


endef
STAMP := $(BUILD)/run-parameters.txt
STAMP_TEXT := ARTICLE=$(ARTICLE)$(NEWLINE)FACTS=$(FACTS)$(NEWLINE)NOT_DATA=$(NOT_DATA)$(NEWLINE)META=$(META)$(NEWLINE)KERNEL=$(KERNEL)
ifneq ($(RUNS_NOTEBOOKS),)
ifneq ($(STAMP_TEXT),$(file < $(STAMP)))
$(shell mkdir -p '$(BUILD)')
$(file > $(STAMP),$(STAMP_TEXT))
endif
endif

export ARTICLEFACTS_ROOT := $(CURDIR)
# Fixed settings the outputs depend on: hash seed, locale, time zone.
export PYTHONHASHSEED := 0
# Bytecode: instead of compiling all 137 locked packages at set-up (about 12 s), let Python cache the
# bytecode of the modules the pipeline really imports, the first time it imports them. Some machines
# set PYTHONDONTWRITEBYTECODE, which would make every run recompile (about twice as slow).
unexport PYTHONDONTWRITEBYTECODE
export LC_ALL := C.UTF-8
export TZ := UTC

PACKAGE := $(wildcard src/articlefacts/*.py src/articlefacts/*/*.py src/articlefacts/*.csv src/articlefacts/*/*.csv src/articlefacts/*/*/*.csv src/articlefacts/*/*.json)
RUN := $(PY) -m articlefacts.pipeline.runner --build '$(BUILD)' --kernel '$(KERNEL)'
NB01 := $(EXECUTED)/01-clean-article.ipynb
NB02 := $(foreach l,$(LANGUAGES),$(EXECUTED)/02-compare-qualifications.$(l).ipynb)
NB03 := $(foreach l,$(LANGUAGES),$(EXECUTED)/03-rotation-outcomes.$(l).ipynb)
DATAPACKAGE := $(PROCESSED)/datapackage.json $(PROCESSED)/README.md

# An executed notebook changed since make wrote it (JupyterLab's autosave after a Run All, an edit) is newer
# than its prerequisites, so make alone would keep it: each one make writes has its checksum recorded in
# $(BUILD)/executed-sums/, and one whose bytes no longer match (or, never recorded here, differ from the
# commit) is rebuilt. `cksum` is POSIX; the check runs only for goals that run notebooks.
SUMS := $(BUILD)/executed-sums
record_sum = mkdir -p '$(SUMS)' && cksum < '$(1)' > '$(SUMS)/$(notdir $(1)).cksum'
ifneq ($(RUNS_NOTEBOOKS),)
CHANGED_EXECUTED := $(shell changed() { test -f "$$1" || return 0; if test -f "$$2"; then \
  cksum < "$$1" | cmp -s - "$$2" || echo "$$1"; elif git ls-files --error-unmatch -- "$$1" > /dev/null 2>&1 && \
  ! git diff --quiet HEAD -- "$$1" 2> /dev/null; then echo "$$1"; fi; }; \
  $(foreach f,$(NB01) $(NB02) $(NB03),changed '$(f)' '$(SUMS)/$(notdir $(f)).cksum';))
ifneq ($(CHANGED_EXECUTED),)
$(shell printf 'note: %s was changed outside make (JupyterLab autosave?); rebuilding it\n' $(CHANGED_EXECUTED) >&2)
$(CHANGED_EXECUTED): FORCE
endif
endif

.DEFAULT_GOAL := help
.PHONY: help setup kernel report draft draft-score corpus readme lab test-browser test test-fixtures test-others lint lock bench clean FORCE

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 14

setup: $(INSTALLED) ## Create .venv from requirements.lock, install the package (editable) and the python3 kernel

# First use: the system pip fetches the locked uv (hash-checked) into build/uv-boot; that uv creates
# .venv (no ensurepip: seconds faster) and syncs the lock, which installs .venv's own uv. Where the
# system Python has no pip, a plain venv with pip does the bootstrap instead.
UV_BOOT := build/uv-boot
PIP_QUIET := --isolated --quiet --disable-pip-version-check --root-user-action=ignore --require-hashes
# Two first runs at once (make report in two terminals of a fresh clone) would both create .venv, and uv
# refuses one of them: set-up runs in a make of its own under a lock on the folder that holds .venv, and a
# make that waited for the lock finds .venv set up and does nothing.
$(INSTALLED): $(if $(VENV_DRIFT),FORCE)
ifndef SETUP_UNDER_LOCK
$(INSTALLED): requirements.lock pyproject.toml $(if $(VENV_MOVED),FORCE)
	@$(if $(VENV_DRIFT),echo "$(VENV_DRIFT_NOTE)",:)
	@mkdir -p $(dir $(abspath $(VENV))) && $(if $(shell command -v flock),flock $(dir $(abspath $(VENV)))) \
	  $(MAKE) --no-print-directory -s SETUP_UNDER_LOCK=1 $(INSTALLED)
else
$(INSTALLED): requirements.lock pyproject.toml $(if $(VENV_MOVED),FORCE)
	@$(if $(VENV_MOVED),echo "note: $(VENV) was made in $(VENV_MADE_IN); rebuilding it for $(abspath $(VENV))" && \
	  mkdir -p $(UV_BOOT)/bin && { cp $(VENV)/bin/uv $(UV_BOOT)/bin/uv 2> /dev/null || true; } && rm -rf $(VENV) && \
	  { ! test -x $(UV_BOOT)/bin/uv || $(UV_BOOT)/bin/uv venv --quiet --python $(PYTHON) $(VENV); },:)
	@test -x $(VENV)/bin/uv || { test -x $(UV_BOOT)/bin/uv && test -x $(PY); } || { rm -rf $(VENV) $(UV_BOOT) && mkdir -p $(UV_BOOT) && \
	  awk '/^uv==/{p=1} p && /^[^ ]/ && !/^uv==/{p=0} p' requirements.lock > $(UV_BOOT)/uv.txt && \
	  if $(PYTHON) -m pip --version > /dev/null 2>&1; then \
	    $(PYTHON) -m pip install $(PIP_QUIET) --target $(UV_BOOT) -r $(UV_BOOT)/uv.txt && \
	    $(UV_BOOT)/bin/uv venv --quiet --python $(PYTHON) $(VENV); \
	  else \
	    $(PYTHON) -m venv $(VENV) && $(PY) -m pip install $(PIP_QUIET) --target $(UV_BOOT) -r $(UV_BOOT)/uv.txt; \
	  fi; }
	@echo "set-up: installing requirements.lock into $(VENV)"
	@rm -f $(DEV_INSTALLED)
	@$$(test -x $(VENV)/bin/uv && echo $(VENV)/bin/uv || echo $(UV_BOOT)/bin/uv) pip sync --quiet --python $(PY) \
	  --require-hashes requirements.lock
	@$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps --no-build-isolation --offline -e .
	@rm -rf $(VENV)/lib/python*/site-packages/articlefacts-src.pth $(VENV)/share/jupyter/kernels/articlefacts
	@$(INSTALL_KERNEL)
	@echo '$(abspath $(VENV))' > $@
endif

# The development lock holds the users' lock at the same versions (requirements-dev.in is constrained by
# requirements.lock) plus the development tools, so syncing it adds them and changes nothing the notebooks
# use; make report and make lab then keep them. When requirements.lock changes, $(INSTALLED) syncs the
# users' lock again (the tools go) and the next make test brings them back. A sync removes the editable
# package (it is in no lock), so it is installed again, offline.
$(DEV_INSTALLED): requirements-dev.lock $(INSTALLED)
	@echo "set-up: installing requirements-dev.lock (test, lint and browser tools) into $(VENV)"
	@$(VENV)/bin/uv pip sync --quiet --python $(PY) --require-hashes requirements-dev.lock
	@$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps --no-build-isolation --offline -e .
	@touch $@

INSTALL_KERNEL = $(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" > /dev/null
kernel: ## Register the python3 kernel inside .venv (papermill and JupyterLab use it)
	@$(INSTALL_KERNEL)

report: $(NB01) $(NB02) $(NB03) $(DATAPACKAGE) ## Run the notebooks and rebuild every table and figure
	@:

# PUBLISHED records the inputs whose outputs the folder holds (from its first run there on). When notebook
# 01 succeeds on other inputs than those, the previous article's figures, findings and executed notebooks
# go before 02 and 03 write the new ones, so that none of them (a figure the new article has no data for)
# can pass for the new article's. When it fails, nothing is removed and a note says whose outputs the
# folder still holds: the previous inputs', or (same paths, edited contents) the last successful run's.
PUBLISHED := $(BUILD)/published-parameters.txt
STALE := '$(FIGURES)/en' '$(FIGURES)/vi' $(PROCESSED)/findings/0[23]-* $(foreach f,$(NB02) $(NB03),'$(f)')
$(NB01): notebooks/01-clean-article.ipynb $(wildcard $(INPUTS)) $(PACKAGE) $(INSTALLED) $(STAMP)
	@$(RUN) '$<' '$@' 'article=$(ARTICLE)' 'facts=$(FACTS)' 'not_data=$(NOT_DATA)' 'meta=$(META)' \
	  'processed_dir=$(PROCESSED)' || { [ ! -f '$(PUBLISHED)' ] || { cmp -s '$(STAMP)' '$(PUBLISHED)' && \
	  echo "note: $(EXECUTED) and its figures and tables still hold the outputs of the last run of 01 that succeeded; nothing is rebuilt until it succeeds again" >&2 || \
	  echo "note: $(EXECUTED) and its figures and tables still hold the outputs of the previous inputs ($$(head -1 '$(PUBLISHED)'))" >&2; }; exit 1; }
	@[ ! -f '$(PUBLISHED)' ] || cmp -s '$(STAMP)' '$(PUBLISHED)' || rm -rf $(STALE); cp '$(STAMP)' '$(PUBLISHED)'
	@$(call record_sum,$@)

$(EXECUTED)/02-compare-qualifications.%.ipynb: notebooks/02-compare-qualifications.ipynb $(NB01) $(PACKAGE) $(INSTALLED)
	@$(RUN) '$<' '$@' 'meta=$(META)' 'tables_dir=$(PROCESSED)' 'processed_dir=$(PROCESSED)' \
	  'figures_dir=$(FIGURES)' 'language=$*'
	@$(call record_sum,$@)

$(EXECUTED)/03-rotation-outcomes.%.ipynb: notebooks/03-rotation-outcomes.ipynb $(NB01) $(PACKAGE) $(INSTALLED)
	@$(RUN) '$<' '$@' 'meta=$(META)' 'tables_dir=$(PROCESSED)' 'processed_dir=$(PROCESSED)' \
	  'figures_dir=$(FIGURES)' 'language=$*'
	@$(call record_sum,$@)

# After notebook 01: a failed run writes no codebook or data package for tables that were never written.
$(DATAPACKAGE) &: src/articlefacts/reading/schemas.py src/articlefacts/pipeline/datapackage.py src/articlefacts/reading/tables.json $(NB01) $(wildcard $(META)) $(INSTALLED)
	@$(PY) -m articlefacts.pipeline.datapackage '$(META)' '$(PROCESSED)'

# Draft the facts and not-data files of a new article, with a review file of how sure each cell is; never
# overwrites, never writes next to the article. META= is passed on only when given (else the draft looks for
# meta.json beside the article), since META has the seed's as its default.
DRAFT_OUT = $(if $(OUT),$(OUT),build/draft/$(basename $(notdir $(ARTICLE))))
DRAFT_META = $(if $(filter command line environment environment override,$(origin META)),--meta '$(META)')
draft: $(INSTALLED) ## Draft facts.csv, not-data.csv and review.csv for ARTICLE=path [META=] into OUT= (default build/draft/<name>/)
	@$(PY) -m articlefacts.draft.propose '$(ARTICLE)' '$(DRAFT_OUT)' $(DRAFT_META)

draft-score: $(INSTALLED) ## Score make draft against the hand codings of benchmarks/draft-fixtures.csv, cell by cell
	@$(PY) -m articlefacts.draft.score

readme: report ## Regenerate the README's findings and gallery from data/processed
	@$(PY) -m articlefacts.pipeline.readme

lab: $(INSTALLED) ## Open JupyterLab on the notebooks (127.0.0.1, token required)
	$(PY) -m articlefacts.pipeline.lab

test-browser: $(DEV_INSTALLED) ## Drive JupyterLab in headless Chromium: Run All on notebooks 01 then 02, token check
	@command -v chromium > /dev/null || { echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; }
	$(PY) -m pytest -q tests/browser

lint: $(DEV_INSTALLED) ## Run ruff on the package, the tests and the notebooks
	$(VENV)/bin/ruff check src tests notebooks benchmarks

# pytest in two processes at once, one per core: the tests of the article fixtures (which build three with make
# corpus and the others on shared kernels, tests/one_kernel.py) and the others (which rebuild the seed in copies
# of the project). Their heavy fixtures are apart, so nothing is built twice, and each fills the other's waits.
# The in-process figure checks (test_legible.py) run last in the first, which would otherwise end first.
# Each prints its own summary.
FIXTURE_TESTS := $(addprefix tests/,test_articles.py test_corpus.py test_story.py test_story_reading.py test_wording.py \
  test_figures.py test_legible.py)
test: test-fixtures test-others ## Install the development lock if needed, lint, and run the test suite (two pytest processes)
	@:
test-fixtures test-others: $(DEV_INSTALLED) lint
test-fixtures:
	$(PY) -m pytest -q $(FIXTURE_TESTS)
test-others:
	$(PY) -m pytest -q tests --ignore=tests/browser $(addprefix --ignore=,$(FIXTURE_TESTS))

# uv keeps the versions already in each lock unless a .in file asks otherwise (uv pip compile --upgrade to
# move on); the development lock is compiled second, constrained by the users' lock just written.
lock: ## Regenerate requirements.lock (users) and requirements-dev.lock (users + test tools) from their .in files
	@test -x $(VENV)/bin/uv || { echo "error: .venv has no uv" >&2; echo "How to fix: run make setup first" >&2; exit 1; }
	$(VENV)/bin/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements.in -o requirements.lock
	$(VENV)/bin/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements-dev.in -o requirements-dev.lock

# A corpus: one folder per article under CORPUS, each holding article.txt, facts.csv, not-data.csv and
# meta.json. Each article builds into CORPUS_OUT/<id>/ with `make report`, only when its inputs or the code
# changed; a failing one is recorded (CORPUS_OUT/<id>/build/report.status) and does not stop the others.
# Then the combined tables, their data package and the index are written from what built.
CORPUS_OUT ?= build/corpus
CORPUS_IDS = $(patsubst $(CORPUS)/%/article.txt,%,$(wildcard $(CORPUS)/*/article.txt))
CORPUS_STATUS = $(foreach id,$(CORPUS_IDS),$(CORPUS_OUT)/$(id)/build/report.status)
NOTEBOOK_SOURCES := $(wildcard notebooks/*.ipynb)
corpus: $(INSTALLED) ## Build every article of CORPUS=folder into CORPUS_OUT= (default build/corpus) and combine them
	@test -n '$(CORPUS)' -a -d '$(CORPUS)' || { echo "error: CORPUS='$(CORPUS)' is not a folder of articles" >&2; \
	  echo "How to fix: make corpus CORPUS=path, with one folder per article (see README, 'Many articles')" >&2; exit 2; }
	@$(MAKE) --no-print-directory $(CORPUS_OUT)/index.md CORPUS='$(CORPUS)'

$(CORPUS_OUT)/%/build/report.status: $(CORPUS)/%/article.txt $(CORPUS)/%/facts.csv $(CORPUS)/%/not-data.csv \
		$(CORPUS)/%/meta.json $(PACKAGE) $(NOTEBOOK_SOURCES) $(INSTALLED)
	@mkdir -p '$(@D)'
	@if $(MAKE) --no-print-directory report ARTICLE='$(CORPUS)/$*/article.txt' FACTS='$(CORPUS)/$*/facts.csv' \
	  NOT_DATA='$(CORPUS)/$*/not-data.csv' META='$(CORPUS)/$*/meta.json' OUT='$(CORPUS_OUT)/$*' > '$(@D)/report.log' 2>&1; \
	then echo ok > '$@'; echo "corpus: $* built"; \
	else echo "failed: $$(grep -m1 '^error' '$(@D)/report.log' || tail -1 '$(@D)/report.log')" > '$@'; \
	  echo "corpus: $* FAILED ($(@D)/report.log)"; fi

# The index is kept when an article failed (exit 1 names it); the next run reruns only what changed.
.PRECIOUS: $(CORPUS_OUT)/index.md
$(CORPUS_OUT)/index.md: $(CORPUS_STATUS) src/articlefacts/pipeline/corpus.py $(INSTALLED)
	@$(PY) -m articlefacts.pipeline.corpus '$(CORPUS)' '$(CORPUS_OUT)'

bench: $(INSTALLED) ## Time the report against a plain script and the usual papermill CLI
	$(PY) benchmarks/bench.py

clean: ## Remove generated outputs (never data/raw)
	rm -rf '$(BUILD)' '$(EXECUTED)' '$(FIGURES)/en' '$(FIGURES)/vi'
	find '$(PROCESSED)' -maxdepth 1 -type f ! -name '.gitkeep' -delete
	rm -rf '$(PROCESSED)/findings'

endif
