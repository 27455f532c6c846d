package io.devloop.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;

/**
 * The workspace an interaction comes from, as Slack signed it in the payload. Like the command router (which
 * scopes by the command's team_id), not {@code ctx.getTeamId()}: in single-workspace mode Bolt sets that to the
 * bot token's team for every request, which would let another workspace's user (a shared channel, an
 * Enterprise Grid org) reach this team's rows.
 */
public final class Teams {
    private Teams() {
    }

    public static String of(BlockActionRequest req, ActionContext ctx) {
        var team = req.getPayload().getTeam();
        return team == null || team.getId() == null ? ctx.getTeamId() : team.getId();
    }

    public static String of(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var team = req.getPayload().getTeam();
        return team == null || team.getId() == null ? ctx.getTeamId() : team.getId();
    }
}
