#!/usr/bin/env bash
# Builds the simulator and writes every committed simulator result under bench/results/ from bench/results/pipelines.json.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
dotnet build bench/HybridAI.Simulator -c Release --nologo -v q
sim="dotnet bench/HybridAI.Simulator/bin/Release/net10.0/HybridAI.Simulator.dll"
before=$(sha1sum bench/results/pipelines.json)
$sim                                                          # default: simulator.{json,md}, sim-*.svg
$sim --sweep-headroom 0,0.1,0.2                               # simulator.headroom.*
$sim --quick                                                  # simulator.default-quick.*
for s in strict-heavy no-device-denoise midrange-tight; do
  $sim --scenario "bench/scenarios/$s.json"                   # simulator.<name>.*
done
$sim --scenario bench/scenarios/midrange-tight.json --sweep-headroom 0,0.1,0.2
after=$(sha1sum bench/results/pipelines.json)
[ "$before" = "$after" ] || { echo "bench/results/pipelines.json changed during the runs; run again" >&2; exit 1; }
