#!/usr/bin/env bash
# Unlock latency with a healthy, failing, hanging and unreachable webhook receiver (docs/benchmarks.md, issue 11): starts
# the packaged simulator on a fresh data directory (delivery worker on, as in production; the lock attempt limit raised
# so one lock can be opened thousands of times a minute), runs bench/WebhookUnlockBench.java against it, and stops it.
#   bench/webhook-bench.sh [UNLOCKS] [CONCURRENCY]        (defaults: 2000 unlocks per receiver, concurrency 8)
# Environment: BENCH_PORT (default 18081), BENCH_JAR (default target/quarkus-app/quarkus-run.jar; built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
UNLOCKS=${1:-2000}
CONCURRENCY=${2:-8}
PORT=${BENCH_PORT:-18081}
JAR=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
TOKEN=bench-admin-token

if [ ! -f "$JAR" ]; then
  echo "Building the packaged server..."
  ./mvnw -B -q package -DskipTests
fi
DATA=$(mktemp -d)
PID=
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; rm -rf "$DATA"; }
trap cleanup EXIT

QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_SSL_PORT=$((PORT + 1)) ODK_DATA_DIR="$DATA" ODK_ADMIN_TOKEN=$TOKEN \
  ODK_PUBLIC_BASE_URL="http://localhost:$PORT" ODK_LIMITS_LOCK_ATTEMPTS_PER_MINUTE=1000000 ODK_LIMITS_ADDRESS_ATTEMPTS_PER_MINUTE=1000000 \
  java -jar "$JAR" > "$DATA/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 360); do
  if curl -fsS "http://localhost:$PORT/q/health/ready" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then cat "$DATA/server.log"; exit 2; fi
  sleep 0.5
done
curl -fsS "http://localhost:$PORT/q/health/ready" > /dev/null || { echo "not ready on $PORT"; cat "$DATA/server.log"; exit 2; }

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
java bench/WebhookUnlockBench.java --base "http://localhost:$PORT" --token "$TOKEN" --unlocks "$UNLOCKS" --concurrency "$CONCURRENCY"
echo "Webhook metrics after the run:"
curl -fsS "http://localhost:$PORT/q/metrics" | grep -E '^odk_webhook_(deliveries_total|delivery_latency_seconds_(count|max))' || true
