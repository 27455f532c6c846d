package io.devloop.loop;

/**
 * What the feedback-loop form holds, before validation: phase keys ("monitor"), speed value ("minutes") and
 * trimmed texts, each null when left empty. Also what pre-fills the form (from an entry or a suggestion).
 */
public record FeedbackDraft(String fromPhase, String toPhase, String information, String channel, String speed,
                            String example) {

    public static FeedbackDraft empty() {
        return new FeedbackDraft(null, null, null, null, null, null);
    }

    public static FeedbackDraft of(FeedbackLoop f) {
        return new FeedbackDraft(f.fromPhase(), f.toPhase(), f.information(), f.channel(), f.speed(), f.example());
    }
}
