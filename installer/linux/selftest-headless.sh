#!/bin/sh
# Run `traymon --self-test` where there is no desktop (CI, `make dist`): a private D-Bus with an
# unlocked gnome-keyring (the Secret Service), a virtual X display and a tray panel on it.
# Usage: selftest-headless.sh PATH/TO/traymon
# Needs: dbus (dbus-run-session), gnome-keyring, xvfb, trayer, x11-utils (xwininfo).
set -eu

if [ "${1:-}" != "--in-session" ]; then
    if [ "$#" -ne 1 ]; then
        echo "usage: $0 PATH/TO/traymon" >&2
        exit 2
    fi
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    # A throw-away home: the keyring, data and log folders land there, not in the caller's.
    HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run" SCRATCH="$scratch"
    export HOME XDG_RUNTIME_DIR SCRATCH
    mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
    chmod 700 "$XDG_RUNTIME_DIR"
    status=0
    dbus-run-session -- "$0" --in-session "$1" || status=$?
    exit "$status"
fi

# Inside the private D-Bus session from here on.
traymon=$2
# The newline matters: an empty password unlocks; no bytes at all makes the daemon prompt.
echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null

# Xvfb picks a free display itself (-displayfd), so parallel runs never collide.
Xvfb -displayfd 3 -screen 0 800x600x24 -nolisten tcp 3>"$SCRATCH/display" 2>/dev/null &
xvfb=$!
trayer_pid=""
trap 'kill $trayer_pid $xvfb 2>/dev/null || true' EXIT
tries=0
until [ -s "$SCRATCH/display" ]; do  # written once the server accepts connections
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ]; then
        echo "Xvfb did not start" >&2
        exit 1
    fi
    sleep 0.05
done
DISPLAY=":$(cat "$SCRATCH/display")"
export DISPLAY

trayer --edge top --align right --widthtype pixel --width 120 --heighttype pixel --height 40 \
    --SetDockType true --transparent false --expand false 2>/dev/null &
trayer_pid=$!
tries=0
until xwininfo -root -tree | grep -q trayer; do
    tries=$((tries + 1))
    [ "$tries" -gt 200 ] && break  # the self-test then reports "no tray", which is the truth
    sleep 0.05
done

QT_QPA_PLATFORM=xcb "$traymon" --self-test
