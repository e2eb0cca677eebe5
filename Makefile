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
# and a Secret Service (gnome-keyring on D-Bus). Mail continuity: Evolution's GSettings
# schema and a real Thunderbird (started headless on a switched profile). See "Tests" in README.md.
APT_PACKAGES := xvfb xauth trayer xdotool x11-utils imagemagick dbus \
	libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 fonts-dejavu-core \
	libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 \
	gnome-keyring libsecret-tools evolution-data-server-common thunderbird \
	msitools wixl desktop-file-utils binutils shellcheck tzdata nginx-light wrk redis-server dunst
# (tzdata: quiet hours across a daylight-saving change are tested in Europe/Berlin; msitools/wixl: the MSI is built and read back here; desktop-file-utils: the Linux
# entries are validated; binutils: readelf and strip for the frozen build; shellcheck:
# actionlint checks the workflow's scripts with it, and the tests check installer scripts;
# nginx-light: the company relay's documents are served by a real nginx in the tests and the demo;
# wrk: make bench plays 100,000 desktops polling the relay's nginx;
# redis-server: the fleet counts live in a real Redis, started by the tests and make fleet-demo;
# dunst: the native notifications are read back from a real notification server on a private bus.)

.PHONY: install run test lint unit system-deps clean generated verify-catalogue dist bench \
	translations screenshots fuzz relay-demo relay-demo-stop fleet-demo

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --all-extras --python $(PYTHON)
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
	$(VENV)/bin/ruff check traymon tests installer bench
	$(VENV)/bin/ruff format --check traymon tests installer bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: install system-deps lint
	TRAYMON_REQUIRE_TRAY_TESTS=1 $(VENV)/bin/python -m pytest

# docs/configuration.md, the ADMX/ADML templates and the macOS profile, from
# traymon/config/settings.py; tests/test_generated.py fails when they drift.
generated: install
	$(VENV)/bin/python -m traymon.config.generate

# Asks every catalogue entry over the internet (not part of `make test`).
verify-catalogue: install
	$(VENV)/bin/python tools/verify_catalogue.py

# The frozen app (PyInstaller, one folder), its tarball and .deb, its self-test, and an MSI
# built with wixl from the Linux build as a structural check of the installer
# (see installer/README.md).
# Not part of `make test`: it takes a minute. The release workflow builds the real MSI and DMG.
DIST_VENV := build/dist-venv
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' traymon/__init__.py)

dist: install system-deps
	UV_PROJECT_ENVIRONMENT=$(DIST_VENV) $(UV) sync --frozen --no-default-groups --group build --python $(PYTHON)
	$(DIST_VENV)/bin/python -m installer.render_icons build/icons >/dev/null
	$(DIST_VENV)/bin/pyinstaller installer/traymon.spec --noconfirm --clean \
		--distpath dist --workpath build/pyinstaller --log-level WARN
	tar -C dist -czf dist/traymon-$(VERSION)-linux-x86_64.tar.gz traymon
	installer/linux/selftest-headless.sh dist/traymon/traymon
	$(VENV)/bin/python -m installer.measure_tray_startup dist/traymon/traymon --runs 3
	installer/linux/build_deb.sh dist/traymon $(VERSION) build/icons dist/traymon_$(VERSION)_amd64.deb
	$(VENV)/bin/python installer/windows/build_msi.py dist/traymon --version $(VERSION) \
		--icon build/icons/traymon.ico \
		--output dist/traymon-$(VERSION)-x64-structural-check.msi
	msiinfo suminfo dist/traymon-$(VERSION)-x64-structural-check.msi
	@du -sh dist/traymon dist/*.tar.gz dist/*.deb dist/*.msi

# The parsers' fuzz suite with many more examples than `make test` runs (hypothesis
# profile "fuzz", see tests/test_fuzz_parsers.py), then the slowest parse of 2 MB hostile
# bodies. Not part of `make test`: it takes about an hour on 2 cores.
fuzz: install
	TRAYMON_FUZZ=1 $(VENV)/bin/python -m pytest -q --timeout=0 \
		tests/test_fuzz_parsers.py tests/test_parsers_never_raise.py
	$(VENV)/bin/python -m bench.parse_worst --size 2000000 --runs 3

# Measures (does not test): writes docs/PERFORMANCE.md. Takes about 7 minutes.
bench: install system-deps
	$(VENV)/bin/python -m bench

# Translations: lupdate finds the strings in the GUI code, tools/translations_de.py fills the
# German (and fails on any string it does not know), lrelease compiles the .qm the app loads.
translations: install
	$(VENV)/bin/pyside6-lupdate traymon/gui/*.py -ts resources/translations/traymon_de.ts -no-obsolete
	$(VENV)/bin/python tools/translations_de.py resources/translations/traymon_de.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/traymon_de.ts -qm resources/translations/traymon_de.qm

# The README's pictures: the tray tests take them; this copies the current ones into docs/.
screenshots: install system-deps
	TRAYMON_REQUIRE_TRAY_TESTS=1 $(VENV)/bin/python -m pytest -q tests/test_tray_x11.py tests/test_gui_settings.py \
		tests/test_tray_answer_x11.py tests/test_relay_tray_x11.py
	cp build/screenshots/readme-*.png docs/screenshots/

# The company relay end to end (tools/relay_demo.py): a key pair, a continuity declaration
# and an announcement, the publisher once against the loopback fake Graph, a real nginx on
# 127.0.0.1 serving build/relay-demo/www/, and `traymon check` on build/relay-demo/desktop.toml.
# nginx keeps running so the check can be run again (after changing a byte in www/, say).
relay-demo: install system-deps
	$(VENV)/bin/python tools/relay_demo.py --folder build/relay-demo

relay-demo-stop:
	$(VENV)/bin/python tools/relay_demo.py --folder build/relay-demo --stop

# "It's not just you" (tools/fleet_demo.py): a real redis-server and the real ingest on
# loopback, 2,000 simulated desktops at 4 sites on simulated time, 300 of Berlin's failing
# Exchange Online from t0, the publisher every 15 s; the last line is the JSON verdict.
fleet-demo: install system-deps
	$(VENV)/bin/python tools/fleet_demo.py --folder build/fleet-demo

clean:
	rm -rf $(VENV) $(TOOLS) build dist .pytest_cache .mypy_cache .ruff_cache
