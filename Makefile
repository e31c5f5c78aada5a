# Leading Products: every command a learner, facilitator or contributor needs.
#   make book    create .venv, install everything, build the site into _build/html (strict)
#   make test    build, then run the whole test suite (unit, notebooks with nbval, browser)
#   make unit    models, charts, widgets and the chapter contract only: no build, about two minutes
#   make export STORE=folder OUT=answers.csv   every answer a workshop saved, as one CSV file
#   make chapter TOPIC=name   create a small working chapter from the template
#   make serve   serve the built site on http://127.0.0.1:8000
#   make lab     open a working copy of the notebooks live in JupyterLab (offline; FRESH=1 resets it)
#   make execute re-run every chapter notebook and store its outputs (before committing)
#   make bench   print live-update latency, build time, page sizes and phone figures (Lighthouse)
#   make hub [PASSWORD=...]  JupyterHub for a workshop room, as root (STORE=postgresql://... HOST=0.0.0.0 PORT=8800)
#   make workshop  serve the chapters' live exercises to a room with Voila (HOST=0.0.0.0 for the room)
#   make loadtest  30 simulated participants against a workshop server on loopback; prints figures
PYTHON ?= python3.11
# make workshop listens on Voila's usual port 8866 unless PORT is given (make serve keeps 8000).
WORKSHOP_PORT := $(if $(filter undefined,$(origin PORT)),8866,$(PORT))
# Only HOST given on the command line counts: zsh exports HOST (the machine's name) to everything.
WORKSHOP_HOST := $(if $(filter command line,$(origin HOST)),$(HOST),127.0.0.1)
POOL ?= 1
# The store the facilitator gave (STORE on the command line or in the environment, else
# LEADING_PRODUCTS_STORE): make hub starts its own PostgreSQL when this is empty.
GIVEN_STORE := $(strip $(if $(filter command line environment,$(origin STORE)),$(STORE),$(LEADING_PRODUCTS_STORE)))
# The hub's folder (its secrets say where the room's answers are): _hub/ unless LEADING_PRODUCTS_HUB_STATE.
HUB_STATE := $(or $(LEADING_PRODUCTS_HUB_STATE),_hub)
# Where make workshop saves answers: LEADING_PRODUCTS_STORE, else answers/.
STORE ?= $(or $(LEADING_PRODUCTS_STORE),answers)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
NOTEBOOKS := $(wildcard book/*.ipynb)

# The fast inner loop: every test that needs neither the built site, a browser nor a server, told
# apart by markers only (integration: slow end-to-end; browser: any module using tests/browser.py),
# on every core (pytest-xdist; a test module's fixtures stay on one worker).
UNIT_MARKERS := not integration and not browser

.PHONY: setup book test unit chapter serve lab workshop loadtest execute bench hub clean lock

setup: $(VENV)/.installed node_modules/.installed /usr/bin/chromium

$(VENV)/.installed: requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (never a browser a tool downloads itself).
/usr/bin/chromium:
	apt-get install -y --no-install-recommends chromium >/dev/null || \
	  (apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null)

# A clean build every time: an incremental one keeps pages of removed chapters and old
# static files, which would be published and tested. Strict: any warning fails it.
book: setup
	rm -rf _build/html
	$(BIN)/python tools/vendor.py
	$(BIN)/jupyter-book build . --all -W -n --keep-going

test: book
	$(BIN)/python -m pytest

unit: $(VENV)/.installed
	$(BIN)/python -m pytest -q -o addopts="" -p no:cacheprovider -m "$(UNIT_MARKERS)" -n auto --dist loadscope tests

# A new chapter from tools/chapter_template/, registered and executed, ready for make test.
chapter: $(VENV)/.installed
	@test -n "$(TOPIC)" || { echo "usage: make chapter TOPIC=name (a short lowercase name)" >&2; exit 2; }
	$(BIN)/python tools/new_chapter.py $(TOPIC) $(if $(TITLE),--title "$(TITLE)")
	LEADING_PRODUCTS_RENDER=static $(BIN)/jupyter execute --inplace book/$(TOPIC).ipynb

serve:
	@test -f _build/html/index.html || { echo "no site in _build/html: run make book first" >&2; exit 1; }
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	$(BIN)/python -m http.server --directory _build/html --bind 127.0.0.1 $(PORT)

# Lab needs only the Python environment (no npm, no browser), so it also starts offline. It
# opens a working copy in _lab/ (kept between sessions; FRESH=1 starts again from the book),
# so saving never changes the committed notebooks.
lab: $(VENV)/.installed
	$(BIN)/python tools/lab/workcopy.py $(if $(FRESH),--fresh)
	LEADING_PRODUCTS_RENDER=live $(BIN)/jupyter lab --notebook-dir=_lab --LabApp.user_settings_dir=_lab/.settings \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

# The workshop: each chapter (and the facilitator dashboard, tools/room/dashboard.ipynb) as a Voila app, written afresh
# into _workshop/ so the book's notebooks never change. Prints the address to share.
# HOST=0.0.0.0 opens it to the room's network; POOL preheated kernels per app; WARM=sequencing=30
# a pool for the chapter the whole room opens next; MAX_KERNELS a ceiling for refills; STORE= saves nothing.
workshop: $(VENV)/.installed
	$(BIN)/python tools/room/serve.py --host $(WORKSHOP_HOST) --port $(WORKSHOP_PORT) --pool $(POOL) --store "$(STORE)" \
	  $(if $(WARM),--warm $(WARM)) $(if $(MAX_KERNELS),--max-kernels $(MAX_KERNELS))

# Not a test: prints sessions served, p95 times, peak memory and answers lost for 30 participants.
loadtest: $(VENV)/.installed
	$(BIN)/python tools/room/loadtest.py $(if $(PARTICIPANTS),--participants $(PARTICIPANTS))

execute: $(VENV)/.installed
	LEADING_PRODUCTS_RENDER=static $(BIN)/jupyter execute --inplace $(NOTEBOOKS)

bench: book
	$(BIN)/python tools/bench.py
	$(BIN)/python tools/phone.py

# The workshop's JupyterHub (tools/room/jupyterhub_config.py, run by tools/room/hub.py, as root): one
# live server per participant, each as their own system account (removed at the end), each
# participant with their own password and their own database role. PASSWORD (optional, 8 characters
# or more) is the room's password, asked besides each participant's own; STORE is a superuser's
# postgresql:// URL, or none to start a PostgreSQL for the room here (data kept in _hub/postgres/);
# HOST=0.0.0.0 opens it to the room's network; PORT (default 8800 here).
hub: export LEADING_PRODUCTS_HUB_PASSWORD := $(or $(PASSWORD),$(LEADING_PRODUCTS_HUB_PASSWORD))
hub: export LEADING_PRODUCTS_STORE := $(GIVEN_STORE)
hub: $(VENV)/.installed node_modules/.installed
	$(BIN)/python tools/room/hub.py --host $(or $(HOST),127.0.0.1) --port $(if $(filter command line,$(origin PORT)),$(PORT),8800)

lock:
	$(BIN)/pip freeze --exclude-editable | sed '1i -e .' > requirements.txt

clean:
	rm -rf _build

# Every answer of a workshop as CSV, for the facilitator: STORE is the folder (or postgresql://
# URL) the workshop saved to (LEADING_PRODUCTS_STORE); with none, the room of the last make hub
# (read as the facilitator's role, its URL never on a command line), else answers/. OUT defaults to answers.csv.
.PHONY: export
export: $(VENV)/.installed
	@if [ -n "$(GIVEN_STORE)" ]; then \
	  $(BIN)/python -m exercises.room.store export "$(GIVEN_STORE)" --out "$(or $(OUT),answers.csv)"; \
	elif [ -f "$(HUB_STATE)/secrets/store" ]; then \
	  LEADING_PRODUCTS_HUB_STATE="$(HUB_STATE)" $(BIN)/python tools/room/hub.py export --out "$(or $(OUT),answers.csv)"; \
	else \
	  $(BIN)/python -m exercises.room.store export answers --out "$(or $(OUT),answers.csv)"; \
	fi
