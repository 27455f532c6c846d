package io.devloop.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Block Kit message and view devloop's golden files pin renders in the sandbox with nothing unsupported. */
class GoldenBlocksRenderTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private final BlockKitHtml html = new BlockKitHtml(ZoneId.of("America/Los_Angeles"), Instant.parse("2026-12-01T17:00:00Z"));

    @TestFactory
    Stream<DynamicTest> every_golden_block_kit_file_renders_without_an_unsupported_placeholder() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(GOLDEN)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("golden Block Kit files").isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(GOLDEN.relativize(file).toString(), () -> {
            JsonElement json = JsonParser.parseString(Files.readString(file));
            String rendered = render(json);

            assertThat(rendered).isNotBlank().doesNotContain("bk-unsupported").doesNotContain(BlockKitHtml.UNSUPPORTED);
        }));
    }

    @Test
    void the_walk_covers_messages_and_modal_views() throws IOException {
        try (Stream<Path> walk = Files.walk(GOLDEN)) {
            var kinds = walk.filter(p -> p.toString().endsWith(".json")).map(this::kind).distinct().toList();
            assertThat(kinds).contains("message", "modal");
        }
    }

    @Test
    void an_unknown_block_type_is_a_visible_placeholder() {
        String rendered = render(JsonParser.parseString("[{\"type\":\"rich_text_fancy\",\"block_id\":\"x\"}]"));

        assertThat(rendered).contains("bk-unsupported").contains("unsupported block: rich_text_fancy");
    }

    private String render(JsonElement json) {
        if (json.isJsonArray() && !json.getAsJsonArray().isEmpty() && json.getAsJsonArray().get(0).isJsonArray()) {
            // a file of several messages (alert-messages.json): each one rendered
            StringBuilder all = new StringBuilder();
            json.getAsJsonArray().forEach(message -> all.append(render(message)));
            return all.toString();
        }
        if (json.isJsonArray()) {
            return html.blocks(BlockIds.fill(json.getAsJsonArray()), Map.of());
        }
        JsonObject view = json.getAsJsonObject();
        return html.modal(view, Map.of());
    }

    private String kind(Path file) {
        try {
            JsonElement json = JsonParser.parseString(Files.readString(file));
            return json.isJsonArray() ? "message" : String.valueOf(json.getAsJsonObject().get("type").getAsString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
