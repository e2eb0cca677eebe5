# Two commands do all the set-up: `make run` and `make test` (see README.md).
# uv installs the exact versions in uv.lock into .venv; uv itself is bootstrapped
# into .tools/ with the system Python, so nothing is installed globally.

PYTHON ?= python3
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(VENV)

# What the tests need from Debian: a virtual X server and a real tray host for the
# tray tests, the X libraries Qt's xcb plugin loads, ImageMagick for screenshots,
# and a Secret Service (gnome-keyring on D-Bus). See "Tests" in README.md.
APT_PACKAGES := xvfb xauth trayer xdotool x11-utils imagemagick dbus \
	libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 fonts-dejavu-core \
	libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 \
	gnome-keyring libsecret-tools

.PHONY: install run test lint unit system-deps clean translations screenshots

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/traymon run

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing test packages: $$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

lint: install
	$(VENV)/bin/ruff check traymon tests
	$(VENV)/bin/ruff format --check traymon tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: install system-deps lint
	TRAYMON_REQUIRE_TRAY_TESTS=1 $(VENV)/bin/python -m pytest

# Translations: lupdate finds the strings in the GUI code, tools/translations_de.py fills the
# German (and fails on any string it does not know), lrelease compiles the .qm the app loads.
translations: install
	$(VENV)/bin/pyside6-lupdate traymon/gui/*.py -ts resources/translations/traymon_de.ts -no-obsolete
	$(VENV)/bin/python tools/translations_de.py resources/translations/traymon_de.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/traymon_de.ts -qm resources/translations/traymon_de.qm

# The README's pictures: the tray tests take them; this copies the current ones into docs/.
screenshots: install system-deps
	TRAYMON_REQUIRE_TRAY_TESTS=1 $(VENV)/bin/python -m pytest -q tests/test_tray_x11.py tests/test_gui_settings.py
	cp build/screenshots/readme-*.png docs/screenshots/

clean:
	rm -rf $(VENV) $(TOOLS) build dist .pytest_cache .mypy_cache .ruff_cache
