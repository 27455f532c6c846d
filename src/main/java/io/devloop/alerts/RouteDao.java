package io.devloop.alerts;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** service → channel routes for alerts and deploy messages, within one team. */
@RegisterConstructorMapper(RouteDao.Route.class)
public interface RouteDao {
    record Route(String teamId, String service, String channelId, String setBy, Instant setAt) {
    }

    @SqlQuery("SELECT channel_id FROM alert_routes WHERE team_id = :teamId AND service = :service")
    Optional<String> channelOf(@Bind("teamId") String teamId, @Bind("service") String service);

    @SqlQuery("SELECT * FROM alert_routes WHERE team_id = :teamId ORDER BY service")
    List<Route> all(@Bind("teamId") String teamId);

    @SqlUpdate("""
            UPDATE alert_routes SET channel_id = :channelId, set_by = :setBy, set_at = :setAt
            WHERE team_id = :teamId AND service = :service""")
    int update(@BindMethods Route route);

    @SqlUpdate("""
            INSERT INTO alert_routes (team_id, service, channel_id, set_by, set_at)
            VALUES (:teamId, :service, :channelId, :setBy, :setAt) ON CONFLICT DO NOTHING""")
    int insertIfAbsent(@BindMethods Route route);

    /** The later command wins, portable to H2 (no ON CONFLICT … DO UPDATE). */
    @Transaction
    default void upsert(Route route) {
        if (update(route) == 0 && insertIfAbsent(route) == 0) {
            update(route);
        }
    }
}
