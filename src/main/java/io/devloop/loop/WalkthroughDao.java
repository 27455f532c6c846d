package io.devloop.loop;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The walkthrough's tables: phases (with history), feedback loops, pipeline, metrics, DORA notes. Team-scoped. */
@RegisterConstructorMapper(PhaseAnswer.class)
@RegisterConstructorMapper(FeedbackLoop.class)
@RegisterConstructorMapper(Pipeline.class)
@RegisterConstructorMapper(PipelineStage.class)
@RegisterConstructorMapper(SuccessMetric.class)
@RegisterConstructorMapper(DoraNotes.class)
public interface WalkthroughDao {

    // ---- phases

    @SqlUpdate("""
            UPDATE loop_phases SET what_happens = :whatHappens, roles = :roles, owners = :owners, tools = :tools,
                   duration_text = :durationText, duration_minutes = :durationMinutes, deliverable = :deliverable,
                   automation = :automation, edited_by = :editedBy, edited_at = :editedAt
            WHERE team_id = :teamId AND loop_id = :loopId AND phase = :phase""")
    int updatePhase(@BindMethods PhaseAnswer a);

    @SqlUpdate("""
            INSERT INTO loop_phases (team_id, loop_id, phase, what_happens, roles, owners, tools, duration_text,
                                     duration_minutes, deliverable, automation, edited_by, edited_at)
            VALUES (:teamId, :loopId, :phase, :whatHappens, :roles, :owners, :tools, :durationText,
                    :durationMinutes, :deliverable, :automation, :editedBy, :editedAt)
            ON CONFLICT DO NOTHING""")
    int insertPhase(@BindMethods PhaseAnswer a);

    @SqlUpdate("""
            INSERT INTO loop_phase_history (team_id, loop_id, phase, what_happens, roles, owners, tools, duration_text,
                                            duration_minutes, deliverable, automation, edited_by, edited_at)
            VALUES (:teamId, :loopId, :phase, :whatHappens, :roles, :owners, :tools, :durationText,
                    :durationMinutes, :deliverable, :automation, :editedBy, :editedAt)""")
    void insertPhaseHistory(@BindMethods PhaseAnswer a);

