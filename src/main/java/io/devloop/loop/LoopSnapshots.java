package io.devloop.loop;

import org.jdbi.v3.core.Handle;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Reads a loop and everything it holds in one handle (inside the caller's transaction when there is one). */
public final class LoopSnapshots {
    private LoopSnapshots() {
    }

    public static Optional<LoopSnapshot> load(Handle h, String teamId, long loopId) {
        return h.attach(LoopDao.class).find(teamId, loopId).map(loop -> {
            WalkthroughDao dao = h.attach(WalkthroughDao.class);
            Map<Phase, PhaseAnswer> phases = new EnumMap<>(Phase.class);
            dao.phases(teamId, loopId).forEach(a -> phases.put(a.phaseValue(), a));
            return new LoopSnapshot(loop, phases, dao.feedback(teamId, loopId), dao.pipeline(teamId, loopId),
                    dao.stages(teamId, loopId), dao.metrics(teamId, loopId), dao.dora(teamId, loopId));
        });
    }

    /** A loop with nothing filled in yet. */
    public static LoopSnapshot empty(Loop loop) {
        return new LoopSnapshot(loop, new EnumMap<>(Phase.class), java.util.List.of(), Optional.empty(),
                java.util.List.of(), java.util.List.of(), Optional.empty());
    }
}
