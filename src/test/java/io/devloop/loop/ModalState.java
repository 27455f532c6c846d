package io.devloop.loop;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a modal that devloop opened (a views.open call) the way a person sees it: its fields' initial values. */
final class ModalState {
    private ModalState() {
    }

    static JsonObject view(FakeSlack.Call viewsOpen) {
        return JsonParser.parseString(viewsOpen.get("view")).getAsJsonObject();
    }

    /** Input block id → the value it shows (text, the chosen option's value, or null when empty). */
    static Map<String, String> initialValues(JsonObject view) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonElement b : view.getAsJsonArray("blocks")) {
            JsonObject block = b.getAsJsonObject();
            if (!"input".equals(block.get("type").getAsString())) {
                continue;
            }
            JsonObject element = block.getAsJsonObject("element");
            String value = null;
            if (element.has("initial_value")) {
                value = element.get("initial_value").getAsString();
            } else if (element.has("initial_option")) {
                value = element.getAsJsonObject("initial_option").get("value").getAsString();
            }
            values.put(block.get("block_id").getAsString(), value);
        }
        return values;
    }

    /** The view_submission state of pressing Save without changing anything. */
    static JsonObject unchanged(JsonObject view) {
        JsonObject state = new JsonObject();
        for (JsonElement b : view.getAsJsonArray("blocks")) {
            JsonObject block = b.getAsJsonObject();
            if (!"input".equals(block.get("type").getAsString())) {
                continue;
            }
            JsonObject element = block.getAsJsonObject("element");
            String id = block.get("block_id").getAsString();
            JsonObject value = switch (element.get("type").getAsString()) {
                case "plain_text_input" -> SlackRequests.text(element.has("initial_value")
                        ? element.get("initial_value").getAsString() : null);
                case "radio_buttons", "static_select" -> SlackRequests.choice(element.has("initial_option")
                        ? element.getAsJsonObject("initial_option").get("value").getAsString() : null);
                case "multi_users_select" -> SlackRequests.users(element.has("initial_users")
                        ? strings(element.getAsJsonArray("initial_users")) : new String[0]);
                default -> throw new AssertionError("unexpected element " + element);
            };
            state.add(id, SlackRequests.state(id, value).getAsJsonObject(id));
        }
        return state;
    }

    /** A view state from field id → value, in order. */
    static JsonObject state(Map<String, JsonObject> values) {
        Object[] pairs = new Object[values.size() * 2];
        int i = 0;
        for (var e : values.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return SlackRequests.state(pairs);
    }

    /**
     * A view_submission payload like {@code SlackRequests.submitView} sends, kept so that the very same body can be
     * sent twice (a retry).
     */
    static JsonObject submission(String callbackId, String privateMetadata, JsonObject values) {
        JsonObject view = new JsonObject();
        view.addProperty("id", "V0RETRY");
        view.addProperty("team_id", FakeSlack.TEAM);
        view.addProperty("type", "modal");
        view.addProperty("callback_id", callbackId);
        view.addProperty("private_metadata", privateMetadata);
        view.addProperty("hash", "h1");
        JsonObject state = new JsonObject();
        state.add("values", values);
        view.add("state", state);
        JsonObject team = new JsonObject();
        team.addProperty("id", FakeSlack.TEAM);
        team.addProperty("domain", "acme");
        JsonObject user = new JsonObject();
        user.addProperty("id", SlackRequests.USER);
        user.addProperty("team_id", FakeSlack.TEAM);
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "view_submission");
        payload.add("team", team);
        payload.add("user", user);
        payload.addProperty("api_app_id", "A0DEVLOOP");
        payload.addProperty("trigger_id", "1.2.retry");
        payload.add("view", view);
        return payload;
    }

    private static String[] strings(JsonArray array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsString();
        }
        return out;
    }
}
