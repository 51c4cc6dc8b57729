# Two commands do all set-up on a fresh machine that has only Python 3.11:
#   make demo   builds the sample province and compiles it into out/
#   make test   runs every test (installing LibreOffice, poppler, PostgreSQL and Chromium if missing)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libreoffice-calc libreoffice-writer poppler-utils fonts-liberation2 fonts-crosextra-carlito fonts-dejavu-core

.PHONY: demo test setup python-deps office clean

# The demo holds workbooks with deliberate mistakes, so compile reports
# "needs attention" (exit status 1); only a failure (2 or more) stops make.
demo: python-deps office
	$(BIN)/baocao demo --out out/demo
	$(BIN)/baocao compile out/demo --registry out/demo/danh-sach-don-vi.xlsx --out out --date 20/6/2023 \
		|| [ $$? -eq 1 ]

test: python-deps office portal-deps
	$(BIN)/python -m pytest -n 2 -q

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

# --- Cổng nộp báo cáo (portal/) -------------------------------------------------
# The portal tests run a real PostgreSQL server (started by the tests, as the
# postgres user) and a real headless Chromium driven by Playwright: both come
# from Debian's packages, nothing is downloaded by Playwright.
PORTAL_APT_PACKAGES := postgresql chromium fonts-dejavu-core

.PHONY: portal-deps
portal-deps:
	@if command -v dpkg >/dev/null; then \
		dpkg -s $(PORTAL_APT_PACKAGES) >/dev/null 2>&1 || { \
			echo "Cài PostgreSQL và Chromium cho các phép thử của cổng nộp báo cáo (apt-get)…"; \
			$(SUDO) apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(PORTAL_APT_PACKAGES); }; \
	elif ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "Cần cài PostgreSQL và Chromium trước khi chạy các phép thử của cổng nộp báo cáo."; exit 1; \
	fi
# ---------------------------------------------------------------------------------

clean:
	rm -rf out $(VENV) .pytest_cache
