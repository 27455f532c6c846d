package io.devloop.testing;

import io.devloop.config.Config;
import io.devloop.db.Database;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The two databases devloop supports, for tests that must pass on both. */
public enum TestDb {
    H2, POSTGRES;

    /** A fresh, migrated database (PostgreSQL: its own schema; skipped with a message if PG is unreachable). */
    public Database open() {
        return Database.open(config(Map.of()));
    }

    /** Settings for a fresh database of this kind, plus the given ones. */
    public Config config(Map<String, String> extra) {
        return Config.from(env(extra), List.of());
    }

    public Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        if (this == H2) {
            env.put("DEVLOOP_DB_URL", TestServer.freshH2Url());
        } else {
            env.put("DEVLOOP_DB_URL", Postgres.freshSchemaUrl());
            env.put("DEVLOOP_DB_USER", Postgres.USER);
        }
        return env;
    }
}
