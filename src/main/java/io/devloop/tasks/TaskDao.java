package io.devloop.tasks;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sprint tasks, always within one team. */
@RegisterConstructorMapper(Task.class)
public interface TaskDao {

    @SqlUpdate("""
            INSERT INTO tasks (team_id, seq, channel_id, loop_id, title, tier, points, assignee_id, due_at, due_zone,
                               remind_before, steps, success_criteria, status, created_by, created_at, updated_at)
            VALUES (:teamId, :seq, :channelId, :loopId, :title, :tier, :points, :assigneeId, :dueAt, :dueZone,
                    :remindBefore, :steps, :successCriteria, 'open', :createdBy, :createdAt, :createdAt)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods Task task);

    @SqlQuery("SELECT * FROM tasks WHERE team_id = :teamId AND id = :id")
    Optional<Task> find(@Bind("teamId") String teamId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM tasks WHERE team_id = :teamId AND seq = :seq")
    Optional<Task> findBySeq(@Bind("teamId") String teamId, @Bind("seq") long seq);

    @SqlUpdate("""
            UPDATE tasks SET status = 'done', done_at = :now, done_by = :userId, updated_at = :now
            WHERE team_id = :teamId AND id = :id AND status = 'open'""")
    int complete(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("userId") String userId, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE tasks SET status = 'open', done_at = NULL, done_by = NULL, updated_at = :now
            WHERE team_id = :teamId AND id = :id AND status = 'done'""")
    int reopen(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE tasks SET due_at = :dueAt, updated_at = :now WHERE team_id = :teamId AND id = :id")
    int reschedule(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("dueAt") Instant dueAt, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE tasks SET loop_id = :loopId, title = :title, tier = :tier, points = :points, assignee_id = :assigneeId,
                   due_at = :dueAt, due_zone = :dueZone, remind_before = :remindBefore, steps = :steps,
                   success_criteria = :successCriteria, updated_at = :updatedAt
            WHERE team_id = :teamId AND id = :id""")
    int update(@BindMethods Task task);

    @SqlQuery("SELECT * FROM tasks WHERE team_id = :teamId AND channel_id = :channelId ORDER BY seq")
    List<Task> inChannel(@Bind("teamId") String teamId, @Bind("channelId") String channelId);

    @SqlQuery("SELECT * FROM tasks WHERE team_id = :teamId AND assignee_id = :userId ORDER BY seq")
    List<Task> assignedTo(@Bind("teamId") String teamId, @Bind("userId") String userId);

    @SqlQuery("SELECT * FROM tasks WHERE team_id = :teamId ORDER BY seq")
    List<Task> all(@Bind("teamId") String teamId);

    @SqlQuery("SELECT * FROM tasks WHERE team_id = :teamId AND loop_id = :loopId ORDER BY seq")
    List<Task> ofLoop(@Bind("teamId") String teamId, @Bind("loopId") long loopId);
}
