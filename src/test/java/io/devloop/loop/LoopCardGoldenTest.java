package io.devloop.loop;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop card people read, pinned as Block Kit JSON. Regenerate with -Dgolden.update=true after a deliberate change. */
class LoopCardGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/loop-card.json");

    @Test
    void the_loop_card_matches_its_golden_file() throws IOException {
        Loop loop = new Loop(7, "T1", 3, "C1", "Checkout v2", "checkout v2", "U0ALICE", null, 11L,
                Instant.parse("2026-12-01T09:30:00Z"), Instant.parse("2026-12-01T09:30:00Z"));

        String actual = pretty(GsonFactory.createSnakeCase().toJson(LoopViews.card(LoopSnapshots.empty(loop), Score.of(LoopSnapshots.empty(loop)))));

        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void the_card_fits_block_kit_limits_for_the_longest_allowed_feature_name() {
        String longest = "🚀".repeat(LoopService.MAX_FEATURE_LENGTH);
        Loop loop = new Loop(1, "T1", 1, "C1", longest, longest, "U1", null, null, Instant.EPOCH, Instant.EPOCH);

        var blocks = LoopViews.card(LoopSnapshots.empty(loop), Score.of(LoopSnapshots.empty(loop)));

        var header = (com.slack.api.model.block.HeaderBlock) blocks.get(0);
        assertThat(header.getText().getText().length()).isLessThanOrEqualTo(150);
        assertThat(header.getText().getText()).endsWith("…").doesNotContain("\uFFFD");
        assertThat(Character.isHighSurrogate(header.getText().getText().charAt(header.getText().getText().length() - 2))).isFalse();
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
    }

    private static String pretty(String json) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(JsonParser.parseString(json)) + "\n";
    }
}
