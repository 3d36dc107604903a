#!/usr/bin/env bash
# Kills every part of the pipeline in turn under a steady workload (each service, the broker, PostgreSQL,
# everything at once), replays and poisons the topics, and checks from outside that no order is lost, stuck or
# oversold and no effect is applied twice. Writes docs/reliability.md; exits non-zero when an invariant fails.
# Options: --quick (the CI version), --scenarios a,b (see README.md), --out DIR.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/build-if-stale.sh

build_if_stale fault-suite
export ORDERSAGA_PROJECT_ROOT="$PWD"
exec java ${ORDERSAGA_FAULT_SUITE_JAVA_OPTS:-} -jar "$(executable_jar fault-suite)" "$@"
