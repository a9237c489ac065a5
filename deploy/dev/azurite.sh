#!/usr/bin/env bash
# Installs a pinned Azurite into .azurite/ when missing and starts/stops it on 127.0.0.1.
# usage: azurite.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_azurite() {
  if [[ -x "$AZURITE_BIN" ]] && grep -q "\"version\": \"$AZURITE_VERSION\"" "$AZURITE_DIR/node_modules/azurite/package.json" 2>/dev/null; then
    return 0
  fi
  command -v npm >/dev/null || { log "npm is required to install Azurite (install Node.js with npm)"; exit 1; }
  log "installing azurite@$AZURITE_VERSION into $AZURITE_DIR"
  mkdir -p "$AZURITE_DIR"
  npm install --prefix "$AZURITE_DIR" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >&2
}

start_azurite() {
  if port_open 10000; then
    if pid_alive azurite; then log "azurite already running (pid $(cat "$RUN_DIR/azurite.pid"))"; else log "a storage emulator is already listening on 127.0.0.1:10000; using it"; fi
    return 0
  fi
  install_azurite
  mkdir -p "$RUN_DIR/azurite-data"
  nohup "$AZURITE_BIN" --silent --disableTelemetry --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --location "$RUN_DIR/azurite-data" >"$RUN_DIR/azurite.log" 2>&1 &
  echo $! >"$RUN_DIR/azurite.pid"
  for port in 10000 10001 10002; do
    wait_for_port "$port" 60 || { log "azurite did not listen on $port within 60 s; see $RUN_DIR/azurite.log"; stop_pid azurite; exit 1; }
  done
  log "azurite $AZURITE_VERSION listening on 127.0.0.1:10000-10002 (pid $(cat "$RUN_DIR/azurite.pid"))"
}

case "${1:-}" in
  install) install_azurite ;;
  start) start_azurite ;;
  stop) stop_pid azurite ;;
  status) if pid_alive azurite; then echo "running (pid $(cat "$RUN_DIR/azurite.pid"))"; elif port_open 10000; then echo "running (not started by these scripts)"; else echo "stopped"; fi ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
