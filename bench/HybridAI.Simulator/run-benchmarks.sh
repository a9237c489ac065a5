#!/usr/bin/env bash
# Builds the simulator and writes every simulator result under bench/results/ from the COMMITTED
# bench/results/pipelines.json (the pipelines bench rewrites the working copy whenever it runs), snapshotted as
# bench/results/simulator.latencies.json so the results can be reproduced.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
# Others edit src/Planning in this checkout: build the committed code of HEAD in a scratch copy, not the working tree.
commit=$(git rev-parse HEAD)
build=$(mktemp -d /tmp/hybridai-sim-build.XXXXXX)
trap 'rm -rf "$build"' EXIT
git archive "$commit" Directory.Build.props Directory.Packages.props global.json .editorconfig src/Planning bench/HybridAI.Simulator | tar -x -C "$build"
dotnet build "$build/bench/HybridAI.Simulator" -c Release --nologo -v q
git show HEAD:bench/results/pipelines.json > bench/results/simulator.latencies.json
origin="bench/results/pipelines.json as committed in $(git log -1 --format=%h -- bench/results/pipelines.json)"
echo "latencies: $origin"
sim="dotnet $build/bench/HybridAI.Simulator/bin/Release/net10.0/HybridAI.Simulator.dll --source-commit $commit --latencies bench/results/simulator.latencies.json --latencies-origin"
before=$(sha1sum bench/results/simulator.latencies.json)
$sim "$origin"                                                          # default: simulator.{json,md}, sim-*.svg
$sim "$origin" --sweep-headroom 0,0.1,0.2                     # simulator.headroom.*
$sim "$origin" --quick                                                  # simulator.default-quick.*
for s in strict-heavy no-device-denoise midrange-tight; do
  $sim "$origin" --scenario "bench/scenarios/$s.json"                 # simulator.<name>.*
done
$sim "$origin" --scenario bench/scenarios/midrange-tight.json --sweep-headroom 0,0.1,0.2 --sweep-quantile 0,1.28
$sim "$origin" --devices 1000000                               # scale run: simulator.default-1000000-devices.*
after=$(sha1sum bench/results/simulator.latencies.json)
[ "$before" = "$after" ] || { echo "the latency snapshot changed during the runs; run again" >&2; exit 1; }
