#!/bin/sh
# Package the frozen one-folder build as a .deb: /opt/traymon, /usr/bin/traymon, the menu
# entry, the icon, and the login entry for every user in /etc/xdg/autostart.
#   build_deb.sh dist/traymon 0.1.0 build/icons dist/traymon_0.1.0_amd64.deb
set -eu
stage=${1:?usage: $0 FROZEN_DIR VERSION ICONS_DIR OUTPUT.deb}
version=${2:?usage: $0 FROZEN_DIR VERSION ICONS_DIR OUTPUT.deb}
icons=${3:?usage: $0 FROZEN_DIR VERSION ICONS_DIR OUTPUT.deb}
output=${4:?usage: $0 FROZEN_DIR VERSION ICONS_DIR OUTPUT.deb}
here=$(cd "$(dirname "$0")" && pwd)

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/etc/xdg/autostart" "$root/usr/share/icons"
cp -a "$stage" "$root/opt/traymon"
ln -s /opt/traymon/traymon "$root/usr/bin/traymon"
install -m 644 "$here/traymon.desktop" "$root/usr/share/applications/traymon.desktop"
install -m 644 "$here/traymon-autostart.desktop" "$root/etc/xdg/autostart/traymon.desktop"
cp -a "$icons/hicolor" "$root/usr/share/icons/"

size=$(du -sk "$root" | cut -f1)
# The bundle brings its own libraries, built against the build machine's glibc: require
# the newest glibc symbol version any of them uses (PySide6 alone needs 2.34).
glibc=$(find "$stage" -type f \( -name '*.so*' -o -name traymon \) -exec objdump -T {} + 2>/dev/null \
    | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
# From the system (seen in /proc/PID/maps of the running app): libGL/libEGL, libxcb, and
# fontconfig's configuration with at least one font.
cat > "$root/DEBIAN/control" <<CONTROL
Package: traymon
Version: $version
Architecture: amd64
Maintainer: Traymon team <team@traymon.invalid>
Installed-Size: $size
Depends: libc6 (>= ${glibc:-2.34}), libgl1, libegl1, libxcb1, libdbus-1-3, fontconfig-config, fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf, ca-certificates
Recommends: gnome-keyring | kwalletmanager
Section: net
Priority: optional
Homepage: https://traymon.invalid/
Description: how your company's cloud services are doing, in the system tray
 Traymon reads the vendors' status pages and shows one tray icon whose colour and
 shape say whether the company's cloud services work, with the detail a click away.
CONTROL
printf '/etc/xdg/autostart/traymon.desktop\n' > "$root/DEBIAN/conffiles"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$output" >/dev/null
echo "$output"
