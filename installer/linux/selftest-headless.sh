#!/bin/sh
# Run `traymon --self-test` where there is no desktop (CI, `make dist`): a private D-Bus with an
# unlocked gnome-keyring (the Secret Service), a virtual X display and a tray panel on it.
# Usage: selftest-headless.sh PATH/TO/traymon [more traymon arguments]
# Needs: dbus (dbus-run-session), gnome-keyring, xvfb (xvfb-run), trayer, x11-utils.
set -eu
if [ "$#" -lt 1 ]; then
    echo "usage: $0 PATH/TO/traymon" >&2
    exit 2
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# A throw-away home: the keyring, data and log folders land there, not in the caller's.
export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# shellcheck disable=SC2016  # expanded by the inner shells, on purpose
exec dbus-run-session -- sh -c '
    # The newline matters: an empty password unlocks; no bytes at all makes it prompt.
    echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec xvfb-run -a -s "-screen 0 800x600x24 -nolisten tcp" sh -c "
        trayer --edge top --align right --widthtype pixel --width 120 --heighttype pixel \
            --height 40 --SetDockType true --transparent false --expand false 2>/dev/null &
        tries=0
        until xwininfo -root -tree | grep -q trayer; do
            tries=\$((tries + 1)); [ \$tries -gt 100 ] && break; sleep 0.1
        done
        status=0
        QT_QPA_PLATFORM=xcb \"\$@\" --self-test || status=\$?
        kill %1 2>/dev/null || true
        exit \$status
    " sh "$@"
' sh "$@"
