package io.devloop;

import java.util.List;

/** What to tell someone who ran devloop without the Slack settings it needs. */
final class StartupHelp {
    private StartupHelp() {
    }

    static String missing(List<String> missing) {
        return "devloop needs a Slack app to talk to. Missing:\n  - " + String.join("\n  - ", missing) + "\n\n"
                + "To create the app:\n"
                + "  1. Open https://api.slack.com/apps → Create New App → From an app manifest.\n"
                + "  2. Paste manifest.yml from this repository. On a laptop or a private network, set\n"
                + "     settings.socket_mode_enabled: true (Socket Mode, no public URL needed); otherwise replace\n"
                + "     YOUR-HOST with this server's public address.\n"
                + "  3. Install the app to your workspace, then set:\n"
                + "       SLACK_BOT_TOKEN=xoxb-…       (OAuth & Permissions → Bot User OAuth Token)\n"
                + "     and, for Socket Mode:\n"
                + "       SLACK_APP_TOKEN=xapp-…       (Basic Information → App-Level Tokens, scope connections:write)\n"
                + "     or, for HTTP:\n"
                + "       SLACK_SIGNING_SECRET=…       (Basic Information → App Credentials → Signing Secret)\n"
                + "  4. Run again: java -jar target/devloop.jar\n"
                + "To try devloop without Slack, unset the Slack variables (or pass --sandbox): it opens a local sandbox.\n"
                + "See README.md for every setting.";
    }
}
