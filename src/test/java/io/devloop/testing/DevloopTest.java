package io.devloop.testing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Base of tests that each need a fresh devloop server and fake Slack: {@link #server} and {@link #slack}. */
public abstract class DevloopTest {
    @RegisterExtension
    protected final DevloopExtension devloop = new DevloopExtension();
    protected FakeSlack slack;
    protected TestServer server;

    @BeforeEach
    final void bindDevloop() {
        slack = devloop.slack();
        server = devloop.server();
    }

    /** Plans a loop in Alice's channel and waits until its card is delivered; returns the loop's DB id. */
    protected long planLoop(String feature) {
        long before = server.count("outbox WHERE message_ts IS NOT NULL");
        server.slack().command("plan " + feature);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> server.count("outbox WHERE message_ts IS NOT NULL") > before);
        return Long.parseLong(server.queryString("SELECT MAX(id) FROM loops"));
    }
}
