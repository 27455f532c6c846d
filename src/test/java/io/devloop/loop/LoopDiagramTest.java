package io.devloop.loop;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop diagram PNG: it decodes, has Slack's preview size and is a real picture (the eight phase colours, text,
 * arrows). Each run saves it under target/ to look at; -Dgolden.update=true also refreshes docs/loop-diagram.png,
 * the README's sample.
 */
class LoopDiagramTest {
    private static final Path SAMPLE = Path.of("docs/loop-diagram.png");
    /** The phase colours of the band, as drawn for a phase that has answers. */
    private static final List<Integer> PHASE_COLOURS = List.of(0x1E88E5, 0x3949AB, 0x00897B, 0x43A047, 0xF9A825,
            0xFB8C00, 0xE53935, 0x8E24AA);

    @Test
    void a_complete_loop_is_a_1600_by_900_png_with_all_eight_phase_colours() throws IOException {
        byte[] png = LoopDiagram.png(ExportFixtures.complete(7));

        save(png, "loop-diagram.png");
        if (Boolean.getBoolean("golden.update")) {
            Files.write(SAMPLE, png);
        }
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(900);
        Set<Integer> colours = colours(image);
        assertThat(colours).as("anti-aliased text, arrows and eight phases").hasSizeGreaterThan(200);
        assertThat(colours).containsAll(PHASE_COLOURS);
    }

    @Test
    void an_empty_loop_still_draws_the_loop_in_washed_out_colours() throws IOException {
        byte[] png = LoopDiagram.png(LoopSnapshots.empty(ExportFixtures.loop(7)));

        save(png, "loop-diagram-empty.png");
        Set<Integer> colours = colours(decode(png));
        assertThat(colours).hasSizeGreaterThan(50).doesNotContainAnyElementsOf(PHASE_COLOURS);
    }

    @Test
    void long_names_and_tools_and_feedback_to_unknown_phases_are_drawn_without_failing() throws IOException {
        LoopSnapshot complete = ExportFixtures.complete(7);
        Loop loop = complete.loop();
        Loop longName = new Loop(loop.id(), loop.teamId(), loop.seq(), loop.channelId(), "Ünïcødé 🚀 ".repeat(40),
                loop.featureKey(), loop.ownerId(), loop.service(), loop.cardOutboxId(), loop.createdAt(), loop.updatedAt());
        var phases = new java.util.EnumMap<>(complete.phases());
        PhaseAnswer plan = phases.get(Phase.PLAN);
        phases.put(Phase.PLAN, new PhaseAnswer(plan.teamId(), plan.loopId(), plan.phase(), plan.whatHappens(), plan.roles(),
                plan.owners(), "Supercalifragilisticexpialidocious-tooling-".repeat(10) + " and " + "more tools ".repeat(50),
                "forever", null, plan.deliverable(), plan.automation(), plan.editedBy(), plan.editedAt()));
        var feedback = new java.util.ArrayList<>(complete.feedback());
        feedback.add(new FeedbackLoop(9, loop.teamId(), loop.id(), "monitor", "nowhere", "?", null, null, null, null, null));
        feedback.add(new FeedbackLoop(10, loop.teamId(), loop.id(), "plan", "plan", "?", null, null, null, null, null));
        LoopSnapshot odd = new LoopSnapshot(longName, phases, feedback, Optional.empty(), List.of(), List.of(), Optional.empty());

        byte[] png = LoopDiagram.png(odd);

        save(png, "loop-diagram-odd.png");
        assertThat(decode(png).getWidth()).isEqualTo(1600);
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }

    private static Set<Integer> colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 1) {
            for (int x = 0; x < image.getWidth(); x += 1) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours;
    }

    private static void save(byte[] png, String name) throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", name), png);
    }
}
