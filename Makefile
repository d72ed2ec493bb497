# gluteed: two commands for users (`make lab`, `make test`) and a few for maintainers.
# Needs only Python 3.11+ and make; everything else goes into ./.venv.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
PYTEST_ARGS ?=

.PHONY: help lab handout app hub binder test bench bench-class bench-leftovers lint figures validation clean

help:
	@echo "make lab     set up .venv and open your copy of the notebooks (my-notebooks/) in JupyterLab"
	@echo "             (Ctrl+C twice stops it; your saved work never blocks a git pull)"
	@echo "make handout the student copy without teacher notes in handout/ (HANDOUT=folder names another)"
	@echo "make test    set up .venv with the test tools and run the whole test suite"
	@echo "make app     teaching mode: the dashboard as a Voila app on 127.0.0.1 with a token link"
	@echo "             (CASE=weak-right-glute presets a case; HOST=0.0.0.0 opens it to the network)"
	@echo "make hub     a course JupyterHub on this machine (HUB_PASSWORD=...; see docs/teaching.md)"
	@echo "make binder  re-pin binder/requirements.txt from pyproject.toml (needs Python 3.11 and the network)"
	@echo "make bench   print the speed benchmarks"
	@echo "make bench-class  simulated students against one teaching server (about 20 minutes)"
	@echo "make bench-leftovers  50 pages that never connect: kernels and memory 3 minutes later"
	@echo "make figures render the main figures to PNG in docs/"
	@echo "make validation  rewrite docs/validation.md from the tests' reference values"
	@echo "make lint    ruff check of the code and notebooks"
	@echo "make clean   remove .venv and caches"

# The venv is (re)built when pyproject.toml changes; one stamp per extra. pip stays quiet
# (errors only) and each set-up ends with one line saying what is installed.
PIP := $(BIN)/python -m pip --disable-pip-version-check install --quiet --progress-bar off
SETUP_DONE = @$(BIN)/python -c 'import importlib.metadata as m, sys; \
	print("Set-up done: gluteed", m.version("gluteed"), "with the $(1) tools in $(VENV)", \
	"(Python", sys.version.split()[0] + ",", len(list(m.distributions())), "packages).")'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "gluteed needs Python 3.11 or newer; found " + sys.version.split()[0])'
	@echo "Creating the Python environment in $(VENV)/ (the first time takes a few minutes) ..."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) --upgrade pip

$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	@echo "Installing gluteed and JupyterLab into $(VENV)/ ..."
	@$(PIP) -e ".[lab]"
	$(call SETUP_DONE,lab)
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	@echo "Installing gluteed and the test tools into $(VENV)/ ..."
	@$(PIP) -e ".[test]"
	$(call SETUP_DONE,test)
	@touch $@ $(VENV)/.lab-installed $(VENV)/.app-installed $(VENV)/.hub-installed

# Students work in a copy of the notebooks that git ignores (teaching/copies.py):
# created on the first run, never overwritten; notebooks added later are copied in.
MY_NOTEBOOKS ?= my-notebooks
HANDOUT ?= handout

lab: $(VENV)/.lab-installed
	@$(BIN)/python teaching/copies.py working-copy $(MY_NOTEBOOKS)
	@echo "JupyterLab is starting on http://127.0.0.1:$(PORT) (the link with its token is printed below)."
	@echo "Stop it with Ctrl+C in this terminal (twice), or File > Shut Down in JupyterLab."
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir=$(MY_NOTEBOOKS) --LabApp.default_url=/lab/tree/00_start_here.ipynb \
		$(if $(filter 0,$(shell id -u)),--allow-root)

# The student copy (notebooks, package, docs; no teacher notes) in $(HANDOUT)/.
handout:
	@$(PYTHON) teaching/copies.py handout $(HANDOUT)

# Teaching mode: code hidden, light theme, large type (see gluteed/app.py). The settings
# live in teaching/voila.py: a token in the printed link, only 127.0.0.1 unless HOST says
# otherwise, preheated kernels, idle kernels shut down, and a cap on kernels sized from
# the memory. CASE presets a patient case in the link, e.g. CASE=weak-right-glute.
# HOST=0.0.0.0 lets students on the network in (the token is still needed); MAX_STUDENTS
# caps the dashboards at once, POOL sets how many are kept ready (2).
APP_PORT ?= 8866
CASE ?=
HOST ?= 127.0.0.1
MAX_STUDENTS ?=
POOL ?=
$(VENV)/.app-installed: pyproject.toml | $(BIN)/python
	@$(PIP) -e ".[app]"
	$(call SETUP_DONE,app)
	@touch $@ $(VENV)/.lab-installed

app: $(VENV)/.app-installed
	@GLUTEED_APP_HOST='$(HOST)' GLUTEED_APP_PORT='$(APP_PORT)' GLUTEED_APP_CASE='$(CASE)' \
		GLUTEED_APP_MAX_KERNELS='$(MAX_STUDENTS)' GLUTEED_APP_POOL='$(POOL)' \
		exec $(BIN)/voila notebooks/teach.ipynb --Voila.config_file_paths=teaching

# configurable-http-proxy (npm) for the course JupyterHub and its test, in the git-ignored
# .node/; without npm the hub test skips, saying so.
NPM := $(shell command -v npm 2>/dev/null)
CHP_VERSION := 5.3.0
.node/.installed-$(CHP_VERSION):
	npm install --prefix .node --no-audit --no-fund --loglevel=error \
		configurable-http-proxy@$(CHP_VERSION)
	@touch $@

# A course JupyterHub on this machine (hub/jupyterhub_config.py; see docs/teaching.md):
# each student logs in with the course password and gets their own server.
HUB_PASSWORD ?=
$(VENV)/.hub-installed: pyproject.toml | $(BIN)/python
	@$(PIP) -e ".[hub]"
	$(call SETUP_DONE,hub)
	@touch $@ $(VENV)/.app-installed $(VENV)/.lab-installed

hub: $(VENV)/.hub-installed .node/.installed-$(CHP_VERSION)
	@test -n '$(HUB_PASSWORD)' || { echo "Give the course password: make hub HUB_PASSWORD=..."; exit 1; }
	GLUTEED_HUB_PASSWORD='$(HUB_PASSWORD)' $(BIN)/jupyterhub -f hub/jupyterhub_config.py

# binder/requirements.txt pins every package of the `app` extra (see binder/pin.py).
binder:
	$(PYTHON) binder/pin.py

test: $(VENV)/.test-installed $(if $(NPM),.node/.installed-$(CHP_VERSION))
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.test-installed
	@for script in $(filter-out benchmarks/bench_class.py benchmarks/bench_leftovers.py,$(wildcard benchmarks/bench_*.py)); do \
		$(BIN)/python $$script || exit 1; done

# N simulated students against one teaching server (about 20 minutes; see the script).
bench-class: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_class.py --tti

# 50 page requests that never open a websocket: kernels and memory 3 minutes later.
bench-leftovers: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_leftovers.py

# The README's and the docs' figures, rendered to PNG in docs/.
figures: $(VENV)/.lab-installed
	$(BIN)/python docs/make_figures.py

# "How far to trust this": docs/validation.md from tests/reference_values.py and
# docs/references.bib (standard library only; a test checks the page is current).
validation:
	$(PYTHON) docs/make_validation.py

lint: $(VENV)/.test-installed
	$(BIN)/ruff check gluteed tests benchmarks notebooks docs teaching
	$(BIN)/ruff format --check gluteed tests benchmarks docs teaching

clean:
	rm -rf $(VENV) .node .pytest_cache .ruff_cache .hypothesis build *.egg-info
