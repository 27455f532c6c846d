package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the page sends for an element (a string, a list of strings, or nothing) in the shape Slack uses for
 * that element type, both in block_actions' {@code actions[]} and in a view's {@code state.values}
 * (SLACK_NOTES §3). Options are looked up in the element itself, so their text is the one devloop sent.
 */
final class ElementValues {
    private ElementValues() {
    }

    /** {"type": …, and the element type's value fields}. */
    static JsonObject value(JsonObject element, JsonElement raw) {
        String type = String.valueOf(Json.str(element, "type"));
        JsonObject v = Json.of("type", type);
        List<String> values = strings(raw);
        String first = values.isEmpty() ? null : values.get(0);
        switch (type) {
            case "plain_text_input", "email_text_input", "url_text_input", "number_input" -> v.add("value", nullable(first));
            case "static_select", "external_select", "radio_buttons", "overflow" ->
                    v.add("selected_option", first == null ? null : option(element, first).orElse(null));
            case "multi_static_select", "multi_external_select", "checkboxes" -> {
                JsonArray selected = new JsonArray();
                values.forEach(value -> option(element, value).ifPresent(selected::add));
                v.add("selected_options", selected);
            }
            case "users_select" -> v.add("selected_user", nullable(first));
            case "multi_users_select" -> v.add("selected_users", array(values));
            case "conversations_select" -> v.add("selected_conversation", nullable(first));
            case "multi_conversations_select" -> v.add("selected_conversations", array(values));
            case "channels_select" -> v.add("selected_channel", nullable(first));
            case "multi_channels_select" -> v.add("selected_channels", array(values));
            case "datepicker" -> v.add("selected_date", nullable(first));
            case "timepicker" -> v.add("selected_time", nullable(first));
            default -> {
            }
        }
        return v;
    }

    /** The action of a click or change: the element's value fields plus its ids (and a button's text and value). */
    static JsonObject action(JsonObject element, String blockId, JsonElement raw) {
        JsonObject action = value(element, raw);
        action.addProperty("action_id", Json.str(element, "action_id"));
        action.addProperty("block_id", blockId);
        if ("button".equals(Json.str(element, "type"))) {
            action.add("text", Json.obj(element, "text"));
            if (Json.str(element, "value") != null) {
                action.addProperty("value", Json.str(element, "value"));
            }
            if (Json.str(element, "style") != null) {
                action.addProperty("style", Json.str(element, "style"));
            }
        }
        return action;
    }

    /**
     * A view's {@code state.values}: every input block's element with what the page sent for it
     * ({@code sent}: block id → action id → raw), the element's own initial value if the page sent nothing.
     */
    static JsonObject state(JsonObject view, Map<String, Map<String, JsonElement>> sent) {
        JsonObject values = new JsonObject();
        for (JsonElement e : Json.arr(view, "blocks")) {
            JsonObject block = e.getAsJsonObject();
            JsonObject element = Json.obj(block, "element");
            if (!"input".equals(Json.str(block, "type")) || element == null) {
                continue;
            }
            String blockId = Json.str(block, "block_id");
            String actionId = Json.str(element, "action_id");
            JsonElement raw = Optional.ofNullable(sent.get(blockId)).map(m -> m.get(actionId)).orElse(null);
            JsonObject perAction = new JsonObject();
            perAction.add(actionId, value(element, raw));
            values.add(blockId, perAction);
        }
        return values;
    }

    private static Optional<JsonObject> option(JsonObject element, String value) {
        List<JsonElement> all = new ArrayList<>();
        Json.arr(element, "options").forEach(all::add);
        Json.arr(element, "option_groups").forEach(g -> Json.arr(g.getAsJsonObject(), "options").forEach(all::add));
        return all.stream().map(JsonElement::getAsJsonObject).filter(o -> value.equals(Json.str(o, "value"))).findFirst()
                .map(JsonObject::deepCopy);
    }

    private static List<String> strings(JsonElement raw) {
        List<String> values = new ArrayList<>();
        if (raw == null || raw.isJsonNull()) {
            return values;
        }
        if (raw.isJsonArray()) {
            raw.getAsJsonArray().forEach(v -> values.add(v.getAsString()));
        } else if (!raw.getAsString().isEmpty()) {
            values.add(raw.getAsString());
        }
        return values;
    }

    private static JsonElement nullable(String s) {
        return s == null ? com.google.gson.JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(s);
    }

    private static JsonArray array(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
