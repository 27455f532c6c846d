package io.devloop.tasks;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import io.devloop.loop.Loop;
import io.devloop.loop.LoopDao;
import io.devloop.loop.LoopRefs;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.Modals;
import io.devloop.slack.SlackText;
import io.devloop.slack.Teams;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** Slack in, service call, ack: `task add`, `task done`, `tasks [mine|all|<loop>]`, the list's buttons, the add modal. */
public final class TaskHandlers {
    private static final Logger log = LoggerFactory.getLogger(TaskHandlers.class);
    private static final String TASK_USAGE = "Usage: `/devloop task add [title]`, `/devloop task done DO-7` or `/devloop task edit DO-7`.";
    static final String TASKS_USAGE = "Usage: `/devloop tasks` (this channel), `/devloop tasks mine`, `/devloop tasks all`,"
            + " `/devloop tasks <loop>`, or `/devloop tasks digest 09:00|off`.";

    private final Jdbi jdbi;
    private final TaskService tasks;
    private final ExperimentService experiments;
    private final UserZones zones;
    private final Clock clock;
    private final TasksDigestCommand digest;

    /** The `tasks digest …` subcommand, owned by the digest; the list routes to it. */
    @FunctionalInterface
    public interface TasksDigestCommand {
        Response handle(CommandRouter.Call call, SlashCommandContext ctx, String args);
    }

    public TaskHandlers(Jdbi jdbi, TaskService tasks, ExperimentService experiments, UserZones zones, Clock clock,
                        TasksDigestCommand digest) {
        this.jdbi = jdbi;
        this.tasks = tasks;
        this.experiments = experiments;
        this.zones = zones;
        this.clock = clock;
        this.digest = digest;
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("task", (call, ctx) -> task(app, call, ctx));
        router.subcommand("tasks", this::list);
        app.viewSubmission(TaskViews.ADD_CALLBACK, this::add);
        app.viewSubmission(TaskViews.EDIT_CALLBACK, this::edit);
        app.blockAction(TaskViews.DONE_ACTION, (req, ctx) -> listButton(req, ctx, true));
        app.blockAction(TaskViews.REOPEN_ACTION, (req, ctx) -> listButton(req, ctx, false));
    }

    private Response task(App app, CommandRouter.Call call, SlashCommandContext ctx) {
        String[] words = call.args().split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        if (verb.equals("add")) {
            List<Loop> loops = jdbi.withExtension(LoopDao.class, dao -> dao.inChannel(call.teamId(), call.channelId()));
            open(app, ctx, call.triggerId(), TaskViews.addModal(call.channelId(), SlackText.truncate(rest, 300), loops, call.userId()));
            // the assignee defaults to the creator: look up their zone now so the submission need not wait for Slack
            app.executorService().submit(() -> zones.of(call.teamId(), call.userId()));
            return ctx.ack();
        }
        if (verb.equals("edit")) {
            OptionalLong seq = TaskIds.parse(rest);
            var task = seq.isEmpty() ? java.util.Optional.<Task>empty() : tasks.bySeq(call.teamId(), seq.getAsLong());
            if (task.isEmpty()) {
                return ctx.ack((seq.isEmpty() ? "Which task? " : "There is no task `" + TaskIds.format(seq.getAsLong())
                        + "` in this workspace. ") + TASK_USAGE);
            }
            List<Loop> loops = jdbi.withExtension(LoopDao.class, dao -> dao.inChannel(call.teamId(), task.get().channelId()));
            open(app, ctx, call.triggerId(), TaskViews.editModal(task.get(), loops));
            return ctx.ack();
        }
        if (verb.equals("done")) {
            OptionalLong seq = TaskIds.parse(rest);
            if (seq.isEmpty()) {
                return ctx.ack("Which task? " + TASK_USAGE);
            }
            String id = TaskIds.format(seq.getAsLong());
            return switch (tasks.complete(call.teamId(), seq.getAsLong(), call.userId())) {
                case CHANGED -> ctx.ack(":white_check_mark: `" + id + "` is done.");
                case ALREADY -> ctx.ack("`" + id + "` was already done. Reopen it from `/devloop tasks` if it isn't.");
                case NOT_FOUND -> ctx.ack("There is no task `" + id + "` in this workspace.");
            };
        }
        return ctx.ack(TASK_USAGE);
    }

    /**
     * The add form for a channel, for a modal opened elsewhere (the home tab's Add a task); warms the creator's
     * zone like the command does.
     */
    public com.slack.api.model.view.View addForm(App app, String teamId, String channelId, String userId) {
        List<Loop> loops = jdbi.withExtension(LoopDao.class, dao -> dao.inChannel(teamId, channelId));
        app.executorService().submit(() -> zones.of(teamId, userId));
        return TaskViews.addModal(channelId, "", loops, userId);
    }

    private static void open(App app, SlashCommandContext ctx, String triggerId, com.slack.api.model.view.View modal) {
        Modals.openAfterAck(app, ctx.client(), triggerId, "the task form", () -> java.util.Optional.of(modal));
    }

    private Response list(CommandRouter.Call call, SlashCommandContext ctx) {
        String args = call.args();
        if (args.toLowerCase(Locale.ROOT).startsWith("digest")) {
            return digest.handle(call, ctx, args.substring("digest".length()).strip());
        }
        Listing listing = listing(call.teamId(), call.channelId(), call.userId(), args);
        if (listing.problem() != null) {
            return ctx.ack(listing.problem());
        }
        return ctx.ack(r -> r.responseType("ephemeral").text(listing.heading()).blocks(render(call.teamId(), call.userId(), listing)));
    }

