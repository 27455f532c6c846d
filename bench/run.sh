#!/usr/bin/env bash
# Load-tests devloop's slash-command ack path: signed `/devloop help` requests, measured with wrk.
#
# usage: bench/run.sh [path/to/devloop.jar]     (default: target/devloop.jar in the repo root)
#
# Environment overrides:
#   DURATION=30s        length of the measured runs (wrk syntax: 30s, 1m)
#   CONNECTIONS=32      connections for the main run
#   THREADS=2           wrk threads for the main run (capped at CONNECTIONS)
#   WARMUP=10s          warm-up length before measuring (0 to skip)
#   WIREMOCK_JAR=...    WireMock standalone jar (default: the one in ~/.m2, fetched with mvn if missing)
#   KEEP_TMP=1          keep the temp dir (logs) after the run
#
# It starts WireMock as a fake Slack Web API (devloop calls auth.test at boot), starts devloop on a free
# port with a throwaway H2 database, checks one signed request answers 200, then runs wrk and prints a
# markdown summary. Everything it started is stopped on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$BENCH_DIR")
JAR_ARG=${1:-$REPO_ROOT/target/devloop.jar}

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10s}
WIREMOCK_VERSION=3.13.2
WIREMOCK_JAR=${WIREMOCK_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/$WIREMOCK_VERSION/wiremock-standalone-$WIREMOCK_VERSION.jar}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-90}

die() { echo "bench: error: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- prerequisites
[[ -f $JAR_ARG ]] || die "devloop jar not found at $JAR_ARG (build it with: mvn -B package -DskipTests)"
for tool in java curl openssl; do
    command -v "$tool" >/dev/null || die "$tool is required but not on PATH"
done
if ! command -v wrk >/dev/null; then
    if command -v apt-get >/dev/null && [[ $(id -u) -eq 0 ]]; then
        log "wrk not found, installing it with apt-get"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    fi
    command -v wrk >/dev/null || die "wrk is required: install it with 'apt-get install wrk' (Debian/Ubuntu) or 'brew install wrk'"
fi
if (( THREADS > CONNECTIONS )); then THREADS=$CONNECTIONS; fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/devloop-bench.XXXXXX")
WM_PID=""
APP_PID=""

stop_pid() {
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    set +e
    stop_pid "$APP_PID"
    stop_pid "$WM_PID"
    if [[ ${KEEP_TMP:-0} == 1 ]]; then
        log "kept $TMP"
    else
        rm -rf "$TMP"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    else
        local p
        for _ in $(seq 1 50); do
            p=$(shuf -i 20000-60000 -n 1)
            (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
        done
        die "could not find a free port"
    fi
}

# wait_http URL PID NAME LOGFILE: polls until URL answers 200, the process dies, or STARTUP_TIMEOUT passes.
wait_http() {
    local url=$1 pid=$2 name=$3 logfile=$4 deadline=$((SECONDS + STARTUP_TIMEOUT))
    while (( SECONDS < deadline )); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "bench: error: $name exited during startup; last lines of its log (KEEP_TMP=1 keeps $logfile):" >&2
            tail -n 30 "$logfile" >&2
            exit 1
        fi
        if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) == 200 ]]; then
            return 0
        fi
        sleep 0.25
    done
    echo "bench: error: $name did not answer 200 on $url within ${STARTUP_TIMEOUT}s; last lines of its log (KEEP_TMP=1 keeps $logfile):" >&2
    tail -n 30 "$logfile" >&2
    exit 1
}

# ---------------------------------------------------------------- WireMock (fake Slack Web API)
if [[ ! -f $WIREMOCK_JAR ]]; then
    command -v mvn >/dev/null || die "WireMock jar not found at $WIREMOCK_JAR and mvn is not available to fetch it"
    log "fetching WireMock $WIREMOCK_VERSION with mvn"
    (cd "$TMP" && mvn -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION \
        -DoutputDirectory="$TMP") || die "could not fetch wiremock-standalone $WIREMOCK_VERSION"
    WIREMOCK_JAR=$TMP/wiremock-standalone-$WIREMOCK_VERSION.jar
fi

# Copy the jar so a concurrent rebuild of target/ cannot swap it out mid-run.
cp "$JAR_ARG" "$TMP/devloop.jar"

WM_PORT=$(free_port)
log "starting WireMock on 127.0.0.1:$WM_PORT"
# --root-dir and the cd keep WireMock's mappings/ and __files/ out of the caller's directory.
mkdir -p "$TMP/wiremock"
(cd "$TMP" && exec java -jar "$WIREMOCK_JAR" --port "$WM_PORT" --bind-address 127.0.0.1 --disable-banner \
    --root-dir "$TMP/wiremock") >"$TMP/wiremock.log" 2>&1 &
WM_PID=$!
wait_http "http://127.0.0.1:$WM_PORT/__admin/health" "$WM_PID" WireMock "$TMP/wiremock.log"

stub='{"request":{"method":"POST","urlPath":"/api/auth.test"},"response":{"status":200,"headers":{"Content-Type":"application/json"},"jsonBody":{"ok":true,"team_id":"T1","user_id":"UBOT","team":"Bench","bot_id":"B1"}}}'
code=$(curl -s -o "$TMP/stub.out" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data "$stub" "http://127.0.0.1:$WM_PORT/__admin/mappings")
[[ $code == 201 || $code == 200 ]] || die "WireMock refused the auth.test stub (HTTP $code): $(cat "$TMP/stub.out")"

