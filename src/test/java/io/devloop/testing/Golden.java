package io.devloop.testing;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Block Kit pinned as golden JSON under src/test/resources/golden; {@code -Dgolden.update=true} rewrites them. */
public final class Golden {
    private Golden() {
    }

    /** Serialises Slack model objects (blocks, a view) as Slack's JSON and compares with the golden file. */
    public static void assertMatches(String name, Object slackModel) {
        Path golden = Path.of("src/test/resources/golden", name);
        String actual = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(JsonParser.parseString(GsonFactory.createSnakeCase().toJson(slackModel))) + "\n";
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
