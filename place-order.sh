#!/usr/bin/env bash
# Produces an Avro OrderPlaced straight to the `orders` topic, as any Kafka client may, e.g.
#   ./place-order.sh --customer c-7 p-1=2 p-3=1
# Options: --bootstrap-servers HOST:PORT (localhost:9092), --customer ID, --order-id ID.
set -euo pipefail
cd "$(dirname "$0")"
jar=$(ls local-stack/target/local-stack-*-exec.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || { echo "Build first: ./run-local.sh (or ./mvnw -B -DskipTests package)"; exit 1; }
exec java -jar "$jar" place-order "$@"
