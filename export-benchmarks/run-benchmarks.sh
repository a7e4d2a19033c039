#!/usr/bin/env bash
# Runs the JMH suite (Export Hub cells, raw baselines, 500-item latencies) with the GC profiler,
# the heap-bounded 1M-item run in a 128 MB heap, and prints the ratio tables (docs/PERFORMANCE.md).
# About 25 minutes on 2 cores (1 fork, 3 x 2 s warm-up, 5 x 1 s measurement per cell).
#
# Usage: export-benchmarks/run-benchmarks.sh [extra JMH args, e.g. -p items=100000]
# Environment: MVN (default mvn) builds the jar; SKIP_BUILD=1 uses the jar already built;
#              SIZES (default "100000 1000000") are the heap-bounded run's sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ${MVN:-mvn} -B -Pbench -pl export-benchmarks -am package -DskipTests
fi
jar=export-benchmarks/target/benchmarks.jar
out=export-benchmarks/target
java -jar "$jar" -rf json -rff "$out/results.json" -prof gc "$@" | tee "$out/jmh.txt"
java -cp "$jar" dev.exporthub.benchmarks.RatioReport "$out/results.json" 100000 | tee "$out/ratios.md"
# shellcheck disable=SC2086
java -Xmx128m -cp "$jar" dev.exporthub.benchmarks.HeapBoundedRun ${SIZES:-100000 1000000} | tee "$out/heap-bounded.md"
