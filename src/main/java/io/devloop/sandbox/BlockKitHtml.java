package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.devloop.sandbox.Mrkdwn.escape;

/**
 * Block Kit JSON as HTML, the way a Slack client would draw it: messages' blocks, modals and home tabs. All text
 * is escaped. Interactive elements carry their block id, action id and type in data attributes: the page sends
 * those back and the sandbox turns them into Slack's payloads. A block or element type this renderer does not
 * know is drawn as a visible "unsupported block: type" placeholder, never silently dropped.
 */
public final class BlockKitHtml {
    public static final String UNSUPPORTED = "unsupported block";
    private static final AtomicLong RADIO_GROUPS = new AtomicLong();

    private final Mrkdwn.Context ctx;

    /** Renders for a viewer in this zone; mentions are shown with the sample users' and channels' names. */
    public BlockKitHtml(ZoneId viewerZone, Instant now) {
        this.ctx = new Mrkdwn.Context(viewerZone,
                id -> Workspace.user(id).map(Workspace.User::realName).orElse(Workspace.BOT_USER.equals(id) ? "devloop" : id),
                id -> Workspace.channel(id).map(Workspace.Channel::name).orElse(id), now);
    }

    /** A message's (or a view's) blocks; {@code errors} are inline errors by block id (modals only). */
    public String blocks(JsonArray blocks, Map<String, String> errors) {
        StringBuilder sb = new StringBuilder();
        if (blocks == null) {
            return "";
        }
        for (JsonElement e : blocks) {
            JsonObject block = e.getAsJsonObject();
            sb.append(block(block));
            String blockId = Json.str(block, "block_id");
            String error = blockId == null ? null : errors.get(blockId);
            if (error != null) {
                sb.append("<div class=\"bk-error\" data-error-for=\"").append(escape(Json.str(block, "block_id"))).append("\">")
                        .append(Mrkdwn.plain(error)).append("</div>");
            }
        }
        return sb.toString();
    }

    /** A message's plain mrkdwn text (a message without blocks). */
    public String mrkdwn(String text) {
        return Mrkdwn.toHtml(text, ctx);
    }

    /** A modal: title, blocks with inline errors, and its submit and close buttons. */
    public String modal(JsonObject view, Map<String, String> errors) {
        StringBuilder sb = new StringBuilder("<div class=\"bk-modal-title\">").append(text(Json.obj(view, "title"))).append("</div>");
        Set<String> known = new HashSet<>();
        Json.arr(view, "blocks").forEach(b -> known.add(Json.str(b.getAsJsonObject(), "block_id")));
        errors.forEach((blockId, message) -> {
            if (!known.contains(blockId)) {
                sb.append("<div class=\"bk-error bk-error-general\">").append(Mrkdwn.plain(message)).append("</div>");
            }
        });
        sb.append("<div class=\"bk-modal-body\">").append(blocks(Json.arr(view, "blocks"), errors)).append("</div>");
        sb.append("<div class=\"bk-modal-buttons\">");
        sb.append("<button class=\"bk-button\" data-modal=\"close\">")
                .append(Json.obj(view, "close") == null ? "Cancel" : text(Json.obj(view, "close"))).append("</button>");
        if (Json.obj(view, "submit") != null) {
            sb.append("<button class=\"bk-button bk-primary\" data-modal=\"submit\">").append(text(Json.obj(view, "submit")))
                    .append("</button>");
        }
        return sb.append("</div>").toString();
    }

    String block(JsonObject b) {
        String type = String.valueOf(Json.str(b, "type"));
        String id = escape(String.valueOf(Json.str(b, "block_id")));
        return switch (type) {
            case "header" -> "<div class=\"bk-header\">" + text(Json.obj(b, "text")) + "</div>";
            case "divider" -> "<hr class=\"bk-divider\">";
            case "section" -> section(b, id);
            case "context" -> context(b);
            case "actions" -> "<div class=\"bk-actions\" data-block-id=\"" + id + "\">" + elements(b, id, true) + "</div>";
            case "image" -> "<figure class=\"bk-image\">" + (Json.obj(b, "title") == null ? ""
                    : "<figcaption>" + text(Json.obj(b, "title")) + "</figcaption>") + image(b) + "</figure>";
            case "input" -> input(b, id);
            default -> unsupported("block", type);
        };
    }

