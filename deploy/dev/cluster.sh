#!/usr/bin/env bash
# Brings up / tears down the local dev cluster: Azurite plus two silos in AzureStorage mode.
# usage: cluster.sh up|down|status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SILO_COUNT=2
CONFIGURATION="${CONFIGURATION:-Release}"
SILO_DLL="$REPO_ROOT/src/Silo/bin/$CONFIGURATION/net10.0/HybridAI.Silo.dll"
export HYBRIDAI_CLUSTER_ID="${HYBRIDAI_CLUSTER_ID:-hybridai-dev}"

silo_http_port() { echo $((8080 + $1 - 1)); }

start_silo() {
  local n=$1
  if pid_alive "silo-$n"; then log "silo-$n already running"; return 0; fi
  local http; http=$(silo_http_port "$n")
  # Read here, not inside the backgrounded command: expansions there run in the background too and would race.
  local key; key=$(credential_key)
  Silo__Mode=AzureStorage \
  Silo__StorageConnectionString="$STORAGE_CONNECTION_STRING" \
  Security__CredentialKey="$key" \
  Silo__ClusterId="$HYBRIDAI_CLUSTER_ID" \
  Silo__SiloPort=$((11111 + n - 1)) \
  Silo__GatewayPort=$((30000 + n - 1)) \
  Silo__HttpPort="$http" \
  Silo__Dashboard=true \
  DOTNET_ENVIRONMENT=Development \
  nohup dotnet "$SILO_DLL" >"$RUN_DIR/silo-$n.log" 2>&1 &
  echo $! >"$RUN_DIR/silo-$n.pid"
  log "started silo-$n (pid $!, http 127.0.0.1:$http, log $RUN_DIR/silo-$n.log)"
}

# active_silos N: the number of active silos silo N reports, 0 when it does not answer.
active_silos() {
  local body
  body=$(curl -fsS --max-time 3 "http://127.0.0.1:$(silo_http_port "$1")/health" 2>/dev/null) || { echo 0; return; }
  sed -n 's/.*"activeSilos":\([0-9]*\).*/\1/p' <<<"$body"
}

wait_healthy() {
  local deadline=$((SECONDS + ${1:-120}))
  while true; do
    local healthy=0
    for n in $(seq 1 "$SILO_COUNT"); do
      pid_alive "silo-$n" || { log "silo-$n exited; last log lines:"; tail -n 20 "$RUN_DIR/silo-$n.log" >&2; return 1; }
      [[ "$(active_silos "$n")" == "$SILO_COUNT" ]] && healthy=$((healthy + 1))
    done
    if ((healthy == SILO_COUNT)); then
      log "cluster '$HYBRIDAI_CLUSTER_ID' healthy: $SILO_COUNT silos active on Azure Table membership; dashboard http://127.0.0.1:$(silo_http_port 1)/dashboard"
      return 0
    fi
    if ((SECONDS > deadline)); then log "cluster not healthy in time"; return 1; fi
    sleep 0.5
  done
}

up() {
  credential_key >/dev/null # made once, before any silo starts, so every silo and agent shares it
  "$REPO_ROOT/deploy/dev/azurite.sh" start
  if [[ -z "${SKIP_BUILD:-}" ]]; then
    log "building the silo ($CONFIGURATION)"
    dotnet build "$REPO_ROOT/src/Silo" -c "$CONFIGURATION" --nologo -v quiet -clp:ErrorsOnly >&2
  fi
  for n in $(seq 1 "$SILO_COUNT"); do start_silo "$n"; done
  wait_healthy 120 || { down; exit 1; }
}

down() {
  for n in $(seq "$SILO_COUNT" -1 1); do stop_pid "silo-$n"; done
  "$REPO_ROOT/deploy/dev/azurite.sh" stop
}

status() {
  "$REPO_ROOT/deploy/dev/azurite.sh" status | sed 's/^/azurite: /'
  for n in $(seq 1 "$SILO_COUNT"); do
    if pid_alive "silo-$n"; then echo "silo-$n: running, sees $(active_silos "$n") active silos"; else echo "silo-$n: stopped"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  wait) wait_healthy "${2:-120}" ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
