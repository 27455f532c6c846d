package io.devloop.loop;

import java.time.ZoneId;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import static io.devloop.loop.ExportMarkdown.EMPTY_CELL;
import static io.devloop.loop.ExportMarkdown.NOT_FILLED;
import static io.devloop.loop.ExportMarkdown.block;
import static io.devloop.loop.ExportMarkdown.cell;
import static io.devloop.loop.ExportMarkdown.duration;
import static io.devloop.loop.ExportMarkdown.edited;
import static io.devloop.loop.ExportMarkdown.filled;
import static io.devloop.loop.ExportMarkdown.header;
import static io.devloop.loop.ExportMarkdown.heading;
import static io.devloop.loop.ExportMarkdown.inline;
import static io.devloop.loop.ExportMarkdown.mention;
import static io.devloop.loop.ExportMarkdown.row;
import static io.devloop.loop.ExportMarkdown.typedDuration;

/**
 * A loop as four markdown files, the team's record of the exercise: loop mapping, feedback loops, pipeline design
 * and success metrics, each ending with the completeness score and what is still missing. A pure function of the
 * snapshot, so the output is pinned by golden files; times are shown in {@code zone}, named in the text.
 */
public final class LoopExport {
    public static final String MAPPING = "loop-mapping.md";
    public static final String FEEDBACK = "feedback-loops.md";
    public static final String PIPELINE = "pipeline-design.md";
    public static final String METRICS = "success-metrics.md";
    public static final int FILE_COUNT = 4;

    private LoopExport() {
    }

