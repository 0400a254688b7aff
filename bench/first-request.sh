#!/usr/bin/env bash
# Time to first answered request (docs/benchmarks.md): starts a packaged Quarkus jar on a fresh data directory, polls
# URL until it answers 200, prints the milliseconds from launch to that answer, and stops the jar.
#   bench/first-request.sh JAR URL_PATH [PORT]      e.g. bench/first-request.sh target/quarkus-app/quarkus-run.jar /q/health/ready
# Environment passed to the jar: a fresh ODK_DATA_DIR / DATA_DIR, QUARKUS_HTTP_PORT, ODK_HTTPS_PORT (PORT + 1). Needs curl.
# Run it repeatedly (it is one whole process per measurement) and quote the median.
# FIRST_REQUEST_DATA=DIR: use (and keep) that data directory instead of a fresh one: a restart on existing data.
set -euo pipefail
JAR=$1
PATH_=$2
PORT=${3:-18190}
if [ -n "${FIRST_REQUEST_DATA:-}" ]; then DATA=$FIRST_REQUEST_DATA; KEEP=1; else DATA=$(mktemp -d); KEEP=0; fi
start=$(date +%s%N)
QUARKUS_HTTP_PORT=$PORT ODK_HTTPS_PORT=$((PORT + 1)) ODK_DATA_DIR="$DATA" DATA_DIR="$DATA" ODK_ADMIN_TOKEN=first-request java -jar "$JAR" > "$DATA/out.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; [ "$KEEP" = 1 ] || rm -rf "$DATA"' EXIT
until curl -fsS -o /dev/null "http://localhost:$PORT$PATH_" 2>/dev/null; do
  kill -0 $PID 2>/dev/null || { cat "$DATA/out.log"; exit 2; }
  sleep 0.02
done
echo "first answer after $(( ($(date +%s%N) - start) / 1000000 )) ms"
