package io.devloop.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Delivers outbox rows to Slack: the oldest pending row of each channel first (so order per channel holds),
 * under a lease so that several nodes on one database never send the same row, honouring 429 Retry-After,
 * backing off on 5xx and timeouts, and giving up only on errors that retrying cannot fix.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int WORKERS = 4;
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    /** How long a stop waits for the poller's current query (a poll takes milliseconds). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    /** Slack errors that a retry may fix; any other error is permanent. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");

    private final Jdbi jdbi;
    private final Slack slack;
    private final BotTokens tokens;
    private final String nodeId;
    private final Clock clock;
    private final Outbox outbox;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> new Thread(r, "outbox-sender"));
    private final Semaphore freeWorkers = new Semaphore(WORKERS);
    private final Object signal = new Object();
    private final Counter sent;
    private final Counter dead;
    private final Counter retried;
    private volatile boolean running;
    private boolean woken;
    private Thread poller;

    public OutboxSender(Jdbi jdbi, Slack slack, BotTokens tokens, String nodeId, Clock clock, Outbox outbox,
                        MeterRegistry registry) {
        this.jdbi = jdbi;
        this.slack = slack;
        this.tokens = tokens;
        this.nodeId = nodeId;
        this.clock = clock;
        this.outbox = outbox;
        this.sent = Counter.builder("devloop.outbox.sent").description("messages delivered to Slack").register(registry);
        this.dead = Counter.builder("devloop.outbox.dead").description("messages Slack refused for good").register(registry);
        this.retried = Counter.builder("devloop.outbox.retries").description("deliveries postponed (429, 5xx, timeouts)").register(registry);
        Gauge.builder("devloop.outbox.depth", this, OutboxSender::depth)
                .description("messages waiting to be delivered").register(registry);
    }

    public void start() {
        running = true;
        outbox.onWake(this::wake);
        poller = new Thread(this::pollLoop, "outbox-poller");
        poller.setDaemon(true);
        poller.start();
    }

    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void pollLoop() {
        while (running) {
            try {
                int claimed = claimAndDispatch();
                if (claimed == 0) {
                    waitForWork();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox poll failed, retrying: {}", e.toString());
                sleepQuietly(IDLE_POLL);
            }
        }
    }

    private int claimAndDispatch() throws InterruptedException {
        // a bounded wait for a free worker, so that a stop (running = false) is seen without interrupting this thread
        if (!freeWorkers.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            return 0;
        }
        freeWorkers.release();
        if (!running) {
            return 0;
        }
        int capacity = freeWorkers.availablePermits();
        Instant now = clock.instant();
        List<OutboxRow> heads = jdbi.withExtension(OutboxDao.class, dao -> dao.dueHeads(now, capacity));
        int claimed = 0;
        for (OutboxRow row : heads) {
            boolean won = jdbi.withExtension(OutboxDao.class, dao -> dao.claim(row.id(), nodeId, now, now.plus(LEASE))) == 1;
            if (won && freeWorkers.tryAcquire()) {
                claimed++;
                workers.execute(() -> {
                    try {
                        deliver(row);
                    } finally {
                        freeWorkers.release();
                        wake();
                    }
                });
            } else if (won) {
                jdbi.useExtension(OutboxDao.class, dao -> dao.retryAt(row.id(), now, 0, row.lastError()));
            }
        }
        return claimed;
    }

    private void waitForWork() throws InterruptedException {
        synchronized (signal) {
            if (!woken) {
                signal.wait(IDLE_POLL.toMillis());
            }
            woken = false;
        }
    }

    void deliver(OutboxRow row) {
        try {
            String parentTs = row.refId() == null ? row.refTs() : parentTs(row);
            if (row.refId() != null && parentTs == null) {
                return; // parent not delivered yet (retried shortly) or dead (this row died with it)
            }
            MethodsClient methods = slack.methods(tokens.forTeam(row.teamId()));
            SlackApiTextResponse response;
            String ts;
            if (row.isUpdate()) {
                ChatUpdateResponse r = methods.chatUpdate(req -> req.channel(row.channelId()).ts(parentTs)
                        .text(row.text()).blocksAsString(row.blocks()));
                response = r;
                ts = r.getTs();
            } else {
                ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(row.channelId())
                        .text(row.text()).blocksAsString(row.blocks()).threadTs(parentTs));
                response = r;
                ts = r.getTs();
            }
            if (response.isOk()) {
                jdbi.useExtension(OutboxDao.class, dao -> dao.markSent(row.id(), ts, clock.instant()));
                sent.increment();
            } else if (TRANSIENT_ERRORS.contains(response.getError())) {
                backOff(row, "slack error " + response.getError());
            } else {
                markDead(row, response.getError());
            }
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                retryAfter(row, e.getResponse().header("Retry-After"));
            } else if (status >= 500) {
                backOff(row, "HTTP " + status);
            } else {
                markDead(row, "HTTP " + status + (e.getError() == null ? "" : " " + e.getError().getError()));
            }
        } catch (IOException e) {
            backOff(row, "I/O: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("outbox row {} failed unexpectedly", row.id(), e);
            backOff(row, e.toString());
        }
    }

    /** The ts of the message this row updates or replies under; null when it cannot be sent yet or ever. */
    private String parentTs(OutboxRow row) {
        OutboxRow parent = jdbi.withExtension(OutboxDao.class, dao -> dao.find(row.teamId(), row.refId())).orElse(null);
        if (parent == null || "dead".equals(parent.status())) {
            jdbi.useExtension(OutboxDao.class, dao -> dao.markDead(row.id(), "parent message was never delivered"));
            dead.increment();
            return null;
        }
        if (parent.messageTs() == null) {
            // e.g. a reply queued in another channel's order, or its parent still waiting on a 429
            jdbi.useExtension(OutboxDao.class, dao -> dao.retryAt(row.id(), clock.instant().plusSeconds(1), 0,
                    "waiting for parent message"));
            return null;
        }
        return parent.messageTs();
    }

    private void retryAfter(OutboxRow row, String header) {
        long seconds = retryAfterSeconds(header);
        retried.increment();
        Instant at = clock.instant().plusSeconds(seconds);
        jdbi.useExtension(OutboxDao.class, dao -> dao.retryAt(row.id(), at, 1, "rate limited, Retry-After " + seconds + " s"));
    }

    /** Slack sends whole seconds; anything unreadable falls back to one second. */
    static long retryAfterSeconds(String header) {
        try {
            return Math.max(1, Long.parseLong(header == null ? "1" : header.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void backOff(OutboxRow row, String reason) {
        if (clock.instant().isAfter(row.createdAt().plus(GIVE_UP_AFTER))) {
            markDead(row, "gave up after 24 h: " + reason);
            return;
        }
        retried.increment();
        long base = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(row.attempts(), 16));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        Instant at = clock.instant().plusMillis(jittered);
        log.info("outbox row {} to {} postponed {} ms: {}", row.id(), row.channelId(), jittered, reason);
        jdbi.useExtension(OutboxDao.class, dao -> dao.retryAt(row.id(), at, 1, truncate(reason)));
    }

    private void markDead(OutboxRow row, String error) {
        log.warn("outbox row {} to {} is undeliverable: {}", row.id(), row.channelId(), error);
        dead.increment();
        jdbi.useTransaction(h -> {
            h.attach(OutboxDao.class).markDead(row.id(), truncate(error));
            if (row.requesterId() != null && !row.requesterId().equals(row.channelId())) {
                outbox.post(h, OutboxMessage.of(row.teamId(), row.requesterId(),
                        DeliveryProblems.explain(row.channelId(), error), null));
            }
        });
    }

    private double depth() {
        try {
            return jdbi.withExtension(OutboxDao.class, OutboxDao::pendingCount);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops claiming, lets in-flight deliveries finish, and hands any remaining claims back. The poller is told by
     * the flag and woken, never interrupted: an interrupt that lands while it is inside an H2 file read closes H2's
     * file channel (ClosedChannelException), and the database with it, before the pool is closed.
     */
    @Override
    public void close() {
        running = false;
        wake();
        if (poller != null) {
            try {
                poller.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (poller.isAlive()) {
                log.warn("outbox poller still busy after {} s; stopping without it", STOP_WAIT.toSeconds());
            }
        }
        workers.shutdown();
        try {
            workers.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jdbi.useExtension(OutboxDao.class, dao -> dao.releaseClaims(nodeId));
        } catch (RuntimeException e) {
            log.warn("could not release outbox claims on shutdown (they expire in {} s): {}", LEASE.toSeconds(), e.toString());
        }
    }
}
