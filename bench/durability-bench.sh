#!/usr/bin/env bash
# What the durable H2 settings cost (docs/benchmarks.md, "Durability cost"): the decision benchmark against the packaged
# server with the shipped JDBC URL (WRITE_DELAY=0: each commit written to the file before it returns) and with H2's
# default write delay (500 ms), alternating ROUNDS times in one run so both see the same machine.
#   bench/durability-bench.sh [FLOWS] [CONCURRENCY] [ROUNDS]      (defaults: 1000 flows, concurrency 8, 2 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
FLOWS=${1:-1000}
CONCURRENCY=${2:-8}
ROUNDS=${3:-2}
DELAYED='jdbc:h2:file:${odk.data-dir}/odk;DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000'
for round in $(seq 1 "$ROUNDS"); do
  echo "=== round $round: durable (shipped URL, WRITE_DELAY=0), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  env -u QUARKUS_DATASOURCE_JDBC_URL bench/decision-bench.sh "$FLOWS" "$CONCURRENCY" | grep -E '^\| |^Ratio'
  echo "=== round $round: H2 default write delay (500 ms), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  QUARKUS_DATASOURCE_JDBC_URL="$DELAYED" bench/decision-bench.sh "$FLOWS" "$CONCURRENCY" | grep -E '^\| |^Ratio'
done
