# Convention Academy: the front door. `make run` serves the demo, `make test` runs the suite.
# Python 3.11 (CI's), 3.12 or 3.13: PYTHON=python3.12 make run
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
CHROMIUM := /usr/bin/chromium

.PHONY: run test check requirements browser system-libs qr-tools redis test-postgres bench-certificates bench-partners wrk bench-server bench clean help

help:
	@echo "make run    install, migrate, load the demo course, start the task worker and serve on http://127.0.0.1:8000"
	@echo "make test   run the whole test suite (installs test tools, axe-core and Chromium if missing)"
	@echo "make test-postgres  the same on PostgreSQL: DATABASE_URL, or a throw-away local cluster"
	@echo "make check  ruff and the missing-migrations check"
	@echo "make requirements  recompile requirements.txt and requirements-dev.txt from the .in files"
	@echo "make bench-server, then make bench  pages' server time, queries and load (bench/RESULTS.md)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info < (3, 14))' 2>/dev/null || { \
	  echo "Python 3.11, 3.12 or 3.13 is needed: $(PYTHON) is missing or another version."; \
	  echo "Choose one with e.g. PYTHON=python3.12 make run (after make clean if .venv exists)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

# requirements.txt and requirements-dev.txt are compiled from the .in files, with hashes, by
# uv (pinned here, in a venv of its own: neither the site nor its tests need it). One
# universal file serves every supported Python and platform, with markers where they differ.
# --no-strip-extras writes e.g. psycopg[binary]==3.3.9: without it an older pip (23.2, what a
# new venv of Python 3.11.7 has) refuses the hashed file. Existing pins are kept; to move:
# make requirements UPGRADE="--upgrade-package Django" (UPGRADE=--upgrade moves everything).
UV_VERSION := 0.13.9
TOOLS := .venv-tools
COMPILE := $(TOOLS)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --no-strip-extras

$(TOOLS)/.uv-$(UV_VERSION):
	rm -rf $(TOOLS)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	touch $@

requirements: $(TOOLS)/.uv-$(UV_VERSION)
	$(COMPILE) $(UPGRADE) requirements.in -o requirements.txt
	$(COMPILE) $(UPGRADE) requirements-dev.in -o requirements-dev.txt

# Certificates are drawn with WeasyPrint, which needs the system's Pango library.
system-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Pango for certificate PDFs..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	  else \
	    echo "Certificate PDFs need Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; \
	  fi; }

# The production task queue (Redis with RQ) is tested against a real redis-server.
redis:
	@command -v redis-server >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing redis-server for the task-queue tests..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	  else \
	    echo "The task-queue tests need Redis: sudo apt-get install redis-server"; exit 1; \
	  fi; }

# The browser tests read the certificate's QR code: pdftoppm (poppler) and zbarimg (zbar).
qr-tools:
	@command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing poppler-utils and zbar-tools to read certificate QR codes in tests..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils zbar-tools >/dev/null; \
	  else \
	    echo "The certificate tests read QR codes: sudo apt-get install poppler-utils zbar-tools"; exit 1; \
	  fi; }

run: $(VENV)/.runtime-installed system-libs
	$(MANAGE) migrate --noinput --verbosity 0
	@echo "Database ready (var/db.sqlite3 unless DATABASE_URL is set)."
	$(MANAGE) generate_certificate_key --if-missing
	$(MANAGE) seed_demo
	@echo ""
	@echo "Convention Academy is starting on http://127.0.0.1:8000 (admin: http://127.0.0.1:8000/admin/)."
	@echo "Log in with the demo accounts listed above. Stop with Ctrl+C."
	@echo "The task worker runs beside it: e-mail is delivered (printed here) and other jobs run."
	@$(MANAGE) db_worker --verbosity 0 & worker=$$!; \
	  $(MANAGE) run_schedule & schedule=$$!; \
	  trap 'kill $$worker $$schedule 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver --noreload 127.0.0.1:8000

browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; \
	  fi; }

AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "The accessibility tests need Node.js and npm."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process. The
# demo course is seeded once per run, by the first worker that needs it (tests/snapshots.py).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest --numprocesses $(TEST_WORKERS)

test: $(VENV)/.dev-installed browser system-libs qr-tools redis $(AXE)
	$(PYTEST)

check: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

# Against DATABASE_URL if set, else a private throw-away cluster (bin/with-postgres).
test-postgres: $(VENV)/.dev-installed browser system-libs qr-tools redis $(AXE)
	bin/with-postgres $(PYTEST)

bench-certificates: $(VENV)/.runtime-installed system-libs
	$(MANAGE) generate_certificate_key --if-missing
	$(BIN)/python bench/certificate_pdf.py

# Builds (once) 10 000 trainees in var/bench-partners.sqlite3, never in the dev database.
bench-partners: $(VENV)/.runtime-installed
	$(BIN)/python bench/partner_dashboard.py

# wrk, the load generator of `make bench` (Debian's package).
wrk:
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's wrk for the load test..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "The load test needs wrk: sudo apt-get install wrk"; exit 1; \
	  fi; }

# gunicorn (2 workers, production settings, Server-Timing on) on a throw-away database
# in var/bench/, built once with LEARNERS (default 100 000) scale learners.
bench-server: $(VENV)/.runtime-installed system-libs
	bin/bench-server

# Against the running `make bench-server`; appends its tables to bench/RESULTS.md.
bench: $(VENV)/.runtime-installed wrk
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(TOOLS) node_modules var/db.sqlite3* var/static var/test-media
