package io.devloop.incidents;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.Forms;
import io.devloop.slack.Modals;
import io.devloop.slack.Replies;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.SlackText;
import io.devloop.slack.Teams;
import io.devloop.tasks.UserZones;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Slack in, service call, ack: `incident`, `incidents`, the card's buttons and the incident modals. State
 * changes are written before the ack (one short transaction); modals open and refusals are told (ephemeral,
 * through the click's response_url) after it.
 */
public final class IncidentHandlers {
    static final String USAGE = "Usage: `/devloop incident [sev1-4] [service] <title>` to declare one (no words opens a form),"
            + " or `/devloop incident INC-4` for a summary. `/devloop incidents` lists them.";
    static final Duration SNOOZE = Duration.ofMinutes(15);

    private final IncidentService incidents;
    private final IncidentReminders reminders;
    private final UserZones zones;
    private final Clock clock;

    public IncidentHandlers(IncidentService incidents, IncidentReminders reminders, UserZones zones, Clock clock) {
        this.incidents = incidents;
        this.reminders = reminders;
        this.zones = zones;
        this.clock = clock;
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("incident", (call, ctx) -> incident(app, call, ctx));
        router.subcommand("incidents", (call, ctx) -> ctx.ack(r -> r.responseType("ephemeral").text("Incidents")
                .blocks(IncidentViews.list(incidents.list(call.teamId())))));
        app.blockAction(IncidentViews.ACK_ACTION, (req, ctx) -> click(app, req, ctx,
                (team, id, user, key) -> incidents.acknowledge(team, id, user, key)));
        app.blockAction(IncidentViews.MITIGATED_ACTION, (req, ctx) -> click(app, req, ctx,
                (team, id, user, key) -> incidents.moveTo(team, id, IncidentStatus.MITIGATED, user, key)));
        app.blockAction(IncidentViews.RESOLVED_ACTION, (req, ctx) -> click(app, req, ctx,
                (team, id, user, key) -> incidents.moveTo(team, id, IncidentStatus.RESOLVED, user, key)));
        app.blockAction(IncidentViews.UPDATE_ACTION, (req, ctx) -> openFor(app, req, ctx, i -> i.isResolved() ? null : IncidentModals.update(i)));
        app.blockAction(IncidentViews.SEVERITY_ACTION, (req, ctx) -> openFor(app, req, ctx, i -> i.isResolved() ? null : IncidentModals.severity(i)));
        app.blockAction(IncidentViews.LEARNING_ACTION, (req, ctx) -> openFor(app, req, ctx,
                i -> IncidentModals.learning(i, incidents.learning(i.teamId(), i.id()).orElse(null))));
        app.blockAction(IncidentViews.ROLLBACK_ACTION, (req, ctx) -> openFor(app, req, ctx,
                i -> IncidentModals.rollback(i.channelId(), i.id(), i.service())));
        app.blockAction(IncidentViews.SNOOZE_ACTION, (req, ctx) -> snooze(app, req, ctx));
        app.blockAction(IncidentViews.DECLARE_OPEN_ACTION, (req, ctx) -> declareFromElsewhere(app, req, ctx));
        app.viewSubmission(IncidentModals.DECLARE_CALLBACK, this::declared);
        app.viewSubmission(IncidentModals.UPDATE_CALLBACK, this::updated);
        app.viewSubmission(IncidentModals.SEVERITY_CALLBACK, this::severityChanged);
        app.viewSubmission(IncidentModals.LEARNING_CALLBACK, this::learned);
    }

    // ---- /devloop incident

    private Response incident(App app, CommandRouter.Call call, SlashCommandContext ctx) {
        String args = call.args();
        if (args.isEmpty()) {
            Modals.openAfterAck(app, ctx.client(), call.triggerId(), "the declare form",
                    () -> Optional.of(IncidentModals.declare(new IncidentModals.DeclarePrefill(call.channelId(), null, null, null, null))));
            return ctx.ack();
        }
        OptionalLong seq = IncidentIds.parse(args);
        if (seq.isPresent()) {
            return summary(ctx, call.teamId(), seq.getAsLong());
        }
        if (IncidentIds.looksLikeId(args.split("\\s+")[0])) {
            return ctx.ack(USAGE);
        }
        IncidentCommands.Declare d = IncidentCommands.declare(args, word -> incidents.knownService(call.teamId(), word));
        if (d.title().isEmpty()) {
            Modals.openAfterAck(app, ctx.client(), call.triggerId(), "the declare form", () -> Optional.of(IncidentModals.declare(
                    new IncidentModals.DeclarePrefill(call.channelId(), null, d.service(), d.severity().orElse(null), null))));
            return ctx.ack();
        }
        Optional<Incident> declared = incidents.declare(new IncidentService.Declaration(call.teamId(), call.channelId(),
                SlackText.truncate(d.title(), IncidentForms.TITLE_MAX), d.service(), d.severity().orElse(Severity.DEFAULT), null,
                null, call.userId(), null, null), call.requestKey());
        if (declared.isEmpty()) {
            return ctx.ack(); // a retry: the first delivery declared it
        }
        Incident i = declared.get();
        return ctx.ack(":rotating_light: Declared *" + i.displayId() + "* (" + i.severityValue().label() + ")."
                + " Its card is in the channel: *Acknowledge* there to become its commander."
                + (d.severity().isEmpty() ? " Severity defaulted to " + Severity.DEFAULT.label() + "; change it on the card." : ""));
    }

    private Response summary(SlashCommandContext ctx, String teamId, long seq) {
        Optional<Incident> incident = incidents.bySeq(teamId, seq);
        if (incident.isEmpty()) {
            return ctx.ack("There is no incident `" + IncidentIds.format(seq) + "` in this workspace. `/devloop incidents` lists them.");
        }
        Incident i = incident.get();
        var blocks = IncidentViews.summary(i, incidents.timeline(teamId, i.id()), incidents.learning(teamId, i.id()));
        return ctx.ack(r -> r.responseType("ephemeral").text(i.displayId() + " " + i.title()).blocks(blocks));
    }

    // ---- the card's buttons

    @FunctionalInterface
    interface Transition {
        IncidentService.Outcome apply(String teamId, long incidentId, String userId, String requestKey);
    }

    private Response click(App app, BlockActionRequest req, ActionContext ctx, Transition transition) {
        String teamId = Teams.of(req, ctx);
        Optional<Long> id = SlackText.id(req.getPayload().getActions().get(0).getValue());
        if (id.isEmpty()) {
            return ctx.ack();
        }
        IncidentService.Outcome outcome = transition.apply(teamId, id.get(), req.getPayload().getUser().getId(), RetryDedupe.keyOf(req));
        if (outcome.refusal() != null) {
            Replies.tell(app, ctx, outcome.refusal());
        }
        return ctx.ack();
    }

    private Response openFor(App app, BlockActionRequest req, ActionContext ctx, Function<Incident, View> modal) {
        String teamId = Teams.of(req, ctx);
        Optional<Long> id = SlackText.id(req.getPayload().getActions().get(0).getValue());
        Optional<Incident> incident = id.flatMap(i -> incidents.byId(teamId, i));
        if (incident.isEmpty()) {
            Replies.tell(app, ctx, "That incident is not in this workspace.");
            return ctx.ack();
        }
        View view = modal.apply(incident.get());
        if (view == null) {
            Replies.tell(app, ctx, incident.get().displayId() + " is resolved; it takes no more updates.");
            return ctx.ack();
        }
        Modals.openAfterAck(app, ctx.client(), req.getPayload().getTriggerId(), "an incident form of " + incident.get().displayId(),
                () -> Optional.of(view));
        return ctx.ack();
    }

    private Response snooze(App app, BlockActionRequest req, ActionContext ctx) {
        String teamId = Teams.of(req, ctx);
        Optional<Incident> incident = SlackText.id(req.getPayload().getActions().get(0).getValue()).flatMap(i -> incidents.byId(teamId, i));
        if (incident.isEmpty() || incident.get().isResolved()) {
            Replies.tell(app, ctx, incident.map(i -> i.displayId() + " is resolved; no more reminders.").orElse("That incident is not in this workspace."));
            return ctx.ack();
        }
        Instant until = reminders.snooze(incident.get(), clock.instant().plus(SNOOZE));
        Replies.tell(app, ctx, "😴 The next status reminder for " + incident.get().displayId() + " comes at "
                + SlackText.date(until, "{time}") + (Duration.between(clock.instant(), until).compareTo(SNOOZE.plusSeconds(5)) > 0
                ? " (it was due later than 15 minutes from now anyway)." : ", in 15 minutes."));
        return ctx.ack();
    }

    /** "Declare incident" on an alert message or the home tab: the declare form, pre-filled from the button's value. */
    private Response declareFromElsewhere(App app, BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        String channelId = payload.getChannel() == null ? null : payload.getChannel().getId();
        IncidentModals.DeclarePrefill prefill = prefill(channelId, payload.getActions().get(0).getValue());
        Modals.openAfterAck(app, ctx.client(), payload.getTriggerId(), "the declare form", () -> Optional.of(IncidentModals.declare(prefill)));
        return ctx.ack();
    }

    static IncidentModals.DeclarePrefill prefill(String channelId, String value) {
        try {
            JsonObject o = JsonParser.parseString(value == null ? "{}" : value).getAsJsonObject();
            Integer level = o.has("severity") ? o.get("severity").getAsInt() : null;
            return new IncidentModals.DeclarePrefill(channelId,
                    o.has("title") ? o.get("title").getAsString() : null,
                    o.has("service") ? o.get("service").getAsString() : null,
                    level == null || level < 1 || level > 4 ? null : Severity.of(level),
                    o.has("startedAt") ? Instant.parse(o.get("startedAt").getAsString()) : null,
                    o.has("alert") ? o.get("alert").getAsLong() : null);
        } catch (RuntimeException e) {
            return new IncidentModals.DeclarePrefill(channelId, null, null, null, null);
        }
    }

    // ---- modal submissions

    private Response declared(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String teamId = Teams.of(req, ctx);
        String userId = ctx.getRequestUserId();
        IncidentModals.DeclarePrefill meta = IncidentModals.DeclarePrefill.fromMetadata(view.getPrivateMetadata());
        String channelId = meta.channelId() != null ? meta.channelId() : chosenChannel(view);
        String title = Forms.text(view, IncidentForms.TITLE);
        String service = Forms.text(view, IncidentForms.SERVICE);
        String description = Forms.text(view, IncidentForms.DESCRIPTION);
        Map<String, String> errors = new HashMap<>();
        IncidentForms.requireAll(errors, IncidentForms.TITLE, title, IncidentForms.SERVICE, service,
                IncidentForms.DESCRIPTION, description);
        Optional<Severity> severity = Severity.parse(Forms.choice(view, IncidentForms.SEVERITY));
        if (severity.isEmpty()) {
            errors.put(IncidentForms.SEVERITY.id(), "Choose a severity.");
        }
        Instant startedAt = meta.startedAt() != null ? meta.startedAt() : startedAt(view, teamId, userId, errors);
        if (channelId == null) {
            errors.put(IncidentModals.CHANNEL, "Pick the channel where the incident card goes.");
        }
        if (!errors.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        IncidentService.Declaration declaration = new IncidentService.Declaration(teamId, channelId, title, service,
                severity.get(), description, Forms.user(view, IncidentForms.COMMANDER), userId, startedAt, null);
        if (meta.alertId() != null) {
            // declared from an alert message: the incident covers the alert's group, once
            Optional<Incident> open = incidents.declareForAlert(declaration, meta.alertId(), RetryDedupe.keyOf(req));
            if (open.isPresent()) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(IncidentForms.TITLE.id(),
                        open.get().displayId() + " is already open for this alert's group: see its card.")));
            }
            return ctx.ack();
        }
        incidents.declare(declaration, RetryDedupe.keyOf(req));
        return ctx.ack();
    }

    private static String chosenChannel(View view) {
        if (view.getState() == null || view.getState().getValues() == null) {
            return null;
        }
        var block = view.getState().getValues().get(IncidentModals.CHANNEL);
        var value = block == null ? null : block.get(IncidentModals.CHANNEL);
        return value == null ? null : value.getSelectedConversation();
    }

    /** The declarer's "started at", read in their own time zone; null when left empty; an error when in the future. */
    private Instant startedAt(View view, String teamId, String userId, Map<String, String> errors) {
        String date = Forms.date(view, IncidentForms.STARTED_DATE);
        String time = Forms.time(view, IncidentForms.STARTED_TIME);
        if (date == null && time == null) {
            return null;
        }
        ZoneId zone = zones.of(teamId, userId);
        Instant now = clock.instant();
        LocalDate day = date == null ? now.atZone(zone).toLocalDate() : LocalDate.parse(date);
        LocalTime at = time == null ? LocalTime.MIDNIGHT : LocalTime.parse(time);
        Instant started = day.atTime(at).atZone(zone).toInstant();
        if (started.isAfter(now)) {
            errors.put(time == null ? IncidentForms.STARTED_DATE.id() : IncidentForms.STARTED_TIME.id(),
                    "That is in the future in your time zone (" + zone.getId() + ").");
        }
        return started;
    }

    private Response updated(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String note = Forms.text(view, IncidentForms.NOTE);
        Map<String, String> errors = new HashMap<>();
        Forms.require(IncidentForms.NOTE, note, errors);
        if (!errors.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        boolean identified = IncidentStatus.IDENTIFIED.key().equals(Forms.choice(view, IncidentForms.CAUSE_FOUND));
        return submitted(req, ctx, IncidentForms.NOTE, (team, id, user, key) -> incidents.postUpdate(team, id, user, note, identified, key));
    }

    private Response severityChanged(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        Optional<Severity> severity = Severity.parse(Forms.choice(req.getPayload().getView(), IncidentForms.SEVERITY));
        if (severity.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(IncidentForms.SEVERITY.id(), "Choose a severity.")));
        }
        return submitted(req, ctx, IncidentForms.SEVERITY,
                (team, id, user, key) -> incidents.changeSeverity(team, id, severity.get(), user, key));
    }

    private Response learned(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String rootCause = Forms.text(view, IncidentForms.ROOT_CAUSE);
        String resolution = Forms.text(view, IncidentForms.RESOLUTION);
        String prevention = Forms.text(view, IncidentForms.PREVENTION);
        String lessons = Forms.text(view, IncidentForms.LESSONS);
        Map<String, String> errors = new HashMap<>();
        IncidentForms.requireAll(errors, IncidentForms.ROOT_CAUSE, rootCause, IncidentForms.RESOLUTION, resolution,
                IncidentForms.PREVENTION, prevention, IncidentForms.LESSONS, lessons);
        if (!errors.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        boolean asTasks = IncidentForms.MAKE_TASKS.equals(Forms.choice(view, IncidentForms.AS_TASKS));
        return submitted(req, ctx, IncidentForms.ROOT_CAUSE, (team, id, user, key) -> incidents.saveLearning(team, id,
                new Learning(team, id, rootCause, resolution, prevention, lessons, user, null), asTasks, key));
    }

    /** A modal's change: refused → the reason under {@code errorField}, so the form stays open with what was typed. */
    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx, Forms.Field errorField, Transition change) {
        String teamId = Teams.of(req, ctx);
        Optional<Long> id = SlackText.id(req.getPayload().getView().getPrivateMetadata());
        if (id.isEmpty()) {
            return ctx.ack();
        }
        IncidentService.Outcome outcome = change.apply(teamId, id.get(), ctx.getRequestUserId(), RetryDedupe.keyOf(req));
        if (outcome.refusal() != null) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(errorField.id(), outcome.refusal())));
        }
        return ctx.ack();
    }

}
