#!/usr/bin/env bash
# Builds Breakeven's runtime image (jlink), app-image and this OS's installers (jpackage) into target/installer.
# Run through Maven after `package` (./mvnw -Pinstaller package), which passes the POM's version:
#   installer/build.sh VERSION [TYPES]     TYPES (or env INSTALLER_TYPES): "app-image deb rpm" on Linux by default, "app-image msi" on
#                                          Windows, "app-image dmg" on macOS; a type whose tools are missing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${1:?usage: installer/build.sh VERSION [TYPES]}
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
BIN="$JAVA_HOME/bin"
OUT=target/installer
NAME=Breakeven
case "$(uname -s)" in
    Linux*) OS=linux; DEFAULT_TYPES="app-image deb rpm"; ICON=assets/icons/breakeven-256.png; CLI=breakeven ;;
    Darwin*) OS=mac; DEFAULT_TYPES="app-image dmg"; ICON=assets/icons/breakeven.icns; CLI=breakeven-cli ;;
    *) OS=windows; DEFAULT_TYPES="app-image msi"; ICON=assets/icons/breakeven.ico; CLI=breakeven-cli ;;
esac
TYPES=${2:-${INSTALLER_TYPES:-$DEFAULT_TYPES}}
# Installers accept only numbers: 0.1.0-SNAPSHOT -> 0.1.0
APP_VERSION=$(echo "$VERSION" | sed -E 's/[^0-9.].*$//; s/\.$//')

rm -rf "$OUT"
mkdir -p "$OUT/input/licenses"
cp target/breakeven.jar "$OUT/input/"
cp -r target/lib "$OUT/input/lib"

# Licence texts: ours, the summary, and each bundled jar's own licence/notice files.
cp installer/licenses/THIRD-PARTY.md "$OUT/input/licenses/"
for jar in target/lib/*.jar; do
    dest="$OUT/input/licenses/$(basename "$jar" .jar)"
    if command -v unzip >/dev/null; then
        unzip -qq -o "$jar" 'META-INF/LICENSE*' 'META-INF/NOTICE*' 'META-INF/license*' 'META-INF/*.md' \
            'LICENSE*' 'NOTICE*' -d "$dest" 2>/dev/null || true
    fi
    rmdir "$dest" 2>/dev/null || true
done

echo "jlink: a runtime with only the modules the app needs"
"$BIN/jlink" --add-modules "$(tr -d '[:space:]' < installer/modules.txt)" --output "$OUT/runtime" \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6

COMMON=(--name "$NAME" --app-version "$APP_VERSION" --vendor "Breakeven"
        --description "Run this LLM workload locally, or pay an API?"
        --copyright "Breakeven contributors")
APP_IMAGE=$OUT/$NAME
[ "$OS" = mac ] && APP_IMAGE=$OUT/$NAME.app

echo "jpackage: app-image"
"$BIN/jpackage" --type app-image "${COMMON[@]}" --dest "$OUT" \
    --input "$OUT/input" --main-jar breakeven.jar --main-class dev.breakeven.launch.Main \
    --runtime-image "$OUT/runtime" --icon "$ICON" \
    --java-options "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xshare:auto" \
    --add-launcher "$CLI=installer/cli-launcher.properties"

for type in $TYPES; do
    [ "$type" = app-image ] && continue
    case "$type" in
        deb) command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null || { echo "skip .deb: dpkg-deb/fakeroot missing"; continue; } ;;
        rpm) command -v rpmbuild >/dev/null || { echo "skip .rpm: rpmbuild missing"; continue; } ;;
    esac
    echo "jpackage: $type"
    EXTRA=()
    if [ "$OS" = linux ]; then
        # The desktop entry (with the .gguf MIME type) and the icon it names come from installer/linux.
        resources=$OUT/resources-linux
        mkdir -p "$resources"
        cp installer/linux/* "$resources/"
        cp assets/icons/breakeven-256.png "$resources/Breakeven.png"
        # The window needs GTK 3, which jpackage cannot see (JavaFX extracts its natives at run time).
        gtk=libgtk-3-0
        [ "$type" = rpm ] && gtk=gtk3
        EXTRA=(--linux-package-name breakeven --linux-shortcut --linux-menu-group "Development"
               --linux-app-category devel --resource-dir "$resources" --linux-package-deps "$gtk")
    fi
    [ "$OS" = windows ] && EXTRA=(--win-menu --win-shortcut --win-dir-chooser)
    "$BIN/jpackage" --type "$type" "${COMMON[@]}" --dest "$OUT" --app-image "$APP_IMAGE" \
        --file-associations installer/gguf-association.properties --license-file installer/licenses/THIRD-PARTY.md \
        "${EXTRA[@]}"
done
ls -l "$OUT"
if [ "$OS" = linux ] && [ "${SKIP_INSTALLER_CHECK:-}" != 1 ]; then
    installer/check-linux.sh "$VERSION"
fi
