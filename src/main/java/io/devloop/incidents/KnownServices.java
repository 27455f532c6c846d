package io.devloop.incidents;

import org.jdbi.v3.core.Handle;

import java.util.Locale;
import java.util.Optional;

/**
 * The one service namespace (ARCHITECTURE "Data rules"): a word names a service when devloop has seen it on a
 * loop, an incident, a rollback, an alert, an alert route or a deployment. Used to tell `/devloop incident sev2 checkout Cart is down` (service
 * checkout) from `/devloop incident sev2 Cart is down`.
 */
public final class KnownServices {
    private static final String SEEN = """
            SELECT service FROM loops WHERE team_id = :team AND LOWER(service) = :name
            UNION ALL SELECT service FROM incidents WHERE team_id = :team AND LOWER(service) = :name
            UNION ALL SELECT service FROM rollbacks WHERE team_id = :team AND LOWER(service) = :name
            UNION ALL SELECT service FROM alert_routes WHERE team_id = :team AND LOWER(service) = :name
            UNION ALL SELECT service FROM deployments WHERE team_id = :team AND LOWER(service) = :name
            UNION ALL SELECT service FROM alerts WHERE team_id = :team AND LOWER(service) = :name""";

    private KnownServices() {
    }

    /** The service as first written, if the word (case-insensitive) names one. */
    public static Optional<String> find(Handle h, String teamId, String word) {
        if (word == null || word.isBlank()) {
            return Optional.empty();
        }
        return h.createQuery(SEEN)
                .bind("team", teamId).bind("name", word.toLowerCase(Locale.ROOT))
                .mapTo(String.class).findFirst();
    }
}
