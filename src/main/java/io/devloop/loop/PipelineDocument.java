package io.devloop.loop;

import java.time.ZoneId;
import java.util.List;

import static io.devloop.loop.ExportMarkdown.EMPTY_CELL;
import static io.devloop.loop.ExportMarkdown.NOT_FILLED;
import static io.devloop.loop.ExportMarkdown.block;
import static io.devloop.loop.ExportMarkdown.cell;
import static io.devloop.loop.ExportMarkdown.duration;
import static io.devloop.loop.ExportMarkdown.edited;
import static io.devloop.loop.ExportMarkdown.filled;
import static io.devloop.loop.ExportMarkdown.header;
import static io.devloop.loop.ExportMarkdown.inline;
import static io.devloop.loop.ExportMarkdown.row;

/** pipeline-design.md: trigger, stages, notifications, verification, rollback, target time and a flowchart. */
final class PipelineDocument {
    private PipelineDocument() {
    }

    static String render(LoopSnapshot s, ZoneId zone) {
        StringBuilder md = new StringBuilder(LoopExport.title("Pipeline design", s, zone));
        Pipeline p = s.pipeline().orElse(null);
        List<PipelineStage> stages = s.stages();
        if (p == null && stages.isEmpty()) {
            return md.append("\nNo pipeline designed yet: `/devloop pipeline ").append(s.loop().displayId())
                    .append("` designs one.\n").toString();
        }
        md.append("\n## Trigger\n\n").append(block(p == null ? null : p.triggerText())).append('\n');
        md.append("\n## Stages\n\n").append(stages(stages));
        md.append("\n## Notifications\n\n").append(block(p == null ? null : p.notifications())).append('\n');
        md.append("\n## Verification after deploy\n\n").append(block(p == null ? null : p.verification())).append('\n');
        md.append("\n## Rollback strategy\n\n").append(rollback(p)).append('\n');
        md.append("\n## Target commit-to-production time\n\n").append(target(p, stages)).append('\n');
        List<String> chart = PipelineFlowchart.mermaid(p, stages);
        md.append("\n## Flowchart\n\n");
        if (chart.isEmpty()) {
            md.append("The flowchart appears once the pipeline has stages.\n");
        } else {
            md.append("```mermaid\n").append(String.join("\n", chart)).append("\n```\n");
        }
        if (p != null) {
            md.append('\n').append(edited(p.editedBy(), p.editedAt(), zone)).append('\n');
        }
        return md.toString();
    }

    private static String stages(List<PipelineStage> stages) {
        if (stages.isEmpty()) {
            return NOT_FILLED + "\n";
        }
        StringBuilder md = new StringBuilder(header("#", "Stage", "What runs", "Duration", "Gate", "On failure")).append('\n');
        for (int i = 0; i < stages.size(); i++) {
            PipelineStage st = stages.get(i);
            md.append(row(Integer.toString(i + 1), cell(st.name()), cell(st.whatRuns()), durationCell(st),
                    cell(st.gate()), onFailure(st.onFailure()))).append('\n');
        }
        Totals totals = Totals.of(stages);
        if (totals.timed() > 0) {
            md.append("\nThe stages take ").append(duration(totals.minutes())).append(" in all")
                    .append(totals.timed() < stages.size() ? " (" + (stages.size() - totals.timed()) + " without a duration)" : "")
                    .append(".\n");
        }
        return md.toString();
    }

    private static String durationCell(PipelineStage st) {
        return st.durationMinutes() != null ? duration(st.durationMinutes()) : cell(st.durationText());
    }

    private static String onFailure(String action) {
        if (action == null) {
            return EMPTY_CELL;
        }
        return switch (action) {
            case "stop" -> "stop the pipeline";
            case "notify" -> "notify the team";
            case "rollback" -> "roll back";
            default -> cell(action);
        };
    }

    private static String rollback(Pipeline p) {
        if (p == null || p.rollbackStrategy() == null) {
            return NOT_FILLED;
        }
        return switch (p.rollbackStrategy()) {
            case "canary" -> "Canary: " + (p.canaryPercent() == null ? "a share" : p.canaryPercent() + " %")
                    + " of traffic gets the new version first and is watched for "
                    + (p.canaryWatchMinutes() == null ? "a while (no watch time set)" : duration(p.canaryWatchMinutes()))
                    + "; if verification fails, the canary is rolled back, otherwise it rolls out to everyone.";
            case "blue_green" -> "Blue-green: the new version starts beside the old one and takes the traffic when it"
                    + " is healthy; rolling back switches the traffic back to the old one.";
            case "manual" -> "Manual: a person redeploys the previous version.";
            default -> inline(p.rollbackStrategy());
        };
    }

    /** The target as typed, and whether the stages' durations fit in it. */
    private static String target(Pipeline p, List<PipelineStage> stages) {
        if (p == null || !filled(p.targetText())) {
            return NOT_FILLED;
        }
        String text = ExportMarkdown.typedDuration(p.targetText(), p.targetMinutes());
        if (p.targetMinutes() == null) {
            return text;
        }
        Totals totals = Totals.of(stages);
        if (totals.timed() == 0) {
            return text + ".";
        }
        String fit = totals.minutes() <= p.targetMinutes() ? "within the target" : "over the target by "
                + duration(totals.minutes() - p.targetMinutes());
        return text + ". The stages take " + duration(totals.minutes()) + ": " + fit + ".";
    }

    private record Totals(long minutes, long timed) {
        static Totals of(List<PipelineStage> stages) {
            return new Totals(stages.stream().filter(st -> st.durationMinutes() != null).mapToLong(PipelineStage::durationMinutes).sum(),
                    stages.stream().filter(st -> st.durationMinutes() != null).count());
        }
    }
}