    private String section(JsonObject b, String blockId) {
        StringBuilder sb = new StringBuilder("<div class=\"bk-section\"><div class=\"bk-section-main\">");
        if (Json.obj(b, "text") != null) {
            sb.append("<div class=\"bk-text\">").append(text(Json.obj(b, "text"))).append("</div>");
        }
        JsonArray fields = Json.arr(b, "fields");
        if (!fields.isEmpty()) {
            sb.append("<div class=\"bk-fields\">");
            fields.forEach(f -> sb.append("<div class=\"bk-field-text\">").append(text(f.getAsJsonObject())).append("</div>"));
            sb.append("</div>");
        }
        sb.append("</div>");
        JsonObject accessory = Json.obj(b, "accessory");
        if (accessory != null) {
            sb.append("<div class=\"bk-accessory\">").append(element(accessory, blockId, true)).append("</div>");
        }
        return sb.append("</div>").toString();
    }

    private String context(JsonObject b) {
        StringBuilder sb = new StringBuilder("<div class=\"bk-context\">");
        for (JsonElement e : Json.arr(b, "elements")) {
            JsonObject el = e.getAsJsonObject();
            String type = String.valueOf(Json.str(el, "type"));
            switch (type) {
                case "mrkdwn", "plain_text" -> sb.append("<span>").append(text(el)).append("</span>");
                case "image" -> sb.append(image(el));
                default -> sb.append(unsupported("element", type));
            }
        }
        return sb.append("</div>").toString();
    }

    private String input(JsonObject b, String blockId) {
        JsonObject element = Json.obj(b, "element");
        boolean optional = Json.bool(b, "optional");
        StringBuilder sb = new StringBuilder("<div class=\"bk-input\" data-block-id=\"").append(blockId).append("\">")
                .append("<label class=\"bk-label\">").append(text(Json.obj(b, "label")))
                .append(optional ? " <span class=\"bk-optional\">(optional)</span>" : "").append("</label>")
                .append(element == null ? unsupported("element", "none") : element(element, blockId, Json.bool(b, "dispatch_action")));
        if (Json.obj(b, "hint") != null) {
            sb.append("<div class=\"bk-hint\">").append(text(Json.obj(b, "hint"))).append("</div>");
        }
        return sb.append("</div>").toString();
    }

    private String elements(JsonObject b, String blockId, boolean acts) {
        StringBuilder sb = new StringBuilder();
        Json.arr(b, "elements").forEach(e -> sb.append(element(e.getAsJsonObject(), blockId, acts)));
        return sb.toString();
    }

