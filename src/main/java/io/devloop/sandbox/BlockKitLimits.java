package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The Block Kit limits Slack enforces with {@code invalid_blocks} (SLACK_NOTES §4), so that a view which would
 * lose a message in Slack fails in the sandbox too instead of rendering fine.
 */
final class BlockKitLimits {
    static final int MESSAGE = 50;
    static final int VIEW = 100;

    private BlockKitLimits() {
    }

    static List<String> viewProblems(JsonObject view) {
        List<String> problems = new ArrayList<>(problems(Json.arr(view, "blocks"), VIEW));
        for (String key : new String[] {"title", "submit", "close"}) {
            tooLong(problems, key, text(Json.obj(view, key)), 24);
        }
        tooLong(problems, "private_metadata", Json.str(view, "private_metadata"), 3000);
        return problems;
    }

    static List<String> problems(JsonArray blocks, int maxBlocks) {
        List<String> problems = new ArrayList<>();
        if (blocks == null) {
            return problems;
        }
        if (blocks.size() > maxBlocks) {
            problems.add("more than " + maxBlocks + " blocks: " + blocks.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject b = blocks.get(i).getAsJsonObject();
            String where = "blocks[" + i + "]";
            switch (String.valueOf(Json.str(b, "type"))) {
                case "header" -> tooLong(problems, where + ".text", text(Json.obj(b, "text")), 150);
                case "section" -> {
                    tooLong(problems, where + ".text", text(Json.obj(b, "text")), 3000);
                    JsonArray fields = Json.arr(b, "fields");
                    if (fields.size() > 10) {
                        problems.add(where + ".fields: more than 10");
                    }
                    fields.forEach(f -> tooLong(problems, where + ".fields", text(f.getAsJsonObject()), 2000));
                }
                case "actions" -> {
                    JsonArray elements = Json.arr(b, "elements");
                    if (elements.size() > 25) {
                        problems.add(where + ".elements: more than 25");
                    }
                    elements.forEach(e -> tooLong(problems, where + " button", text(Json.obj(e.getAsJsonObject(), "text")), 75));
                }
                case "context" -> {
                    if (Json.arr(b, "elements").size() > 10) {
                        problems.add(where + ".elements: more than 10");
                    }
                }
                default -> {
                }
            }
            tooLong(problems, where + ".block_id", Json.str(b, "block_id"), 255);
        }
        return problems;
    }

    private static String text(JsonObject textObject) {
        return textObject == null ? null : Json.str(textObject, "text");
    }

    private static void tooLong(List<String> problems, String where, String text, int max) {
        if (text != null && text.length() > max) {
            problems.add(where + ": longer than " + max + " characters");
        }
    }
}
