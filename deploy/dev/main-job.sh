#!/usr/bin/env bash
# The README's first command: brings up the dev cluster (Azurite + two silos on Azure Table membership),
# runs the main job against it, and stops everything it started, also on Ctrl-C or failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cleanup() { "$REPO_ROOT/deploy/dev/cluster.sh" down; }
trap cleanup EXIT
trap 'exit 130' INT TERM

"$REPO_ROOT/deploy/dev/cluster.sh" up
"$REPO_ROOT/deploy/dev/cluster.sh" status
for port in 8080 8081; do curl -fsS "http://127.0.0.1:$port/health"; echo; done
