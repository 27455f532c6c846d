package io.devloop.slack;

import java.util.List;

/** Every `/devloop` subcommand in the contract (ARCHITECTURE.md), in the order help lists them. */
public final class CommandGrammar {
    /** One usage line; {@code token} is the first word after /devloop, which selects the handler. */
    public record Usage(String token, String usage, String summary) {
    }

    public static final List<Usage> ALL = List.of(
            new Usage("help", "help", "Show this list"),
            new Usage("plan", "plan <feature>", "Open a DevOps loop for a feature and post its loop card"),
            new Usage("loop", "loop [<loop>]", "Show a loop's card again"),
            new Usage("phase", "phase <loop> <phase>", "Fill in one of the eight phases"),
            new Usage("feedback", "feedback <loop>", "Map the feedback loops between phases"),
            new Usage("pipeline", "pipeline <loop>", "Design the CI/CD pipeline"),
            new Usage("metrics", "metrics <loop>", "Set success metrics (technical, business, DORA)"),
            new Usage("export", "export <loop>", "Export the loop as markdown"),
            new Usage("task", "task add [title]", "Add a sprint task (DO-001…)"),
            new Usage("tasks", "tasks [mine|all|digest <HH:MM|off>|<loop>]", "List sprint tasks, or set the daily digest"),
            new Usage("task", "task done <DO-n>", "Complete a task"),
            new Usage("task", "task edit <DO-n>", "Change a task (due time, assignee, …); its reminders follow"),
            new Usage("incident", "incident [sev1-4] [service] <title>", "Declare an incident"),
            new Usage("incident", "incident <INC-n>", "Summarise an incident"),
            new Usage("incidents", "incidents", "List open and recent incidents"),
            new Usage("rollback", "rollback <service> [version] [reason…]", "Record and announce a rollback"),
            new Usage("alerts", "alerts route <service> <#channel>", "Route a service's alerts to a channel"),
            new Usage("dora", "dora [days]", "DORA metrics for the last N days (default 30)"),
            new Usage("status", "status", "What devloop is doing in this channel"));

    private CommandGrammar() {
    }

    public static List<Usage> usagesOf(String token) {
        return ALL.stream().filter(u -> u.token().equals(token)).toList();
    }
}
