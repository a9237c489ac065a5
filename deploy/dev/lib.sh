#!/usr/bin/env bash
# Shared helpers for the dev-cluster scripts: paths, pid files, port checks. Sourced, not run.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$REPO_ROOT/deploy/dev/.run"
AZURITE_VERSION="3.35.0"
AZURITE_DIR="$REPO_ROOT/.azurite"
AZURITE_BIN="$AZURITE_DIR/node_modules/.bin/azurite"
STORAGE_CONNECTION_STRING="UseDevelopmentStorage=true"
mkdir -p "$RUN_DIR"

# The dev cluster's credential key: made once, kept private to this checkout; every node credential derives from it.
CREDENTIAL_KEY_FILE="$RUN_DIR/credential.key"
credential_key() {
  if [[ ! -s "$CREDENTIAL_KEY_FILE" ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 >"$CREDENTIAL_KEY_FILE")
  fi
  cat "$CREDENTIAL_KEY_FILE"
}

log() { printf '[dev] %s\n' "$*" >&2; }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for_port PORT SECONDS
wait_for_port() {
  local deadline=$((SECONDS + $2))
  until port_open "$1"; do
    if ((SECONDS > deadline)); then return 1; fi
    sleep 0.2
  done
}

# pid_alive NAME: true when the pid file NAME.pid names a live process.
pid_alive() {
  local file="$RUN_DIR/$1.pid"
  [[ -f "$file" ]] && kill -0 "$(cat "$file")" 2>/dev/null
}

# stop_pid NAME: SIGTERM the process in NAME.pid, wait up to 30 s, then SIGKILL; removes the pid file.
stop_pid() {
  local file="$RUN_DIR/$1.pid"
  [[ -f "$file" ]] || return 0
  local pid
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$1 (pid $pid) did not stop in 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$file"
}
