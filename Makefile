# Shahrvand — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
NPM_FLAGS := --no-audit --no-fund --loglevel=error

.PHONY: run test install model assets lint typecheck importlint pytest browser-deps deploy-deps deploy-lint security migrate demo lock clean

## make run: install everything, migrate SQLite, load the demo province, serve on 127.0.0.1:$(PORT)
run: install assets model
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

## make test: install test tools, then lint (ruff), types (mypy), import contracts
## (import-linter) and the full pytest suite
test: install-test assets browser-deps deploy-deps lint typecheck importlint deploy-lint security pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements/run.txt pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements/run.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-deps: requirements/test.txt $(VENV)/.run-deps
	$(PY) -m pip install --quiet -r requirements/test.txt
	touch $@

install: $(VENV)/.run-deps

## make model: train the report classifier from the shipped corpus if no model exists yet
model: install
	@test -f var/models/current.json || $(VENV)/bin/shahrvand train
install-test: $(VENV)/.test-deps

node_modules/.installed: package.json package-lock.json
	npm ci $(NPM_FLAGS)
	touch $@

build/vendor/.copied: node_modules/.installed scripts/copy-vendor.sh
	bash scripts/copy-vendor.sh
	touch $@

assets: build/vendor/.copied

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# nginx -t checks deploy/nginx/shahrvand.conf (Debian's nginx-light; it is not started).
deploy-deps:
	@command -v nginx >/dev/null 2>&1 || { \
	  echo "installing Debian nginx-light to check the nginx config"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null \
	  || echo "nginx could not be installed: deploy-lint will say the nginx config is not checked"; }

## make deploy-lint: YAML style, Kubernetes schemas (offline), the compose file, nginx -t
deploy-lint: install-test assets
	$(VENV)/bin/yamllint -c deploy/yamllint.yaml deploy/
	$(VENV)/bin/kubernetes-validate --strict --quiet deploy/k8s/*.yaml
	@if docker compose version >/dev/null 2>&1; then \
	  cp deploy/env.example deploy/.env.lint && \
	  docker compose -f deploy/docker-compose.yml --env-file deploy/.env.lint config -q; \
	  status=$$?; rm -f deploy/.env.lint; exit $$status; \
	else echo "docker compose plugin not installed: compose file checked against the schema only"; fi
	$(PY) scripts/validate_compose.py deploy/docker-compose.yml
	bash scripts/check_nginx.sh

## make security: bandit over the code, pip-audit over the locked runtime dependencies
security: install-test
	$(VENV)/bin/bandit -q -c pyproject.toml -r src deploy/gunicorn.conf.py scripts
	$(PY) scripts/pip_audit_gate.py requirements/run.txt

lint: install-test
	$(VENV)/bin/ruff check src tests manage.py
	$(VENV)/bin/ruff format --check src tests manage.py

typecheck: install-test
	$(VENV)/bin/mypy src

## make importlint: imports between the apps flow one way (pyproject [tool.importlinter],
## docs/decisions/0031-layers.md); PYTHONPATH makes it read this checkout's src/
importlint: install-test
	PYTHONPATH=src $(VENV)/bin/lint-imports

pytest: install-test assets
	$(VENV)/bin/pytest -q

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## make lock: after editing pyproject.toml's dependencies, re-pin requirements/*.txt
lock: $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) scripts/lock.py

clean:
	rm -rf $(VENV) node_modules build .pytest_cache .mypy_cache .ruff_cache
