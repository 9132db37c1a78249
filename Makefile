# driftsforum — de to kommandoer i README: make demo og make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

# Systempakker til PDF og browsertest: Chromium (axe-core-test), Pango/HarfBuzz (WeasyPrint), DejaVu (æ, ø, å).
DEB_PACKAGES := chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libreoffice-writer-nogui poppler-utils
# axe-core fra npm-registret, lagt i .cache/npm (git-ignoreret via .cache/.gitignore).
AXE_VERSION := 4.14.1
NPM_PREFIX := .cache/npm
AXE_STAMP := $(NPM_PREFIX)/.axe-core-$(AXE_VERSION)

.PHONY: demo test lint typecheck pytest bench clean system-deps apt-deps bytecode

# make demo installs only what the tool needs to run; make test adds the test tools.
$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Compiled bytecode for the package's own modules: where PYTHONDONTWRITEBYTECODE is set (as on CI),
# Python would otherwise recompile them on every run, which costs ~30 ms of each command's start-up.
bytecode: $(RUN_STAMP)
	$(BIN)/python -m compileall -q src

demo: $(RUN_STAMP) bytecode
	$(BIN)/driftsforum validate
	$(BIN)/driftsforum overview
	$(BIN)/driftsforum data

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) system-deps
	$(BIN)/pytest -q

test: system-deps bytecode lint typecheck pytest

# Installerer kun det, der mangler: hurtig, når alt er der. Som root uden sudo, ellers med sudo.
system-deps: apt-deps $(AXE_STAMP)

apt-deps:
	@if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "Advarsel: ikke et Debian-system; installér selv: $(DEB_PACKAGES) og npm" >&2; exit 0; \
	fi; \
	missing=""; \
	for package in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$package"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "Fejl: mangler Debian-pakkerne$$missing, og kan hverken bruge root eller sudo" >&2; exit 1; fi; \
	echo "Installerer Debian-pakker:$$missing"; \
	$$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null

$(AXE_STAMP): | apt-deps
	mkdir -p $(NPM_PREFIX)
	printf '*\n' > .cache/.gitignore
	npm install --no-save --no-audit --no-fund --loglevel=error --prefix $(NPM_PREFIX) axe-core@$(AXE_VERSION)
	touch $(AXE_STAMP)

bench: $(STAMP) bytecode
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/bench_validate.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache $(NPM_PREFIX)
