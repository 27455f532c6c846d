package io.devloop.home;

import io.devloop.loop.Loop;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.Collection;
import java.util.List;

/** The home tab's reads that no domain DAO has: incidents near a person, and the loops they take part in. */
public interface HomeDao {
    @SqlQuery("""
        SELECT seq, title, severity, status, channel_id, commander_id, declared_at FROM incidents
        WHERE team_id = :team AND status <> 'resolved'
          AND (commander_id = :user OR channel_id IN (<channels>))
        ORDER BY severity, declared_at DESC
        LIMIT :limit""")
    @RegisterConstructorMapper(HomeIncident.class)
    List<HomeIncident> openIncidents(@Bind("team") String teamId, @Bind("user") String userId,
                                     @BindList(value = "channels", onEmpty = BindList.EmptyHandling.NULL_STRING) Collection<String> channels,
                                     @Bind("limit") int limit);

    /** Loops the person owns, or whose phases name them among the owners (a coarse match, checked by the caller). */
    @SqlQuery("""
        SELECT * FROM loops l WHERE l.team_id = :team
          AND (l.owner_id = :user OR EXISTS (SELECT 1 FROM loop_phases p
               WHERE p.team_id = l.team_id AND p.loop_id = l.id AND p.owners LIKE :pattern))
        ORDER BY l.updated_at DESC
        LIMIT :limit""")
    @RegisterConstructorMapper(Loop.class)
    List<Loop> loopsOf(@Bind("team") String teamId, @Bind("user") String userId, @Bind("pattern") String ownersPattern,
                       @Bind("limit") int limit);
}
