#!/usr/bin/env bash
# LocalStash developer entry point, for a fresh Debian 12 machine (bash + apt, root or sudo).
#   bash .ci/dev.sh run [localstash args]   install what is missing, build, run the app
#                                           (the window with a display, --headless without)
#   bash .ci/dev.sh test                    install what is missing, build, run every test
#   bash .ci/dev.sh build                   install what is missing and build
# Re-running is fast: packages, npm modules and the CMake configuration are only redone when
# missing or changed, and the build is incremental.
# Environment: LOCALSTASH_BUILD_DIR (default ./build), LOCALSTASH_CMAKE_ARGS (extra -D options),
# LOCALSTASH_WERROR=ON (warnings are errors, as in CI).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LOCALSTASH_BUILD_DIR:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac

PACKAGES=(
    cmake ninja-build g++ pkg-config libssl-dev libsqlite3-dev libgoogle-perftools-dev
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite
    qt6-charts-dev qt6-svg-dev qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
    tzdata ca-certificates
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "LocalStash setup: need root (or sudo) to install: $*" >&2; exit 1
    fi
}

install_packages() {
    local missing=() pkg
    for pkg in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    # The SDK suite needs Node.js >= 18 and npm; Debian 12's packages are enough. A Node that is
    # already installed (e.g. from NodeSource, which bundles npm) is used as it is.
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        missing+=(nodejs npm)
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        echo "LocalStash setup: installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

install_node_modules() {
    local dir
    for dir in "$ROOT/tests/sdk" "$ROOT/tests/broker/cron-diff"; do
        [ -f "$dir/package-lock.json" ] || continue
        if [ ! -f "$dir/node_modules/.package-lock.json" ] \
            || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
            echo "LocalStash setup: npm ci in ${dir#"$ROOT"/}"
            (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        fi
    done
}

configure_and_build() {
    local args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DLOCALSTASH_WERROR=${LOCALSTASH_WERROR:-OFF}")
    # shellcheck disable=SC2206
    args+=(${LOCALSTASH_CMAKE_ARGS:-})
    local stamp="$BUILD/.localstash-configure-args"
    if [ ! -f "$BUILD/build.ninja" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${args[*]}" ]; then
        cmake -S "$ROOT" -B "$BUILD" "${args[@]}"
        echo "${args[*]}" > "$stamp"
    fi
    cmake --build "$BUILD" -j2
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
    build)
        install_packages
        configure_and_build
        ;;
    test)
        install_packages
        install_node_modules
        configure_and_build
        export QT_QPA_PLATFORM=offscreen
        ctest --test-dir "$BUILD" --output-on-failure -j2 "$@"
        ;;
    run)
        install_packages
        configure_and_build
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$BUILD/app/localstash" ] \
            && grep -q 'LOCALSTASH_BUILD_UI:BOOL=ON' "$BUILD/CMakeCache.txt"; then
            exec "$BUILD/app/localstash" "$@"
        fi
        echo "LocalStash: no display, running headless (Ctrl+C stops it)"
        exec "$BUILD/app/localstash" --headless "$@"
        ;;
    *)
        echo "usage: bash .ci/dev.sh run [args] | test [ctest args] | build" >&2
        exit 2
        ;;
esac