    @SqlQuery("SELECT * FROM loop_phases WHERE team_id = :teamId AND loop_id = :loopId")
    List<PhaseAnswer> phases(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlQuery("SELECT * FROM loop_phases WHERE team_id = :teamId AND loop_id = :loopId AND phase = :phase")
    Optional<PhaseAnswer> phase(@Bind("teamId") String teamId, @Bind("loopId") long loopId, @Bind("phase") String phase);

    @SqlQuery("""
            SELECT team_id, loop_id, phase, what_happens, roles, owners, tools, duration_text, duration_minutes,
                   deliverable, automation, edited_by, edited_at
            FROM loop_phase_history WHERE team_id = :teamId AND loop_id = :loopId AND phase = :phase ORDER BY id""")
    List<PhaseAnswer> phaseHistory(@Bind("teamId") String teamId, @Bind("loopId") long loopId, @Bind("phase") String phase);

    // ---- feedback loops

    @SqlUpdate("""
            INSERT INTO loop_feedback (team_id, loop_id, from_phase, to_phase, information, channel, speed, example,
                                       edited_by, edited_at)
            VALUES (:teamId, :loopId, :fromPhase, :toPhase, :information, :channel, :speed, :example, :editedBy, :editedAt)""")
    @GetGeneratedKeys("id")
    long insertFeedback(@BindMethods FeedbackLoop f);

    @SqlUpdate("""
            UPDATE loop_feedback SET from_phase = :fromPhase, to_phase = :toPhase, information = :information,
                   channel = :channel, speed = :speed, example = :example, edited_by = :editedBy, edited_at = :editedAt
            WHERE team_id = :teamId AND loop_id = :loopId AND id = :id""")
    int updateFeedback(@BindMethods FeedbackLoop f);

    @SqlUpdate("DELETE FROM loop_feedback WHERE team_id = :teamId AND loop_id = :loopId AND id = :id")
    int deleteFeedback(@Bind("teamId") String teamId, @Bind("loopId") long loopId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM loop_feedback WHERE team_id = :teamId AND loop_id = :loopId ORDER BY id")
    List<FeedbackLoop> feedback(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlQuery("SELECT * FROM loop_feedback WHERE team_id = :teamId AND id = :id")
    Optional<FeedbackLoop> feedbackById(@Bind("teamId") String teamId, @Bind("id") long id);

    // ---- pipeline (replaced as a whole on every save)

    @SqlUpdate("DELETE FROM loop_pipelines WHERE team_id = :teamId AND loop_id = :loopId")
    void deletePipeline(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlUpdate("""
            INSERT INTO loop_pipelines (team_id, loop_id, trigger_text, notifications, verification, rollback_strategy,
                                        canary_percent, canary_watch_minutes, target_text, target_minutes, edited_by, edited_at)
            VALUES (:teamId, :loopId, :triggerText, :notifications, :verification, :rollbackStrategy, :canaryPercent,
                    :canaryWatchMinutes, :targetText, :targetMinutes, :editedBy, :editedAt)""")
    void insertPipeline(@BindMethods Pipeline p);

    @SqlUpdate("DELETE FROM loop_pipeline_stages WHERE team_id = :teamId AND loop_id = :loopId")
    void deleteStages(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlUpdate("""
            INSERT INTO loop_pipeline_stages (team_id, loop_id, position, name, what_runs, duration_text,
                                              duration_minutes, gate, on_failure)
            VALUES (:teamId, :loopId, :position, :name, :whatRuns, :durationText, :durationMinutes, :gate, :onFailure)""")
    void insertStage(@BindMethods PipelineStage s);

    @SqlQuery("SELECT * FROM loop_pipelines WHERE team_id = :teamId AND loop_id = :loopId")
    Optional<Pipeline> pipeline(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlQuery("SELECT * FROM loop_pipeline_stages WHERE team_id = :teamId AND loop_id = :loopId ORDER BY position")
    List<PipelineStage> stages(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    // ---- success metrics and DORA notes (replaced as a whole on every save)

    @SqlUpdate("DELETE FROM loop_metrics WHERE team_id = :teamId AND loop_id = :loopId")
    void deleteMetrics(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlUpdate("""
            INSERT INTO loop_metrics (team_id, loop_id, kind, position, name, target, measured_by, threshold_text,
                                      threshold_metric, threshold_comparator, threshold_value, threshold_unit)
            VALUES (:teamId, :loopId, :kind, :position, :name, :target, :measuredBy, :thresholdText,
                    :thresholdMetric, :thresholdComparator, :thresholdValue, :thresholdUnit)""")
    void insertMetric(@BindMethods SuccessMetric m);

    @SqlQuery("SELECT * FROM loop_metrics WHERE team_id = :teamId AND loop_id = :loopId ORDER BY kind DESC, position")
    List<SuccessMetric> metrics(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlUpdate("DELETE FROM loop_dora WHERE team_id = :teamId AND loop_id = :loopId")
    void deleteDora(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    @SqlUpdate("""
            INSERT INTO loop_dora (team_id, loop_id, lead_time, deployed_smoothly, notes, edited_by, edited_at)
            VALUES (:teamId, :loopId, :leadTime, :deployedSmoothly, :notes, :editedBy, :editedAt)""")
    void insertDora(@BindMethods DoraNotes d);

    @SqlQuery("SELECT * FROM loop_dora WHERE team_id = :teamId AND loop_id = :loopId")
    Optional<DoraNotes> dora(@Bind("teamId") String teamId, @Bind("loopId") long loopId);

    // ---- activity

    @SqlUpdate("UPDATE loops SET updated_at = :now WHERE team_id = :teamId AND id = :loopId")
    void touchLoop(@Bind("teamId") String teamId, @Bind("loopId") long loopId, @Bind("now") Instant now);
}
