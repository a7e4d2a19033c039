#!/usr/bin/env bash
# Runs the JMH suite and the heap-bounded 1M-item run, and prints the ratio table.
# Usage: export-benchmarks/run-benchmarks.sh [extra JMH args, e.g. -p items=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -Pbench -pl export-benchmarks -am package -DskipTests
jar=export-benchmarks/target/benchmarks.jar
out=export-benchmarks/target
java -jar "$jar" -rf json -rff "$out/results.json" -prof gc "$@" | tee "$out/jmh.txt"
java -cp "$jar" dev.exporthub.benchmarks.RatioReport "$out/results.json" 100000 | tee "$out/ratios.md"
java -Xmx128m -cp "$jar" dev.exporthub.benchmarks.HeapBoundedRun 100000 1000000 | tee "$out/heap-bounded.md"
