#!/usr/bin/env bash
# Package smoke test (CI, after `bash .ci/dev.sh build` or `test`): build the .deb (and .tar.gz)
# from the CI build directory, install the .deb with apt, check the installed files, run the
# INSTALLED /usr/bin/localstash (--version, then a headless publish → delivery on loopback), stop
# it with SIGTERM, and remove the package. Idempotent; exits non-zero on any failure.
# Needs root or sudo (apt). Environment: LOCALSTASH_BUILD_DIR (default ./build).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LOCALSTASH_BUILD_DIR:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
APP_ID=io.github.localstash.LocalStash
TOKEN=eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=
# Everything here talks to 127.0.0.1 only: never through a proxy.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export DEBIAN_FRONTEND=noninteractive

step() { echo; echo "=== package-smoke: $* ==="; }
fail() { echo "package-smoke: FAIL: $*" >&2; exit 1; }
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        fail "need root (or sudo) for: $*"
    fi
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

WORK=$(mktemp -d)
chmod 755 "$WORK" # apt's _apt user reads the .deb from here
BROKER_PID='' RECEIVER_PID='' INSTALLED_BY_US=''
cleanup() {
    local rc=$?
    [ -n "$BROKER_PID" ] && kill -KILL "$BROKER_PID" 2>/dev/null
    [ -n "$RECEIVER_PID" ] && kill -TERM "$RECEIVER_PID" 2>/dev/null
    if [ -n "$INSTALLED_BY_US" ] && installed localstash; then
        echo "package-smoke: removing the package after a failure"
        as_root apt-get remove -y -qq localstash >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT

# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

step "tools"
tools=(desktop-file-utils appstream curl dpkg-dev file xz-utils)
command -v node >/dev/null || tools+=(nodejs)
missing=()
for pkg in "${tools[@]}"; do installed "$pkg" || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "ok: ${tools[*]}"

step "package (cpack in ${BUILD#"$ROOT"/})"
[ -f "$BUILD/CMakeCache.txt" ] || fail "no build in $BUILD: run 'bash .ci/dev.sh build' first"
cmake --build "$BUILD" -j2 >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "cmake --build $BUILD"; }
rm -f "$BUILD"/localstash_*.deb "$BUILD"/localstash-*.tar.gz
(cd "$BUILD" && cpack -G "DEB;TGZ") || fail "cpack"
debs=("$BUILD"/localstash_*.deb)
{ [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ]; } || fail "expected one localstash_*.deb in $BUILD"
DEB=${debs[0]}
tgzs=("$BUILD"/localstash-*.tar.gz)
[ -f "${tgzs[0]}" ] || fail "no localstash-*.tar.gz in $BUILD"
VERSION=$(dpkg-deb -f "$DEB" Version)

step "dpkg -I $(basename "$DEB")"
dpkg -I "$DEB"
step "dpkg -c $(basename "$DEB")"
dpkg -c "$DEB"
dpkg-deb -f "$DEB" Depends | grep -q "libqt6sql6-sqlite" || fail "Depends lacks libqt6sql6-sqlite"
dpkg-deb -f "$DEB" Depends | grep -q "libqt6core6" || fail "Depends lacks the shlibdeps libraries"
step "tar -tzf $(basename "${tgzs[0]}")"
tar -tzf "${tgzs[0]}"
tar -tzf "${tgzs[0]}" | grep -q '/bin/localstash$' || fail "tarball has no bin/localstash"

step "apt-get install --no-install-recommends ./$(basename "$DEB")"
if installed localstash; then
    echo "localstash is already installed (an earlier run?): removing it first"
    as_root apt-get remove -y -qq localstash
fi
cp "$DEB" "$WORK/"
chmod 644 "$WORK/$(basename "$DEB")"
INSTALLED_BY_US=1
# Without Recommends: proves that Depends alone are enough to run.
(cd "$WORK" && as_root apt-get install -y --no-install-recommends "./$(basename "$DEB")") \
    || fail "apt-get install"
installed localstash || fail "dpkg does not list localstash as installed"
[ -x /usr/bin/localstash ] || fail "/usr/bin/localstash missing after install"

step "installed /usr/bin/localstash --version"
out=$(/usr/bin/localstash --version)
echo "$out"
[ "$out" = "localstash $VERSION" ] || fail "expected 'localstash $VERSION'"

step "installed files"
desktop=/usr/share/applications/$APP_ID.desktop
metainfo=/usr/share/metainfo/$APP_ID.metainfo.xml
echo "desktop-file-validate $desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate"
echo "(no output: valid)"
echo "appstreamcli validate --no-net $metainfo"
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
for f in /usr/share/icons/hicolor/scalable/apps/localstash.svg \
    /usr/share/icons/hicolor/{16x16,22x22,24x24,32x32,48x48,64x64,128x128,256x256,512x512}/apps/localstash.png \
    /usr/share/man/man1/localstash.1.gz /usr/lib/systemd/user/localstash.service; do
    [ -s "$f" ] || fail "missing $f"
done
echo "icons (scalable + 9 PNG sizes), man page and systemd user unit present"
zcat /usr/share/man/man1/localstash.1.gz | grep -q "^\.TH LOCALSTASH 1 .*LocalStash $VERSION" \
    || fail "man page header"
grep -qx 'ExecStart=localstash --headless' /usr/lib/systemd/user/localstash.service \
    || fail "systemd unit ExecStart"
