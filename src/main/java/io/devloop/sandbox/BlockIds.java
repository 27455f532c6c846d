package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack gives every block a block_id and every interactive element an action_id when the app leaves them out,
 * and sends those back on a click. The stand-in does the same, so the page can name what was clicked.
 */
final class BlockIds {
    private static final AtomicLong NEXT = new AtomicLong();

    private BlockIds() {
    }

    /** A copy of the blocks with the missing ids filled in; null stays null. */
    static JsonArray fill(JsonArray blocks) {
        if (blocks == null) {
            return null;
        }
        JsonArray copy = blocks.deepCopy();
        for (JsonElement e : copy) {
            if (!e.isJsonObject()) {
                continue;
            }
            JsonObject block = e.getAsJsonObject();
            if (!block.has("block_id")) {
                block.addProperty("block_id", "sb" + Long.toString(NEXT.incrementAndGet(), 36));
            }
            for (String key : new String[] {"accessory", "element"}) {
                if (block.has(key) && block.get(key).isJsonObject()) {
                    fillAction(block.getAsJsonObject(key));
                }
            }
            if ("actions".equals(Json.str(block, "type")) && block.has("elements")) {
                block.getAsJsonArray("elements").forEach(el -> {
                    if (el.isJsonObject()) {
                        fillAction(el.getAsJsonObject());
                    }
                });
            }
        }
        return copy;
    }

    private static void fillAction(JsonObject element) {
        if (!element.has("action_id") && !"image".equals(Json.str(element, "type"))) {
            element.addProperty("action_id", "sa" + Long.toString(NEXT.incrementAndGet(), 36));
        }
    }

    /** The interactive element with this block id and action id: an accessory, an input's element or in actions. */
    static Optional<JsonObject> element(JsonArray blocks, String blockId, String actionId) {
        if (blocks == null) {
            return Optional.empty();
        }
        for (JsonElement e : blocks) {
            JsonObject block = e.getAsJsonObject();
            if (!blockId.equals(Json.str(block, "block_id"))) {
                continue;
            }
            for (String key : new String[] {"accessory", "element"}) {
                if (block.has(key) && actionId.equals(Json.str(block.getAsJsonObject(key), "action_id"))) {
                    return Optional.of(block.getAsJsonObject(key));
                }
            }
            if (block.has("elements")) {
                for (JsonElement el : block.getAsJsonArray("elements")) {
                    if (el.isJsonObject() && actionId.equals(Json.str(el.getAsJsonObject(), "action_id"))) {
                        return Optional.of(el.getAsJsonObject());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
