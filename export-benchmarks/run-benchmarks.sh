#!/usr/bin/env bash
# Runs the JMH suite (Export Hub cells, raw baselines, 500-item latencies) with the GC profiler,
# the heap-bounded 1M-item run in a 128 MB heap, and prints the tables of docs/PERFORMANCE.md.
# About 35 minutes on 2 cores:
#   1. every cell at 500 and 10,000 items (3 x 2 s warm-up, 5 x 1 s measurement);
#   2. the 500-item single-export latencies (sample time);
#   3. every cell at 100,000 items, the ratio cells among them: an operation takes about half a
#      second, so these warm up longer and measure several operations an iteration (6 x 3 s each);
#   4. HeapBoundedRun at 100,000 and 1,000,000 items with -Xmx128m.
#
# Usage: export-benchmarks/run-benchmarks.sh [extra JMH args for every JMH run, e.g. -p shape=full-operational]
# Environment: MVN (default mvn) builds the jar; SKIP_BUILD=1 uses the jar already built;
#              SIZES (default "100000 1000000") are the heap-bounded run's sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ${MVN:-mvn} -B -Pbench -pl export-benchmarks -am package -DskipTests
fi
jar=export-benchmarks/target/benchmarks.jar
out=export-benchmarks/target
jmh() {
  local name=$1
  shift
  java -jar "$jar" -rf json -rff "$out/$name.json" -prof gc "$@" | tee "$out/$name.txt"
}
jmh small -p items=500,10000 "$@" 'ExportBenchmark|BaselineBenchmark'
jmh latency "$@" 'LatencyBenchmark'
jmh large -p items=100000 -wi 6 -w 3 -i 6 -r 3 "$@" 'ExportBenchmark|BaselineBenchmark'
java -cp "$jar" dev.exporthub.benchmarks.RatioReport 100000 "$out/small.json" "$out/latency.json" "$out/large.json" \
  | tee "$out/ratios.md"
# shellcheck disable=SC2086
java -Xmx128m -cp "$jar" dev.exporthub.benchmarks.HeapBoundedRun ${SIZES:-100000 1000000} | tee "$out/heap-bounded.md"
