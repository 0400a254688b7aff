#!/usr/bin/env bash
# Start-up comparison (docs/benchmarks.md): time to the first answered request of the packaged odk-sim jar against a
# bare Quarkus app with the same extensions (bench/bare-quarkus), both on a fresh data directory, alternating
# (odk-sim, bare, odk-sim, bare, ...) so both see the same machine load; prints every pair and the median ratio.
#   bench/startup-bench.sh [PAIRS] [PORT]        (defaults: 5 pairs, port 18190; PORT + 1 is odk-sim's HTTPS port)
# BENCH_JAR: the odk-sim jar to measure (default target/quarkus-app/quarkus-run.jar).
# BENCH_RESTART=1: restarts instead of first starts: each app gets one data directory, started once untimed (schema,
# demo data, CA and keys created), then every timed start reopens it.
# Builds either jar if it is missing. Both are polled on /q/health/ready (readiness includes the datasource check, so
# the database is open and migrated).
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-5}
PORT=${2:-18190}
ODK=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
BARE=bench/bare-quarkus/target/quarkus-app/quarkus-run.jar
[ -f "$ODK" ] || ./mvnw -B -q package -DskipTests
[ -f "$BARE" ] || ./mvnw -B -q -f bench/bare-quarkus/pom.xml package
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
ODK_DATA=""; BARE_DATA=""
if [ "${BENCH_RESTART:-0}" = 1 ]; then
  ODK_DATA=$(mktemp -d); BARE_DATA=$(mktemp -d)
  trap 'rm -rf "$ODK_DATA" "$BARE_DATA"' EXIT
  FIRST_REQUEST_DATA=$ODK_DATA bench/first-request.sh "$ODK" /q/health/ready "$PORT" > /dev/null
  FIRST_REQUEST_DATA=$BARE_DATA bench/first-request.sh "$BARE" /q/health/ready "$PORT" > /dev/null
  echo "Restarts on existing data directories"
fi
odk=(); bare=(); ratios=()
for i in $(seq 1 "$PAIRS"); do
  o=$(FIRST_REQUEST_DATA=$ODK_DATA bench/first-request.sh "$ODK" /q/health/ready "$PORT" | awk '{print $4}')
  b=$(FIRST_REQUEST_DATA=$BARE_DATA bench/first-request.sh "$BARE" /q/health/ready "$PORT" | awk '{print $4}')
  r=$(awk -v o="$o" -v b="$b" 'BEGIN {printf "%.2f", o / b}')
  echo "pair $i: odk-sim $o ms, bare $b ms, ratio $r (load average $(cut -d' ' -f1 /proc/loadavg))"
  odk+=("$o"); bare+=("$b"); ratios+=("$r")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "median: odk-sim $(median "${odk[@]}") ms, bare $(median "${bare[@]}") ms, ratio of the pairs $(median "${ratios[@]}")"
