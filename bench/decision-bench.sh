#!/usr/bin/env bash
# Decision benchmark (docs/benchmarks.md): starts the packaged simulator on a fresh data directory with its demo data,
# runs bench/DecisionBench.java against it, and stops it. Needs only a JDK 17+ and curl.
#   bench/decision-bench.sh [FLOWS] [CONCURRENCY]        (defaults: 2000 flows, concurrency 8)
# Environment: BENCH_PORT (default 18080), BENCH_JAR (default target/quarkus-app/quarkus-run.jar; built if missing).
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
QUARKUS_HTTP_PORT=$PORT ODK_DATA_DIR="$DATA" ODK_ADMIN_TOKEN=$TOKEN ODK_PUBLIC_BASE_URL="http://localhost:$PORT" \
  java -jar "$JAR" > "$DATA/server.log" 2>&1 &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -fsS "http://localhost:$PORT/q/health/ready" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then cat "$DATA/server.log"; exit 2; fi
  sleep 0.5
done
curl -fsS "http://localhost:$PORT/q/health/ready" > /dev/null || { echo "server did not become ready"; cat "$DATA/server.log"; exit 2; }

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
java bench/DecisionBench.java --base "http://localhost:$PORT" --token "$TOKEN" --flows "$FLOWS" --concurrency "$CONCURRENCY"