    /**
     * One element. {@code acts}: a change or click sends block_actions at once (actions blocks, accessories,
     * dispatching inputs); otherwise the value is only collected when the modal is submitted.
     */
    String element(JsonObject el, String blockId, boolean acts) {
        String type = String.valueOf(Json.str(el, "type"));
        String data = "data-block-id=\"" + blockId + "\" data-action-id=\"" + escape(String.valueOf(Json.str(el, "action_id")))
                + "\" data-type=\"" + escape(type) + "\"";
        String cls = acts ? "bk-el bk-act" : "bk-el";
        String placeholder = Json.obj(el, "placeholder") == null ? "" : plainOnly(Json.obj(el, "placeholder"));
        return switch (type) {
            case "button" -> "<button class=\"" + cls + " bk-button" + style(el) + "\" " + data
                    + attr("data-value", Json.str(el, "value")) + attr("data-url", safeUrl(Json.str(el, "url"))) + ">"
                    + text(Json.obj(el, "text")) + "</button>";
            case "static_select", "multi_static_select", "overflow", "external_select", "multi_external_select" ->
                    select(el, data, cls, placeholder, type);
            case "users_select", "multi_users_select" -> pickOf(data, cls, placeholder, type.startsWith("multi"),
                    Workspace.USERS.stream().map(u -> new String[] {u.id(), u.realName() + " (" + u.tz() + ")"}).toList(),
                    initials(el, "initial_user", "initial_users"));
            case "conversations_select", "channels_select", "multi_conversations_select", "multi_channels_select" ->
                    pickOf(data, cls, placeholder, type.startsWith("multi"),
                            Workspace.CHANNELS.stream().map(c -> new String[] {c.id(), "#" + c.name()}).toList(),
                            initials(el, type.startsWith("conv") || type.startsWith("multi_conv") ? "initial_conversation"
                                    : "initial_channel", type.startsWith("multi_conv") ? "initial_conversations" : "initial_channels"));
            case "plain_text_input", "email_text_input", "url_text_input", "number_input" -> textInput(el, data, cls, placeholder, type);
            case "datepicker" -> "<input type=\"date\" class=\"" + cls + "\" " + data + attr("value", Json.str(el, "initial_date"))
                    + attr("placeholder", placeholder) + ">";
            case "timepicker" -> "<input type=\"time\" class=\"" + cls + "\" " + data + attr("value", Json.str(el, "initial_time"))
                    + attr("placeholder", placeholder) + ">";
            case "checkboxes", "radio_buttons" -> choices(el, data, cls, type);
            case "image" -> image(el);
            default -> unsupported("element", type);
        };
    }

    private String select(JsonObject el, String data, String cls, String placeholder, String type) {
        boolean multi = type.startsWith("multi");
        Set<String> chosen = new HashSet<>();
        JsonObject initial = Json.obj(el, "initial_option");
        if (initial != null) {
            chosen.add(Json.str(initial, "value"));
        }
        Json.arr(el, "initial_options").forEach(o -> chosen.add(Json.str(o.getAsJsonObject(), "value")));
        StringBuilder sb = new StringBuilder("<select class=\"").append(cls).append("overflow".equals(type) ? " bk-overflow" : "")
                .append("\" ").append(data).append(multi ? " multiple" : "").append(">");
        if (!multi) {
            sb.append("<option value=\"\">").append("overflow".equals(type) ? "⋯" : placeholder.isEmpty() ? "Choose…" : placeholder)
                    .append("</option>");
        }
        options(Json.arr(el, "options"), chosen, sb);
        for (JsonElement g : Json.arr(el, "option_groups")) {
            sb.append("<optgroup label=\"").append(plainOnly(Json.obj(g.getAsJsonObject(), "label"))).append("\">");
            options(Json.arr(g.getAsJsonObject(), "options"), chosen, sb);
            sb.append("</optgroup>");
        }
        return sb.append("</select>").toString();
    }

    private void options(JsonArray options, Set<String> chosen, StringBuilder sb) {
        for (JsonElement o : options) {
            String value = String.valueOf(Json.str(o.getAsJsonObject(), "value"));
            sb.append("<option value=\"").append(escape(value)).append('"').append(chosen.contains(value) ? " selected" : "")
                    .append('>').append(plainOnly(Json.obj(o.getAsJsonObject(), "text"))).append("</option>");
        }
    }

    private static String pickOf(String data, String cls, String placeholder, boolean multi, List<String[]> items, Set<String> chosen) {
        StringBuilder sb = new StringBuilder("<select class=\"").append(cls).append("\" ").append(data).append(multi ? " multiple" : "")
                .append('>');
        if (!multi) {
            sb.append("<option value=\"\">").append(placeholder.isEmpty() ? "Choose…" : placeholder).append("</option>");
        }
        for (String[] item : items) {
            sb.append("<option value=\"").append(escape(item[0])).append('"').append(chosen.contains(item[0]) ? " selected" : "")
                    .append('>').append(escape(item[1])).append("</option>");
        }
        return sb.append("</select>").toString();
    }

    private static Set<String> initials(JsonObject el, String single, String multi) {
        Set<String> chosen = new HashSet<>();
        if (Json.str(el, single) != null) {
            chosen.add(Json.str(el, single));
        }
        Json.arr(el, multi).forEach(v -> chosen.add(v.getAsString()));
        return chosen;
    }

