# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 3
# The address every email links to (README: Configuration); set it when HOST is not the
# address people use, e.g. `make run HOST=0.0.0.0 SITE_URL=http://portal.lan:8000`.
SITE_URL ?= http://$(HOST):$(PORT)

# `make run` serves with production settings (DEBUG off) on plain http on loopback.
RUN_ENV := DEBUG=false SECRET_KEY_FILE=data/secret_key SECURE_SSL_REDIRECT=false \
	SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0 SITE_URL=$(SITE_URL)

# The Nu HTML checker (tests/test_html_validity.py): the vnu-jar npm package, pinned, kept inside
# the virtualenv folder (ignored by git). Run with Java; without npm or the network the test skips
# (and fails under CI=true).
VNU_VERSION := 26.9.27
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: venv vnu run dev test test-fast lint format bench clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

$(VNU_JAR):
	@mkdir -p $(VENV)/vnu
	npm install --prefix $(VENV)/vnu --no-audit --no-fund --ignore-scripts --no-save vnu-jar@$(VNU_VERSION) \
		|| echo "Could not install vnu-jar: the HTML validity test will be skipped (a failure under CI=true)."

vnu: $(VNU_JAR)

# data/ holds the database, uploads, saved emails and this key: its owner only (0700; files 0600).
data/secret_key:
	@mkdir -p -m 700 data
	@chmod 700 data
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

run: venv data/secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(RUN_ENV) $(BIN)/python manage.py createcachetable
	$(RUN_ENV) $(BIN)/python manage.py seed_calendar
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	@echo ""
	@echo "Portal:  http://$(HOST):$(PORT)/   (Chinese)   http://$(HOST):$(PORT)/en/   (English)"
	@echo "Admin:   http://$(HOST):$(PORT)/admin/"
	@echo "Emails the portal sends are written to data/emails/ (one file per email)."
	@echo ""
	@# The task worker (emails, roll-ups) runs beside gunicorn and stops with it.
	@# --limit-request-line 8190 (gunicorn's maximum; its default is 4094): a long search reaches
	@# Django, which answers an over-long address with the portal's 414 page (MAX_URL_LENGTH).
	$(RUN_ENV) $(BIN)/python manage.py db_worker --interval 1 & WORKER=$$!; \
	trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/gunicorn portal.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --graceful-timeout 10 \
		--limit-request-line 8190

dev: venv
	DEBUG=true $(BIN)/python manage.py migrate --noinput -v0
	DEBUG=true $(BIN)/python manage.py createcachetable
	DEBUG=true SITE_URL=$(SITE_URL) $(BIN)/python manage.py load_demo
	DEBUG=true TASKS_BACKEND=immediate SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# pytest exits 5 when no test ran; make treats any non-zero exit as failure.
# The suite in two passes: everything but the browser tests spread over TEST_WORKERS processes
# (pytest-xdist; each has its own test database), then the browser tests in one process.
TEST_WORKERS ?= 2
test: venv vnu
	$(BIN)/pytest -n $(TEST_WORKERS) --ignore=tests/e2e
	$(BIN)/pytest tests/e2e

# ruff, then the boundaries between the apps (the import contracts in pyproject.toml).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	$(BIN)/python bench/run_bench.py

clean:
	rm -rf $(VENV) staticfiles
