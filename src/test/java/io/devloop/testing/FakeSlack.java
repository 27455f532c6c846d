package io.devloop.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock standing in for the Slack Web API, with the answers a healthy workspace gives. Tests override a
 * method's stub to make Slack slow, rate-limited or failing, and read back what devloop sent.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TEAM = "T0DEVLOOP";
    public static final String BOT_USER = "UBOT";

    private final WireMockServer server;

    public FakeSlack() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .globalTemplating(false).templatingEnabled(true));
        server.start();
        resetToHealthy();
    }

    /** Healthy answers for every method devloop calls. */
    public void resetToHealthy() {
        server.resetAll();
        stub("auth.test", okJson("{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"devloop\","
                + "\"team_id\":\"" + TEAM + "\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"B0BOT\"}"));
        stub("chat.postMessage", okJson("{\"ok\":true,\"channel\":\"{{formData request.body 'form' urlDecode=true}}{{form.channel}}\","
                + "\"ts\":\"{{now format='unix'}}.{{randomValue length=6 type='NUMERIC'}}\"}")
                .withTransformers("response-template"));
        stub("chat.update", okJson("{\"ok\":true,\"channel\":\"{{formData request.body 'form' urlDecode=true}}{{form.channel}}\","
                + "\"ts\":\"{{formData request.body 'form' urlDecode=true}}{{form.ts}}\"}")
                .withTransformers("response-template"));
        stub("views.open", okJson("{\"ok\":true,\"view\":{\"id\":\"V1\"}}"));
        stub("views.publish", okJson("{\"ok\":true,\"view\":{\"id\":\"V2\"}}"));
        stubFileUploads();
        server.stubFor(post(urlPathMatching("/(commands|actions)/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        // people are in UTC unless a test gives one a zone with userZone(...)
        stub("users.info", okJson("{\"ok\":true,\"user\":{\"id\":\"{{formData request.body 'form' urlDecode=true}}{{form.user}}\","
                + "\"tz\":\"UTC\",\"tz_offset\":0}}").withTransformers("response-template"));
        stub("views.push", okJson("{\"ok\":true,\"view\":{\"id\":\"V3\"}}"));
        stub("views.update", okJson("{\"ok\":true,\"view\":{\"id\":\"V4\"}}"));
    }

    /**
     * Files upload v2: upload URLs and file ids are named after the file (`/upload/loop-mapping.md`,
     * `F-loop-mapping.md`), so each upload can be found again with {@link #uploaded}.
     */
    private void stubFileUploads() {
        String form = "{{formData request.body 'form' urlDecode=true}}";
        stub("files.getUploadURLExternal", okJson("{\"ok\":true,\"upload_url\":\"" + baseUrl() + "/upload/" + form
                + "{{form.filename}}\",\"file_id\":\"F-" + form + "{{form.filename}}\"}").withTransformers("response-template"));
        server.stubFor(post(urlPathMatching("/upload/.*")).willReturn(aResponse().withStatus(200).withBody("OK - uploaded")));
        stub("files.completeUploadExternal", okJson("{\"ok\":true,\"files\":[{\"id\":\"F-loop-mapping.md\"},"
                + "{\"id\":\"F-feedback-loops.md\"},{\"id\":\"F-pipeline-design.md\"},{\"id\":\"F-success-metrics.md\"},"
                + "{\"id\":\"F-loop-diagram.png\"}]}"));
    }

    /** The bytes uploaded for a file name, as text; fails unless it was uploaded exactly once. */
    public String uploaded(String filename) {
        return new String(uploadedBytes(filename), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The bytes uploaded for a file name; fails unless it was uploaded exactly once. */
    public byte[] uploadedBytes(String filename) {
        var uploads = server.findAll(postRequestedFor(urlPathEqualTo("/upload/" + filename)));
        if (uploads.size() != 1) {
            throw new AssertionError(filename + " was uploaded " + uploads.size() + " times");
        }
        return uploads.get(0).getBody();
    }

    /** chat.postMessage calls to a person (a DM: the channel is a user id), oldest first. */
    public List<Call> dms() {
        return calls("chat.postMessage").stream().filter(c -> c.get("channel") != null
                && (c.get("channel").startsWith("U") || c.get("channel").startsWith("W"))).toList();
    }

    /** What devloop sent to response_urls routed here ({@code SlackRequests.respondVia}), oldest first. */
    public List<JsonObject> responses() {
        return server.findAll(postRequestedFor(urlPathMatching("/(commands|actions)/.*"))).stream()
                .map(r -> JsonParser.parseString(r.getBodyAsString()).getAsJsonObject()).toList();
    }

    /** users.info answers this time zone for this user (e.g. America/Los_Angeles). */
    public void userZone(String userId, String zone) {
        server.stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("user=" + userId))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"" + userId + "\",\"tz\":\"" + zone + "\"}}")));
    }

    /** Replaces the stub of one Web API method. */
    public void stub(String method, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo("/api/" + method)).willReturn(response));
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    public WireMockServer server() {
        return server;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every call of a method, oldest first, with its form fields decoded. */
    public List<Call> calls(String method) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/" + method))).stream()
                .map(Call::of).toList();
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One Web API call as Slack would have received it. */
    public record Call(Map<String, String> form, long receivedAtMillis) {
        static Call of(LoggedRequest r) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : r.getBodyAsString().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.put(key, value);
            }
            return new Call(form, r.getLoggedDate().getTime());
        }

        public String get(String field) {
            return form.get(field);
        }

        public JsonArray blocks() {
            String blocks = form.get("blocks");
            return blocks == null ? new JsonArray() : JsonParser.parseString(blocks).getAsJsonArray();
        }
    }
}