    /** File name → content, in the order the files are uploaded. */
    public static Map<String, String> files(LoopSnapshot snapshot, Score score, ZoneId zone) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(MAPPING, mapping(snapshot, zone) + footer(score));
        files.put(FEEDBACK, feedback(snapshot, zone) + footer(score));
        files.put(PIPELINE, PipelineDocument.render(snapshot, zone) + footer(score));
        files.put(METRICS, MetricsDocument.render(snapshot, zone) + footer(score));
        return Collections.unmodifiableMap(files);
    }

    /** "# Loop mapping: Checkout v2" and the line saying which loop, whose, and since when. */
    static String title(String document, LoopSnapshot snapshot, ZoneId zone) {
        Loop loop = snapshot.loop();
        return "# " + document + ": " + heading(loop.feature()) + "\n\n"
                + "Loop " + loop.displayId() + " · owner " + mention(loop.ownerId())
                + (filled(loop.service()) ? " · service " + inline(loop.service()) : "")
                + " · planned " + ExportMarkdown.time(loop.createdAt(), zone) + "\n";
    }

    private static String mapping(LoopSnapshot s, ZoneId zone) {
        StringBuilder md = new StringBuilder(title("Loop mapping", s, zone));
        md.append("\n## Overview\n\n").append(header("Phase", "Owners", "Duration")).append('\n');
        long total = 0;
        for (Phase phase : Phase.values()) {
            PhaseAnswer a = s.phases().get(phase);
            String owners = a == null || a.ownerIds().isEmpty() ? EMPTY_CELL
                    : a.ownerIds().stream().map(ExportMarkdown::mention).collect(Collectors.joining(", "));
            md.append(row(phase.label(), owners, a == null ? EMPTY_CELL : durationCell(a))).append('\n');
            total += a == null || a.durationMinutes() == null ? 0 : a.durationMinutes();
        }
        long timed = s.phases().values().stream().filter(a -> a.durationMinutes() != null).count();
        md.append('\n').append(timed == 0 ? "No phase has a duration yet.\n"
                : "Time through the loop: " + duration(total) + (timed < Phase.values().length
                ? " (" + timed + " of " + Phase.values().length + " phases have a duration)" : "") + ".\n");
        for (Phase phase : Phase.values()) {
            md.append('\n').append(phaseSection(phase, s.phases().get(phase), zone));
        }
        return md.toString();
    }

    private static String phaseSection(Phase phase, PhaseAnswer a, ZoneId zone) {
        StringBuilder md = new StringBuilder("## " + (phase.ordinal() + 1) + ". " + phase.label() + "\n");
        md.append("\n### What happens\n\n").append(block(a == null ? null : a.whatHappens())).append('\n');
        md.append("\n### Who is involved\n\n").append(involved(a)).append('\n');
        md.append("\n### Tools\n\n").append(block(a == null ? null : a.tools())).append('\n');
        md.append("\n### Duration\n\n").append(a == null || !filled(a.durationText()) ? NOT_FILLED : typedDuration(a.durationText(), a.durationMinutes())).append('\n');
        md.append("\n### Deliverable\n\n").append(block(a == null ? null : a.deliverable())).append('\n');
        md.append("\n### Automation opportunities\n\n").append(block(a == null ? null : a.automation())).append('\n');
        if (a != null) {
            md.append('\n').append(edited(a.editedBy(), a.editedAt(), zone)).append('\n');
        }
        return md.toString();
    }

    private static String involved(PhaseAnswer a) {
        if (a == null || (!filled(a.roles()) && a.ownerIds().isEmpty())) {
            return NOT_FILLED;
        }
        StringJoiner parts = new StringJoiner("\n\n");
        if (filled(a.roles())) {
            parts.add(block(a.roles()));
        }
        if (!a.ownerIds().isEmpty()) {
            parts.add("Owners: " + a.ownerIds().stream().map(ExportMarkdown::mention).collect(Collectors.joining(", ")));
        }
        return parts.toString();
    }

    private static String durationCell(PhaseAnswer a) {
        return a.durationMinutes() != null ? duration(a.durationMinutes()) : cell(a.durationText());
    }

    private static String feedback(LoopSnapshot s, ZoneId zone) {
        StringBuilder md = new StringBuilder(title("Feedback loops", s, zone)).append('\n');
        List<FeedbackLoop> loops = s.feedback();
        if (loops.isEmpty()) {
            md.append("No feedback loops mapped yet. A healthy loop has at least ").append(Score.LOOPS_WANTED)
                    .append(", e.g. Monitor → Plan, Test → Code, Build → Code, Operate → Plan, Deploy → Test.\n");
            return md.toString();
        }
        md.append(loops.size()).append(loops.size() == 1 ? " feedback loop" : " feedback loops")
                .append(" (at least ").append(Score.LOOPS_WANTED).append(" make a healthy loop).\n\n");
        md.append(header("#", "From → to", "What flows back", "How", "Speed", "Example")).append('\n');
        for (int i = 0; i < loops.size(); i++) {
            FeedbackLoop f = loops.get(i);
            md.append(row(Integer.toString(i + 1), phaseLabel(f.fromPhase()) + " → " + phaseLabel(f.toPhase()),
                    cell(f.information()), cell(f.channel()), cell(f.speed()), cell(f.example()))).append('\n');
        }
        loops.stream().filter(f -> f.editedAt() != null).max(Comparator.comparing(FeedbackLoop::editedAt))
                .ifPresent(f -> md.append('\n').append(edited(f.editedBy(), f.editedAt(), zone)).append('\n'));
        return md.toString();
    }

    static String phaseLabel(String key) {
        return key == null ? EMPTY_CELL : Phase.parse(key).map(Phase::label).orElse(cell(key));
    }

    /** The same closing lines in every file: the score, its parts, and what would raise it. */
    static String footer(Score score) {
        StringBuilder md = new StringBuilder("\n---\n\n");
        md.append("**Completeness: ").append(score.total()).append("/100**")
                .append(score.passing() ? ", passing (" : ", not passing yet (").append(Score.PASSING).append(" needed)")
                .append(" · phases ").append(score.phases()).append("/40 · feedback loops ").append(score.feedback())
                .append("/20 · pipeline ").append(score.pipeline()).append("/25 · metrics ").append(score.metrics())
                .append("/15\n\n");
        if (score.missing().isEmpty()) {
            md.append("Nothing is missing.\n");
        } else {
            md.append("Still missing:\n\n");
            score.missing().stream().filter(Objects::nonNull).forEach(m -> md.append("- ").append(inline(m)).append('\n'));
        }
        return md.toString();
    }
}
