#!/usr/bin/env bash
# Starts the whole order-saga pipeline on this machine, no Docker needed: a single-node Kafka broker (KRaft) on
# localhost:9092, PostgreSQL (embedded by default, or ORDERSAGA_POSTGRES_URL), the topics, the four services and
# the saga console (http://localhost:8084/).
# Ctrl-C stops everything. Data survives restarts under .local-stack/; `./run-local.sh --clean` starts afresh.
# Settings (environment variables) are listed in README.md.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/build-if-stale.sh

build_if_stale local-stack
export ORDERSAGA_PROJECT_ROOT="$PWD"
# The launcher's JVM runs the Kafka broker: C1 and the serial collector, like the services (docs/benchmarks.md).
exec java ${ORDERSAGA_LAUNCHER_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -jar "$(executable_jar local-stack)" "$@"
