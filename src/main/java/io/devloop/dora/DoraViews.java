package io.devloop.dora;

import com.slack.api.model.block.LayoutBlock;
import io.devloop.dora.DoraBands.Band;
import io.devloop.slack.SlackText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The `/devloop dora` answer: overall numbers with their bands, then one line per service. */
final class DoraViews {
    static final int SERVICE_LIMIT = 30;

    private DoraViews() {
    }

    static String text(Dora.Report r) {
        return "DORA metrics, last " + r.days() + " days";
    }

    static List<LayoutBlock> report(Dora.Report r) {
        List<LayoutBlock> blocks = new ArrayList<>();
        Dora.Stats o = r.overall();
        String head = "*DORA metrics, last " + r.days() + (r.days() == 1 ? " day" : " days") + "* (since "
                + SlackText.date(r.from(), "{date_short}") + ")\n"
                + "• *Deployment frequency:* " + frequency(o) + "\n"
                + "• *Lead time for changes:* " + leadTime(o) + "\n"
                + "• *Change failure rate:* " + changeFailure(o) + "\n"
                + "• *Time to restore:* " + restore(o);
        blocks.add(section(s -> s.text(markdownText(head))));
        if (!r.services().isEmpty()) {
            blocks.add(divider());
            StringBuilder lines = new StringBuilder("*Per service*\n");
            int shown = 0;
            for (Dora.Stats s : r.services()) {
                String line = "*" + SlackText.escape(SlackText.truncate(s.service(), 80)) + "* · " + frequency(s)
                        + " · lead time " + leadTime(s) + " · failures " + changeFailure(s) + " · restore " + restore(s) + "\n";
                if (shown == SERVICE_LIMIT || lines.length() + line.length() > 2900) {
                    break;
                }
                lines.append(line);
                shown++;
            }
            if (shown < r.services().size()) {
                lines.append("+").append(r.services().size() - shown).append(" more services");
            }
            blocks.add(section(s -> s.text(markdownText(lines.toString()))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(
                "Production deployments only (environment `production` or `prod`, or GitHub's production flag). A failure"
                        + " counts against the service's latest deployment in the 24 h before it. " + DoraBands.SOURCE
                        + " `/devloop dora <days>` for another window.")))));
        return blocks;
    }

    static String frequency(Dora.Stats s) {
        if (s.deployments() == 0) {
            return "no deployments";
        }
        return s.deployments() + (s.deployments() == 1 ? " deployment" : " deployments") + " ("
                + String.format(Locale.ROOT, "%.2f", s.deploysPerDay()) + "/day) " + band(s.frequencyBand());
    }

    static String leadTime(Dora.Stats s) {
        String missing = s.withoutCommitTime() == 0 ? "" : " — " + s.withoutCommitTime() + " of " + s.deployments()
                + " deployments had no known commit time and are left out";
        return (s.leadTime() == null ? "no data" : "median " + SlackText.duration(s.leadTime()) + " " + band(s.leadTimeBand())) + missing;
    }

    static String changeFailure(Dora.Stats s) {
        if (s.changeFailurePercent() == null) {
            return "no data";
        }
        return s.failedDeployments() + " of " + s.deployments() + " ("
                + String.format(Locale.ROOT, "%.1f", s.changeFailurePercent()) + " %) " + band(s.changeFailureBand());
    }

    static String restore(Dora.Stats s) {
        if (s.timeToRestore() == null) {
            return "no resolved incidents";
        }
        return "median " + SlackText.duration(s.timeToRestore()) + " over " + s.restoredIncidents()
                + (s.restoredIncidents() == 1 ? " incident " : " incidents ") + band(s.restoreBand());
    }

    private static String band(Band b) {
        return b == null ? "" : "_" + b.label + "_";
    }

}
