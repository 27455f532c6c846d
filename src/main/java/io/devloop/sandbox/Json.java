package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Null-safe reading of Slack's JSON, which leaves out what is not set. */
final class Json {
    private Json() {
    }

    static String str(JsonObject o, String key) {
        if (o == null || !o.has(key) || o.get(key).isJsonNull()) {
            return null;
        }
        JsonElement e = o.get(key);
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static JsonObject obj(JsonObject o, String key) {
        return o != null && o.has(key) && o.get(key).isJsonObject() ? o.getAsJsonObject(key) : null;
    }

    static JsonArray arr(JsonObject o, String key) {
        return o != null && o.has(key) && o.get(key).isJsonArray() ? o.getAsJsonArray(key) : new JsonArray();
    }

    static boolean bool(JsonObject o, String key) {
        return o != null && o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsBoolean();
    }

    /** Parses a JSON array given as a string (Slack's form-encoded {@code blocks}); null when absent or not an array. */
    static JsonArray parseArray(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonElement e = JsonParser.parseString(json);
        return e.isJsonArray() ? e.getAsJsonArray() : null;
    }

    static JsonObject parseObject(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonElement e = JsonParser.parseString(json);
        return e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** {"key": value, …} from pairs; values may be strings, numbers, booleans or JSON elements. */
    static JsonObject of(Object... keyThenValue) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            String key = (String) keyThenValue[i];
            Object v = keyThenValue[i + 1];
            if (v == null) {
                continue;
            }
            if (v instanceof JsonElement el) {
                o.add(key, el);
            } else if (v instanceof Number n) {
                o.addProperty(key, n);
            } else if (v instanceof Boolean b) {
                o.addProperty(key, b);
            } else {
                o.addProperty(key, v.toString());
            }
        }
        return o;
    }
}