# ---------------------------------------------------------------- devloop
SECRET=$(openssl rand -hex 16)
APP_PORT=$(free_port)
log "starting devloop ($JAR_ARG) on 127.0.0.1:$APP_PORT"
SLACK_BOT_TOKEN=xoxb-bench \
SLACK_SIGNING_SECRET=$SECRET \
SLACK_API_URL="http://127.0.0.1:$WM_PORT/api/" \
PORT=$APP_PORT \
DEVLOOP_BIND=127.0.0.1 \
DEVLOOP_DB_URL="jdbc:h2:file:$TMP/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    bash -c 'cd "$1" && exec java -jar devloop.jar' devloop "$TMP" >"$TMP/devloop.log" 2>&1 &
APP_PID=$!
wait_http "http://127.0.0.1:$APP_PORT/health" "$APP_PID" devloop "$TMP/devloop.log"
grep -m1 '^devloop .* started:' "$TMP/devloop.log" >&2 || true

# ---------------------------------------------------------------- signed request
URL="http://127.0.0.1:$APP_PORT/slack/events"
export BENCH_BODY='token=x&team_id=T1&team_domain=bench&channel_id=C1&channel_name=general&user_id=U1&user_name=bench&command=%2Fdevloop&text=help&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fresp&trigger_id=1.2.3'
export BENCH_TIMESTAMP BENCH_SIGNATURE

# Slack signatures are valid for 5 minutes, so every wrk run gets a fresh one.
sign() {
    BENCH_TIMESTAMP=$(date +%s)
    BENCH_SIGNATURE="v0=$(printf 'v0:%s:%s' "$BENCH_TIMESTAMP" "$BENCH_BODY" \
        | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= *//')"
}

sign
code=$(curl -s -o "$TMP/first.out" -w '%{http_code}' --max-time 10 -X POST "$URL" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $BENCH_TIMESTAMP" -H "X-Slack-Signature: $BENCH_SIGNATURE" \
    --data-raw "$BENCH_BODY" || true)
if [[ $code != 200 ]]; then
    [[ $code == 401 ]] && log "401 means devloop rejected the request signature"
    echo "bench: error: signed /devloop help answered HTTP $code: $(head -c 500 "$TMP/first.out")" >&2
    tail -n 20 "$TMP/devloop.log" >&2
    exit 1
fi
log "check request answered 200 ($(wc -c <"$TMP/first.out") bytes)"

# ---------------------------------------------------------------- load
LUA=$BENCH_DIR/help.lua
# run_wrk NAME CONNECTIONS THREADS DURATION: prints wrk's report, leaves the BENCH_RESULT line in $TMP/NAME.result
run_wrk() {
    local name=$1 conns=$2 threads=$3 dur=$4
    sign
    log "wrk $name: $conns connections, $threads threads, $dur"
    wrk -t "$threads" -c "$conns" -d "$dur" --latency --timeout 10s -s "$LUA" "$URL" | tee "$TMP/$name.out" >&2
    grep '^BENCH_RESULT ' "$TMP/$name.out" >"$TMP/$name.result" || die "wrk printed no BENCH_RESULT line for $name"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$TMP/$1.result"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
lines_before=$(wc -l <"$TMP/devloop.log")
if [[ $WARMUP != 0 && $WARMUP != 0s ]]; then
    run_wrk warmup "$CONNECTIONS" "$THREADS" "$WARMUP"
fi
run_wrk main "$CONNECTIONS" "$THREADS" "$DURATION"
run_wrk single 1 1 "$DURATION"

kill -0 "$APP_PID" 2>/dev/null || die "devloop died during the run; see the log above"

# ---------------------------------------------------------------- report
lines_after=$(wc -l <"$TMP/devloop.log")
# devloop's own timer (RequestMetricsFilter): server-side view of the same requests, all runs together.
curl -s --max-time 5 "http://127.0.0.1:$APP_PORT/metrics" | grep 'route="/slack/events"' >"$TMP/metrics.txt" || true
server_side=$(awk '
    /^devloop_http_requests_seconds_count/ { match($0, /status="[^"]*"/); st = substr($0, RSTART + 8, RLENGTH - 9); n[st] += $NF; total += $NF }
    /^devloop_http_requests_seconds_sum/ { sum += $NF }
    END {
        if (total == 0) { print "no devloop_http_requests_seconds samples for /slack/events"; exit }
        s = ""; for (k in n) s = s " " k "=" n[k]
        printf "%d requests, mean %.2f ms, by status:%s", total, sum / total * 1000, s
    }' "$TMP/metrics.txt")
warn_count=$(grep -cE '\b(WARN|ERROR)\b' "$TMP/devloop.log" || true)
{
    echo
    echo "## devloop bench $(date -u +%Y-%m-%dT%H:%MZ) — $(basename "$JAR_ARG"), $(nproc) cores, $(java -version 2>&1 | head -n1)"
    echo
    echo "| run | connections | threads | duration | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx/3xx | socket errors |"
    echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for run in main single; do
        case $run in main) c=$CONNECTIONS t=$THREADS ;; single) c=1 t=1 ;; esac
        errs=$(( $(field $run connect_err) + $(field $run read_err) + $(field $run write_err) + $(field $run timeouts) ))
        echo "| $run | $c | $t | $DURATION | $(field $run requests) | $(field $run rps) | $(field $run p50_ms) | $(field $run p90_ms) | $(field $run p99_ms) | $(field $run max_ms) | $(field $run non2xx3xx) | $errs |"
    done
    echo
    echo "load average (1/5/15 min) before load: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a) — anything well above 0 before means other work shared the CPUs"
    echo "server side (devloop /metrics, /slack/events, all runs incl. warm-up and check): $server_side"
    echo "devloop log: $((lines_after - lines_before)) lines written during load, $warn_count WARN/ERROR lines in total"
    if (( warn_count > 0 )); then
        echo "first WARN/ERROR lines:"
        grep -E '\b(WARN|ERROR)\b' "$TMP/devloop.log" | head -n 5
    fi
}