    private static String textInput(JsonObject el, String data, String cls, String placeholder, String type) {
        String initial = Json.str(el, "initial_value");
        String max = Json.str(el, "max_length");
        if (Json.bool(el, "multiline")) {
            return "<textarea rows=\"3\" class=\"" + cls + "\" " + data + attr("placeholder", placeholder) + attr("maxlength", max)
                    + ">" + (initial == null ? "" : escape(initial)) + "</textarea>";
        }
        String inputType = switch (type) {
            case "email_text_input" -> "email";
            case "url_text_input" -> "url";
            case "number_input" -> "number";
            default -> "text";
        };
        return "<input type=\"" + inputType + "\" class=\"" + cls + "\" " + data + attr("value", initial)
                + attr("placeholder", placeholder) + attr("maxlength", max) + ">";
    }

    private String choices(JsonObject el, String data, String cls, String type) {
        boolean radio = "radio_buttons".equals(type);
        String group = "bk-radio-" + RADIO_GROUPS.incrementAndGet();
        Set<String> chosen = new HashSet<>();
        JsonObject initial = Json.obj(el, "initial_option");
        if (initial != null) {
            chosen.add(Json.str(initial, "value"));
        }
        Json.arr(el, "initial_options").forEach(o -> chosen.add(Json.str(o.getAsJsonObject(), "value")));
        StringBuilder sb = new StringBuilder("<div class=\"").append(cls).append(" bk-choices\" ").append(data).append('>');
        for (JsonElement o : Json.arr(el, "options")) {
            String value = String.valueOf(Json.str(o.getAsJsonObject(), "value"));
            sb.append("<label class=\"bk-choice\"><input type=\"").append(radio ? "radio" : "checkbox").append('"')
                    .append(radio ? " name=\"" + group + "\"" : "").append(" value=\"").append(escape(value)).append('"')
                    .append(chosen.contains(value) ? " checked" : "").append("> ").append(text(Json.obj(o.getAsJsonObject(), "text")));
            JsonObject description = Json.obj(o.getAsJsonObject(), "description");
            if (description != null) {
                sb.append("<span class=\"bk-choice-description\">").append(text(description)).append("</span>");
            }
            sb.append("</label>");
        }
        return sb.append("</div>").toString();
    }

    private static String image(JsonObject el) {
        String url = safeUrl(Json.str(el, "image_url"));
        if (url == null) {
            JsonObject slackFile = Json.obj(el, "slack_file");
            url = slackFile == null ? null : safeUrl(Json.str(slackFile, "url"));
        }
        return "<img class=\"bk-img\"" + attr("src", url) + attr("alt", Json.str(el, "alt_text")) + ">";
    }

    /** A text object: mrkdwn or plain_text. */
    private String text(JsonObject t) {
        if (t == null) {
            return "";
        }
        return "mrkdwn".equals(Json.str(t, "type")) ? Mrkdwn.toHtml(Json.str(t, "text"), ctx) : Mrkdwn.plain(Json.str(t, "text"));
    }

    private static String plainOnly(JsonObject t) {
        return t == null ? "" : escape(String.valueOf(Json.str(t, "text")));
    }

    private static String style(JsonObject el) {
        String style = Json.str(el, "style");
        return "primary".equals(style) ? " bk-primary" : "danger".equals(style) ? " bk-danger" : "";
    }

    /** Images and button links may only be http(s) or a path of this page (uploaded files). */
    private static String safeUrl(String url) {
        return url != null && (url.matches("(?i)^https?://.+") || url.startsWith("/sandbox/")) ? url : null;
    }

    private static String attr(String name, String value) {
        return value == null ? "" : " " + name + "=\"" + escape(value) + "\"";
    }

    private static String unsupported(String what, String type) {
        return "<div class=\"bk-unsupported\">" + (what.equals("block") ? UNSUPPORTED : "unsupported " + what) + ": "
                + escape(type) + "</div>";
    }
}