if command -v systemd-analyze >/dev/null; then
    echo "systemd-analyze verify --user localstash.service"
    mkdir -m 700 "$WORK/xdg"
    XDG_RUNTIME_DIR=$WORK/xdg systemd-analyze verify --user localstash.service || fail "systemd-analyze verify"
    echo "(no output: valid)"
fi
if command -v man >/dev/null; then
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l /usr/share/man/man1/localstash.1.gz 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "man page warnings: $warnings"
    echo "man page renders without warnings"
fi

step "headless smoke test against the installed binary"
DATA=$(mktemp -d -p "$WORK")
# A receiver on 127.0.0.1 that records each request as one JSON line; it exits by itself.
node -e '
const http = require("http"), fs = require("fs");
const [portFile, logFile] = process.argv.slice(1);
const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
        fs.appendFileSync(logFile, JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }) + "\n");
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.end("ok");
    });
});
server.listen(0, "127.0.0.1", () => {
    fs.writeFileSync(portFile + ".tmp", String(server.address().port));
    fs.renameSync(portFile + ".tmp", portFile);
});
setTimeout(() => process.exit(0), 120000);
' "$WORK/receiver.port" "$WORK/received.jsonl" &
RECEIVER_PID=$!
wait_for 10 test -s "$WORK/receiver.port" || fail "receiver did not start"
RPORT=$(cat "$WORK/receiver.port")
echo "receiver on 127.0.0.1:$RPORT"

/usr/bin/localstash --headless --port 0 --data-dir "$DATA" >"$WORK/broker.out" 2>"$WORK/broker.err" &
BROKER_PID=$!
broker_url() { sed -n 's|^LocalStash .* is running at \(http://127\.0\.0\.1:[0-9]*\)$|\1|p' "$WORK/broker.out"; }
banner_ready() {
    kill -0 "$BROKER_PID" 2>/dev/null || { cat "$WORK/broker.err" >&2; fail "broker exited"; }
    [ -n "$(broker_url)" ]
}
wait_for 15 banner_ready || { cat "$WORK/broker.err" >&2; fail "no 'is running at' line within 15 s"; }
URL=$(broker_url)
echo "broker (PID $BROKER_PID) printed:"
sed 's/^/  | /' "$WORK/broker.out"

NONCE="smoke-$$-$RANDOM"
DEST="http://127.0.0.1:$RPORT/hook?run=$NONCE"
echo "POST $URL/v2/publish/$DEST"
status=$(curl -sS --noproxy '*' --max-time 10 -o "$WORK/publish.json" -w '%{http_code}' \
    -X POST "$URL/v2/publish/$DEST" \
    -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
    -d "{\"smoke\":\"$NONCE\"}") || fail "curl publish"
echo "-> HTTP $status $(cat "$WORK/publish.json")"
[[ "$status" == 2?? ]] || fail "publish answered HTTP $status"
MESSAGE_ID=$(sed -n 's/.*"messageId" *: *"\([^"]*\)".*/\1/p' "$WORK/publish.json")
[ -n "$MESSAGE_ID" ] || fail "no messageId in the publish answer"

delivered() { [ -s "$WORK/received.jsonl" ] && grep -q "$NONCE" "$WORK/received.jsonl"; }
wait_for 15 delivered || fail "the receiver got nothing within 15 s"
node -e '
const fs = require("fs");
const [file, nonce, id] = process.argv.slice(1);
const reqs = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const r = reqs.find((x) => x.body.includes(nonce));
const check = (ok, what) => { if (!ok) { console.error("receiver check failed: " + what); process.exit(1); } };
check(r.method === "POST", "method POST");
check(r.url === "/hook?run=" + nonce, "path and query kept");
check(JSON.parse(r.body).smoke === nonce, "body");
check(r.headers["upstash-message-id"] === id, "Upstash-Message-Id = " + id);
check(/^[\w-]+\.[\w-]+\.[\w-]+$/.test(r.headers["upstash-signature"] || ""), "Upstash-Signature is a JWT");
console.log("receiver got: " + r.method + " " + r.url + " body=" + r.body +
    " upstash-message-id=" + r.headers["upstash-message-id"] +
    " upstash-signature=" + r.headers["upstash-signature"].slice(0, 24) + "…");
' "$WORK/received.jsonl" "$NONCE" "$MESSAGE_ID" || fail "delivered request"

echo "SIGTERM to PID $BROKER_PID"
kill -TERM "$BROKER_PID"
stopped() { ! kill -0 "$BROKER_PID" 2>/dev/null; }
wait_for 10 stopped || fail "broker still running 10 s after SIGTERM"
set +e
wait "$BROKER_PID"
code=$?
set -e
BROKER_PID=
[ "$code" -eq 0 ] || { cat "$WORK/broker.err" >&2; fail "broker exited with $code after SIGTERM"; }
echo "broker stopped, exit code 0"
[ -s "$DATA/localstash.db" ] || fail "no database in --data-dir"
kill -TERM "$RECEIVER_PID" 2>/dev/null || true
wait "$RECEIVER_PID" 2>/dev/null || true
RECEIVER_PID=

step "apt-get remove localstash"
as_root apt-get remove -y localstash
INSTALLED_BY_US=
[ ! -e /usr/bin/localstash ] || fail "/usr/bin/localstash still there after remove"
[ ! -e "$desktop" ] || fail "$desktop still there after remove"
installed localstash && fail "dpkg still lists localstash as installed"
echo "removed: /usr/bin/localstash is gone"

step "PASS: built, installed, ran (--version, publish → delivery), removed"