    /** What a `tasks` scope selects: its tasks and heading, or why there is nothing to show. */
    private record Listing(String scope, String heading, List<Task> tasks, Long loopId, String problem) {
    }

    private Listing listing(String teamId, String channelId, String userId, String scope) {
        String s = scope.strip();
        String key = s.toLowerCase(Locale.ROOT);
        if (key.isEmpty() || key.equals("channel")) {
            return new Listing("channel", "Tasks in this channel", tasks.inChannel(teamId, channelId), null, null);
        }
        if (key.equals("mine")) {
            return new Listing("mine", "Your tasks", tasks.assignedTo(teamId, userId), null, null);
        }
        if (key.equals("all")) {
            return new Listing("all", "All tasks in this workspace", tasks.all(teamId), null, null);
        }
        var resolution = LoopRefs.resolve(jdbi, teamId, channelId, s, "/devloop tasks %s");
        if (resolution instanceof LoopRefs.Resolution.Problem problem) {
            return new Listing(s, null, List.of(), null, problem.message() + "\n" + TASKS_USAGE);
        }
        Loop loop = ((LoopRefs.Resolution.Found) resolution).loop();
        return new Listing(loop.displayId(), "Tasks of " + loop.displayId() + " " + SlackText.escape(loop.feature()),
                tasks.ofLoop(teamId, loop.id()), loop.id(), null);
    }

    private List<com.slack.api.model.block.LayoutBlock> render(String teamId, String viewerId, Listing listing) {
        ZoneId viewerZone = zones.of(teamId, viewerId);
        String experiment = listing.loopId() == null ? null
                : experiments.of(teamId, listing.loopId()).map(ExperimentViews::summary).orElse(null);
        return TaskViews.list(listing.heading(), listing.tasks(), viewerZone, clock.instant(), listing.scope(), experiment);
    }

    private Response listButton(BlockActionRequest req, ActionContext ctx, boolean done) {
        String teamId = Teams.of(req, ctx);
        String[] value = req.getPayload().getActions().get(0).getValue().split("\\|", 2);
        String userId = ctx.getRequestUserId();
        try {
            long taskId = Long.parseLong(value[0]);
            tasks.byId(teamId, taskId).ifPresent(t -> {
                if (done) {
                    tasks.complete(teamId, t.seq(), userId);
                } else {
                    tasks.reopen(teamId, t.seq());
                }
            });
        } catch (NumberFormatException e) {
            return ctx.ack();
        }
        String channelId = req.getPayload().getChannel() == null ? null : req.getPayload().getChannel().getId();
        Listing listing = listing(teamId, channelId, userId, value.length > 1 ? value[1] : "");
        if (listing.problem() == null) {
            var blocks = render(teamId, userId, listing);
            try {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(true).text(listing.heading()).blocks(blocks));
            } catch (Exception e) {
                log.warn("refreshing a task list failed", e);
            }
        }
        return ctx.ack();
    }

    private Response add(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        String teamId = Teams.of(req, ctx);
        var view = req.getPayload().getView();
        return withDraft(ctx, teamId, view.getPrivateMetadata(), view, draft -> {
            tasks.create(teamId, ctx.getRequestUserId(), draft, io.devloop.slack.RetryDedupe.keyOf(req));
            return ctx.ack();
        });
    }

    private Response edit(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        String teamId = Teams.of(req, ctx);
        var view = req.getPayload().getView();
        return withDraft(ctx, teamId, null, view, draft -> {
            long taskId;
            try {
                taskId = Long.parseLong(view.getPrivateMetadata());
            } catch (NumberFormatException e) {
                return ctx.ack();
            }
            if (tasks.update(teamId, taskId, draft).isEmpty()) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(TaskForm.TITLE.id(),
                        "This task is not in this workspace (any more); nothing was saved.")));
            }
            return ctx.ack();
        });
    }

    /** Validates the form and turns the due date and time into an instant in the assignee's zone. */
    private Response withDraft(ViewSubmissionContext ctx, String teamId, String channelId, com.slack.api.model.view.View view,
                               java.util.function.Function<TaskService.Draft, Response> save) {
        TaskForm form = TaskForm.from(view);
        Map<String, String> errors = form.validate();
        if (!errors.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        Instant dueAt = null;
        ZoneId zone = null;
        if (form.dueDate() != null) {
            // picked in the assignee's zone: 09:00 means 09:00 where the assignee works
            zone = zones.of(teamId, form.assigneeId());
            dueAt = ZonedDateTime.of(form.dueDate(), form.dueTime() == null ? TaskForm.DEFAULT_DUE_TIME : form.dueTime(), zone).toInstant();
            if (dueAt.isBefore(clock.instant())) {
                String where = zone.getId();
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(TaskForm.DUE_DATE.id(),
                        "That is in the past in the assignee's time zone (" + where + ").")));
            }
        }
        return save.apply(new TaskService.Draft(channelId, form.loopId(), form.title(), form.tier(), form.points(),
                form.assigneeId(), dueAt, zone == null ? null : zone.getId(), form.remindBefore(), form.steps(), form.successCriteria()));
    }
}
