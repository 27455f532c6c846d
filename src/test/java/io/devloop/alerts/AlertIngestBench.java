package io.devloop.alerts;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestServer;
import io.devloop.testing.Webhooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alert ingest throughput (run by bench/alerts.sh, never by the test suite): notifications of 100 firing alerts
 * each, posted to /webhooks/alertmanager of a devloop on an H2 file database, with a fake Slack that the outbox
 * sends to meanwhile. Each notification is a new group (an alert storm: 10 messages and one group message), so
 * every alert is new work; a second run replays notifications already seen (repeats, all duplicates). With
 * -Dcritical=N the first N alerts of each notification are critical (default 1: one incident per notification).
 */
public final class AlertIngestBench {
    private static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        int batches = Integer.parseInt(System.getProperty("batches", "200"));
        int warmup = Integer.parseInt(System.getProperty("warmup", "50"));
        int clients = Integer.parseInt(System.getProperty("clients", "4"));
        Path dir = Files.createTempDirectory("devloop-bench");
        try (FakeSlack slack = new FakeSlack()) {
            Map<String, String> env = new HashMap<>(TestServer.env(slack, "jdbc:h2:file:" + dir.resolve("devloop")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
            try (TestServer server = TestServer.start(env)) {
                AtomicInteger group = new AtomicInteger();
                run(server, warmup, clients, group); // JIT, pools, H2 pages
                System.out.println("| scenario | clients | notifications | alerts | seconds | alerts/s | notifications/s | p50 ms | p99 ms |");
                System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                int firstMeasured = group.get();
                for (int c : new int[]{1, clients}) {
                    report("new alerts (storm of 100)", c, batches, run(server, batches, c, group));
                }
                AtomicInteger replay = new AtomicInteger(firstMeasured);
                report("repeats (all duplicates)", clients, batches, run(server, batches, clients, replay));
                System.out.println();
                System.out.println("alerts stored: " + server.count("alerts") + ", incidents: " + server.count("incidents")
                        + ", outbox rows: " + server.count("outbox")
                        + ", cores: " + Runtime.getRuntime().availableProcessors());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Run(long nanos, List<Long> latencies) {
    }

    private static Run run(TestServer server, int batches, int clients, AtomicInteger group) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            bodies.add(notification(group.getAndIncrement()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    var r = Webhooks.alertmanager(server, bodies.get(i));
                    latencies.add(System.nanoTime() - t);
                    if (r.statusCode() != 202) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        return new Run(nanos, latencies);
    }

    private static void report(String scenario, int clients, int batches, Run run) {
        double seconds = run.nanos() / 1e9;
        List<Long> sorted = run.latencies().stream().sorted().toList();
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.0f | %.0f | %.1f | %.1f |%n", scenario, clients, batches,
                batches * BATCH, seconds, batches * BATCH / seconds, batches / seconds,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }

    /**
     * Severities as in a real storm: the first {@code critical} alerts (default 1) are critical, so each notification
     * also opens an incident (its card, timeline and reminder) in the ingest transaction; the rest are warnings.
     */
    private static String notification(int group) {
        int critical = Integer.parseInt(System.getProperty("critical", "1"));
        List<AlertPayloads.A> alerts = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            alerts.add(AlertPayloads.A.firing(String.format("%08x%08x", group, i), "alertname", "HighErrorRate",
                    "service", "svc-" + group % 20, "severity", i < critical ? "critical" : "warning",
                    "instance", "host-" + i + ":8080"));
        }
        return AlertPayloads.notification("{}:{alertname=\"HighErrorRate\", group=\"" + group + "\"}", 0, alerts);
    }
}
