#!/usr/bin/env bash
# Starts / stops the dev agents against the dev cluster: a phone, an edge server and a cloud GPU worker.
# usage: agents.sh up|down
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONFIGURATION="${CONFIGURATION:-Release}"
AGENT_DLL="$REPO_ROOT/src/DeviceAgent/bin/$CONFIGURATION/net10.0/HybridAI.DeviceAgent.dll"
CLI_DLL="$REPO_ROOT/src/Cli/bin/$CONFIGURATION/net10.0/hybridai.dll"
MODEL_SIZE="${HYBRIDAI_MODEL_SIZE:-base}"
PHONE_API_PORT="${HYBRIDAI_PHONE_API_PORT:-7101}"
AGENTS=(phone-1 edge-1 gpu-worker-1)

profile_of() { case "$1" in phone-*) echo phone ;; edge-*) echo edge-server ;; *) echo cloud-gpu-worker ;; esac; }

start_agent() {
  local id=$1 profile
  profile=$(profile_of "$id")
  if pid_alive "agent-$id"; then log "agent $id already running"; return 0; fi
  local secret
  secret=$(dotnet "$CLI_DLL" credential issue "$id" --key-file "$CREDENTIAL_KEY_FILE")
  local -a extra=()
  [[ $profile == phone ]] && extra+=("Agent__LocalApiPort=$PHONE_API_PORT")
  [[ $profile == cloud-gpu-worker ]] && extra+=("Agent__PoolName=gpu-pool")
  env Agent__NodeId="$id" Agent__Profile="$profile" Agent__Region=local Agent__Credential="$secret" \
    Agent__ModelSizes__0="$MODEL_SIZE" \
    Cluster__Mode=AzureStorage Cluster__StorageConnectionString="$STORAGE_CONNECTION_STRING" Cluster__ClusterId="${HYBRIDAI_CLUSTER_ID:-hybridai-dev}" \
    DOTNET_ENVIRONMENT=Development "${extra[@]}" \
    nohup dotnet "$AGENT_DLL" >"$RUN_DIR/agent-$id.log" 2>&1 &
  echo $! >"$RUN_DIR/agent-$id.pid"
  log "started agent $id ($profile, pid $!, log $RUN_DIR/agent-$id.log)"
}

wait_registered() {
  local deadline=$((SECONDS + ${1:-300}))
  for id in "${AGENTS[@]}"; do
    until grep -q "Registered $id" "$RUN_DIR/agent-$id.log" 2>/dev/null; do
      pid_alive "agent-$id" || { log "agent $id exited; last log lines:"; tail -n 20 "$RUN_DIR/agent-$id.log" >&2; return 1; }
      ((SECONDS > deadline)) && { log "agent $id did not register in time"; return 1; }
      sleep 0.5
    done
    grep -E "Measured" "$RUN_DIR/agent-$id.log" | sed "s/^ */[$id] /" >&2 || true
  done
  log "all agents registered with measured capacity"
}

up() {
  credential_key >/dev/null
  for id in "${AGENTS[@]}"; do start_agent "$id"; done
  log "agents prepare their $MODEL_SIZE models (generated on first use) and benchmark every stage before registering"
  wait_registered 600
}

down() {
  for id in "${AGENTS[@]}"; do stop_pid "agent-$id"; done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
