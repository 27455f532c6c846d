package io.devloop.tasks;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.Optional;

/** Loops' experiment contexts, always within one team. */
@RegisterConstructorMapper(Experiment.class)
public interface ExperimentDao {

    @SqlQuery("SELECT * FROM loop_experiments WHERE team_id = :teamId AND loop_id = :loopId")
    Optional<Experiment> find(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlUpdate("""
            UPDATE loop_experiments SET hypothesis = :hypothesis, primary_metric = :primaryMetric,
                   infrastructure = :infrastructure, rollback_criteria = :rollbackCriteria,
                   edited_by = :editedBy, edited_at = :editedAt
            WHERE team_id = :teamId AND loop_id = :loopId""")
    int update(@BindMethods Experiment e);

    @SqlUpdate("""
            INSERT INTO loop_experiments (team_id, loop_id, hypothesis, primary_metric, infrastructure, rollback_criteria,
                                          edited_by, edited_at)
            VALUES (:teamId, :loopId, :hypothesis, :primaryMetric, :infrastructure, :rollbackCriteria, :editedBy, :editedAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(@BindMethods Experiment e);

    /** Update, else insert, else (a concurrent first save won) update: the later save wins, portable to H2. */
    @Transaction
    default void upsert(Experiment e) {
        if (update(e) == 0 && insertIfAbsent(e) == 0) {
            update(e);
        }
    }
}
