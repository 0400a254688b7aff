#!/usr/bin/env bash
# Decision benchmark (docs/benchmarks.md): starts the packaged simulator on a fresh data directory with its demo data,
# runs bench/DecisionBench.java against it, and stops it. Needs only a JDK 17+ and curl.
#   bench/decision-bench.sh [FLOWS] [CONCURRENCY]        (defaults: 2000 flows, concurrency 8)
# Environment: BENCH_WARMUP (requests per path before the measured phases, default 1500: the JIT compiler is still busy
# after a few hundred), BENCH_PORT (default 18080), BENCH_JAR (default target/quarkus-app/quarkus-run.jar; built if missing).
# PostgreSQL (docs/operations.md): BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/odk_bench (an empty database),
# BENCH_DB_USER, BENCH_DB_PASSWORD. BENCH_INSTANCES=2: two instances on that database behind HAProxy
# (deploy/haproxy.cfg with the ports rewritten; needs haproxy), the benchmark talks to HAProxy on BENCH_PORT.
# BENCH_SEED=1 (H2, one instance): first fill the database with bench/SeedDb.java (1,000,000 keys, 1,000,000 decisions,
#   100,000 users). BENCH_JFR=FILE (one instance): record a JFR profile of the server during the run into FILE
#   (then: jfr print --events jdk.ExecutionSample FILE).
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
INSTANCES=${BENCH_INSTANCES:-1}
if [ "$INSTANCES" -gt 1 ] && [ -z "${BENCH_DB_URL:-}" ]; then
  echo "BENCH_INSTANCES=$INSTANCES needs a shared database: set BENCH_DB_URL (PostgreSQL)"; exit 2
fi
DATA=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT

# start_instance NAME PORT [JFR_FILE]: one packaged server; waits until it is ready.
start_instance() {
  mkdir -p "$DATA/$1"
  local jvm=()
  if [ -n "${3:-}" ]; then jvm=("-XX:StartFlightRecording=filename=$3,settings=profile"); fi
  local db=()
  if [ -n "${BENCH_DB_URL:-}" ]; then
    db=(ODK_DB_URL="$BENCH_DB_URL" ODK_DB_USER="${BENCH_DB_USER:-odk}" ODK_DB_PASSWORD="${BENCH_DB_PASSWORD:-}")
  fi
  # Plain HTTP (the benchmark speaks HTTP; two instances would both want the fixed HTTPS port 8443).
  # A cold JVM's first PostgreSQL connection can exceed the pool's 5 s default on a loaded machine.
  env ODK_HTTPS_ENABLED="${ODK_HTTPS_ENABLED:-false}" QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT="${QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT:-PT30S}" QUARKUS_HTTP_PORT="$2" ODK_DATA_DIR="$DATA/$1" ODK_ADMIN_TOKEN=$TOKEN ODK_PUBLIC_BASE_URL="http://localhost:$PORT" \
    ODK_CLUSTER_INSTANCE_ID="$1" "${db[@]}" java "${jvm[@]}" -jar "$JAR" >> "$DATA/$1.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 360); do
    if curl -fsS "http://localhost:$2/q/health/ready" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$DATA/$1.log"; exit 2; fi
    sleep 0.5
  done
  echo "instance $1 did not become ready"; cat "$DATA/$1.log"; exit 2
}

if [ "${BENCH_SEED:-0}" = "1" ]; then
  if [ "$INSTANCES" -gt 1 ] || [ -n "${BENCH_DB_URL:-}" ]; then
    echo "BENCH_SEED=1 seeds the H2 file of one instance: unset BENCH_DB_URL and BENCH_INSTANCES"; exit 2
  fi
  start_instance odk1 "$PORT"   # Flyway creates the schema and the demo data
  for pid in "${PIDS[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done; PIDS=()
  echo "Seeding the database (bench/SeedDb.java)..."
  java -cp "$(dirname "$JAR")/lib/main/*" bench/SeedDb.java "$DATA/odk1"
fi
if [ "$INSTANCES" -le 1 ]; then
  start_instance odk1 "$PORT" "${BENCH_JFR:-}"
else
  SERVERS=""
  for i in $(seq 1 "$INSTANCES"); do
    start_instance "odk$i" $((PORT + i))
    SERVERS="$SERVERS    server odk$i 127.0.0.1:$((PORT + i)) check\n"
  done
  sed -e "s/^\( *\)bind .*/\1bind 127.0.0.1:$PORT/" -e '/^ *server /d' -e '/^ *log /d' deploy/haproxy.cfg > "$DATA/haproxy.cfg"
  printf "$SERVERS" >> "$DATA/haproxy.cfg"
  haproxy -db -f "$DATA/haproxy.cfg" > "$DATA/haproxy.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 60); do
    if curl -fsS "http://localhost:$PORT/q/health/ready" > /dev/null 2>&1; then break; fi
    sleep 0.5
  done
fi
curl -fsS "http://localhost:$PORT/q/health/ready" > /dev/null || { echo "not ready on $PORT"; cat "$DATA"/*.log; exit 2; }
echo "Store: ${BENCH_DB_URL:-H2 file}; instances: $INSTANCES$([ "$INSTANCES" -gt 1 ] && echo ' behind HAProxy')"

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
java bench/DecisionBench.java --base "http://localhost:$PORT" --token "$TOKEN" --flows "$FLOWS" --concurrency "$CONCURRENCY" --warmup "${BENCH_WARMUP:-1500}"
