package io.devloop.slack;

import com.slack.api.app_backend.SlackSignature;
import io.devloop.testing.DevloopExtension;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureTest {
    // Slack's published example (docs "Verifying requests from Slack")
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url="
            + "https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @RegisterExtension
    static final DevloopExtension devloop = new DevloopExtension();

    @Test
    void our_signer_reproduces_and_accepts_slacks_published_example() {
        SlackRequests signer = new SlackRequests("http://unused", SECRET);
        assertThat(signer.sign(TIMESTAMP, BODY)).isEqualTo(EXPECTED);

        long oneMinuteLater = (Long.parseLong(TIMESTAMP) + 60) * 1000;
        SlackSignature.Verifier verifier = new SlackSignature.Verifier(new SlackSignature.Generator(SECRET));
        assertThat(verifier.isValid(TIMESTAMP, BODY, EXPECTED, oneMinuteLater)).isTrue();
        assertThat(verifier.isValid(TIMESTAMP, BODY + "x", EXPECTED, oneMinuteLater)).isFalse();
    }

    @Test
    void a_correctly_signed_command_is_answered() {
        assertThat(devloop.server().slack().command("help").statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_signature_gets_401_and_changes_nothing() {
        String body = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER, "plan Sneaky");
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String wrong = new SlackRequests("http://unused", "not-the-secret").sign(ts, body);

        HttpResponse<String> response = devloop.server().slack().raw(body, "application/x-www-form-urlencoded",
                Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", wrong));

        assertUnauthorizedAndNothingChanged(response);
    }

    @Test
    void a_timestamp_ten_minutes_old_gets_401_and_changes_nothing() {
        String body = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER, "plan Replayed");
        String old = Long.toString(System.currentTimeMillis() / 1000 - 600);

        HttpResponse<String> response = devloop.server().slack().raw(body, "application/x-www-form-urlencoded",
                Map.of("X-Slack-Request-Timestamp", old, "X-Slack-Signature", devloop.server().slack().sign(old, body)));

        assertUnauthorizedAndNothingChanged(response);
    }

    @Test
    void missing_signature_headers_get_401_and_change_nothing() {
        String body = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER, "plan Unsigned");

        HttpResponse<String> response = devloop.server().slack().raw(body, "application/x-www-form-urlencoded", Map.of());

        assertUnauthorizedAndNothingChanged(response);
    }

    private static void assertUnauthorizedAndNothingChanged(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(devloop.server().count("loops")).isZero();
        assertThat(devloop.server().count("outbox")).isZero();
        assertThat(devloop.server().count("slack_dedupe")).isZero();
        assertThat(devloop.slack().calls("chat.postMessage")).isEmpty();
    }
}
