# The README's two commands are `make site` and `make test`; each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
NODE_STAMP := tests/browser/node_modules/.installed-$(shell cat tests/browser/package-lock.json | sha256sum | cut -c1-12)
# ProperDocs, the maintained fork of MkDocs 1.6, in place of MkDocs (MIGRATION.md): its own environment from its own lock.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_BIN := $(PROPERDOCS_VENV)/bin
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed-$(shell cat requirements-properdocs.lock | sha256sum | cut -c1-12)
# The site tests: every test that builds a site or opens one in Chromium. Not the benchmark's, which runs .venv's MkDocs.
SITE_TESTS := -m "build or browser" --ignore=tests/test_benchmark.py
PIP_COMPILE := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet \
  --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-properdocs validate check-content serve lint lock golden screenshots i18n-extract i18n-update i18n-compile benchmark clean chromium firefox

site: $(STAMP)
	$(BIN)/python -m generator build
	$(BIN)/python -m generator bundle

test: $(STAMP) $(NODE_STAMP) chromium firefox
	$(BIN)/python -m pytest

# The site tests with ProperDocs as the engine; it first checks that ProperDocs is what runs and that MkDocs is not installed.
test-properdocs: $(PROPERDOCS_STAMP) $(NODE_STAMP) chromium
	$(PROPERDOCS_BIN)/python -c 'import generator.engine as engine, importlib.metadata as m, sys; \
	  installed = {d.metadata["Name"].lower() for d in m.distributions()}; \
	  engine.NAME == "properdocs" and sys.modules["mkdocs"].__name__ == "properdocs" and "mkdocs" not in installed \
	  or sys.exit("$(PROPERDOCS_VENV) does not run ProperDocs alone"); \
	  print("engine: ProperDocs", m.version("properdocs"), "with Material", m.version("mkdocs-material"), "(MkDocs not installed)")'
	$(PROPERDOCS_BIN)/python -m pytest $(SITE_TESTS)

validate: $(STAMP)
	$(BIN)/python -m generator validate --strict

# The pull-request check: the same validation, printed as annotations GitHub shows on the changed lines.
check-content: $(STAMP)
	$(BIN)/python -m generator validate --strict --format github

serve: $(STAMP)
	$(BIN)/python -m generator serve

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy

# Regenerate requirements.lock from pyproject.toml: every package pinned, with the SHA-256 of each of its files.
# Pins already in the lock are kept; the machine's own pip configuration (mirrors, local wheels) is left out.
# requirements-properdocs.lock starts from requirements.lock, so every package the two share keeps its version; it
# leaves out MkDocs (which Material requires) and the two packages only MkDocs needs, and is installed with --no-deps.
lock: $(STAMP)
	$(PIP_COMPILE) --allow-unsafe --extra test --extra dev --output-file requirements.lock pyproject.toml
	cp requirements.lock requirements-properdocs.lock
	$(PIP_COMPILE) --no-allow-unsafe --unsafe-package mkdocs --unsafe-package mkdocs-get-deps --unsafe-package mergedeep \
	  --output-file requirements-properdocs.lock requirements-properdocs.in

golden: $(STAMP)
	$(BIN)/python -m tests.golden

screenshots: $(STAMP) chromium
	$(BIN)/python -m tests.screenshots

benchmark: $(STAMP) chromium
	$(BIN)/python -m tests.benchmark

i18n-extract i18n-update i18n-compile: $(STAMP)
	$(BIN)/python -m generator i18n $(subst i18n-,,$@)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# The project on the environment's path: `python -m generator` then works from any folder of the project.
	echo "$(CURDIR)" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/penal-policy-kb.pth"
	rm -f $(VENV)/.installed-*
	touch $@

$(PROPERDOCS_STAMP): requirements-properdocs.lock
	test -x $(PROPERDOCS_BIN)/python || $(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-properdocs.lock
	rm -f $(PROPERDOCS_VENV)/.installed-*
	touch $@

# axe-core for the accessibility audit and puppeteer-core, which drives Firefox ESR, pinned by package-lock.json.
$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Chromium and Firefox ESR for the browser tests; never a downloaded browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y -o DPkg::Lock::Timeout=600 chromium; }

firefox:
	@command -v firefox-esr >/dev/null 2>&1 || { apt-get update && apt-get install -y -o DPkg::Lock::Timeout=600 firefox-esr; }

clean:
	rm -rf site dist
