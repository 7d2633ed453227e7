# videorace: `make reports` and `make test` do all the set-up themselves. `make help` lists targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-requirements
KERNEL := videorace

.DEFAULT_GOAL := help
.PHONY: help check-python setup reports test check lint lab validate codebook refresh bench screenshots lock clean clean-reports update

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-11s %s\n", $$1, $$2}'

# The Python the pins need (pyproject's requires-python), checked before anything is created.
NEED_PY := $(shell sed -n 's/^requires-python *= *">=\([0-9.]*\)".*/\1/p' pyproject.toml)
PORT    ?= 8888

check-python:
	@$(PYTHON) -c 'import sys; need = tuple(map(int, "$(NEED_PY)".split("."))); sys.exit(0 if sys.version_info[:2] >= need else 1)' 2>/dev/null \
	  || { echo "setup: $(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())' 2>/dev/null || echo '(not found)'); the pinned requirements need Python $(NEED_PY) or newer. Run: make PYTHON=python$(NEED_PY) ..." >&2; exit 1; }

# pip runs only when requirements.txt (or the package metadata) is newer than the stamp. A failed
# install removes .venv, so no later run trusts a half-made environment; the stamp marks success.
# The Python check runs only when .venv is to be made: a working .venv is what later runs use, so
# an older python3 on a scheduler's PATH does not stop them.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(MAKE) --no-print-directory check-python PYTHON="$(PYTHON)"
	@test -x $(BIN)/python || { echo "setup: creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV) \
	  || { echo "setup: could not create $(VENV); removed what was made" >&2; rm -rf $(VENV); exit 1; }; }
	@echo "setup: installing the pinned requirements into $(VENV) (the first time takes a minute or two)"
	@$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt -e . \
	  || { echo "setup: the install failed; removed $(VENV) so that no later run uses it" >&2; rm -rf $(VENV); exit 1; }
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (videorace)" >/dev/null
	@# notebook-aware diffs: git diff notebooks/ shows cells and numbers, not base64 (.gitattributes)
	@git rev-parse --git-dir >/dev/null 2>&1 \
	  && git config diff.jupyternotebook.command "$(CURDIR)/$(BIN)/git-nbdiffdriver diff" \
	  && git config merge.jupyternotebook.driver "$(CURDIR)/$(BIN)/git-nbmergedriver merge %O %A %B %L %P" \
	  || echo "setup: not a git checkout; notebook diffs are not configured"
	@touch $@

setup: $(STAMP) ## Create .venv and install the pinned requirements (only when they changed)

reports: setup ## Execute every notebook into reports/ (HTML), then print where the index is
	$(BIN)/python -m videorace build

# The suite starts about forty Python processes (workers, zygotes, kernels); letting them keep
# bytecode in __pycache__/ (gitignored), even where PYTHONDONTWRITEBYTECODE is set, compiles the
# package and pytest's rewritten test modules once instead of in every process.
test: setup lint ## Lint, unit tests of the package and strict nbval over notebooks/
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest

lint: setup ## ruff over the package, tests, benchmarks and scripts (rules in pyproject.toml)
	$(BIN)/ruff check --quiet .

# The quick loop while editing: no kernel, build, browser or install (tests marked slow in
# tests/conftest.py), no nbval.
check: lint ## Lint and the unit tests that start no kernel, build or browser (seconds)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -p no:nbval -o addopts="-p no:cacheprovider -n 2" -m "not slow" -q tests

lab: setup ## Open JupyterLab over the project, on the project's own kernel (PORT=8888)
	$(BIN)/jupyter lab --notebook-dir=. --port=$(PORT) $(if $(filter 0,$(shell id -u)),--allow-root)

validate: setup ## Check every table in data/ and print each problem with file:line: column
	$(BIN)/python -m videorace validate

codebook: setup ## Regenerate data/README.md and data/datapackage.json from videorace/data/schema.py
	$(BIN)/python -m videorace codebook
	$(BIN)/python -m videorace datapackage

refresh: setup ## Re-execute the notebooks in place at their defaults (updates nbval's baselines)
	$(BIN)/python -m videorace refresh

# Three runs (about four minutes): this machine's speed drifts by a fifth within minutes. Like
# make test, with bytecode kept, as Python keeps it by default, for both sides alike.
bench: setup ## Time a cold build, a no-op rebuild and the plain papermill + nbconvert CLIs (3 runs)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python benchmarks/build_speed.py --repeat 3

screenshots: setup ## Build the reports if needed, then save a full-page PNG of the index and each report in docs/screenshots/
	$(BIN)/python -m videorace build
	$(BIN)/python scripts/screenshots.py

# A fresh environment in a temporary directory, so the lock holds what requirements.in resolves
# to, not what happens to be installed in .venv; requirements.txt is replaced only when all went
# well, and the temporary directory goes in any case.
lock: check-python ## Re-resolve requirements.in into requirements.txt in a fresh environment (needs the registry)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && echo "lock: resolving requirements.in in a fresh environment" \
	  && $(PYTHON) -m venv "$$tmp/venv" \
	  && "$$tmp/venv/bin/python" -m pip install --disable-pip-version-check -r requirements.in \
	  && { echo "# Generated by 'make lock' from requirements.in: every package, exact, resolved together."; \
	       echo "# Edit requirements.in, then run 'make lock'."; \
	       "$$tmp/venv/bin/python" -m pip freeze --all | grep -v '^pip=='; } > "$$tmp/requirements.txt" \
	  && mv "$$tmp/requirements.txt" requirements.txt && echo "lock: wrote requirements.txt"

update: setup ## Fast-forward this checkout to its upstream branch (refuses on local changes or divergence)
	$(BIN)/python -m videorace update

clean-reports: ## Remove the generated reports (reports/ keeps its committed README)
	[ ! -d reports ] || find reports -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +

clean: ## Remove the virtual environment (reports stay)
	rm -rf $(VENV)
	@git config --remove-section diff.jupyternotebook 2>/dev/null; git config --remove-section merge.jupyternotebook 2>/dev/null; true  # git diff would die on the removed nbdime
