#!/bin/bash
# Sign, notarize and package Traymon on a Mac: the .app, a DMG (drag to Applications) and a
# PKG (for Jamf / Intune: installs the app and the login LaunchAgent for every user).
#
#   installer/macos/sign_and_notarize.sh dist/Traymon.app 0.1.0
#
# shellcheck disable=SC2086  # $keychain is empty or two words, on purpose
# Environment:
#   CODESIGN_IDENTITY   "Developer ID Application: Company (TEAMID)"      (required)
#   INSTALLER_IDENTITY  "Developer ID Installer: Company (TEAMID)"        (PKG; else unsigned PKG is skipped)
#   NOTARY_PROFILE      a notarytool keychain profile (xcrun notarytool store-credentials)
#                       (without it the script signs but does not notarize)
#   KEYCHAIN            the keychain holding the identities (CI: a temporary one)
#
# Signing goes inside-out (every library, then the executables, then the bundle), not with
# --deep, which signs nested code with the wrong options.
set -euo pipefail

app=${1:?usage: $0 PATH/TO/Traymon.app VERSION}
version=${2:?usage: $0 PATH/TO/Traymon.app VERSION}
here=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$app")
entitlements="$here/entitlements.plist"
identity=${CODESIGN_IDENTITY:?set CODESIGN_IDENTITY to a Developer ID Application identity}
# macOS ships bash 3.2, where an empty array trips `set -u`: a plain word list instead.
keychain=""
if [ -n "${KEYCHAIN:-}" ]; then
    keychain="--keychain $KEYCHAIN"  # a keychain path without spaces (CI makes it so)
fi

sign() {
    codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$identity" $keychain "$@"
}

notarize() {  # notarize FILE: submit, wait, fail unless Apple accepted it
    if [ -z "${NOTARY_PROFILE:-}" ]; then
        echo "NOTARY_PROFILE is not set: $1 is signed but not notarized" >&2
        return 0
    fi
    xcrun notarytool submit "$1" --keychain-profile "$NOTARY_PROFILE" --wait --output-format json \
        | tee "$1.notary.json"
    grep -q '"status" *: *"Accepted"' "$1.notary.json"
}

echo "Signing the libraries inside $app"
while IFS= read -r -d '' library; do
    codesign --force --timestamp --options runtime --sign "$identity" $keychain "$library"
done < <(find "$app/Contents" -type f \( -name "*.so" -o -name "*.dylib" -o -name "*.so.*" \) -print0)
echo "Signing the executables and the bundle"
sign "$app/Contents/MacOS/traymon"
sign "$app"
codesign --verify --strict --verbose=2 "$app"

echo "Notarizing the app"
ditto -c -k --keepParent "$app" "$out/Traymon-notarize.zip"
notarize "$out/Traymon-notarize.zip"
rm -f "$out/Traymon-notarize.zip"
if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun stapler staple "$app"
fi

echo "Building the DMG"
dmg="$out/Traymon-$version.dmg"
dmgbuild -s "$here/dmg_settings.py" -D app="$app" Traymon "$dmg"
codesign --force --timestamp --sign "$identity" $keychain "$dmg"
notarize "$dmg"
if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun stapler staple "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
fi

if [ -n "${INSTALLER_IDENTITY:-}" ]; then
    echo "Building the PKG (app + login LaunchAgent for every user)"
    root=$(mktemp -d)
    trap 'rm -rf "$root"' EXIT
    mkdir -p "$root/Applications" "$root/Library/LaunchAgents"
    ditto "$app" "$root/Applications/Traymon.app"
    install -m 644 "$here/com.traymon.Traymon.plist" "$root/Library/LaunchAgents/"
    pkg="$out/Traymon-$version.pkg"
    pkgbuild --root "$root" --identifier com.traymon.Traymon.pkg --version "$version" \
        --install-location / --sign "$INSTALLER_IDENTITY" $keychain "$pkg"
    notarize "$pkg"
    if [ -n "${NOTARY_PROFILE:-}" ]; then
        xcrun stapler staple "$pkg"
    fi
fi
echo "Done: $(ls "$out"/Traymon-"$version".*)"
