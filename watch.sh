#!/usr/bin/env bash
# Shows order-saga's Kafka records decoded, one JSON object per line, e.g.
#   ./watch.sh                                    follow the saga, retry and dead-letter topics from now on
#   ./watch.sh --order <id>                       one order's whole conversation, in the order it happened
#   ./watch.sh --from-beginning --topic order-status
# Options: --bootstrap-servers HOST:PORT (localhost:9092), --topic T (repeatable), --from-beginning, --order ID.
# It joins no consumer group, so it never disturbs the services. ./watch.sh --help says more.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/build-if-stale.sh

build_if_stale saga-watch
# A short-lived client: C1 and the serial collector start it fastest.
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$(executable_jar saga-watch)" "$@"
