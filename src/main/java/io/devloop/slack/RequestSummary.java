package io.devloop.slack;

import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;

import java.util.Locale;

/** What a request asked for, for the one log line per request: the subcommand, action or view, never user text. */
final class RequestSummary {
    private RequestSummary() {
    }

    static String of(Request<?> req) {
        if (req instanceof SlashCommandRequest command) {
            String text = command.getPayload().getText() == null ? "" : command.getPayload().getText().strip();
            String token = text.isEmpty() ? "help" : text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            return "command=" + CommandRouter.COMMAND + " " + (CommandGrammar.usagesOf(token).isEmpty() ? "?" : token);
        }
        if (req instanceof BlockActionRequest action && !action.getPayload().getActions().isEmpty()) {
            return "action=" + action.getPayload().getActions().get(0).getActionId();
        }
        if (req instanceof ViewSubmissionRequest view) {
            return "view=" + view.getPayload().getView().getCallbackId();
        }
        return "";
    }
}
