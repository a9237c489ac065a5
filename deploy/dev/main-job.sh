#!/usr/bin/env bash
# The README's first command: brings up the dev cluster (Azurite, two silos on Azure Table membership), a phone,
# an edge server and a cloud GPU worker agent, runs one hybrid text-to-image job submitted through the phone,
# writes the PNG, and stops everything it started, also on Ctrl-C or failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROMPT="${HYBRIDAI_PROMPT:-a lighthouse on a cliff at dusk, oil painting}"
DEADLINE_MS="${HYBRIDAI_DEADLINE_MS:-2500}"
OUT="${HYBRIDAI_OUT:-$REPO_ROOT/out/hybridai.png}"

cleanup() {
  "$REPO_ROOT/deploy/dev/agents.sh" down
  "$REPO_ROOT/deploy/dev/cluster.sh" down
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building silo, agent and CLI (Release)"
dotnet build "$REPO_ROOT/deploy/dev/apps.slnf" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
SKIP_BUILD=1 "$REPO_ROOT/deploy/dev/cluster.sh" up
"$REPO_ROOT/deploy/dev/agents.sh" up

log "submitting through the phone: the prompt is tokenized and encoded on the phone (Strict), the rest is planned"
dotnet "$REPO_ROOT/src/Cli/bin/Release/net10.0/hybridai.dll" submit \
  --agent "http://127.0.0.1:${HYBRIDAI_PHONE_API_PORT:-7101}" \
  --prompt "$PROMPT" --steps 20 --seed 42 --privacy Strict --model "${HYBRIDAI_MODEL_SIZE:-base}" \
  --deadline-ms "$DEADLINE_MS" --out "$OUT"
