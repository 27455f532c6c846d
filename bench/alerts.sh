#!/usr/bin/env bash
# Alert ingest throughput: notifications of 100 firing alerts into /webhooks/alertmanager on H2 (see bench/README.md).
# Usage: bench/alerts.sh            BATCHES=200 WARMUP=50 CLIENTS=4 bench/alerts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -Xmx512m -Dbatches="${BATCHES:-200}" -Dwarmup="${WARMUP:-50}" -Dclients="${CLIENTS:-4}" \
  -Dlogback.configurationFile=bench/logback-quiet.xml \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.devloop.alerts.AlertIngestBench
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
