#!/usr/bin/env bash
# Regenerates the committed raster icons from the one source, resources/localstash.svg:
#   packaging/linux/icons/hicolor/<N>x<N>/apps/localstash.png   (16 … 512)
#   packaging/windows/localstash.ico                              (16 … 256)
#   packaging/macos/localstash.icns                               (16 … 1024)
# Run it after changing the SVG and commit the results. Needs (Debian): librsvg2-bin icoutils icnsutils.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SVG=$ROOT/resources/localstash.svg
for tool in rsvg-convert icotool png2icns; do
    command -v "$tool" >/dev/null || { echo "make-icons: missing $tool (apt-get install librsvg2-bin icoutils icnsutils)" >&2; exit 1; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

render() { rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio "$SVG" -o "$2"; }

for size in 16 22 24 32 48 64 128 256 512; do
    dir=$ROOT/packaging/linux/icons/hicolor/${size}x${size}/apps
    mkdir -p "$dir"
    render "$size" "$dir/localstash.png"
done

ico=()
for size in 16 24 32 48 64 128; do
    render "$size" "$TMP/ico-$size.png"
    ico+=("$TMP/ico-$size.png")
done
# Vista+ style: the 256 px image stored as PNG.
render 256 "$TMP/ico-256.png"
icotool --create --output="$ROOT/packaging/windows/localstash.ico" "${ico[@]}" --raw="$TMP/ico-256.png"

icns=()
for size in 16 32 48 128 256 512 1024; do
    render "$size" "$TMP/icns-$size.png"
    icns+=("$TMP/icns-$size.png")
done
png2icns "$ROOT/packaging/macos/localstash.icns" "${icns[@]}" >/dev/null

echo "make-icons: regenerated from ${SVG#"$ROOT"/}"
