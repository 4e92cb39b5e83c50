# The few verbs people need. Everything installs from this repo's own files.
#   make lab    set up, then start JupyterLab on your own workbook (EDITION=zh for the Chinese edition)
#   make author start JupyterLab on the kit's own notebooks, to edit the course's sources
#   make room   (root) a workshop room on JupyterHub: ROSTER=roster.csv, one account per learner
#   make app    the widget pages without code (Voilà), for the projector or the room (EDITION, PORT, IP)
#   make test   set up, then lint and run the whole suite
#   make bench  set up, then run the benchmarks (prints ratios, writes benchmarks/results.json)
#   make clean  remove generated files (keeps .venv; `make distclean` removes it too)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8888
IP ?= 127.0.0.1
# The one switch between the kit's two editions (scripts/lab.sh): EDITION=zh opens
# course/zh/ with JupyterLab's own menus in Chinese.
EDITION ?= en
export PATH := $(BIN):$(PATH)

.PHONY: setup system-deps lab author app test lint unit bench clean distclean clean-notebooks contents release help

help:
	@sed -n '1,8p' Makefile | sed 's/^# \{0,1\}//'

setup: $(STAMP) system-deps
	@$(BIN)/python -m receivables.web_assets >/dev/null

$(STAMP): pyproject.toml constraints.txt scripts/lab-overrides.json
	@bash scripts/check-python.sh "$(PYTHON)"
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,bench,room]"
	@# JupyterLab defaults for a workshop: no news or update pop-ups over the learners' notebooks.
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp scripts/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $@

system-deps:
	@bash scripts/system-deps.sh

lab: setup
	@echo "Starting JupyterLab, $(EDITION) edition (Ctrl-C to stop). Open the URL printed below."
	EDITION=$(EDITION) PORT=$(PORT) IP=$(IP) $(if $(START),START=$(START)) bash scripts/lab.sh

# The kit's own files, for whoever edits the course (changes show in `git status`;
# `make clean-notebooks` strips outputs before a commit).
author: setup
	EDITION=$(EDITION) PORT=$(PORT) IP=$(IP) ROOT=$(CURDIR) $(if $(START),START=$(START)) bash scripts/lab.sh

# App mode (receivables.app): the course's widget notebooks in Voilà, without code, in the
# edition's language, a kernel per visitor. Port 8866 unless PORT is given; TIMEOUT: seconds
# before an idle kernel is shut down.
app: setup
	$(BIN)/receivables app --lang $(EDITION) --port $(if $(filter file,$(origin PORT)),8866,$(PORT)) --ip $(IP) $(if $(TIMEOUT),--timeout $(TIMEOUT))

# Room mode (README "Running a workshop room"): JupyterHub on the room's network, one Unix
# account, server and workbook per learner of ROSTER; Chinese unless EDITION=en is given.
ROSTER ?= roster.csv
ROOM_DIR ?= /srv/receivables-room
room: setup
	$(BIN)/receivables room start --roster "$(ROSTER)" --dir "$(ROOM_DIR)" \
	  --edition $(if $(filter command line environment,$(origin EDITION)),$(EDITION),zh) \
	  --port $(if $(filter command line environment,$(origin PORT)),$(PORT),8000) \
	  --ip $(if $(filter command line environment,$(origin IP)),$(IP),0.0.0.0)

# After the workshop: the room's accounts, homes, hub state and exchange (ALL=1: its Python too).
room-remove: $(STAMP)
	$(BIN)/receivables room remove --dir "$(ROOM_DIR)" $(if $(ALL),--all)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks course cases solutions
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/receivables course check

# pytest's closing line ("N passed in S s") is the suite's time and the last line printed.
test: setup
	@start=$$(date +%s); $(MAKE) --no-print-directory lint && \
	echo "lint: $$(( $$(date +%s) - start )) s; now the test suite (notebooks, nbgrader, browser included)" && \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

unit: $(STAMP)
	$(BIN)/python -m pytest -m "not notebooks and not grading and not browser" $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m benchmarks

contents: $(STAMP)
	$(BIN)/receivables course contents

clean-notebooks: $(STAMP)
	$(BIN)/receivables course clean

release: $(STAMP)
	$(BIN)/receivables course release

clean:
	rm -rf .work .nbgrader build dist .pytest_cache .ruff_cache .hypothesis src/*.egg-info
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
	find . -name .ipynb_checkpoints -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
