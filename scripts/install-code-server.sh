#!/usr/bin/env bash
# Installs code-server (a real VS Code served to a browser) into a cache
# folder outside the repo, for the end-to-end test. Idempotent: a finished
# install leaves a stamp and later runs return at once.
#
# Why by hand: code-server's postinstall refuses to run as root, and when
# forced it downloads ripgrep from GitHub, which this network cannot reach.
# So we install with --ignore-scripts and do the postinstall's work here,
# taking ripgrep from Debian instead.
#
# Prints the path of the code-server launcher on its last line.
set -euo pipefail

CODE_SERVER_VERSION="${MULTIPHASE_CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${MULTIPHASE_CODE_SERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/multiphase-code-server}"
# Native modules are built for this Node's ABI: a different Node gets its own install.
NODE_ABI="$(node -p process.versions.modules)"
PREFIX="$CACHE_ROOT/$CODE_SERVER_VERSION-node-abi$NODE_ABI"
PACKAGE="$PREFIX/node_modules/code-server"
LAUNCHER="$PACKAGE/out/node/entry.js"
STAMP="$PREFIX/.installed"

if [[ -f "$STAMP" && -f "$LAUNCHER" ]]; then
  echo "$LAUNCHER"
  exit 0
fi

log() { echo "[install-code-server] $*" >&2; }

for tool in rg make g++ python3; do
  command -v "$tool" >/dev/null || { log "missing '$tool': apt-get install -y ripgrep build-essential python3 libkrb5-dev"; exit 1; }
done
[[ -f /usr/include/krb5.h || -f /usr/include/krb5/krb5.h ]] || { log "missing Kerberos headers: apt-get install -y libkrb5-dev"; exit 1; }

# npm's interactive prompts and the repo's own .npmrc must not leak in.
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

rm -rf "$PREFIX"
mkdir -p "$PREFIX"
cd "$PREFIX"
echo '{ "name": "multiphase-code-server-cache", "private": true }' > package.json

log "npm install code-server@$CODE_SERVER_VERSION (scripts skipped)"
npm install --no-save --omit=dev --ignore-scripts --no-package-lock "code-server@$CODE_SERVER_VERSION" >&2

# --- the postinstall's work, in lib/vscode -----------------------------------
cd "$PACKAGE/lib/vscode"
log "lib/vscode: npm install --omit=dev"
npm install --omit=dev --ignore-scripts >&2
log "lib/vscode: rebuilding native modules"
npm rebuild node-pty @vscode/spdlog native-watchdog kerberos @vscode/deviceid >&2

# VS Code searches files with ripgrep at a fixed path inside @vscode/ripgrep.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

# The server loads some modules from node_modules.asar (its packaged layout).
[[ -e node_modules.asar ]] || ln -s node_modules node_modules.asar

log "lib/vscode/extensions: npm install --omit=dev"
(cd extensions && npm install --omit=dev --ignore-scripts >&2)

# --- and at the top ------------------------------------------------------------
# (npm hoisted code-server's own dependencies to the cache folder's top.)
cd "$PREFIX"
log "code-server: rebuilding argon2"
npm rebuild argon2 >&2

touch "$STAMP"
log "installed in $PREFIX"
echo "$LAUNCHER"
