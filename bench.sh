#!/usr/bin/env bash
# Measures the pipeline end to end as short-polling clients see it, for each reservation strategy on a fresh
# local stack, and writes docs/benchmarks.md, docs/benchmarks/latencies.csv and docs/benchmarks/summary.png.
# `./bench.sh --help` lists the options (scale, workloads, open or closed loop, a running stack); README.md has
# the main ones. Exits non-zero when an invariant (no oversell, stock accounted, no lost order) fails.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/build-if-stale.sh

build_if_stale load-test
export ORDERSAGA_PROJECT_ROOT="$PWD"
exec java -Djava.awt.headless=true ${ORDERSAGA_BENCH_JAVA_OPTS:-} -jar "$(executable_jar load-test)" "$@"
