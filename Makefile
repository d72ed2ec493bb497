# gluteed: two commands for users (`make lab`, `make test`) and a few for maintainers.
# Needs only Python 3.11+ and make; everything else goes into ./.venv.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
PYTEST_ARGS ?=

.PHONY: help lab test bench lint figures clean

help:
	@echo "make lab     set up .venv and open the notebooks in JupyterLab (Ctrl+C twice stops it)"
	@echo "make test    set up .venv with the test tools and run the whole test suite"
	@echo "make bench   print the speed benchmarks"
	@echo "make lint    ruff check of the code and notebooks"
	@echo "make clean   remove .venv and caches"

# The venv is (re)built when pyproject.toml changes; one stamp per extra.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "gluteed needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.lab-installed

lab: $(VENV)/.lab-installed
	@echo "JupyterLab is starting on http://127.0.0.1:$(PORT) (the link with its token is printed below)."
	@echo "Stop it with Ctrl+C in this terminal (twice), or File > Shut Down in JupyterLab."
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir=notebooks --LabApp.default_url=/lab/tree/00_start_here.ipynb \
		$(if $(filter 0,$(shell id -u)),--allow-root)

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.test-installed
	@for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

lint: $(VENV)/.test-installed
	$(BIN)/ruff check gluteed tests benchmarks notebooks
	$(BIN)/ruff format --check gluteed tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info
