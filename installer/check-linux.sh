#!/usr/bin/env bash
# Checks what installer/build.sh made on Linux: the app-image's launchers run headless (--version, hardware --json)
# and the .deb (and the .rpm where rpmbuild made one) holds the launchers, the desktop entry, the icon and the
# licences. Exits non-zero on the first miss.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/installer
APP=$OUT/Breakeven
VERSION=${1:?usage: installer/check-linux.sh VERSION}
fail() { echo "installer check FAILED: $*" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

[ -x "$APP/bin/Breakeven" ] || fail "no app-image launcher at $APP/bin/Breakeven"
[ -x "$APP/bin/breakeven" ] || fail "no CLI launcher at $APP/bin/breakeven"

# Headless: no DISPLAY, settings in a throw-away home.
version=$(env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" XDG_CONFIG_HOME="$home/c" XDG_DATA_HOME="$home/d" \
    "$APP/bin/breakeven" --version)
[ "$version" = "Breakeven $VERSION" ] || fail "--version printed '$version', expected 'Breakeven $VERSION'"
echo "ok: breakeven --version -> $version"

json=$(env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" XDG_CONFIG_HOME="$home/c" XDG_DATA_HOME="$home/d" \
    "$APP/bin/breakeven" hardware --json)
for key in '"os"' '"cpu"' '"memory"' '"gpus"'; do
    echo "$json" | grep -q "$key" || fail "hardware --json lacks $key: $(echo "$json" | head -c 300)"
done
echo "$json" | head -c 1 | grep -q '{' || fail "hardware --json is not a JSON object"
echo "ok: breakeven hardware --json ($(echo "$json" | wc -c) bytes)"

help=$(env -u DISPLAY HOME="$home" XDG_CONFIG_HOME="$home/c" XDG_DATA_HOME="$home/d" "$APP/bin/breakeven")
echo "$help" | grep -q "Usage: breakeven" || fail "the CLI launcher without arguments should print the help"
echo "ok: breakeven (no arguments) prints the help"

check_deb() {
deb=$(ls "$OUT"/breakeven_*.deb 2>/dev/null | head -1 || true)
if [ -z "$deb" ]; then
    case " ${INSTALLER_TYPES:-} " in *" deb "*) fail "a .deb was asked for (INSTALLER_TYPES) but none was built" ;; esac
    echo "no .deb built: skipping its check"
    return 0
fi
listing=$(dpkg-deb -c "$deb")
for path in ./opt/breakeven/bin/Breakeven ./opt/breakeven/bin/breakeven ./opt/breakeven/lib/Breakeven.png \
            ./opt/breakeven/lib/breakeven-Breakeven.desktop ./opt/breakeven/lib/breakeven-Breakeven-MimeInfo.xml ./opt/breakeven/lib/app/licenses/THIRD-PARTY.md \
            ./opt/breakeven/lib/runtime/legal/java.base/LICENSE; do
    echo "$listing" | grep -q " $path\$" || fail "$deb lacks $path"
done
echo "$listing" | grep -q "/opt/breakeven/lib/app/licenses/.*/META-INF/LICENSE" || fail "$deb lacks the libraries' licence files"
info=$(dpkg-deb -I "$deb")
echo "$info" | grep -q "Package: breakeven" || fail "$deb control has no 'Package: breakeven'"
desktop=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/breakeven/lib/breakeven-Breakeven.desktop)
echo "$desktop" | grep -q "^Exec=/opt/breakeven/bin/Breakeven %f" || fail "the desktop entry does not start the app with the file"
echo "$desktop" | grep -q "^MimeType=application/x-gguf;" || fail "the desktop entry does not claim .gguf files"
cli_entry=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/breakeven/lib/breakeven-breakeven.desktop 2>/dev/null || true)
[ -z "$cli_entry" ] || echo "$cli_entry" | grep -q "^NoDisplay=true" || fail "the command line launcher shows in the menu"
echo "$info" | grep -q "Depends:.*libgtk-3-0" || fail "$deb does not depend on libgtk-3-0"
echo "ok: $deb holds the launchers, desktop entry, icon and licences ($(du -h "$deb" | cut -f1))"
}

check_rpm() {
rpm=$(ls "$OUT"/breakeven-*.rpm 2>/dev/null | head -1 || true)
if [ -z "$rpm" ]; then
    # build.sh skips the .rpm where rpmbuild is missing (Debian CI images); where it is present one must exist
    case " ${INSTALLER_TYPES:-} " in *" rpm "*) command -v rpmbuild >/dev/null \
        && fail "a .rpm was asked for (INSTALLER_TYPES) and rpmbuild exists, but none was built" ;; esac
    echo "no .rpm built: skipping its check"
    return 0
fi
files=$(rpm -qlp "$rpm" 2>/dev/null)
for path in /opt/breakeven/bin/Breakeven /opt/breakeven/bin/breakeven /opt/breakeven/lib/Breakeven.png \
            /opt/breakeven/lib/breakeven-Breakeven.desktop /opt/breakeven/lib/app/licenses/THIRD-PARTY.md \
            /opt/breakeven/lib/runtime/legal/java.base/LICENSE; do
    echo "$files" | grep -qx "$path" || fail "$rpm lacks $path"
done
rpm -qp --requires "$rpm" 2>/dev/null | grep -q "^gtk3" || fail "$rpm does not require gtk3"
echo "ok: $rpm holds the launchers, desktop entry, icon and licences ($(du -h "$rpm" | cut -f1))"
}

check_deb
check_rpm
