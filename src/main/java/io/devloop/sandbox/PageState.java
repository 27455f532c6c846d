package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static io.devloop.sandbox.Mrkdwn.escape;

/**
 * What the page shows one sample user, rendered server-side: the open conversation (a channel or their DM with
 * devloop) or their home tab, their top modal, and the stand-in's call log. Times are in the user's own zone.
 */
final class PageState {
    static final String HOME = "home";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("h:mm a", java.util.Locale.US);

    private final Workspace workspace;
    private final Clock clock;

    PageState(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    JsonObject render(Workspace.User user, String conversation, long version) {
        ZoneId zone = ZoneId.of(user.tz());
        Instant now = clock.instant();
        BlockKitHtml html = new BlockKitHtml(zone, now);
        JsonObject state = Json.of("version", version, "user", user.id(), "conversation", conversation, "zone", user.tz());
        if (HOME.equals(conversation)) {
            state.addProperty("title", "Home · devloop");
            state.addProperty("html", workspace.home(user.id())
                    .map(h -> "<div class=\"home\" data-view-id=\"" + escape(String.valueOf(Json.str(h, "id"))) + "\">"
                            + html.blocks(Json.arr(h, "blocks"), Map.of()) + "</div>")
                    .orElse("<div class=\"empty\">devloop has not published a home tab for you yet.</div>"));
        } else {
            String channel = Workspace.isDm(conversation) ? Workspace.dmChannel(user.id()) : conversation;
            state.addProperty("conversation", channel);
            state.addProperty("title", Workspace.isDm(channel) ? "devloop (direct message)"
                    : "#" + Workspace.channel(channel).map(Workspace.Channel::name).orElse(channel));
            state.addProperty("html", messages(workspace.visibleTo(channel, user.id()), html, zone));
        }
        workspace.topView(user.id()).ifPresentOrElse(v -> state.add("modal", Json.of("id", v.id(),
                        "key", v.id() + "/" + v.hash() + "/" + v.errors().hashCode(), "depth", workspace.viewDepth(user.id()),
                        "html", html.modal(v.view(), v.errors()))),
                () -> state.add("modal", null));
        JsonArray log = new JsonArray();
        workspace.apiLog().forEach(log::add);
        state.add("log", log);
        return state;
    }

    private String messages(List<Workspace.Message> all, BlockKitHtml html, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        for (Workspace.Message m : all) {
            if (m.threadTs != null && !m.threadTs.equals(m.ts)) {
                continue;
            }
            sb.append(message(m, html, zone, "msg"));
            List<Workspace.Message> replies = all.stream().filter(r -> m.ts.equals(r.threadTs) && !r.ts.equals(m.ts)).toList();
            if (!replies.isEmpty()) {
                sb.append("<div class=\"thread\"><div class=\"thread-label\">").append(replies.size())
                        .append(replies.size() == 1 ? " reply" : " replies").append("</div>");
                replies.forEach(r -> sb.append(message(r, html, zone, "msg reply")));
                sb.append("</div>");
            }
        }
        return sb.length() == 0 ? "<div class=\"empty\">No messages yet. Type <code>/devloop help</code> below.</div>" : sb.toString();
    }

    private String message(Workspace.Message m, BlockKitHtml html, ZoneId zone, String cls) {
        boolean ephemeral = m.ephemeralFor != null;
        String author = SandboxActions.SLACKBOT.equals(m.author) ? "Slackbot"
                : Workspace.user(m.author).map(Workspace.User::realName).orElse("devloop");
        Instant at = Instant.ofEpochSecond(Long.parseLong(m.ts.substring(0, m.ts.indexOf('.'))));
        StringBuilder sb = new StringBuilder("<div class=\"").append(cls).append(ephemeral ? " ephemeral" : "")
                .append("\" data-channel=\"").append(escape(m.channel)).append("\" data-ts=\"").append(escape(m.ts)).append("\">")
                .append("<div class=\"msg-head\"><b>").append(escape(author)).append("</b>")
                .append(Workspace.BOT_USER.equals(m.author) ? " <span class=\"app-tag\">APP</span>" : "")
                .append(" <span class=\"msg-time\">").append(CLOCK.format(at.atZone(zone))).append("</span>")
                .append(m.edited() ? " <span class=\"edited\">(edited)</span>" : "").append("</div>")
                .append("<div class=\"msg-body\">");
        if (m.blocks() != null && !m.blocks().isEmpty()) {
            sb.append(html.blocks(m.blocks(), Map.of()));
        } else if (m.text() != null) {
            sb.append("<div class=\"bk-text\">").append(html.mrkdwn(m.text())).append("</div>");
        }
        for (Workspace.StoredFile f : m.files()) {
            String url = "/sandbox/files/" + escape(f.id());
            sb.append("<div class=\"file\">");
            if (f.name().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                sb.append("<img class=\"file-img\" src=\"").append(url).append("\" alt=\"").append(escape(f.title())).append("\">");
            }
            sb.append("📎 <a href=\"").append(url).append("\" target=\"_blank\">").append(escape(f.title())).append("</a> <span class=\"file-size\">")
                    .append(f.bytes().length).append(" bytes</span></div>");
        }
        sb.append("</div>");
        if (ephemeral) {
            sb.append("<div class=\"ephemeral-note\">👁 Only visible to you</div>");
        }
        return sb.append("</div>").toString();
    }
}
