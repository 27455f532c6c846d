-- wrk script for bench/run.sh: replays one pre-signed `/devloop help` slash command.
-- Everything comes from the environment so the same file works for every run:
--   BENCH_BODY       form-encoded slash-command body
--   BENCH_TIMESTAMP  X-Slack-Request-Timestamp used for the signature
--   BENCH_SIGNATURE  X-Slack-Signature (v0=<hex hmac>)
local body = os.getenv("BENCH_BODY")
local ts = os.getenv("BENCH_TIMESTAMP")
local sig = os.getenv("BENCH_SIGNATURE")
if not body or not ts or not sig then
  error("help.lua needs BENCH_BODY, BENCH_TIMESTAMP and BENCH_SIGNATURE in the environment")
end

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Slack-Request-Timestamp"] = ts
wrk.headers["X-Slack-Signature"] = sig

-- One machine-readable line; latency is in microseconds inside wrk.
function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "non2xx3xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
