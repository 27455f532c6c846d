package io.devloop.loop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.devloop.loop.ExportMarkdown.filled;
import static io.devloop.loop.ExportMarkdown.label;

/**
 * The pipeline as a Mermaid flowchart: trigger, the stages in order, each gate as a decision, failures going to
 * stop / notify / rollback nodes, and post-deploy verification deciding between "in production" and a rollback.
 * Node ids are ours (s1, g1, …); user text only ever appears inside quoted, escaped labels.
 */
final class PipelineFlowchart {
    private PipelineFlowchart() {
    }

    /** The chart's lines, without the code fence; empty when there are no stages to draw. */
    static List<String> mermaid(Pipeline pipeline, List<PipelineStage> stages) {
        if (stages.isEmpty()) {
            return List.of();
        }
        List<String> nodes = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        List<String> failureEdges = new ArrayList<>(); // after the main path, so the chart draws it straight
        Set<String> failures = new LinkedHashSet<>();
        nodes.add("trigger([\"" + label(pipeline != null && filled(pipeline.triggerText())
                ? "Trigger: " + pipeline.triggerText() : "Trigger") + "\"])");
        String previous = "trigger";
        String passLabel = "";
        for (int i = 0; i < stages.size(); i++) {
            PipelineStage stage = stages.get(i);
            String id = "s" + (i + 1);
            nodes.add(id + "[\"" + stageLabel(i + 1, stage) + "\"]");
            edges.add(previous + " -->" + passLabel + " " + id);
            previous = id;
            passLabel = "";
            if (filled(stage.gate())) {
                String gate = "g" + (i + 1);
                nodes.add(gate + "{\"" + label(stage.gate()) + "\"}");
                edges.add(id + " --> " + gate);
                previous = gate;
                passLabel = "|pass|";
            }
            String onFailure = failureNode(stage.onFailure());
            if (onFailure != null) {
                failures.add(onFailure);
                failureEdges.add(previous + " -->|fail| " + onFailure);
            }
        }
        if (pipeline != null && filled(pipeline.verification())) {
            nodes.add("verify{\"" + label("Verify: " + pipeline.verification()) + "\"}");
            edges.add(previous + " -->" + passLabel + " verify");
            edges.add("verify -->|healthy| live");
            failureEdges.add("verify -->|unhealthy| rollback");
            failures.add("rollback");
        } else {
            edges.add(previous + " -->" + passLabel + " live");
        }
        nodes.add("live([\"In production\"])");
        for (String failure : failures) {
            nodes.add(switch (failure) {
                case "stop" -> "stop([\"Pipeline stopped\"])";
                case "notify" -> "notify[/\"" + label(pipeline != null && filled(pipeline.notifications())
                        ? "Notify: " + pipeline.notifications() : "Notify the team") + "\"/]";
                default -> "rollback[[\"" + label(rollbackLabel(pipeline)) + "\"]]";
            });
        }
        List<String> lines = new ArrayList<>();
        lines.add("flowchart TD");
        nodes.forEach(n -> lines.add("    " + n));
        edges.forEach(e -> lines.add("    " + e));
        failureEdges.forEach(e -> lines.add("    " + e));
        return lines;
    }

    private static String stageLabel(int position, PipelineStage stage) {
        String duration = stage.durationMinutes() != null ? ExportMarkdown.duration(stage.durationMinutes())
                : filled(stage.durationText()) ? stage.durationText() : null;
        return label(position + ". " + stage.name()) + (duration == null ? "" : "<br/>" + label(duration));
    }

    private static String failureNode(String onFailure) {
        if (onFailure == null) {
            return null;
        }
        return switch (onFailure) {
            case "stop", "notify", "rollback" -> onFailure;
            default -> null;
        };
    }

    static String rollbackLabel(Pipeline pipeline) {
        String strategy = pipeline == null || pipeline.rollbackStrategy() == null ? "" : pipeline.rollbackStrategy();
        return switch (strategy) {
            case "canary" -> "Roll back the canary" + (pipeline.canaryPercent() == null ? "" : " (" + pipeline.canaryPercent() + " %)");
            case "blue_green" -> "Roll back: switch traffic to the previous colour";
            case "manual" -> "Roll back by hand";
            default -> "Roll back";
        };
    }
}
