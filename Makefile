# Two commands do all set-up on a fresh machine that has only Python 3.11:
#   make demo   builds the sample province and compiles it into out/
#   make test   runs every test (installing LibreOffice and poppler if missing)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libreoffice-calc libreoffice-writer poppler-utils fonts-liberation2 fonts-crosextra-carlito fonts-dejavu-core

.PHONY: demo test fuzz setup python-deps office clean

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

test: python-deps office
	$(TEST_ENV) $(BIN)/python -m pytest -n 2 -q

# The whole fault corpus (tests/faults.py, about 500 damaged or hostile
# workbooks) through check and compile, with a table by family; make test
# runs a sample of it.
fuzz: python-deps
	$(TEST_ENV) $(BIN)/python tests/faults.py

setup: python-deps office

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

clean:
	rm -rf out $(VENV) .pytest_cache
