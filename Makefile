# Two commands do all set-up on a fresh machine that has only Python 3.11:
#   make demo   builds the sample province and compiles it into out/
#   make test   runs every test (installing LibreOffice and poppler if missing)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libreoffice-calc libreoffice-writer poppler-utils fonts-liberation2 fonts-crosextra-carlito fonts-dejavu-core

.PHONY: demo test fuzz setup python-deps office pyodide clean

# The demo holds workbooks with deliberate mistakes, so compile reports
# "needs attention" (exit status 1); only a failure (2 or more) stops make.
demo: python-deps office
	$(BIN)/baocao demo --out out/demo
	$(BIN)/baocao compile out/demo --registry out/demo/danh-sach-don-vi.xlsx --out out --date 20/6/2023 \
		|| [ $$? -eq 1 ]

# Tests run with the virtualenv's bin first on PATH and no PYTHONPATH or
# user site-packages, so a copy of baocao installed by hand elsewhere is
# never the one tested.
TEST_ENV := env -u PYTHONPATH PYTHONNOUSERSITE=1 PATH="$(CURDIR)/$(BIN):$$PATH"

test: python-deps office pyodide
	$(TEST_ENV) $(BIN)/python -m pytest -n 2 -q

# The whole fault corpus (tests/faults.py, about 500 damaged or hostile
# workbooks) through check and compile, with a table by family; make test
# runs a sample of it.
fuzz: python-deps
	$(TEST_ENV) $(BIN)/python tests/faults.py

setup: python-deps office pyodide

python-deps: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# LibreOffice is the real spreadsheet and word processor of the tests and
# makes the PDF beside each report; poppler reads PDFs back; the fonts give
# Times New Roman's metrics with Vietnamese glyphs.
office:
	@if command -v dpkg >/dev/null; then \
		dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
			echo "Cài LibreOffice, poppler-utils và phông chữ (apt-get)…"; \
			$(SUDO) apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); }; \
	elif ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then \
		echo "Cần cài LibreOffice và poppler (pdftotext, pdftoppm) trước khi chạy."; exit 1; \
	fi

# Real Pyodide for the add-in's tests: the npm package (the version the workbooks declare,
# addin/embed.py) under Node.js, and the pure-Python wheels of the Lite requirements.txt with their
# dependencies, fetched with pip for Pyodide's Python (3.12). Pyodide's package CDN is not needed:
# a pure wheel is unpacked into Pyodide's site-packages. About 16 MB and ten seconds once Node.js
# is there (Debian's nodejs and npm packages, when missing, take a minute or two more).
PYODIDE_DIR := .cache/pyodide

pyodide: $(PYODIDE_DIR)/.installed

$(PYODIDE_DIR)/.installed: $(VENV)/.installed addin/embed.py addin/lite.py
	@command -v node >/dev/null && command -v npm >/dev/null || { \
		echo "Cài Node.js và npm (apt-get)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm; }
	rm -rf $(PYODIDE_DIR)/wheels
	mkdir -p $(PYODIDE_DIR)/wheels
	npm install --prefix $(PYODIDE_DIR) --no-save --no-audit --no-fund --loglevel=error \
		pyodide@$$($(BIN)/python -c "from addin.embed import PYODIDE_VERSION; print(PYODIDE_VERSION)")
	$(BIN)/pip download --quiet --only-binary=:all: --platform any --implementation py \
		--python-version 3.12 --dest $(PYODIDE_DIR)/wheels \
		$$($(BIN)/python -c "from addin.lite import lite_requirements; \
			print(' '.join(line.split('#')[0] for line in lite_requirements().splitlines()))")
	touch $@

clean:
	rm -rf out $(VENV) .pytest_cache $(PYODIDE_DIR)
