#!/usr/bin/env bash
# Measures the pipeline end to end as short-polling clients see it, for each reservation strategy on a fresh
# local stack, and writes docs/benchmarks.md, docs/benchmarks/latencies.csv and docs/benchmarks/summary.png.
# `./bench.sh --help` lists the options (scale, workloads, open or closed loop, a running stack); README.md has
# the main ones. Exits non-zero when an invariant (no oversell, stock accounted, no lost order) fails.
set -euo pipefail
cd "$(dirname "$0")"

tool() { ls load-test/target/load-test-*-exec.jar 2>/dev/null | head -n 1; }

needs_build() {
  local jar
  jar=$(tool)
  [ -n "$jar" ] || return 0
  for module in order-service inventory-service payment-service saga-orchestrator; do
    ls "$module"/target/"$module"-*-exec.jar >/dev/null 2>&1 || return 0
  done
  # Rebuild when any source, resource or POM changed since the last build.
  [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -type f -print -quit)" ]
}

if needs_build; then
  echo "Building order-saga (the first build downloads dependencies and takes a few minutes)..."
  ./mvnw -B -q -Dmaven.test.skip=true package
fi

export ORDERSAGA_PROJECT_ROOT="$PWD"
exec java -Djava.awt.headless=true ${ORDERSAGA_BENCH_JAVA_OPTS:-} -jar "$(tool)" "$@"
