#!/usr/bin/env bash
# Alert ingest throughput: notifications of 100 firing alerts into /webhooks/alertmanager on H2 (see bench/README.md).
# Usage: bench/alerts.sh            BATCHES=200 WARMUP=50 CLIENTS=4 CRITICAL=1 bench/alerts.sh
#        BASELINE=<git ref> bench/alerts.sh   also runs that commit's code first, with this bench's workload, and prints
#                                             the ratio current / baseline of each row (one run, same machine load)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2

bench() { # $1: classpath; prints the markdown table
  java -Xmx512m -Dbatches="${BATCHES:-200}" -Dwarmup="${WARMUP:-50}" -Dclients="${CLIENTS:-4}" \
    -Dcritical="${CRITICAL:-1}" -Dlogback.configurationFile=bench/logback-quiet.xml \
    -cp "$1" io.devloop.alerts.AlertIngestBench
}
current_cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

if [[ -n "${BASELINE:-}" ]]; then
  base=$(mktemp -d)
  trap 'rm -rf "$base"' EXIT
  git archive "$BASELINE" | tar -x -C "$base"
  (cd "$base" && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2)
  base_cp="$base/target/classes:$base/target/test-classes:$(cat "$base/target/bench-classpath.txt")"
  # the same workload on both sides: this bench class, compiled against the baseline's classes
  mkdir -p "$base/bench-classes"
  javac -nowarn -d "$base/bench-classes" -cp "$base_cp" src/test/java/io/devloop/alerts/AlertIngestBench.java
  echo "load average before baseline ($BASELINE, $(git rev-parse --short "$BASELINE")): $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  echo "### baseline: $BASELINE ($(git rev-parse --short "$BASELINE"))"
  bench "$base/bench-classes:$base_cp" | tee "$base/baseline.md"
fi
echo "load average before current ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', uncommitted changes')): $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [[ -n "${BASELINE:-}" ]]; then
  echo
  echo "### current: $(git rev-parse --short HEAD)"
  bench "$current_cp" | tee "$base/current.md"
  echo
  echo "### ratio current / baseline (alerts/s; p50 and p99 as baseline / current, so > 1 is better everywhere)"
  echo "| scenario | clients | baseline alerts/s | current alerts/s | throughput × | p50 × | p99 × |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk -F' *\\| *' 'FNR == NR && $7 ~ /^[0-9]/ { b[$2 FS $3] = $7; p50[$2 FS $3] = $9; p99[$2 FS $3] = $10; next }
    FNR != NR && $7 ~ /^[0-9]/ && (($2 FS $3) in b) {
      printf "| %s | %s | %s | %s | %.2f | %.2f | %.2f |\n", $2, $3, b[$2 FS $3], $7, $7 / b[$2 FS $3],
        p50[$2 FS $3] / $9, p99[$2 FS $3] / $10 }' "$base/baseline.md" "$base/current.md"
else
  bench "$current_cp"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
