# The README's two commands are `make site` and `make test`; each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
NODE_STAMP := tests/browser/node_modules/.installed-$(shell cat tests/browser/package-lock.json | sha256sum | cut -c1-12)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test validate check-content serve lint lock golden screenshots i18n-extract i18n-update i18n-compile benchmark clean

site: $(STAMP)
	$(BIN)/python -m generator build
	$(BIN)/python -m generator bundle

test: $(STAMP) $(NODE_STAMP) chromium
	$(BIN)/python -m pytest

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
lock: $(STAMP)
	env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet \
	  --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	  --extra test --extra dev --output-file requirements.lock pyproject.toml

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

# axe-core for the accessibility audit, pinned by package-lock.json.
$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Chromium for the browser tests; never a downloaded browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }

clean:
	rm -rf site dist
