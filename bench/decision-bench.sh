#!/usr/bin/env bash
# Decision benchmark (docs/benchmarks.md): starts the packaged simulator on a fresh data directory with its demo data,
# runs bench/DecisionBench.java against it, and stops it. Needs only a JDK 17+ and curl.
#   bench/decision-bench.sh [FLOWS] [CONCURRENCY]        (defaults: 2000 flows, concurrency 8)
# Environment: BENCH_PORT (default 18080), BENCH_JAR (default target/quarkus-app/quarkus-run.jar; built if missing),
#   BENCH_SEED=1: first fill the database with bench/SeedDb.java (1,000,000 keys, 1,000,000 decisions, 100,000 users),
#   BENCH_JFR=FILE: record a JFR profile of the server during the run into FILE (then: jfr print --events jdk.ExecutionSample FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
FLOWS=${1:-2000}
CONCURRENCY=${2:-8}
PORT=${BENCH_PORT:-18080}
JAR=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
TOKEN=bench-admin-token

if [ ! -f "$JAR" ]; then
  echo "Building the packaged server..."
  ./mvnw -B -q package -DskipTests
fi
DATA=$(mktemp -d)
SERVER=
cleanup() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi; rm -rf "$DATA"; }
trap cleanup EXIT

start_server() {
  local jvm=()
  if [ -n "${1:-}" ]; then jvm=("-XX:StartFlightRecording=filename=$1,settings=profile"); fi
  QUARKUS_HTTP_PORT=$PORT ODK_DATA_DIR="$DATA" ODK_ADMIN_TOKEN=$TOKEN ODK_PUBLIC_BASE_URL="http://localhost:$PORT" \
    java "${jvm[@]}" -jar "$JAR" >> "$DATA/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do
    if curl -fsS "http://localhost:$PORT/q/health/ready" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$SERVER" 2>/dev/null; then cat "$DATA/server.log"; exit 2; fi
    sleep 0.5
  done
  echo "server did not become ready"; cat "$DATA/server.log"; exit 2
}

if [ "${BENCH_SEED:-0}" = "1" ]; then
  start_server            # Flyway creates the schema and the demo data
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
  echo "Seeding the database (bench/SeedDb.java)..."
  java -cp "$(dirname "$JAR")/lib/main/*" bench/SeedDb.java "$DATA"
fi
start_server "${BENCH_JFR:-}"

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
java bench/DecisionBench.java --base "http://localhost:$PORT" --token "$TOKEN" --flows "$FLOWS" --concurrency "$CONCURRENCY"
