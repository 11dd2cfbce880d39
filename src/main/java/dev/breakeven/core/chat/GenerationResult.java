package dev.breakeven.core.chat;

/**
 * The whole answer, why it ended, and its final metrics. {@code note} says more for an answer that did not end
 * normally (e.g. "the engine stopped: GGML_ASSERT(…) failed"); empty otherwise.
 */
public record GenerationResult(String text, StopReason stopReason, MetricsSnapshot metrics, String note) {
    public GenerationResult {
        note = note == null ? "" : note;
    }

    public GenerationResult(String text, StopReason stopReason, MetricsSnapshot metrics) {
        this(text, stopReason, metrics, "");
    }
}
