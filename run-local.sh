#!/usr/bin/env bash
# Starts the whole order-saga pipeline on this machine, no Docker needed: a single-node Kafka broker (KRaft) on
# localhost:9092, PostgreSQL (embedded by default, or ORDERSAGA_POSTGRES_URL), the topics, and the four services.
# Ctrl-C stops everything. Data survives restarts under .local-stack/; `./run-local.sh --clean` starts afresh.
# Settings (environment variables) are listed in README.md.
set -euo pipefail
cd "$(dirname "$0")"

launcher() { ls local-stack/target/local-stack-*-exec.jar 2>/dev/null | head -n 1; }

needs_build() {
  local jar
  jar=$(launcher)
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
exec java ${ORDERSAGA_LAUNCHER_JAVA_OPTS:-} -jar "$(launcher)" "$@"
