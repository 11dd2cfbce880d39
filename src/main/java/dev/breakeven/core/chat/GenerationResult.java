package dev.breakeven.core.chat;

/** The whole answer, why it ended, and its final metrics. */
public record GenerationResult(String text, StopReason stopReason, MetricsSnapshot metrics) {
}
