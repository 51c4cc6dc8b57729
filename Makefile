# Two commands do all set-up on a fresh machine that has only Python 3.11:
#   make demo   builds the sample province and compiles it into out/
#   make test   runs every test, installing what the tests use (LibreOffice,
#               poppler, fonts, PostgreSQL, Chromium, Node.js and Pyodide)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages of the real components the product and its tests use:
# LibreOffice recalculates workbooks and makes the PDF beside each report;
# poppler reads PDFs back; the fonts give Times New Roman's metrics with
# Vietnamese glyphs; PostgreSQL and Chromium serve the portal's tests (the
# tests start their own server and browser); Node.js runs real Pyodide for
# the add-in's tests (Debian's nodejs and npm only where no Node.js is on PATH:
# the machines we run on come with a newer one).
APT_PACKAGES := libreoffice-calc libreoffice-writer poppler-utils fonts-liberation2 fonts-crosextra-carlito \
	fonts-dejavu-core postgresql chromium $(shell command -v node >/dev/null && command -v npm >/dev/null \
	|| echo nodejs npm)

.PHONY: demo test fuzz bench bench-levels setup python-deps system pyodide clean

# The demo holds workbooks with deliberate mistakes, so compile reports
# "needs attention" (exit status 1); only a failure (2 or more) stops make.
demo: python-deps system
	$(BIN)/baocao demo --out out/demo
	$(BIN)/baocao compile out/demo --registry out/demo/danh-sach-don-vi.xlsx --out out --date 20/6/2023 \
		|| [ $$? -eq 1 ]

# Tests run with the virtualenv's bin first on PATH and no PYTHONPATH or
# user site-packages, so a copy of baocao installed by hand elsewhere is
# never the one tested.
TEST_ENV := env -u PYTHONPATH PYTHONNOUSERSITE=1 PATH="$(CURDIR)/$(BIN):$$PATH"

test: python-deps system pyodide
	$(TEST_ENV) $(BIN)/python -m pytest -n 2 -q

# The whole fault corpus (tests/faults.py, about 500 damaged or hostile
# workbooks) through check and compile, with a table by family; make test
# runs a sample of it.
fuzz: python-deps
	$(TEST_ENV) $(BIN)/python tests/faults.py

# Compile at N = 55, 500 and 2,000 generated workbooks beside the raw read of
# the same files (benchmarks/compile_benchmark.py; about ten minutes on 2 cores,
# the first run also generates the workbooks in /tmp/baocao-benchmark).
bench: python-deps system
	$(TEST_ENV) $(BIN)/python benchmarks/compile_benchmark.py --counts 55 500 2000

# Two levels: 4 provinces × 500 CĐCS, then the nation from their tong-hop.xlsx, with the
# figures extrapolated to 63 provinces × 2,100 CĐCS (benchmarks/levels.py; some minutes).
bench-levels: python-deps
	$(TEST_ENV) $(BIN)/python benchmarks/levels.py --provinces 4 --units 500

setup: python-deps system pyodide

python-deps: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

system:
	@if command -v dpkg >/dev/null; then \
		dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
			echo "Cài LibreOffice, poppler-utils, phông chữ, PostgreSQL, Chromium và Node.js (apt-get)…"; \
			$(SUDO) apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); }; \
	elif ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null || ! command -v chromium >/dev/null \
		|| ! command -v node >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "Cần cài LibreOffice, poppler, PostgreSQL, Chromium và Node.js trước khi chạy."; exit 1; \
	fi

# Real Pyodide for the add-in's tests: the npm package (the version the workbooks declare,
# addin/embed.py) under Node.js, and the pure-Python wheels of the Lite requirements.txt with their
# dependencies, fetched with pip for Pyodide's Python (3.12). Pyodide's package CDN is not needed:
# a pure wheel is unpacked into Pyodide's site-packages. About 16 MB and ten seconds. Xuất báo cáo's
# pins (python-docx, Jinja2) are left out: they need lxml and MarkupSafe, which only Pyodide's CDN has.
PYODIDE_DIR := .cache/pyodide

pyodide: $(PYODIDE_DIR)/.installed

$(PYODIDE_DIR)/.installed: $(VENV)/.installed addin/embed.py addin/lite.py addin/xuat_bao_cao.py | system
	rm -rf $(PYODIDE_DIR)/wheels
	mkdir -p $(PYODIDE_DIR)/wheels
	npm install --prefix $(PYODIDE_DIR) --no-save --no-audit --no-fund --loglevel=error \
		pyodide@$$($(BIN)/python -c "from addin.embed import PYODIDE_VERSION; print(PYODIDE_VERSION)")
	$(BIN)/pip download --quiet --only-binary=:all: --platform any --implementation py \
		--python-version 3.12 --dest $(PYODIDE_DIR)/wheels \
		$$($(BIN)/python -c "from addin.lite import REPORT_NOTE, lite_requirements; \
			print(' '.join(line.split('#')[0] for line in lite_requirements().splitlines() if REPORT_NOTE not in line))")
	touch $@

clean:
	rm -rf out $(VENV) .pytest_cache $(PYODIDE_DIR)
