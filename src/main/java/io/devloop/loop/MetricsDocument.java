package io.devloop.loop;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.devloop.loop.ExportMarkdown.EMPTY_CELL;
import static io.devloop.loop.ExportMarkdown.NOT_FILLED;
import static io.devloop.loop.ExportMarkdown.block;
import static io.devloop.loop.ExportMarkdown.cell;
import static io.devloop.loop.ExportMarkdown.edited;
import static io.devloop.loop.ExportMarkdown.filled;
import static io.devloop.loop.ExportMarkdown.header;
import static io.devloop.loop.ExportMarkdown.inline;
import static io.devloop.loop.ExportMarkdown.row;

/** success-metrics.md: technical metrics with their alert thresholds, business metrics, DORA notes. */
final class MetricsDocument {
    private MetricsDocument() {
    }

    static String render(LoopSnapshot s, ZoneId zone) {
        StringBuilder md = new StringBuilder(LoopExport.title("Success metrics", s, zone));
        md.append("\n## Technical metrics\n\n").append(technical(s.metrics(SuccessMetric.TECHNICAL)));
        md.append("\n## Business metrics\n\n").append(business(s.metrics(SuccessMetric.BUSINESS)));
        md.append("\n## DORA notes\n\n");
        DoraNotes d = s.dora().orElse(null);
        md.append("**Lead time for this feature:** ").append(d == null ? NOT_FILLED : inline(d.leadTime())).append("\n\n");
        md.append("**Deployed smoothly:** ").append(d == null || d.deployedSmoothly() == null ? NOT_FILLED
                : d.deployedSmoothly() ? "yes" : "no").append("\n\n");
        md.append("**Notes:**\n\n").append(block(d == null ? null : d.notes())).append('\n');
        if (d != null) {
            md.append('\n').append(edited(d.editedBy(), d.editedAt(), zone)).append('\n');
        }
        return md.toString();
    }

    private static String technical(List<SuccessMetric> metrics) {
        if (metrics.isEmpty()) {
            return NOT_FILLED + "\n";
        }
        StringBuilder md = new StringBuilder(header("#", "Metric", "Target", "Alert threshold", "Threshold as data",
                "Measured by")).append('\n');
        for (int i = 0; i < metrics.size(); i++) {
            SuccessMetric m = metrics.get(i);
            md.append(row(Integer.toString(i + 1), cell(m.name()), cell(m.target()), cell(m.thresholdText()),
                    structured(m), cell(m.measuredBy()))).append('\n');
        }
        return md.toString();
    }

    private static String business(List<SuccessMetric> metrics) {
        if (metrics.isEmpty()) {
            return NOT_FILLED + "\n";
        }
        StringBuilder md = new StringBuilder(header("#", "Metric", "Target", "Measured by")).append('\n');
        for (int i = 0; i < metrics.size(); i++) {
            SuccessMetric m = metrics.get(i);
            md.append(row(Integer.toString(i + 1), cell(m.name()), cell(m.target()), cell(m.measuredBy()))).append('\n');
        }
        return md.toString();
    }

    /** metric, comparator, number, unit as stored for alert evaluation: "p95 > 500 ms". */
    private static String structured(SuccessMetric m) {
        if (m.thresholdComparator() == null || m.thresholdValue() == null) {
            return filled(m.thresholdText()) ? "not understood" : EMPTY_CELL;
        }
        String number = BigDecimal.valueOf(m.thresholdValue()).stripTrailingZeros().toPlainString();
        return cell(Stream.of(m.thresholdMetric(), m.thresholdComparator(), number, m.thresholdUnit())
                .filter(Objects::nonNull).filter(ExportMarkdown::filled).collect(Collectors.joining(" ")));
    }
}
